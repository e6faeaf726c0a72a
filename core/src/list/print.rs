//! The `token list` printers: kubeadm (text/JSON/YAML), karmadactl (kubectl's table),
//! k3s and rke2 (text/JSON/YAML). See the [module docs](super) for where we differ from
//! upstream.

use crate::error::{Error, Result};
use crate::go::duration::Duration;
use crate::go::strconv::{JsonEscapes, json_string_bytes, quote};
use crate::go::tabwriter::{self, TabWriter};
use crate::go::time::Timestamp;
use crate::go::yaml::{self, Node};
use crate::options::{Flavour, TokenSpec};

use super::ListFormat;

/// Renders already-decoded tokens exactly as `flavour`'s `token list -o format` does
/// (this is upstream's printer alone: usages are printed in the order given).
/// karmadactl has text output only: json/yaml with [`Flavour::Karmada`] is `unsupported`.
/// A token kubeadm's YAML printer refuses (see [`list_token_results`]) is an
/// `invalid_secret` error here.
pub fn render(
    tokens: &[TokenSpec],
    now: Timestamp,
    format: ListFormat,
    flavour: Flavour,
) -> Result<String> {
    check_flavour_format(format, flavour)?;
    let rows: Vec<Row<'_>> = tokens
        .iter()
        .map(|t| Row {
            t,
            description: t.description.as_bytes(),
        })
        .collect();
    let (out, refused) = render_rows(&rows, now, format, flavour);
    match refused.into_iter().next() {
        Some((_, e)) => Err(e),
        None => Ok(go_lossy(&out)),
    }
}

pub(super) fn check_flavour_format(format: ListFormat, flavour: Flavour) -> Result<()> {
    if flavour == Flavour::Karmada && format != ListFormat::Text {
        return Err(Error::Unsupported(format!(
            "karmadactl token list has no {} output",
            format.name()
        )));
    }
    Ok(())
}

/// A token as the printers see it: the description as stored (Go strings are bytes).
pub(super) struct Row<'a> {
    pub(super) t: &'a TokenSpec,
    pub(super) description: &'a [u8],
}

/// The output, and the rows the YAML printer refused (index, error).
pub(super) fn render_rows(
    rows: &[Row<'_>],
    now: Timestamp,
    format: ListFormat,
    flavour: Flavour,
) -> (Vec<u8>, Vec<(usize, Error)>) {
    match (flavour, format) {
        (Flavour::Kubeadm, ListFormat::Text) => (kubeadm_text(rows, now), Vec::new()),
        (Flavour::Kubeadm, ListFormat::Json) => (kubeadm_json(rows), Vec::new()),
        (Flavour::Kubeadm, ListFormat::Yaml) => kubeadm_yaml(rows),
        (Flavour::Karmada, _) => (karmada_table(rows, now), Vec::new()),
        (Flavour::K3s | Flavour::Rke2, ListFormat::Text) => (k3s_text(rows, now), Vec::new()),
        (Flavour::K3s | Flavour::Rke2, ListFormat::Json) => (k3s_json(rows), Vec::new()),
        (Flavour::K3s | Flavour::Rke2, ListFormat::Yaml) => (k3s_yaml(rows), Vec::new()),
    }
}

/// Bytes as text the way Go's `for range` over a string reads them: each byte that is
/// not part of valid UTF-8 becomes one U+FFFD (`encoding/json` does the same).
pub(super) fn go_lossy(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len() + 8);
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                for _ in chunk.invalid() {
                    out.push('\u{fffd}');
                }
            }
            out
        }
    }
}

const HEADER: [&str; 6] = [
    "TOKEN",
    "TTL",
    "EXPIRES",
    "USAGES",
    "DESCRIPTION",
    "EXTRA GROUPS",
];

/// The cells of a row after TOKEN, without pre-padding.
struct Cells {
    ttl: String,
    expires: String,
    usages: String,
    description: Vec<u8>,
    groups: String,
}

fn or_none(s: String) -> String {
    if s.is_empty() { "<none>".to_owned() } else { s }
}

