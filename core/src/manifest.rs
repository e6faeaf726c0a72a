//! Reading Kubernetes manifests (Secret, ConfigMap, kubeconfig): one JSON-or-YAML loader
//! and the field accessors the models share. Private to the crate; each model passes the
//! error constructor of its kind (`Error::InvalidSecret`, ...).
//!
//! Messages carry positions, never input text: a manifest may hold secrets.

use serde_json::{Map, Value};

use crate::bounded::{self, Document, ListDocument};
use crate::error::{Error, Result};
#[cfg(feature = "yaml")]
use crate::limits::{
    MAX_LIST_BYTES, MAX_LIST_ITEMS, MAX_NESTING, MAX_YAML_ALIASES, MAX_YAML_EVENTS,
};

/// Builds the error of the caller's kind of manifest.
pub(crate) type MakeError = fn(String) -> Error;

#[cfg(feature = "yaml")]
fn yaml_options() -> serde_saphyr::Options {
    let mut o = serde_saphyr::Options::default();
    // Our messages carry only line/column; snippets would quote the input (secrets).
    o.with_snippet = false;
    // kubectl never writes anchors or aliases: refuse them before anything is replayed
    // (billion laughs, one anchor × many aliases). Events are capped for the largest
    // list; nodes per value are capped by `bounded` as values are built.
    let mut b = serde_saphyr::Budget::default();
    b.max_aliases = MAX_YAML_ALIASES;
    b.max_anchors = MAX_YAML_ALIASES;
    b.max_events = MAX_YAML_EVENTS;
    b.max_nodes = MAX_YAML_EVENTS;
    b.max_total_scalar_bytes = MAX_LIST_BYTES;
    b.max_documents = MAX_LIST_ITEMS;
    // Our own nesting cap (`bounded`) refuses level MAX_NESTING + 1 as it is built; the
    // parser's (64 by default) only backs it up.
    b.max_depth = MAX_NESTING + 1;
    o.budget = Some(b);
    o
}

/// How many plain scalars that overflow a float (`1e999`) one YAML text may hold; each
/// costs one more read of the text.
#[cfg(feature = "yaml")]
const MAX_YAML_OVERFLOWING_NUMBERS: usize = 8;

