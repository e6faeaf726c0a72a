//! `token list` and `token delete` as the CLIs do them, without the cluster:
//! kubeadm (text/JSON/YAML), karmadactl (kubectl table), k3s and rke2 (text/JSON/YAML).
//!
//! Upstream: KK `cmd/kubeadm/app/cmd/token.go` (`RunListTokens`, `tokenTextPrinter`,
//! `RunDeleteTokens`), kubectl `printers.JSONPrinter`/`YAMLPrinter`/`TablePrinter`,
//! KM `pkg/karmadactl/token/token.go`, k3s `pkg/cli/token/token.go`.
//!
//! Which Secrets are listed: like upstream's field selector
//! `type=bootstrap.kubernetes.io/token` in `kube-system`, Secrets of another type or in
//! another namespace are skipped silently (an empty namespace counts as `kube-system`).
//! Each remaining Secret is decoded with [`TokenSpec::from_secret`]
//! (`BootstrapTokenFromSecret`); a Secret that fails to decode is reported in
//! [`Listing::errors`] (messages never contain a token secret) and skipped, the rest
//! still lists.
//!
//! Deliberate differences from upstream (all in the k3s/rke2 flavour unless noted):
//! * k3s prints a bad Secret's error to stdout without a newline and then panics in text
//!   mode (or writes `null` in JSON); we skip it and report it in `errors`.
//! * k3s JSON prints `"token":{}` (its copied `BootstrapTokenString` has only `json:"-"`
//!   fields); we print `"token":{"id":"<id>"}` — the same object shape, with the ID
//!   the text output shows, never the secret.
//! * k3s YAML (yaml.v2 of Go structs) prints the token secret; our k3s YAML is a YAML
//!   sequence of the JSON objects above (same keys, same order).
//! * YAML scalars (kubeadm and k3s): plain, single- or double-quoted following yaml.v2's
//!   rules for ordinary values; we never fold long lines at 80 columns and we write
//!   multi-line strings double-quoted (yaml.v2 would fold / use `|-`). The value read
//!   back is always the same.
//! * karmadactl has no `-o`: json/yaml with the karmada flavour is `unsupported`.

pub mod tabwriter;

use std::fmt;

use crate::duration::Duration;
use crate::error::{Error, Result};
use crate::gofmt::quote;
use crate::secret::{SECRET_TYPE, Secret};
use crate::spec::{Flavour, TokenSpec};
use crate::time::Timestamp;
use crate::token::{self, TOKEN_ID_PATTERN, TOKEN_PATTERN};
use tabwriter::TabWriter;

/// `-o` of `token list`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ListFormat {
    /// The table (default).
    #[default]
    Text,
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

impl ListFormat {
    /// `text`, `json` or `yaml`; anything else is `invalid_options`
    /// (`invalid output format: <v>`, k3s's wording).
    pub fn parse(s: &str) -> Result<ListFormat> {
        match s {
            "text" => Ok(ListFormat::Text),
            "json" => Ok(ListFormat::Json),
            "yaml" => Ok(ListFormat::Yaml),
            other => Err(Error::InvalidOptions(format!(
                "invalid output format: {}",
                describe_arg(other)
            ))),
        }
    }

    /// `text`, `json`, `yaml`.
    pub fn name(self) -> &'static str {
        match self {
            ListFormat::Text => "text",
            ListFormat::Json => "json",
            ListFormat::Yaml => "yaml",
        }
    }
}

/// What `token list` printed, and the Secrets it could not decode. `Debug` shows the
/// size of `output`, not its text (it holds full tokens).
#[derive(Clone, PartialEq, Eq)]
pub struct Listing {
    /// stdout, byte-identical with the CLI (for kubeadm/karmada this contains the full
    /// tokens, as the CLIs print them).
    pub output: String,
    /// One error per skipped Secret, in input order.
    pub errors: Vec<Error>,
}

impl fmt::Debug for Listing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Listing")
            .field("output", &format_args!("<{} bytes>", self.output.len()))
            .field("errors", &self.errors)
            .finish()
    }
}

/// The decoded tokens of `secrets` (after the type/namespace filter), plus the errors of
/// those that could not be decoded. Items that are already errors (e.g. a manifest that
/// failed to parse) are passed through into the errors.
pub fn decode_tokens(secrets: &[Result<Secret>]) -> (Vec<TokenSpec>, Vec<Error>) {
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    for item in secrets {
        match item {
            Err(e) => errors.push(e.clone()),
            Ok(s) => {
                if s.type_ != SECRET_TYPE || !crate::authn::in_kube_system(s) {
                    continue;
                }
                match TokenSpec::from_secret(s) {
                    Ok(t) => tokens.push(t),
                    Err(e) => errors.push(e),
                }
            }
        }
    }
    (tokens, errors)
}

