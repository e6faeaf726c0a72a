//! The caps of `kubetoken::limits`: the cases every door runs (`tests/caps/caps.json`, here
//! through the JSON façade; Python `python/tests/test_caps.py`, Node
//! `wasm/test/caps.test.mjs`), each named with its cap and checked against the constant,
//! and the cases only Rust can afford (a 256 MiB list) or that need a parsed value. An
//! input just over a cap is refused with `input_too_large` (and one at the cap, where
//! cheap, is not). Sizes only: speed is measured by `cargo run --release --example
//! limits`, never asserted here.

// A test harness: a failed expectation here is a test failure, so panicking is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kubetoken::limits::*;
use kubetoken::{Error, api};
use serde_json::{Value, json};

const NOW: &str = "2026-01-01T00:00:00Z";

fn code(op: &str, args: Value) -> &'static str {
    match api::call(op, &args) {
        Ok(_) => "ok",
        Err(e) => {
            // The message names the limit, never the input.
            if let Error::InputTooLarge { limit, .. } = &e {
                assert!(e.to_string().contains(&limit.to_string()), "{e}");
            }
            e.code()
        }
    }
}

fn too_large(op: &str, args: Value) {
    assert_eq!(code(op, args), "input_too_large", "{op}");
}

/// A value of `tests/caps/caps.json` as the façade takes it (tests/caps/README.md):
/// `{"repeat": [[text, n], ...]}` is the text, `{"repeat_list": [[value, n], ...]}` the
/// list, `{"bytes": v}` the bytes of `v` as `{"base64": ...}`; anything else recursively.
fn expand(v: &Value) -> Value {
    use base64::Engine as _;
    let pieces = |key: &str| -> Option<Vec<(Value, usize)>> {
        let o = v.as_object().filter(|o| o.len() == 1)?;
        let list = o.get(key)?.as_array()?;
        Some(
            list.iter()
                .map(|p| (p[0].clone(), p[1].as_u64().unwrap() as usize))
                .collect(),
        )
    };
    if let Some(p) = pieces("repeat") {
        return Value::String(
            p.iter()
                .map(|(t, n)| t.as_str().unwrap().repeat(*n))
                .collect(),
        );
    }
    if let Some(p) = pieces("repeat_list") {
        return Value::Array(
            p.iter()
                .flat_map(|(x, n)| std::iter::repeat_n(expand(x), *n))
                .collect(),
        );
    }
    match v {
        Value::Object(o) if o.len() == 1 && o.contains_key("bytes") => {
            let text = expand(&o["bytes"]);
            json!({"base64": base64::engine::general_purpose::STANDARD.encode(text.as_str().unwrap())})
        }
        Value::Object(o) => Value::Object(o.iter().map(|(k, x)| (k.clone(), expand(x))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(expand).collect()),
        other => other.clone(),
    }
}

/// The value of the cap a shared case names.
fn cap_value(name: &str) -> usize {
    match name {
        "MAX_MANIFEST_BYTES" => MAX_MANIFEST_BYTES,
        "MAX_ITEM_NODES" => MAX_ITEM_NODES,
        "MAX_NESTING" => MAX_NESTING,
        "MAX_LIST_ITEMS" => MAX_LIST_ITEMS,
        "MIN_LIST_ITEM_BYTES" => MIN_LIST_ITEM_BYTES,
        "MAX_LIST_ERRORS" => MAX_LIST_ERRORS,
        "MAX_LIST_ITEM_BYTES" => MAX_LIST_ITEM_BYTES,
        "MAX_YAML_ALIASES" => MAX_YAML_ALIASES,
        // Internal to the YAML reader (core/src/manifest.rs).
        "MAX_YAML_OVERFLOWING_NUMBERS" => 8,
        "MAX_PEM_BYTES" => MAX_PEM_BYTES,
        "MAX_CERTIFICATES" => MAX_CERTIFICATES,
        "MAX_JWS_BYTES" => MAX_JWS_BYTES,
        "MAX_SIGNERS" => MAX_SIGNERS,
        "MAX_SIGN_WORK_BYTES" => MAX_SIGN_WORK_BYTES,
        "MAX_PINS" => MAX_PINS,
        "MAX_PIN_BYTES" => MAX_PIN_BYTES,
        "MAX_DURATION_BYTES" => MAX_DURATION_BYTES,
        "MAX_TIMESTAMP_BYTES" => MAX_TIMESTAMP_BYTES,
        "MAX_OPTION_BYTES" => MAX_OPTION_BYTES,
        "MAX_OPTION_ITEMS" => MAX_OPTION_ITEMS,
        "MAX_K3S_BYTES" => MAX_K3S_BYTES,
        "MAX_K3S_TOKENS" => MAX_K3S_TOKENS,
        "MAX_REDACT_BYTES" => MAX_REDACT_BYTES,
        other => panic!("tests/caps/caps.json names an unknown cap {other}"),
    }
}

#[test]
fn shared_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/caps/caps.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    let mut caps = std::collections::BTreeSet::new();
    for c in cases {
        let (cap, name, op) = (
            c["cap"].as_str().unwrap(),
            &c["name"],
            c["op"].as_str().unwrap(),
        );
        assert_eq!(
            c["limit"].as_u64().unwrap() as usize,
            cap_value(cap),
            "{name}: {cap} changed; update tests/caps/caps.json"
        );
        assert_eq!(code(op, expand(&c["args"])), c["expect"], "{cap}: {name}");
        caps.insert(cap);
    }
    println!(
        "caps: {} shared cases over {} caps",
        cases.len(),
        caps.len()
    );
    assert!(caps.len() >= 20, "{caps:?}");
}