fn cells(r: &Row<'_>, now: Timestamp) -> Cells {
    let t = r.t;
    let (ttl, expires) = match t.expires {
        None => ("<forever>".to_owned(), "<never>".to_owned()),
        Some(e) => ((e - now).short_human(), e.to_rfc3339()),
    };
    Cells {
        ttl,
        expires,
        usages: or_none(t.usages.join(",")),
        description: if r.description.is_empty() {
            b"<none>".to_vec()
        } else {
            r.description.to_vec()
        },
        groups: or_none(t.groups.join(",")),
    }
}

/// Go `fmt.Sprintf("%-Ns", s)`: pads with spaces to `n` runes (`utf8.RuneCountInString`).
fn pad(out: &mut Vec<u8>, s: &[u8], n: usize) {
    out.extend_from_slice(s);
    for _ in tabwriter::go_rune_count(s)..n {
        out.push(b' ');
    }
}

/// Cells joined by `\t`, ended by `\n`.
fn tab_row(out: &mut Vec<u8>, cells: &[&[u8]]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b'\t');
        }
        out.extend_from_slice(c);
    }
    out.push(b'\n');
}

fn header_row(out: &mut Vec<u8>) {
    let h: Vec<&[u8]> = HEADER.iter().map(|s| s.as_bytes()).collect();
    tab_row(out, &h);
}

/// kubeadm: one tabwriter per token, the header only before the first, `%-9s`,
/// `%-22s`, `%-56s` pre-padding of TTL, USAGES and DESCRIPTION.
fn kubeadm_text(rows: &[Row<'_>], now: Timestamp) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let mut block = Vec::new();
        if i == 0 {
            header_row(&mut block);
        }
        let c = cells(r, now);
        let (mut ttl, mut usages, mut desc) = (Vec::new(), Vec::new(), Vec::new());
        pad(&mut ttl, c.ttl.as_bytes(), 9);
        pad(&mut usages, c.usages.as_bytes(), 22);
        pad(&mut desc, &c.description, 56);
        let full = r.t.token.expose();
        tab_row(
            &mut block,
            &[
                full.as_bytes(),
                &ttl,
                c.expires.as_bytes(),
                &usages,
                &desc,
                c.groups.as_bytes(),
            ],
        );
        out.extend_from_slice(&TabWriter::KUBEADM.render(&block));
    }
    out
}

/// kubectl's `printRows` cell treatment: cut at the first `\f`, `\n` or `\r` (then
/// append `...`), and `WriteEscaped` (ESC → `^[`, CR → `\r`), on bytes.
fn table_cell(s: &[u8]) -> Vec<u8> {
    let (cut, truncated) = match s.iter().position(|b| matches!(b, b'\x0c' | b'\n' | b'\r')) {
        Some(i) => (s.get(..i).unwrap_or_default(), true),
        None => (s, false),
    };
    let mut out = Vec::with_capacity(cut.len() + 3);
    for &b in cut {
        match b {
            0x1b => out.extend_from_slice(b"^["),
            b'\r' => out.extend_from_slice(b"\\r"),
            b => out.push(b),
        }
    }
    if truncated {
        out.extend_from_slice(b"...");
    }
    out
}

