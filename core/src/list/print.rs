//! The `token list` printers: kubeadm (text/JSON/YAML), karmadactl (kubectl's table),
//! k3s and rke2 (text/JSON/YAML). See the [module docs](super) for where we differ from
//! upstream.

use crate::error::{Error, Result};
use crate::go::duration::Duration;
use crate::go::strconv::{JsonEscapes, json_string};
use crate::go::tabwriter::TabWriter;
use crate::go::time::Timestamp;
use crate::go::yaml;
use crate::options::{Flavour, TokenSpec};

use super::ListFormat;

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
            J::Str(s) => out.push_str(&json_string(s, JsonEscapes::Std)),
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
                    out.push_str(&json_string(it, JsonEscapes::Std));
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
                    out.push_str(&json_string(k, JsonEscapes::Std));
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
                out.push_str(&yaml::scalar(s));
                out.push('\n');
            }
            J::List(items) if items.is_empty() => out.push_str(" []\n"),
            J::List(items) => {
                out.push('\n');
                for it in items {
                    out.push_str(indent);
                    out.push_str("- ");
                    out.push_str(&yaml::scalar(it));
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