fn secret_json(id: &str) -> String {
    format!(
        r#"{{"apiVersion":"v1","kind":"Secret","metadata":{{"name":"bootstrap-token-{id}","namespace":"kube-system"}},"type":"bootstrap.kubernetes.io/token","stringData":{{"token-id":"{id}","token-secret":"0123456789abcdef"}}}}"#
    )
}

#[test]
fn list_bytes() {
    // Zero pages: the size is refused before a byte is read.
    let huge = vec![0u8; MAX_LIST_BYTES + 1];
    let e = kubetoken::secret::parse_secret_list(&huge).unwrap_err();
    assert_eq!(e.code(), "input_too_large");
}

#[test]
fn list_items_and_million_empty_items() {
    // 34-byte items: above MIN_LIST_ITEM_BYTES, so only MAX_LIST_ITEMS applies.
    let item = r#"{"kind":"Secret","type":"abcdefg"}"#;
    let list = |n: usize| format!("{{\"items\":[{}]}}", vec![item; n].join(","));
    assert_eq!(
        code("parse_secret_list", json!({"secrets": list(10)})),
        "ok"
    );
    too_large(
        "parse_secret_list",
        json!({ "secrets": list(MAX_LIST_ITEMS + 1) }),
    );
    // Empty items: at most len / MIN_LIST_ITEM_BYTES + 1 of them.
    let empty = |n: usize| format!("{{\"items\":[{}{{}}]}}", "{},".repeat(n - 1));
    assert_eq!(
        code("parse_secret_list", json!({"secrets": empty(1)})),
        "ok"
    );
    too_large("parse_secret_list", json!({ "secrets": empty(1_000) }));
    too_large("parse_secret_list", json!({ "secrets": empty(1_000_000) }));
    too_large(
        "list_tokens",
        json!({"secrets": empty(1_000_000), "now": NOW}),
    );
}