/// karmadactl: one kubectl table for all rows, no pre-padding, nothing for zero rows.
fn karmada_table(rows: &[Row<'_>], now: Timestamp) -> Vec<u8> {
    if rows.is_empty() {
        return Vec::new();
    }
    let mut text = Vec::new();
    header_row(&mut text);
    for r in rows {
        let c = cells(r, now);
        let full = r.t.token.expose();
        let row: Vec<Vec<u8>> = [
            full.as_bytes(),
            c.ttl.as_bytes(),
            c.expires.as_bytes(),
            c.usages.as_bytes(),
            &c.description,
            c.groups.as_bytes(),
        ]
        .iter()
        .map(|s| table_cell(s))
        .collect();
        let row: Vec<&[u8]> = row.iter().map(Vec::as_slice).collect();
        tab_row(&mut text, &row);
    }
    TabWriter::KUBECTL.render(&text)
}

/// k3s/rke2: one tabwriter, the header always, TOKEN is the ID only.
fn k3s_text(rows: &[Row<'_>], now: Timestamp) -> Vec<u8> {
    let mut text = Vec::new();
    header_row(&mut text);
    for r in rows {
        let c = cells(r, now);
        tab_row(
            &mut text,
            &[
                r.t.token.id().as_bytes(),
                c.ttl.as_bytes(),
                c.expires.as_bytes(),
                c.usages.as_bytes(),
                &c.description,
                c.groups.as_bytes(),
            ],
        );
    }
    TabWriter::KUBEADM.render(&text)
}

/// A JSON value limited to what the list outputs need, printed Go-style.
enum J {
    Str(Vec<u8>),
    List(Vec<Vec<u8>>),
    Obj(Vec<(&'static str, J)>),
}

impl J {
    fn str(s: &str) -> J {
        J::Str(s.as_bytes().to_vec())
    }

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
            J::Str(s) => out.push_str(&json_string_bytes(s, JsonEscapes::Std)),
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
                    out.push_str(&json_string_bytes(it, JsonEscapes::Std));
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
                    out.push_str(&json_string_bytes(k.as_bytes(), JsonEscapes::Std));
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

    /// The same value for the YAML emitter.
    fn node(&self) -> Node<'_> {
        match self {
            J::Str(s) => Node::Str(s),
            J::List(items) => Node::Seq(items.iter().map(|s| Node::Str(s)).collect()),
            J::Obj(fields) => Node::Map(fields.iter().map(|(k, v)| (*k, v.node())).collect()),
        }
    }

    /// Every string through `f` (`None` from `f` → `None`, naming the first field).
    fn map_strings(
        &self,
        field: &'static str,
        f: &impl Fn(&[u8]) -> Option<Vec<u8>>,
    ) -> std::result::Result<J, &'static str> {
        Ok(match self {
            J::Str(s) => J::Str(f(s).ok_or(field)?),
            J::List(items) => J::List(
                items
                    .iter()
                    .map(|s| f(s).ok_or(field))
                    .collect::<std::result::Result<_, _>>()?,
            ),
            J::Obj(fields) => J::Obj(
                fields
                    .iter()
                    .map(|(k, v)| Ok((*k, v.map_strings(k, f)?)))
                    .collect::<std::result::Result<_, &'static str>>()?,
            ),
        })
    }
}

/// The output `BootstrapToken` object (`output.kubeadm.k8s.io/v1alpha3`), JSON key order:
/// kind, apiVersion, token, description?, expires?, usages?, groups? (TTL is never set
/// by `BootstrapTokenFromSecret`; `expires` is written in UTC like `metav1.Time`).
fn kubeadm_object(r: &Row<'_>) -> Vec<(&'static str, J)> {
    let mut f = vec![
        ("kind", J::str("BootstrapToken")),
        ("apiVersion", J::str("output.kubeadm.k8s.io/v1alpha3")),
        ("token", J::str(&r.t.token.expose())),
    ];
    common_fields(r, &mut f);
    f
}

fn common_fields(r: &Row<'_>, f: &mut Vec<(&'static str, J)>) {
    let t = r.t;
    if !r.description.is_empty() {
        f.push(("description", J::Str(r.description.to_vec())));
    }
    if let Some(ttl) = t.ttl {
        f.push(("ttl", J::str(&ttl.to_go_string())));
    }
    if let Some(e) = t.expires {
        f.push(("expires", J::str(&e.to_rfc3339_utc())));
    }
    let list = |v: &[String]| J::List(v.iter().map(|s| s.as_bytes().to_vec()).collect());
    if !t.usages.is_empty() {
        f.push(("usages", list(&t.usages)));
    }
    if !t.groups.is_empty() {
        f.push(("groups", list(&t.groups)));
    }
}

/// kubeadm `-o json`: one 4-space-indented document per token, each followed by `\n`.
fn kubeadm_json(rows: &[Row<'_>]) -> Vec<u8> {
    let mut out = String::new();
    for r in rows {
        J::Obj(kubeadm_object(r)).write(&mut out, Some("    "), 0);
        out.push('\n');
    }
    out.into_bytes()
}

/// kubeadm `-o yaml`: `sigs.k8s.io/yaml.Marshal` per token — JSON, read back by the YAML
/// parser, written by go-yaml v2 (keys sorted) — with `---` between documents. A token
/// the YAML parser refuses is left out and reported.
fn kubeadm_yaml(rows: &[Row<'_>]) -> (Vec<u8>, Vec<(usize, Error)>) {
    let mut out = String::new();
    let mut refused = Vec::new();
    let round_trip = |s: &[u8]| yaml::json_round_trip(&go_lossy(s)).map(String::into_bytes);
    let mut printed = 0;
    for (i, r) in rows.iter().enumerate() {
        let mut fields = kubeadm_object(r);
        fields.sort_by(|a, b| a.0.cmp(b.0));
        match J::Obj(fields).map_strings("", &round_trip) {
            Err(field) => refused.push((
                i,
                Error::InvalidSecret(format!(
                    "token {} cannot be printed as YAML: its {field} contains a control \
                     character the YAML reader refuses (U+007F-U+009F but U+0085, U+FFFE, \
                     U+FFFF); kubeadm token list -o yaml stops there",
                    quote(r.t.token.id())
                )),
            )),
            Ok(obj) => {
                if printed > 0 {
                    out.push_str("---\n");
                }
                out.push_str(&yaml::marshal(&obj.node()));
                printed += 1;
            }
        }
    }
    (out.into_bytes(), refused)
}

fn k3s_object(r: &Row<'_>) -> Vec<(&'static str, J)> {
    let mut f = vec![("token", J::Obj(vec![("id", J::str(r.t.token.id()))]))];
    common_fields(r, &mut f);
    f
}

/// k3s `-o json`: one compact array on one line, then `\n`.
fn k3s_json(rows: &[Row<'_>]) -> Vec<u8> {
    let mut out = String::from("[");
    for (i, r) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        J::Obj(k3s_object(r)).write(&mut out, None, 0);
    }
    out.push_str("]\n");
    out.into_bytes()
}

/// k3s `-o yaml` (ours, see the module docs): go-yaml v2 of the sequence of the JSON
/// objects (a description that is not UTF-8 is `!!binary`, as yaml.v2 writes it).
fn k3s_yaml(rows: &[Row<'_>]) -> Vec<u8> {
    let objs: Vec<J> = rows.iter().map(|r| J::Obj(k3s_object(r))).collect();
    yaml::marshal(&Node::Seq(objs.iter().map(J::node).collect())).into_bytes()
}

/// `ShortHumanDuration(expires - now)`, the TTL column.
pub fn ttl_column(expires: Timestamp, now: Timestamp) -> String {
    let d: Duration = expires - now;
    d.short_human()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::token::BootstrapToken;

    pub(crate) fn ts(s: &str) -> Timestamp {
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

    fn at(f: Flavour, fmt: ListFormat, tokens: &[TokenSpec]) -> String {
        render(tokens, ts("2025-01-01T00:00:00Z"), fmt, f).unwrap()
    }
    fn kubeadm_json(t: &[TokenSpec]) -> String {
        at(Flavour::Kubeadm, ListFormat::Json, t)
    }
    fn kubeadm_yaml(t: &[TokenSpec]) -> String {
        at(Flavour::Kubeadm, ListFormat::Yaml, t)
    }
    fn k3s_yaml(t: &[TokenSpec]) -> String {
        at(Flavour::K3s, ListFormat::Yaml, t)
    }
    fn table_cell(s: &str) -> String {
        String::from_utf8(super::table_cell(s.as_bytes())).unwrap()
    }

    pub(crate) fn upstream_one() -> TokenSpec {
        spec(
            "abcdef.1234567890123456",
            "valid bootstrap tooken",
            None,
            &["signing", "authentication"],
            &[G],
        )
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
    #[cfg(feature = "yaml")]
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
}
