//! One test per cap of `kubetoken::limits`: an input just over the cap is refused with
//! `input_too_large` (and one at the cap, where cheap, is not), through the JSON façade
//! so every door sees the same refusal. Sizes only: speed is measured by
//! `cargo run --release --example limits`, never asserted here.

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

fn secret_json(id: &str) -> String {
    format!(
        r#"{{"apiVersion":"v1","kind":"Secret","metadata":{{"name":"bootstrap-token-{id}","namespace":"kube-system"}},"type":"bootstrap.kubernetes.io/token","stringData":{{"token-id":"{id}","token-secret":"0123456789abcdef"}}}}"#
    )
}

#[test]
fn manifest_bytes() {
    let big = format!("# {}\n", "x".repeat(MAX_MANIFEST_BYTES));
    too_large("parse_secret", json!({ "secret": big }));
    too_large("parse_kubeconfig", json!({ "kubeconfig": big }));
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

#[test]
fn pem_bytes_and_certificates() {
    let big = format!("{}\n", "x".repeat(MAX_PEM_BYTES));
    too_large("ca_cert_hashes", json!({ "pem": big }));
    too_large("k3s_ca_hash", json!({"bundle": big, "now": NOW}));
    let pem = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/k3s/cert-root.pem"
    ))
    .unwrap();
    too_large(
        "ca_cert_hashes",
        json!({ "pem": pem.repeat(MAX_CERTIFICATES + 1) }),
    );
}

#[test]
fn jws_bytes() {
    let content = "x".repeat(MAX_JWS_BYTES + 1);
    too_large(
        "compute_jws",
        json!({"content": content, "token_id": "abcdef", "token_secret": "0123456789abcdef"}),
    );
    too_large(
        "verify_jws",
        json!({"signature": "", "content": content, "token_id": "abcdef", "token_secret": "0123456789abcdef"}),
    );
}

fn signing_secret(id: &str) -> Value {
    json!({"metadata": {"name": format!("bootstrap-token-{id}"), "namespace": "kube-system"},
        "type": "bootstrap.kubernetes.io/token",
        "stringData": {"token-id": id, "token-secret": "0123456789abcdef",
            "usage-bootstrap-signing": "true"}})
}

#[test]
fn signers_and_signing_work() {
    let cm = |content: &str| {
        json!({"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": "cluster-info", "namespace": "kube-public"},
            "data": {"kubeconfig": content}})
    };
    let many = vec![json!({}); MAX_SIGNERS + 1];
    too_large(
        "sign_cluster_info",
        json!({"configmap": cm("k"), "secrets": many, "now": NOW}),
    );
    let content = "x".repeat(1 << 20);
    let signers: Vec<Value> = (0..MAX_SIGN_WORK_BYTES / (1 << 20) + 1)
        .map(|i| signing_secret(&format!("{i:06}")))
        .collect();
    too_large(
        "sign_cluster_info",
        json!({"configmap": cm(&content), "secrets": signers, "now": NOW}),
    );
    let few = &signers[..MAX_SIGN_WORK_BYTES / (1 << 20)];
    assert_eq!(
        code(
            "sign_cluster_info",
            json!({"configmap": cm(&content), "secrets": few, "now": NOW})
        ),
        "ok"
    );
}

#[test]
fn pins() {
    let pin = format!("sha256:{}", "0".repeat(64));
    too_large(
        "parse_ca_pins",
        json!({ "pins": vec![pin.clone(); MAX_PINS + 1] }),
    );
    too_large(
        "parse_ca_pins",
        json!({ "pins": [format!("sha256:{}", "0".repeat(MAX_PIN_BYTES))] }),
    );
    assert_eq!(
        code("parse_ca_pins", json!({ "pins": vec![pin; MAX_PINS] })),
        "ok"
    );
}

#[test]
fn durations_and_timestamps() {
    let long = format!("{}1s", "0".repeat(MAX_DURATION_BYTES));
    too_large("parse_duration", json!({ "duration": long }));
    too_large("render_secret", json!({"ttl": long, "now": NOW}));
    let ts = format!("2026-01-01T00:00:00.{}Z", "0".repeat(MAX_TIMESTAMP_BYTES));
    too_large("parse_rfc3339", json!({ "timestamp": ts }));
    too_large("render_secret", json!({"expires": ts, "now": NOW}));
    too_large("render_secret", json!({ "now": ts }));
    assert_eq!(
        code(
            "parse_rfc3339",
            json!({"timestamp": "2026-01-01T00:00:00.123456789Z"})
        ),
        "ok"
    );
}

#[test]
fn option_strings_and_lists() {
    let d = "d".repeat(MAX_OPTION_BYTES + 1);
    too_large("render_secret", json!({"description": d, "now": NOW}));
    too_large(
        "validate_token_options",
        json!({ "groups": vec!["system:bootstrappers:a"; MAX_OPTION_ITEMS + 1] }),
    );
    too_large(
        "delete_token_names",
        json!({ "args": vec!["abcdef"; MAX_OPTION_ITEMS + 1] }),
    );
    assert_eq!(
        code(
            "render_secret",
            json!({"description": "d".repeat(MAX_OPTION_BYTES), "now": NOW, "token": "abcdef.0123456789abcdef"})
        ),
        "ok"
    );
}

#[test]
fn redact_and_inspect_bytes() {
    // 64 MiB of text is redacted (lines are independent: a longer text goes in pieces).
    let big = "x".repeat(MAX_REDACT_BYTES + 1);
    too_large("redact", json!({ "text": big }));
    assert_eq!(code("redact", json!({ "text": &big[1..] })), "ok");
    let token = "a".repeat(MAX_OPTION_BYTES + 1);
    too_large("inspect_token", json!({ "text": token }));
    assert_eq!(code("inspect_token", json!({ "text": &token[1..] })), "ok");
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