/// `read(text)` after [`crate::go::yaml_resolve::go_scalars`] (which walks at most
/// `max_events` events: beyond them the reader refuses the text anyway), where a plain
/// scalar that is a number too large for a float (`1e999`,
/// `01e310`) is a string, as in go-yaml (whose `ParseFloat` fails on it, so the scalar
/// resolves to `!!str`; kubeadm prints a token ID such as `01e310` unquoted).
/// serde-saphyr refuses such a scalar as a non-finite float; it is quoted in a copy of
/// the text and the text read again, up to [`MAX_YAML_OVERFLOWING_NUMBERS`] times (one
/// more is `input_too_large`).
/// `.inf` and `.nan` stay refused: go-yaml reads them as floats, which JSON cannot hold.
#[cfg(feature = "yaml")]
fn read_yaml<T>(
    text: &str,
    max_events: usize,
    read: impl Fn(&str) -> std::result::Result<T, serde_saphyr::Error>,
) -> std::result::Result<T, serde_saphyr::Error> {
    let mut quoted = crate::go::yaml_resolve::go_scalars(text, max_events);
    let mut n = 0;
    loop {
        let e = match read(&quoted) {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let mut inner = &e;
        while let serde_saphyr::Error::WithSnippet { error, .. } = inner {
            inner = error;
        }
        let serde_saphyr::Error::NonFiniteFloat { value, location } = inner else {
            return Err(e);
        };
        let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
        let at = location
            .span()
            .byte_offset()
            .and_then(|o| usize::try_from(o).ok());
        let (Some(at), true) = (at, digits.starts_with(|c: char| c.is_ascii_digit())) else {
            return Err(e);
        };
        if n == MAX_YAML_OVERFLOWING_NUMBERS {
            return Err(bounded::cap_error("numbers", MAX_YAML_OVERFLOWING_NUMBERS));
        }
        let end = at.saturating_add(value.len());
        if quoted.get(at..end) != Some(value.as_str()) {
            return Err(e);
        }
        let mut next = String::with_capacity(quoted.len() + 2);
        next.push_str(quoted.get(..at).unwrap_or_default());
        next.push('\'');
        next.push_str(value);
        next.push('\'');
        next.push_str(quoted.get(end..).unwrap_or_default());
        quoted = std::borrow::Cow::Owned(next);
        n += 1;
    }
}

/// The text without a leading BOM and blanks.
fn trim_lead(text: &str) -> &str {
    text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
}

fn json_error(what: &str, e: &serde_json::Error, mk: MakeError) -> Error {
    mk(format!(
        "{what} is not valid JSON (line {}, column {})",
        e.line(),
        e.column()
    ))
}

#[cfg(feature = "yaml")]
fn yaml_error(what: &str, e: &serde_saphyr::Error, mk: MakeError) -> Error {
    if let Some(cap) = yaml_cap(e) {
        return cap;
    }
    // Never include saphyr's message: it can quote the offending input.
    match e.location() {
        Some(l) => mk(format!(
            "{what} is not valid YAML (line {}, column {})",
            l.line(),
            l.column()
        )),
        None => mk(format!("{what} is not valid YAML")),
    }
}

#[cfg(feature = "yaml")]
/// The cap a YAML error stands for: a budget breach (aliases, anchors, events) or one of
/// ours ([`bounded::too_large`]).
fn yaml_cap(e: &serde_saphyr::Error) -> Option<Error> {
    let mut inner = e;
    while let serde_saphyr::Error::WithSnippet { error, .. }
    | serde_saphyr::Error::AliasError { error, .. } = inner
    {
        inner = error;
    }
    if let serde_saphyr::Error::Budget { breach, .. } = inner {
        use serde_saphyr::budget::BudgetBreach as B;
        return Some(match breach {
            B::Aliases { .. } | B::Anchors { .. } => Error::InputTooLarge {
                what: "YAML anchors and aliases (count)",
                limit: MAX_YAML_ALIASES,
            },
            B::Depth { .. } => Error::InputTooLarge {
                what: crate::limits::NESTING,
                limit: MAX_NESTING,
            },
            _ => Error::InputTooLarge {
                what: "YAML document (event count)",
                limit: MAX_YAML_EVENTS,
            },
        });
    }
    // Our caps travel as a custom message, read from the variant rather than through
    // `Display` (which renders snippets; serde-saphyr still links that renderer itself,
    // from its alias-location handling, so this saves no bytes today).
    match inner {
        serde_saphyr::Error::Message { msg, .. } => bounded::too_large(msg),
        _ => None,
    }
}

/// One JSON or YAML document → a JSON value. Blank input is `Value::Null`.
///
/// Text whose first non-blank character (after an optional BOM) is `{` or `[` is read
/// as JSON (Go's `encoding/json` rules: duplicate keys, last wins); if that fails it is
/// read as YAML (flow mappings also start with `{`), and when both fail the JSON error
/// is reported. Anything else is one YAML document (duplicate keys rejected). The
/// caller checks the size first ([`crate::error::check_size`]).
pub(crate) fn parse_document(what: &str, text: &str, mk: MakeError) -> Result<Value> {
    bounded::with_node_cap(text.len(), || parse_document_capped(what, text, mk))
}

fn parse_document_capped(what: &str, text: &str, mk: MakeError) -> Result<Value> {
    let trimmed = trim_lead(text);
    if trimmed.is_empty() {
        return Ok(Value::Null);
    }
    let json_err = if trimmed.starts_with(['{', '[']) {
        match serde_json::from_str::<Document>(trimmed) {
            Ok(v) => return Ok(v.0),
            Err(e) => match bounded::too_large(&e.to_string()) {
                Some(cap) => return Err(cap),
                None => Some(json_error(what, &e, mk)),
            },
        }
    } else {
        None
    };
    #[cfg(feature = "yaml")]
    {
        // A document within the node cap has at most 2 events per node (a collection's
        // start and end) and 4 more (stream and document).
        let max_events = bounded::node_cap_now().saturating_mul(2).saturating_add(4);
        read_yaml(text, max_events, |t| {
            serde_saphyr::from_str_with_options::<Document>(t, yaml_options())
        })
        .map(|d| d.0)
        .map_err(|e| match (json_err, yaml_cap(&e)) {
            (_, Some(cap)) => cap,
            (Some(j), None) => j,
            (None, None) => yaml_error(what, &e, mk),
        })
    }
    #[cfg(not(feature = "yaml"))]
    Err(yaml_unsupported(what, json_err.as_ref()))
}

/// Without the `yaml` feature: the error for text that only a YAML reader could settle
/// (not JSON, or JSON that does not parse, which YAML might still read). Never a
/// different answer than the full build: `Error::Unsupported`, naming the JSON error if
/// any and where YAML input is.
#[cfg(not(feature = "yaml"))]
fn yaml_unsupported(what: &str, json_err: Option<&Error>) -> Error {
    let why = json_err.map_or_else(|| format!("{what} is not JSON"), Error::message);
    Error::Unsupported(format!(
        "{why}; YAML input needs the full build \
         (npm: import from \"kubetoken/full\"; Rust: the \"yaml\" feature)"
    ))
}

/// JSON (one document), or a YAML stream of one or more documents (`---`), each read as
/// a Secret list with its items decoded as they are read ([`ListDocument`]); empty YAML
/// documents are dropped. No document at all is an error ("`what` is empty").
pub(crate) fn parse_list_documents(
    what: &str,
    text: &str,
    mk: MakeError,
) -> Result<Vec<ListDocument>> {
    let trimmed = trim_lead(text);
    if trimmed.starts_with(['{', '[']) {
        return match serde_json::from_str::<ListDocument>(trimmed) {
            Ok(v) => Ok(vec![v]),
            Err(e) => {
                if let Some(cap) = bounded::too_large(&e.to_string()) {
                    return Err(cap);
                }
                #[cfg(feature = "yaml")]
                return read_yaml(text, MAX_YAML_EVENTS, |t| {
                    serde_saphyr::from_multiple_with_options::<ListDocument>(t, yaml_options())
                })
                .map_err(|y| yaml_cap(&y).unwrap_or_else(|| json_error(what, &e, mk)));
                #[cfg(not(feature = "yaml"))]
                Err(yaml_unsupported(what, Some(&json_error(what, &e, mk))))
            }
        };
    }
    #[cfg(not(feature = "yaml"))]
    if !trimmed.is_empty() {
        return Err(yaml_unsupported(what, None));
    }
    #[cfg(feature = "yaml")]
    let docs = read_yaml(text, MAX_YAML_EVENTS, |t| {
        serde_saphyr::from_multiple_with_options::<ListDocument>(t, yaml_options())
    })
    .map_err(|e| yaml_error(what, &e, mk))?;
    #[cfg(not(feature = "yaml"))]
    let docs: Vec<ListDocument> = Vec::new();
    let docs: Vec<ListDocument> = docs
        .into_iter()
        .filter(|d| !matches!(d.rest, Err("null")))
        .collect();
    if docs.is_empty() {
        return Err(mk(format!("{what} is empty")));
    }
    Ok(docs)
}

/// The text of a manifest given as bytes: UTF-8 or `mk("<what> is not UTF-8 text
/// (invalid byte at offset N)")`. The input is never quoted. Call after the size check.
pub(crate) fn utf8<'a>(what: &str, input: &'a [u8], mk: MakeError) -> Result<&'a str> {
    std::str::from_utf8(input).map_err(|e| {
        mk(format!(
            "{what} is not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })
}

/// "a string", "an object", ... for messages.
pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A field name or other caller's value for a message ([`crate::redact::describe_untrusted`]).
pub(crate) fn show(s: &str) -> String {
    crate::redact::describe_untrusted(s)
}

/// An optional string member: absent or `null` → `None`, string → `Some`, anything else
/// → `mk("<ctx>.<key> must be a string, not <kind>")` (`ctx` "" for top-level fields).
pub(crate) fn opt_str<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    ctx: &str,
    mk: MakeError,
) -> Result<Option<&'a str>> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => {
            let path = if ctx.is_empty() {
                key.to_owned()
            } else {
                format!("{ctx}.{key}")
            };
            Err(mk(format!(
                "{path} must be a string, not {}",
                kind_of(other)
            )))
        }
    }
}