#[test]
fn list_errors() {
    let bad = |n: usize| {
        let item = "\"not a Secret but a 34-byte string\"";
        format!("{{\"items\":[{}]}}", vec![item; n].join(","))
    };
    let ok = api::call(
        "parse_secret_list",
        &json!({"secrets": bad(MAX_LIST_ERRORS)}),
    )
    .unwrap();
    assert_eq!(ok.as_array().map(Vec::len), Some(MAX_LIST_ERRORS));
    too_large(
        "parse_secret_list",
        json!({ "secrets": bad(MAX_LIST_ERRORS + 1) }),
    );
    // Decodable Secrets that are not valid tokens count too.
    let broken = format!(
        "{{\"items\":[{}]}}",
        vec![r#"{"type":"bootstrap.kubernetes.io/token"}"#; MAX_LIST_ERRORS + 1].join(",")
    );
    too_large("parse_secret_list", json!({ "secrets": broken }));
    too_large(
        "list_tokens",
        json!({"secrets": broken.replace(r#""type""#, r#""metadata":{"namespace":"kube-system"},"type""#), "now": NOW}),
    );
}

#[test]
fn list_item_bytes_and_nodes() {
    let item = format!(
        "{{\"items\":[{{\"data\":{{\"a\":\"{}\"}}}}]}}",
        "A".repeat(MAX_LIST_ITEM_BYTES)
    );
    too_large("parse_secret_list", json!({ "secrets": item }));
    let nodes = format!("{{\"items\":[[{}0]]}}", "0,".repeat(MAX_ITEM_NODES));
    too_large("parse_secret_list", json!({ "secrets": nodes }));
    let single = format!("[{}0]", "0,".repeat(MAX_ITEM_NODES));
    too_large("parse_secret", json!({ "secret": single }));
    let yaml = format!("a:\n{}", "- 0\n".repeat(MAX_ITEM_NODES));
    too_large("parse_kubeconfig", json!({ "kubeconfig": yaml }));
}

#[test]
fn list_of_secrets_parses() {
    let items: Vec<String> = (0..2000).map(|i| secret_json(&format!("{i:06}"))).collect();
    let text = format!(
        "{{\"apiVersion\":\"v1\",\"items\":[{}],\"kind\":\"List\"}}",
        items.join(",")
    );
    let out = api::call("parse_secret_list", &json!({ "secrets": text })).unwrap();
    assert_eq!(out.as_array().map(Vec::len), Some(2000));
    assert_eq!(out[1999]["id"], "001999");
}

#[test]
fn yaml_aliases() {
    too_large(
        "parse_secret",
        json!({"secret": "metadata: &m {name: x}\nx: *m\n"}),
    );
    too_large("parse_secret", json!({"secret": "a: &a 1\n"}));
    let mut laughs = String::from("a0: &a0 [lol]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        laughs.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 9].join(",")));
    }
    too_large("parse_secret_list", json!({ "secrets": laughs }));
    let wide = format!(
        "k: &big \"{}\"\n{}",
        "x".repeat(600 << 10),
        (0..99).map(|i| format!("k{i}: *big\n")).collect::<String>()
    );
    too_large("parse_kubeconfig", json!({ "kubeconfig": wide }));
}

/// `MAX_NESTING`: a Secret with an extra field nested `levels` deep in all (the Secret's
/// own mapping is level 1), as JSON text, YAML text, a parsed object and a list item.
#[test]
fn nesting() {
    let with_depth = |levels: usize| -> String {
        let inner = format!("{}0{}", "[".repeat(levels - 1), "]".repeat(levels - 1));
        let s = secret_json("abcdef");
        format!("{},\"x\":{inner}}}", s.strip_suffix('}').unwrap())
    };
    let ok = with_depth(MAX_NESTING);
    let deep = with_depth(MAX_NESTING + 1);
    assert_eq!(code("parse_secret", json!({ "secret": ok })), "ok");
    too_large("parse_secret", json!({ "secret": deep }));
    // The same text as YAML (a flow mapping after a comment line, so not JSON).
    assert_eq!(
        code("parse_secret", json!({"secret": format!("#\n{ok}")})),
        "ok"
    );
    too_large("parse_secret", json!({ "secret": format!("#\n{deep}") }));
    // Parsed: the object is level 1, as in the bindings.
    let object = |t: &str| serde_json::from_str::<Value>(t).unwrap();
    assert_eq!(code("parse_secret", json!({ "secret": object(&ok) })), "ok");
    too_large("parse_secret", json!({ "secret": object(&deep) }));
    // In a list's text, levels count from the document root (list mapping, items).
    let list = |t: &str| format!("{{\"kind\":\"List\",\"items\":[{t}]}}");
    let in_list = with_depth(MAX_NESTING - 2);
    assert_eq!(
        code("parse_secret_list", json!({ "secrets": list(&in_list) })),
        "ok"
    );
    too_large(
        "parse_secret_list",
        json!({ "secrets": list(&with_depth(MAX_NESTING - 1)) }),
    );
    // An array of parsed Secrets is level 1.
    let items = |t: &str| Value::Array(vec![object(t)]);
    let one_less = with_depth(MAX_NESTING - 1);
    assert_eq!(
        code("parse_secret_list", json!({ "secrets": items(&one_less) })),
        "ok"
    );
    too_large("parse_secret_list", json!({ "secrets": items(&ok) }));
    let e = api::call("parse_secret", &json!({ "secret": deep })).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("manifest nesting (level count) is too large (the limit is {MAX_NESTING})")
    );
}