/// `token list` over `secrets` at `now`, for `flavour`, in `format`.
pub fn list_tokens(
    secrets: &[Secret],
    now: Timestamp,
    format: ListFormat,
    flavour: Flavour,
) -> Result<Listing> {
    let items: Vec<Result<Secret>> = secrets.iter().cloned().map(Ok).collect();
    list_token_results(&items, now, format, flavour)
}

/// [`list_tokens`] over items that may already be errors (manifests that failed to
/// parse, as [`crate::secret::parse_secret_list`] returns them); those errors are
/// reported in [`Listing::errors`] in input order.
pub fn list_token_results(
    secrets: &[Result<Secret>],
    now: Timestamp,
    format: ListFormat,
    flavour: Flavour,
) -> Result<Listing> {
    let (tokens, errors) = decode_tokens(secrets);
    let output = render(&tokens, now, format, flavour)?;
    Ok(Listing { output, errors })
}

/// Renders already-decoded tokens exactly as `flavour`'s `token list -o format` does
/// (this is upstream's printer alone: usages are printed in the order given).
/// karmadactl has text output only: json/yaml with [`Flavour::Karmada`] is `unsupported`.
pub fn render(
    tokens: &[TokenSpec],
    now: Timestamp,
    format: ListFormat,
    flavour: Flavour,
) -> Result<String> {
    if flavour == Flavour::Karmada && format != ListFormat::Text {
        return Err(Error::Unsupported(format!(
            "karmadactl token list has no {} output",
            format.name()
        )));
    }
    Ok(match (flavour, format) {
        (Flavour::Kubeadm, ListFormat::Text) => kubeadm_text(tokens, now),
        (Flavour::Kubeadm, ListFormat::Json) => kubeadm_json(tokens),
        (Flavour::Kubeadm, ListFormat::Yaml) => kubeadm_yaml(tokens),
        (Flavour::Karmada, _) => karmada_table(tokens, now),
        (Flavour::K3s | Flavour::Rke2, ListFormat::Text) => k3s_text(tokens, now),
        (Flavour::K3s | Flavour::Rke2, ListFormat::Json) => k3s_json(tokens),
        (Flavour::K3s | Flavour::Rke2, ListFormat::Yaml) => k3s_yaml(tokens),
    })
}

const HEADER: [&str; 6] = [
    "TOKEN",
    "TTL",
    "EXPIRES",
    "USAGES",
    "DESCRIPTION",
    "EXTRA GROUPS",
];

/// The six cells of a row, without pre-padding.
struct Cells {
    ttl: String,
    expires: String,
    usages: String,
    description: String,
    groups: String,
}

fn or_none(s: String) -> String {
    if s.is_empty() { "<none>".to_owned() } else { s }
}

fn cells(t: &TokenSpec, now: Timestamp) -> Cells {
    let (ttl, expires) = match t.expires {
        None => ("<forever>".to_owned(), "<never>".to_owned()),
        Some(e) => ((e - now).short_human(), e.to_rfc3339()),
    };
    Cells {
        ttl,
        expires,
        usages: or_none(t.usages.join(",")),
        description: or_none(t.description.clone()),
        groups: or_none(t.groups.join(",")),
    }
}

/// Go `fmt.Sprintf("%-Ns", s)`: pads with spaces to `n` runes.
fn pad(s: &str, n: usize) -> String {
    format!("{s:<n$}")
}

/// kubeadm: one tabwriter per token, the header only before the first, `%-9s`,
/// `%-22s`, `%-56s` pre-padding of TTL, USAGES and DESCRIPTION.
fn kubeadm_text(tokens: &[TokenSpec], now: Timestamp) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        let mut block = String::new();
        if i == 0 {
            block.push_str(&HEADER.join("\t"));
            block.push('\n');
        }
        let c = cells(t, now);
        let full = t.token.expose();
        block.push_str(&format!(
            "{full}\t{}\t{}\t{}\t{}\t{}\n",
            pad(&c.ttl, 9),
            c.expires,
            pad(&c.usages, 22),
            pad(&c.description, 56),
            c.groups
        ));
        out.push_str(&TabWriter::KUBEADM.render(&block));
    }
    out
}

/// kubectl's `printRows` cell treatment: cut at the first `\f`, `\n` or `\r` (then
/// append `...`), and `WriteEscaped` (ESC → `^[`, CR → `\r`).
fn table_cell(s: &str) -> String {
    let (cut, truncated) = match s.find(['\u{c}', '\n', '\r']) {
        Some(i) => (s.get(..i).unwrap_or(""), true),
        None => (s, false),
    };
    let mut out = cut.replace('\x1b', "^[").replace('\r', "\\r");
    if truncated {
        out.push_str("...");
    }
    out
}

