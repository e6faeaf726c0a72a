//! Helper for `tests/fixtures/k3s_differential.py`: computes `k3s::ca_hash` for every
//! bundle in `$KUBETOKEN_K3S_CASES` (JSON lines `{"pem": ...}`) and writes one
//! `{"ok": hash}` / `{"err": message}` line per case to `$KUBETOKEN_K3S_CASES.rust`.
//! The script compares them with the Go oracle (tests/oracle). Ignored by default.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;

#[test]
#[ignore = "run by tests/fixtures/k3s_differential.py"]
fn k3s_hash_cases_from_file() {
    let path = std::env::var("KUBETOKEN_K3S_CASES").expect("KUBETOKEN_K3S_CASES");
    let now = kubetoken::Timestamp::parse_rfc3339(
        &std::env::var("KUBETOKEN_K3S_NOW").expect("KUBETOKEN_K3S_NOW"),
    )
    .unwrap();
    let input = std::fs::read_to_string(&path).unwrap();
    let mut out = std::fs::File::create(format!("{path}.rust")).unwrap();
    for line in input.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let pem = v["pem"].as_str().unwrap();
        let r = match kubetoken::k3s::ca_hash(pem.as_bytes(), now) {
            Ok(h) => serde_json::json!({"ok": h.hash}),
            Err(e) => serde_json::json!({"err": e.to_string()}),
        };
        writeln!(out, "{r}").unwrap();
    }
}