/// [`opt_str`] with Go's zero value: absent or `null` → "".
pub(crate) fn string_field(
    obj: &Map<String, Value>,
    key: &str,
    ctx: &str,
    mk: MakeError,
) -> Result<String> {
    Ok(opt_str(obj, key, ctx, mk)?.unwrap_or_default().to_owned())
}

/// `kind` and `apiVersion`: each may be absent (or `null`); else `kind` must be `kind`
/// and `apiVersion` must be `v1` (every manifest here is core/v1 or a v1 Config).
pub(crate) fn check_type_meta(root: &Map<String, Value>, kind: &str, mk: MakeError) -> Result<()> {
    if let Some(k) = opt_str(root, "kind", "", mk)?
        && k != kind
    {
        return Err(mk(format!("kind is {}, expected \"{kind}\"", show(k))));
    }
    if let Some(api) = opt_str(root, "apiVersion", "", mk)?
        && api != "v1"
    {
        return Err(mk(format!(
            "apiVersion is {}, expected \"v1\" (a {kind} is v1)",
            show(api)
        )));
    }
    Ok(())
}

#[cfg(all(test, not(feature = "yaml")))]
mod lean_tests {
    use super::*;

    #[test]
    fn without_yaml_json_reads_and_the_rest_is_unsupported() {
        let mk: MakeError = Error::InvalidSecret;
        assert_eq!(parse_document("x", " \n", mk).unwrap(), Value::Null);
        assert_eq!(
            parse_document("x", r#"{"a": 1, "a": 2}"#, mk).unwrap()["a"],
            2
        );
        for text in ["{a: b}", "a: 1\n", "{\"k\": \"s3cr3t\" x}"] {
            let e = parse_document("thing", text, mk).unwrap_err();
            assert_eq!(e.code(), "unsupported", "{text:?}");
            assert!(e.to_string().contains("kubetoken/full"), "{e}");
            assert!(!e.to_string().contains("s3cr3t"));
        }
        let e = parse_list_documents("x", "a: 1\n---\nb: 2\n", mk).err();
        assert_eq!(e.map(|e| e.code()), Some("unsupported"));
        assert!(parse_list_documents("x", r#"{"items": []}"#, mk).is_ok());
    }
}

#[cfg(all(test, feature = "yaml"))]
mod tests {
    use super::*;

    /// go-yaml resolves a plain number too large for a float to a string (`ParseFloat`
    /// fails), so kubeadm prints a token ID `01e310` unquoted; `.inf` is a float there,
    /// which JSON cannot hold.
    #[cfg(feature = "yaml")]
    #[test]
    fn overflowing_numbers_are_strings() {
        let mk: MakeError = Error::InvalidSecret;
        let v = parse_document(
            "x",
            "a: 01e310\nb: [-1e400, 1e5]\n1e999: {c: +9e9999}\n",
            mk,
        )
        .unwrap();
        assert_eq!(v["a"], "01e310");
        assert_eq!(v["b"][0], "-1e400");
        assert_eq!(v["b"][1], 100000.0);
        assert_eq!(v["1e999"]["c"], "+9e9999");
        let docs = parse_list_documents("x", "items: [{a: 1e309}]\n---\nkind: List\n", mk).unwrap();
        assert_eq!(docs.len(), 2);
        for refused in ["a: .inf\n", "a: -.Inf\n", "a: .nan\n"] {
            assert!(parse_document("x", refused, mk).is_err(), "{refused:?}");
        }
        // At most MAX_YAML_OVERFLOWING_NUMBERS of them (each is one more read).
        let many = |n: usize| (0..n).map(|i| format!("k{i}: 1e999\n")).collect::<String>();
        assert!(parse_document("x", &many(MAX_YAML_OVERFLOWING_NUMBERS), mk).is_ok());
        let e = parse_document("x", &many(MAX_YAML_OVERFLOWING_NUMBERS + 1), mk).unwrap_err();
        assert_eq!(e.code(), "input_too_large", "{e}");
        let list = format!(
            "items:\n{}",
            many(MAX_YAML_OVERFLOWING_NUMBERS + 1).replace('k', "- k")
        );
        let e = parse_list_documents("x", &list, mk)
            .map(|_| ())
            .unwrap_err();
        assert_eq!(e.code(), "input_too_large", "{e}");
    }

    /// Plain scalars resolve as in go-yaml (`go::yaml_resolve`): booleans only in three
    /// casings, underscores dropped from numbers.
    #[test]
    fn scalars_are_go_yamls() {
        let mk: MakeError = Error::InvalidSecret;
        let text = "a: truE\nb: [yEs, 'oN', \"nO\", OfF, x truE]\ntRUE: FaLsE\nc: !!str yeS\n\
                    d: [true, True, TRUE, yes, Yes, YES, on, ON, n, Y, off, No]\n";
        let v = parse_document("x", text, mk).unwrap();
        assert_eq!(v["a"], "truE");
        assert_eq!(
            v["b"],
            serde_json::json!(["yEs", "oN", "nO", "OfF", "x truE"])
        );
        assert_eq!(v["tRUE"], "FaLsE");
        assert_eq!(v["c"], "yeS");
        let d = v["d"].as_array().unwrap();
        assert!(d.iter().all(Value::is_boolean), "{d:?}");
        let docs = parse_list_documents("x", "items: [{a: yES}]\n---\nkind: List\n", mk).unwrap();
        assert_eq!(docs.len(), 2);
        let v = parse_document("x", "a: 1__0\nb: [0x_1, '1_', _1, 1_e1, x_1]\n", mk).unwrap();
        assert_eq!(v["a"], 10);
        assert_eq!(v["b"], serde_json::json!([1, "1_", "_1", 10.0, "x_1"]));
        // Text the event parser refuses stays the reader's to report.
        assert!(parse_document("x", "a: [truE\n", mk).is_err());
    }

    #[test]
    fn loader_rules() {
        let mk: MakeError = Error::InvalidSecret;
        for blank in ["", " \n", "\u{feff}\n"] {
            assert_eq!(parse_document("x", blank, mk).unwrap(), Value::Null);
        }
        // JSON: duplicate keys, last wins; also behind a BOM.
        for text in [r#"{"a": 1, "a": 2}"#, "\u{feff}{\"a\": 1, \"a\": 2}"] {
            assert_eq!(parse_document("x", text, mk).unwrap()["a"], 2, "{text:?}");
        }
        // YAML flow mapping that is not JSON.
        assert_eq!(parse_document("x", "{a: b}", mk).unwrap()["a"], "b");
        // YAML: duplicate keys rejected.
        assert!(parse_document("x", "a: 1\na: 2\n", mk).is_err());
        // Neither: the JSON error (with a position), never the input.
        let e = parse_document("thing", "{\"k\": \"s3cr3t\" x}", mk).unwrap_err();
        assert_eq!(e.code(), "invalid_secret");
        assert!(e.to_string().starts_with("thing is not valid JSON"), "{e}");
        assert!(!e.to_string().contains("s3cr3t"));
        let e = parse_document("thing", "a: [s3cr3t\n", mk).unwrap_err();
        assert!(e.to_string().starts_with("thing is not valid YAML"), "{e}");
        assert!(!e.to_string().contains("s3cr3t"));
        // Streams.
        assert_eq!(
            parse_list_documents("x", "a: 1\n---\n---\nb: 2\n", mk)
                .unwrap()
                .len(),
            2
        );
        assert!(parse_list_documents("x", "", mk).is_err());
        let docs = parse_list_documents("x", "[1]", mk).unwrap();
        assert!(matches!(docs.as_slice(), [d] if d.rest == Err("an array")));
        assert_eq!(parse_document("x", "[1]", mk).unwrap(), json_1());
    }

    fn json_1() -> Value {
        serde_json::json!([1])
    }

    #[test]
    fn type_meta() {
        let mk: MakeError = Error::InvalidConfigMap;
        let obj = |v: Value| v.as_object().cloned().unwrap();
        let ok = serde_json::json!({"kind": "ConfigMap", "apiVersion": "v1"});
        check_type_meta(&obj(ok), "ConfigMap", mk).unwrap();
        check_type_meta(&obj(serde_json::json!({"kind": null})), "ConfigMap", mk).unwrap();
        for bad in [
            serde_json::json!({"kind": "Secret"}),
            serde_json::json!({"kind": 1}),
            serde_json::json!({"apiVersion": "v2"}),
        ] {
            let e = check_type_meta(&obj(bad), "ConfigMap", mk).unwrap_err();
            assert_eq!(e.code(), "invalid_configmap");
        }
    }
}