/// karmadactl: one kubectl table for all rows, no pre-padding, nothing for zero rows.
fn karmada_table(tokens: &[TokenSpec], now: Timestamp) -> String {
    if tokens.is_empty() {
        return String::new();
    }
    let mut text = HEADER.join("\t");
    text.push('\n');
    for t in tokens {
        let c = cells(t, now);
        let row = [
            t.token.expose(),
            c.ttl,
            c.expires,
            c.usages,
            c.description,
            c.groups,
        ];
        let row: Vec<String> = row.iter().map(|s| table_cell(s)).collect();
        text.push_str(&row.join("\t"));
        text.push('\n');
    }
    TabWriter::KUBECTL.render(&text)
}

/// k3s/rke2: one tabwriter, the header always, TOKEN is the ID only.
fn k3s_text(tokens: &[TokenSpec], now: Timestamp) -> String {
    let mut text = HEADER.join("\t");
    text.push('\n');
    for t in tokens {
        let c = cells(t, now);
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\n",
            t.token.id(),
            c.ttl,
            c.expires,
            c.usages,
            c.description,
            c.groups
        ));
    }
    TabWriter::KUBEADM.render(&text)
}

/// A JSON string literal as Go's `encoding/json` writes it (HTML-safe: `<`, `>`, `&`,
/// U+2028 and U+2029 escaped).
fn go_json_string(s: &str) -> String {
    let lit = serde_json::Value::String(s.to_owned()).to_string();
    let mut out = String::with_capacity(lit.len());
    for c in lit.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// A JSON value limited to what the list outputs need, printed Go-style.
enum J {
    Str(String),
    List(Vec<String>),
    Obj(Vec<(&'static str, J)>),
}

impl J {
    /// `json.MarshalIndent(v, "", indent)` (`indent` = None: compact `json.Marshal`).
    fn write(&self, out: &mut String, indent: Option<&str>, depth: usize) {
        let nl = |out: &mut String, d: usize| {
            if let Some(ind) = indent {
                out.push('\n');
                for _ in 0..d {
                    out.push_str(ind);
                }
            }
        };
        match self {
            J::Str(s) => out.push_str(&go_json_string(s)),
            J::List(items) => {
                if items.is_empty() {
                    out.push_str("[]");
                    return;
                }
                out.push('[');
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    nl(out, depth + 1);
                    out.push_str(&go_json_string(it));
                }
                nl(out, depth);
                out.push(']');
            }
            J::Obj(fields) => {
                if fields.is_empty() {
                    out.push_str("{}");
                    return;
                }
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    nl(out, depth + 1);
                    out.push_str(&go_json_string(k));
                    out.push(':');
                    if indent.is_some() {
                        out.push(' ');
                    }
                    v.write(out, indent, depth + 1);
                }
                nl(out, depth);
                out.push('}');
            }
        }
    }
}

/// The output `BootstrapToken` object (`output.kubeadm.k8s.io/v1alpha3`), JSON key order:
/// kind, apiVersion, token, description?, expires?, usages?, groups? (TTL is never set
/// by `BootstrapTokenFromSecret`; `expires` is written in UTC like `metav1.Time`).
fn kubeadm_object(t: &TokenSpec) -> Vec<(&'static str, J)> {
    let mut f = vec![
        ("kind", J::Str("BootstrapToken".into())),
        (
            "apiVersion",
            J::Str("output.kubeadm.k8s.io/v1alpha3".into()),
        ),
        ("token", J::Str(t.token.expose())),
    ];
    common_fields(t, &mut f);
    f
}

fn common_fields(t: &TokenSpec, f: &mut Vec<(&'static str, J)>) {
    if !t.description.is_empty() {
        f.push(("description", J::Str(t.description.clone())));
    }
    if let Some(ttl) = t.ttl {
        f.push(("ttl", J::Str(ttl.to_go_string())));
    }
    if let Some(e) = t.expires {
        f.push(("expires", J::Str(e.to_rfc3339_utc())));
    }
    if !t.usages.is_empty() {
        f.push(("usages", J::List(t.usages.clone())));
    }
    if !t.groups.is_empty() {
        f.push(("groups", J::List(t.groups.clone())));
    }
}

/// kubeadm `-o json`: one 4-space-indented document per token, each followed by `\n`.
fn kubeadm_json(tokens: &[TokenSpec]) -> String {
    let mut out = String::new();
    for t in tokens {
        J::Obj(kubeadm_object(t)).write(&mut out, Some("    "), 0);
        out.push('\n');
    }
    out
}

/// kubeadm `-o yaml`: one document per token (keys sorted), `---` between documents.
fn kubeadm_yaml(tokens: &[TokenSpec]) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        let mut fields = kubeadm_object(t);
        fields.sort_by(|a, b| a.0.cmp(b.0));
        yaml_mapping(&mut out, &fields, "");
    }
    out
}

fn k3s_object(t: &TokenSpec) -> Vec<(&'static str, J)> {
    let mut f = vec![(
        "token",
        J::Obj(vec![("id", J::Str(t.token.id().to_owned()))]),
    )];
    common_fields(t, &mut f);
    f
}

/// k3s `-o json`: one compact array on one line, then `\n`.
fn k3s_json(tokens: &[TokenSpec]) -> String {
    let mut out = String::from("[");
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        J::Obj(k3s_object(t)).write(&mut out, None, 0);
    }
    out.push_str("]\n");
    out
}

/// k3s `-o yaml` (ours, see the module docs): a sequence of the JSON objects.
fn k3s_yaml(tokens: &[TokenSpec]) -> String {
    if tokens.is_empty() {
        return "[]\n".to_owned();
    }
    let mut out = String::new();
    for t in tokens {
        let mut item = String::new();
        yaml_mapping(&mut item, &k3s_object(t), "  ");
        // First line of each item starts with "- " instead of the indent.
        out.push_str("- ");
        out.push_str(item.get(2..).unwrap_or(""));
    }
    out
}

fn yaml_mapping(out: &mut String, fields: &[(&'static str, J)], indent: &str) {
    for (k, v) in fields {
        out.push_str(indent);
        out.push_str(k);
        out.push(':');
        match v {
            J::Str(s) => {
                out.push(' ');
                out.push_str(&yaml_scalar(s));
                out.push('\n');
            }
            J::List(items) if items.is_empty() => out.push_str(" []\n"),
            J::List(items) => {
                out.push('\n');
                for it in items {
                    out.push_str(indent);
                    out.push_str("- ");
                    out.push_str(&yaml_scalar(it));
                    out.push('\n');
                }
            }
            J::Obj(inner) if inner.is_empty() => out.push_str(" {}\n"),
            J::Obj(inner) => {
                out.push('\n');
                yaml_mapping(out, inner, &format!("{indent}  "));
            }
        }
    }
}

/// Would yaml.v2 resolve this plain scalar to something other than a string
/// (null, bool, int, float, timestamp, merge key)? Conservative: when in doubt, yes.
fn yaml_resolves_non_string(s: &str) -> bool {
    const WORDS: [&str; 40] = [
        "", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", "<<", "+.inf", "+.Inf", "+.INF", "-.inf",
        "-.Inf", "-.INF",
    ];
    if WORDS.contains(&s) {
        return true;
    }
    yaml_is_int(s) || yaml_is_float(s) || yaml_is_timestamp(s)
}

/// Go `strconv.ParseInt(s, 0, 64)` syntax (range ignored: yaml.v2 then tries uint and
/// float, which accept every all-digit string): sign, `0x`/`0o`/`0b`/`0` prefixes, `_`
/// between digits.
fn yaml_is_int(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (digits, radix) = match body.get(..2) {
        Some("0x" | "0X") => (body.get(2..).unwrap_or(""), 16),
        Some("0o" | "0O") => (body.get(2..).unwrap_or(""), 8),
        Some("0b" | "0B") => (body.get(2..).unwrap_or(""), 2),
        _ if body.starts_with('0') && body.len() > 1 => (body.get(1..).unwrap_or(""), 8),
        _ => (body, 10),
    };
    let mut prev_digit = radix != 10; // a base prefix may be followed by `_`
    let mut any = false;
    for c in digits.chars() {
        if c == '_' {
            if !prev_digit {
                return false;
            }
            prev_digit = false;
        } else if c.is_digit(radix) {
            prev_digit = true;
            any = true;
        } else {
            return false;
        }
    }
    any && prev_digit
}

/// yaml.v2's float pattern `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn yaml_is_float(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    let digits = |b: &[u8], i: usize| b.iter().skip(i).take_while(|c| c.is_ascii_digit()).count();
    let mut i;
    if b.first() == Some(&b'.') {
        let n = digits(b, 1);
        if n == 0 {
            return false;
        }
        i = 1 + n;
    } else {
        let n = digits(b, 0);
        if n == 0 {
            return false;
        }
        i = n;
        if b.get(i) == Some(&b'.') {
            i += 1 + digits(b, i + 1);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = digits(b, i);
        if n == 0 {
            return false;
        }
        i += n;
    }
    i == b.len()
}

/// yaml.v2 `parseTimestamp` (conservative): four digits, `-`, then only characters
/// its layouts (`2006-1-2T15:4:5.999999999Z07:00`, `2006-1-2 15:4:5.999999999`,
/// `2006-1-2`) can contain.
fn yaml_is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 5
        && b.iter().take(4).all(u8::is_ascii_digit)
        && b.get(4) == Some(&b'-')
        && b.get(5).is_some_and(u8::is_ascii_digit)
        && b.iter()
            .all(|c| c.is_ascii_digit() || b"-:.TtZz +".contains(c))
}

fn yaml_printable(c: char) -> bool {
    matches!(c, '\n' | '\u{85}')
        || (' '..='~').contains(&c)
        || ('\u{a0}'..='\u{d7ff}').contains(&c)
        || (('\u{e000}'..='\u{fffd}').contains(&c) && c != '\u{feff}')
        || c >= '\u{10000}'
}

/// libyaml `yaml_emitter_analyze_scalar`, the parts that decide plain (block context)
/// and single-quoted styles.
fn yaml_plain_allowed(s: &str) -> (bool, bool) {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return (false, true);
    }
    if s.starts_with("---") || s.starts_with("...") {
        return (false, true);
    }
    let mut plain = true;
    let mut single = true;
    let n = chars.len();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let next_blank = next.is_none_or(|x| x == ' ' || x == '\t' || x == '\n');
        if !yaml_printable(c) || c == '\t' {
            plain = false;
            single = false;
        }
        if c == '\n' || c == '\u{85}' || c == '\u{2028}' || c == '\u{2029}' {
            plain = false;
            single = false;
        }
        if i == 0 {
            if matches!(
                c,
                '#' | ','
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '&'
                    | '*'
                    | '!'
                    | '|'
                    | '>'
                    | '\''
                    | '"'
                    | '%'
                    | '@'
                    | '`'
            ) {
                plain = false;
            }
            if matches!(c, '?' | ':' | '-') && next_blank {
                plain = false;
            }
        } else {
            if c == ':' && next_blank {
                plain = false;
            }
            if c == '#' && chars.get(i - 1).is_some_and(|p| *p == ' ') {
                plain = false;
            }
        }
        if c == ' ' && (i == 0 || i + 1 == n) {
            plain = false;
        }
    }
    (plain, single)
}

/// One string scalar as yaml.v2 would write it (see the module docs for where we differ).
fn yaml_scalar(s: &str) -> String {
    let (plain, single) = yaml_plain_allowed(s);
    if !yaml_resolves_non_string(s) {
        if plain {
            return s.to_owned();
        }
        if single {
            return format!("'{}'", s.replace('\'', "''"));
        }
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{85}' => out.push_str("\\N"),
            '\u{a0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if yaml_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// An argument in a message: a token ID or short word is quoted; anything that might
/// hold a secret is described without it.
fn describe_arg(s: &str) -> String {
    if s.len() <= 16 && !s.contains('.') && s.chars().all(|c| c.is_ascii_graphic()) {
        quote(s)
    } else {
        token::describe_untrusted(s)
    }
}

/// `token delete` argument resolution: each argument (a token ID or a full token) → the
/// Secret name `bootstrap-token-<id>`, in order (duplicates kept).
///
/// Errors (`invalid_options` for no arguments, `invalid_token` for a bad one) use each
/// CLI's wording, which never echoes the argument. Unlike upstream, which deletes the
/// arguments before a bad one and then stops, we check every argument first: a bad one
/// fails the whole call. k3s's bug (it re-parses the empty `--token` flag instead of the
/// argument, so a full token always fails) is fixed: full tokens work for every flavour.
pub fn delete_token_names<S: AsRef<str>>(args: &[S], flavour: Flavour) -> Result<Vec<String>> {
    let twice_id = format!("{} or {}", quote(TOKEN_ID_PATTERN), quote(TOKEN_ID_PATTERN));
    if args.is_empty() {
        return Err(Error::InvalidOptions(match flavour {
            Flavour::Kubeadm => format!(
                "missing argument; 'token delete' is missing token of form {} or {}",
                quote(TOKEN_PATTERN),
                quote(TOKEN_ID_PATTERN)
            ),
            Flavour::Karmada => format!(
                "missing subcommand; 'token delete' is missing token of form {}",
                quote(TOKEN_ID_PATTERN)
            ),
            Flavour::K3s | Flavour::Rke2 => {
                "missing argument; 'token delete' is missing token".into()
            }
        }));
    }
    let mut names = Vec::with_capacity(args.len());
    for arg in args {
        let arg = arg.as_ref();
        let id = if token::is_valid_token_id(arg) {
            arg.to_owned()
        } else if let Ok(t) = token::BootstrapToken::parse(arg) {
            t.id().to_owned()
        } else {
            return Err(Error::InvalidToken(match flavour {
                Flavour::Kubeadm => format!(
                    "given token didn't match pattern {} or {}",
                    quote(TOKEN_PATTERN),
                    quote(TOKEN_ID_PATTERN)
                ),
                _ => format!("given token didn't match pattern {twice_id}"),
            }));
        };
        names.push(token::secret_name(&id));
    }
    Ok(names)
}

/// What the CLIs print after deleting a token: `bootstrap token "<id>" deleted\n`.
pub fn deleted_message(token_id: &str) -> String {
    format!("bootstrap token {} deleted\n", quote(token_id))
}

/// `ShortHumanDuration(expires - now)`, the TTL column.
pub fn ttl_column(expires: Timestamp, now: Timestamp) -> String {
    let d: Duration = expires - now;
    d.short_human()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::BootstrapToken;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse_rfc3339(s).unwrap()
    }

    fn spec(
        token: &str,
        desc: &str,
        exp: Option<&str>,
        usages: &[&str],
        groups: &[&str],
    ) -> TokenSpec {
        TokenSpec {
            token: BootstrapToken::parse(token).unwrap(),
            description: desc.into(),
            ttl: None,
            expires: exp.map(ts),
            usages: usages.iter().map(|s| (*s).to_owned()).collect(),
            groups: groups.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    const G: &str = "system:bootstrappers:kubeadm:default-node-token";

    fn upstream_one() -> TokenSpec {
        spec(
            "abcdef.1234567890123456",
            "valid bootstrap tooken",
            None,
            &["signing", "authentication"],
            &[G],
        )
    }

    #[test]
    fn listing_debug_hides_the_tokens() {
        let secret = upstream_one().to_secret(ts("2025-01-01T00:00:00Z"));
        let l = list_tokens(
            &[secret],
            ts("2025-01-01T00:00:00Z"),
            ListFormat::Text,
            Flavour::Kubeadm,
        )
        .unwrap();
        assert!(l.output.contains("abcdef.1234567890123456"));
        let dbg = format!("{l:?}");
        assert!(!dbg.contains("1234567890123456"), "{dbg}");
        assert!(
            dbg.contains(&format!("<{} bytes>", l.output.len())),
            "{dbg}"
        );
    }

    #[test]
    fn kubeadm_text_matches_upstream() {
        let out = render(
            &[upstream_one()],
            ts("2025-01-01T00:00:00Z"),
            ListFormat::Text,
            Flavour::Kubeadm,
        )
        .unwrap();
        assert_eq!(
            out,
            "TOKEN                     TTL         EXPIRES   USAGES                   DESCRIPTION                                                EXTRA GROUPS\nabcdef.1234567890123456   <forever>   <never>   signing,authentication   valid bootstrap tooken                                     system:bootstrappers:kubeadm:default-node-token\n"
        );
    }

    #[test]
    fn kubeadm_text_mixed_expiry_is_misaligned_like_upstream() {
        let now = ts("2025-01-01T00:00:00Z");
        let a = spec(
            "aaaaaa.1234567890123456",
            "",
            Some("2025-01-01T02:00:00+02:00"),
            &[],
            &[],
        );
        let b = upstream_one();
        let out = render(&[a, b], now, ListFormat::Text, Flavour::Kubeadm).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        // Stored offset kept in EXPIRES; 2025-01-01T02:00:00+02:00 is exactly now → 0s.
        assert!(lines[1].starts_with("aaaaaa.1234567890123456   0s          2025-01-01T02:00:00+02:00   <none>                   <none>"), "{}", lines[1]);
        // The second row has its own tabwriter: EXPIRES is 10 wide there, not 28.
        assert!(
            lines[2].starts_with("abcdef.1234567890123456   <forever>   <never>   signing"),
            "{}",
            lines[2]
        );
        assert_eq!(
            render(&[], now, ListFormat::Text, Flavour::Kubeadm).unwrap(),
            ""
        );
    }

    #[test]
    fn unicode_and_long_descriptions() {
        let now = ts("2025-01-01T00:00:00Z");
        let u = spec(
            "abcdef.1234567890123456",
            "ノード用 ✓",
            None,
            &["signing"],
            &[G],
        );
        let out = render(&[u], now, ListFormat::Text, Flavour::Kubeadm).unwrap();
        let row = out.lines().nth(1).unwrap();
        // %-56s counts runes: 6 runes + 50 spaces, then the 3 padding spaces.
        assert!(
            row.contains(&format!("ノード用 ✓{}{G}", " ".repeat(53))),
            "{row}"
        );
        let long = "x".repeat(70);
        let l = spec("abcdef.1234567890123456", &long, None, &["signing"], &[G]);
        let out = render(&[l], now, ListFormat::Text, Flavour::Kubeadm).unwrap();
        let header = out.lines().next().unwrap();
        assert!(header.contains(&format!(
            "DESCRIPTION{}EXTRA GROUPS",
            " ".repeat(70 + 3 - 11)
        )));
        assert!(out.contains(&format!("{long}   {G}")));
        // k3s: one writer for all rows, unicode counted in runes.
        let out = render(
            &[spec("abcdef.1234567890123456", "é", None, &[], &[])],
            now,
            ListFormat::Text,
            Flavour::K3s,
        )
        .unwrap();
        assert_eq!(
            out,
            "TOKEN     TTL         EXPIRES   USAGES    DESCRIPTION   EXTRA GROUPS\nabcdef    <forever>   <never>   <none>    é             <none>\n"
        );
    }

    #[test]
    fn json_and_yaml_match_upstream() {
        let t = upstream_one();
        assert_eq!(
            kubeadm_json(std::slice::from_ref(&t)),
            "{\n    \"kind\": \"BootstrapToken\",\n    \"apiVersion\": \"output.kubeadm.k8s.io/v1alpha3\",\n    \"token\": \"abcdef.1234567890123456\",\n    \"description\": \"valid bootstrap tooken\",\n    \"usages\": [\n        \"signing\",\n        \"authentication\"\n    ],\n    \"groups\": [\n        \"system:bootstrappers:kubeadm:default-node-token\"\n    ]\n}\n"
        );
        assert_eq!(
            kubeadm_yaml(std::slice::from_ref(&t)),
            "apiVersion: output.kubeadm.k8s.io/v1alpha3\ndescription: valid bootstrap tooken\ngroups:\n- system:bootstrappers:kubeadm:default-node-token\nkind: BootstrapToken\ntoken: abcdef.1234567890123456\nusages:\n- signing\n- authentication\n"
        );
        let e = spec(
            "abcdef.1234567890123456",
            "<b>&",
            Some("2025-01-02T02:00:00+02:00"),
            &[],
            &[],
        );
        let two = kubeadm_yaml(&[e.clone(), t]);
        assert!(two.contains("expires: \"2025-01-02T00:00:00Z\"\n"), "{two}");
        assert!(two.contains("description: <b>&\n"));
        assert_eq!(two.matches("---\n").count(), 1);
        let j = kubeadm_json(&[e]);
        assert!(
            j.contains("\"description\": \"\\u003cb\\u003e\\u0026\""),
            "{j}"
        );
        assert!(j.contains("\"expires\": \"2025-01-02T00:00:00Z\""));
    }

    #[test]
    fn yaml_scalars() {
        for (s, want) in [
            ("plain words", "plain words"),
            ("true", "\"true\""),
            ("123", "\"123\""),
            ("", "\"\""),
            ("a: b", "'a: b'"),
            ("- x", "'- x'"),
            ("#x", "'#x'"),
            ("it's", "it's"),
            ("123456.7890abcdef123456", "123456.7890abcdef123456"),
            ("1.2.3", "1.2.3"),
            ("1.5", "\"1.5\""),
            ("-.5e3", "\"-.5e3\""),
            ("0x1F", "\"0x1F\""),
            ("1_000", "\"1_000\""),
            ("0o17", "\"0o17\""),
            ("2025-01-02T00:00:00Z", "\"2025-01-02T00:00:00Z\""),
            ("2025-1-2", "\"2025-1-2\""),
            ("2025 plans", "2025 plans"),
            ("-", "'-'"),
            ("yes", "\"yes\""),
            (" lead", "' lead'"),
            ("two\nlines", "\"two\\nlines\""),
            ("tab\there", "\"tab\\there\""),
            ("ノード", "ノード"),
        ] {
            assert_eq!(yaml_scalar(s), want, "{s:?}");
        }
    }

    const HOSTILE: [&str; 24] = [
        "true",
        "no",
        "~",
        "null",
        "123",
        "0x1F",
        "1.5",
        "-.5e3",
        "2025-01-01",
        "<<",
        "a: b",
        "- x",
        "#c",
        "x #c",
        " lead",
        "trail ",
        "'q'",
        "\"dq\"",
        "tab\there",
        "two\nlines",
        "bell\u{7}",
        "ノード ✓",
        "--- doc",
        "@at",
    ];

    #[test]
    fn yaml_round_trips_through_serde_saphyr() {
        for d in HOSTILE {
            let t = spec("123456.7890abcdef123456", d, None, &["signing"], &[G]);
            let y = kubeadm_yaml(std::slice::from_ref(&t));
            let v: serde_json::Value =
                serde_saphyr::from_str(&y).unwrap_or_else(|e| panic!("{d:?}: {e}\n{y}"));
            assert_eq!(v["description"], serde_json::json!(d), "{y}");
            assert_eq!(
                v["token"],
                serde_json::json!("123456.7890abcdef123456"),
                "{y}"
            );
            let y = k3s_yaml(std::slice::from_ref(&t));
            let v: serde_json::Value =
                serde_saphyr::from_str(&y).unwrap_or_else(|e| panic!("{d:?}: {e}\n{y}"));
            assert_eq!(v[0]["description"], serde_json::json!(d), "{y}");
            assert_eq!(v[0]["token"]["id"], serde_json::json!("123456"), "{y}");
        }
    }

    #[test]
    fn karmada_table_cuts_cells() {
        let now = ts("2025-01-01T00:00:00Z");
        let a = spec("foo0id.foo0secret0foofo", "", None, &[], &[]);
        let b = spec(
            "abcdef.1234567890123456",
            "two\nlines",
            Some("2025-01-01T00:01:30Z"),
            &["signing"],
            &[G],
        );
        let out = render(&[a, b], now, ListFormat::Text, Flavour::Karmada).unwrap();
        assert_eq!(
            out,
            "TOKEN                     TTL         EXPIRES                USAGES    DESCRIPTION   EXTRA GROUPS\nfoo0id.foo0secret0foofo   <forever>   <never>                <none>    <none>        <none>\nabcdef.1234567890123456   1m          2025-01-01T00:01:30Z   signing   two...        system:bootstrappers:kubeadm:default-node-token\n"
        );
        assert_eq!(
            render(&[], now, ListFormat::Text, Flavour::Karmada).unwrap(),
            ""
        );
        assert_eq!(table_cell("a\x1bb\rc"), "a^[b...");
    }

    #[test]
    fn k3s_outputs() {
        let now = ts("2025-01-01T00:00:01Z");
        let k = "system:bootstrappers:k3s:default-node-token";
        let a = spec(
            "abcdef.0123456789abcdef",
            "Test",
            Some("2025-01-02T00:00:00Z"),
            &["authentication", "signing"],
            &[k],
        );
        let b = spec(
            "perage.s0xt4u0hl5guoyi6",
            "",
            None,
            &["authentication", "signing"],
            &[k],
        );
        let out = render(&[a.clone(), b.clone()], now, ListFormat::Text, Flavour::K3s).unwrap();
        assert_eq!(
            out,
            "TOKEN     TTL         EXPIRES                USAGES                   DESCRIPTION   EXTRA GROUPS\nabcdef    23h         2025-01-02T00:00:00Z   authentication,signing   Test          system:bootstrappers:k3s:default-node-token\nperage    <forever>   <never>                authentication,signing   <none>        system:bootstrappers:k3s:default-node-token\n"
        );
        let j = render(&[a, b], now, ListFormat::Json, Flavour::Rke2).unwrap();
        assert_eq!(
            j,
            "[{\"token\":{\"id\":\"abcdef\"},\"description\":\"Test\",\"expires\":\"2025-01-02T00:00:00Z\",\"usages\":[\"authentication\",\"signing\"],\"groups\":[\"system:bootstrappers:k3s:default-node-token\"]},{\"token\":{\"id\":\"perage\"},\"usages\":[\"authentication\",\"signing\"],\"groups\":[\"system:bootstrappers:k3s:default-node-token\"]}]\n"
        );
        assert!(!j.contains("0123456789abcdef") && !j.contains("s0xt4u0hl5guoyi6"));
        assert_eq!(
            render(&[], now, ListFormat::Json, Flavour::K3s).unwrap(),
            "[]\n"
        );
        assert_eq!(
            render(&[], now, ListFormat::Yaml, Flavour::K3s).unwrap(),
            "[]\n"
        );
        let y = render(
            &[spec("abcdef.0123456789abcdef", "", None, &["signing"], &[])],
            now,
            ListFormat::Yaml,
            Flavour::K3s,
        )
        .unwrap();
        assert_eq!(y, "- token:\n    id: abcdef\n  usages:\n  - signing\n");
    }

    #[test]
    fn formats_and_flavours() {
        assert_eq!(
            ListFormat::parse("xml").unwrap_err().to_string(),
            "invalid output format: \"xml\""
        );
        assert_eq!(ListFormat::parse("yaml").unwrap(), ListFormat::Yaml);
        let e = list_tokens(
            &[],
            ts("2025-01-01T00:00:00Z"),
            ListFormat::Json,
            Flavour::Karmada,
        )
        .unwrap_err();
        assert_eq!(e.code(), "unsupported");
        // A secret never lands in a format error.
        let e = ListFormat::parse("abcdef.0123456789abcdef")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("0123456789abcdef"), "{e}");
    }

    #[test]
    fn delete_names() {
        let n = delete_token_names(&["abcdef", "abcdef.0123456789abcdef"], Flavour::K3s).unwrap();
        assert_eq!(n, ["bootstrap-token-abcdef", "bootstrap-token-abcdef"]);
        for f in Flavour::ALL {
            let none: [&str; 0] = [];
            assert_eq!(
                delete_token_names(&none, f).unwrap_err().code(),
                "invalid_options"
            );
            let e = delete_token_names(&["abcdef.0123456789abcdeX"], f).unwrap_err();
            assert_eq!(e.code(), "invalid_token");
            assert!(!e.to_string().contains("0123456789abcde"), "{e}");
        }
        assert_eq!(
            delete_token_names(&["x"], Flavour::Karmada)
                .unwrap_err()
                .to_string(),
            "given token didn't match pattern \"\\\\A([a-z0-9]{6})\\\\z\" or \"\\\\A([a-z0-9]{6})\\\\z\""
        );
        assert_eq!(
            deleted_message("abcdef"),
            "bootstrap token \"abcdef\" deleted\n"
        );
    }
}
