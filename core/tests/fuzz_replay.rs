//! Replays the fuzz corpora and reproducers on stable: every file of
//! `fuzz/corpus/<target>/` and `fuzz/reproducers/<target>/` goes through the same body
//! the cargo-fuzz target runs (`fuzz/src/lib.rs`, included here as a module), so a crash
//! found once stays fixed without nightly or libFuzzer in CI.
//!
//! `KUBETOKEN_FUZZ_WRITE_SEEDS=1 cargo test -p kubetoken --test fuzz_replay -- --ignored
//! write_seeds` (re)writes the seeds derived from `tests/vectors/*.json` and
//! `tests/fixtures/` into `fuzz/seeds/<target>/` (uncommitted; `make fuzz-seed` merges
//! them into the minimised corpora).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)]

#[path = "../../fuzz/src/lib.rs"]
mod bodies;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = rd
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    out.sort();
    out
}

#[test]
fn replay_corpora_and_reproducers() {
    let root = fuzz_dir();
    let mut failures = Vec::new();
    let mut total = 0;
    for (name, body) in bodies::TARGETS {
        let corpus = files(&root.join("corpus").join(name));
        let repros = files(&root.join("reproducers").join(name));
        assert!(!corpus.is_empty(), "fuzz/corpus/{name}/ is empty");
        for path in corpus.iter().chain(&repros) {
            let data = match std::fs::read(path) {
                Ok(d) => d,
                // Removed since the listing (a fuzzer reducing this corpus right now).
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => panic!("{}: {e}", path.display()),
            };
            let r = std::panic::catch_unwind(|| body(&data));
            if r.is_err() {
                failures.push(path.display().to_string());
            }
        }
        println!(
            "fuzz replay {name:12} {:5} corpus inputs, {:3} reproducers",
            corpus.len(),
            repros.len()
        );
        total += corpus.len() + repros.len();
    }
    println!(
        "fuzz replay: {total} inputs over {} targets",
        bodies::TARGETS.len()
    );
    assert!(failures.is_empty(), "failing inputs: {failures:#?}");
}

/// The field splitting the bodies rely on: the last field takes the rest.
#[test]
fn seed_fields_round_trip() {
    let s = seed(&["a", "b\nc"]);
    assert_eq!(s, b"a\nb\nc");
}

fn seed(fields: &[&str]) -> Vec<u8> {
    fields.join("\n").into_bytes()
}

fn str_arg<'a>(args: &'a Value, k: &str) -> Option<&'a str> {
    args.get(k).and_then(Value::as_str)
}

/// A manifest argument as text: strings as they are, objects as JSON.
fn manifest_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(serde_json::to_string_pretty(other).unwrap()),
    }
}

fn vector_cases() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut out = Vec::new();
    for path in files(&dir) {
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in v["cases"].as_array().into_iter().flatten() {
            if let Some(op) = case["op"].as_str() {
                out.push((op.to_owned(), case["args"].clone()));
            }
        }
    }
    out
}

fn pem_fixtures() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/k3s");
    files(&dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pem"))
        .map(|p| std::fs::read(p).unwrap())
        .collect()
}

/// The DER of the first PEM block of `pem`, if any.
fn first_der(pem: &[u8]) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let text = String::from_utf8_lossy(pem);
    let body: String = text
        .split("-----BEGIN CERTIFICATE-----")
        .nth(1)?
        .split("-----END")
        .next()?
        .split_whitespace()
        .collect();
    base64::engine::general_purpose::STANDARD.decode(body).ok()
}

/// Larger vector inputs (the size-cap cases) would only slow every execution down.
const MAX_SEED_BYTES: usize = 64 * 1024;

/// The seeds of every target, from the vectors and fixtures.
fn seeds() -> BTreeMap<&'static str, Vec<Vec<u8>>> {
    let mut s: BTreeMap<&'static str, Vec<Vec<u8>>> = BTreeMap::new();
    let now_default = bodies::DEFAULT_NOW;
    let bearer_default = "abcdef.0123456789abcdef";
    for (op, args) in vector_cases() {
        let args_json = if args.is_null() {
            String::new()
        } else {
            args.to_string()
        };
        s.entry("api_call")
            .or_default()
            .push(format!("{op}\n{args_json}").into_bytes());
        let now = str_arg(&args, "now").unwrap_or(now_default);
        let token = str_arg(&args, "token").unwrap_or(bearer_default);
        for key in ["secret", "secrets"] {
            if let Some(m) = args.get(key).and_then(manifest_text) {
                s.entry("secrets")
                    .or_default()
                    .push(seed(&[token, now, &m]));
                if let Ok(sec) = kubetoken::Secret::parse(&m)
                    && let Ok(y) = sec.to_yaml()
                {
                    s.entry("secrets")
                        .or_default()
                        .push(seed(&[token, now, &y]));
                }
            }
        }
        let pins: Vec<&str> = ["pins", "ca_cert_hashes"]
            .iter()
            .filter_map(|k| args.get(*k).and_then(Value::as_array))
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let pins = pins.join(",");
        for key in ["pem", "bundle", "ca_pem"] {
            if let Some(p) = str_arg(&args, key) {
                s.entry("pem").or_default().push(seed(&[now, &pins, p]));
            }
        }
        let server = str_arg(&args, "server").unwrap_or("https://10.0.0.1:6443");
        for key in ["configmap", "kubeconfig"] {
            if let Some(d) = args.get(key).and_then(manifest_text) {
                s.entry("discovery")
                    .or_default()
                    .push(seed(&[token, &pins, now, server, &d]));
            }
        }
        if let Some(p) = str_arg(&args, "ca_pem") {
            s.entry("discovery")
                .or_default()
                .push(seed(&[token, &pins, now, server, p]));
        }
        for key in ["duration", "timestamp", "ttl", "expires", "now"] {
            if let Some(d) = str_arg(&args, key) {
                s.entry("durations")
                    .or_default()
                    .push(d.as_bytes().to_vec());
            }
        }
        for key in ["token", "credentials", "passwd"] {
            if let Some(t) = str_arg(&args, key) {
                let rest = t.strip_prefix("K10").unwrap_or(t);
                let seed_bytes = match rest.rsplit_once(':') {
                    Some((head, pw)) => seed(&[head, pw]),
                    None => seed(&[":", rest]),
                };
                s.entry("k3s_token").or_default().push(seed_bytes);
            }
        }
        if let (Some(p), Some(v)) = (
            str_arg(&args, "passphrase").or(str_arg(&args, "token")),
            str_arg(&args, "value"),
        ) {
            s.entry("k3s_decrypt").or_default().push(seed(&[p, v]));
        }
    }
    // Bundles (and the DER of their first certificate), with and without their own pins.
    for pem in pem_fixtures() {
        let hashes = kubetoken::api::call(
            "ca_cert_hashes",
            &json!({"pem": String::from_utf8_lossy(&pem)}),
        )
        .ok()
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default();
        let pins: Vec<&str> = hashes.iter().filter_map(Value::as_str).collect();
        let mut with_pins = format!("{now_default}\n{}\n", pins.join(",")).into_bytes();
        with_pins.extend_from_slice(&pem);
        s.entry("pem").or_default().push(with_pins);
        if let Some(der) = first_der(&pem) {
            let mut d = format!("{now_default}\n\n").into_bytes();
            d.extend_from_slice(&der);
            s.entry("pem").or_default().push(d);
        }
    }
    // A ConfigMap signed by the default token, and a ciphertext it opens.
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "cluster-info", "namespace": "kube-public"},
        "data": {"kubeconfig": kubetoken::api::call("cluster_info_kubeconfig",
            &json!({"server": "https://10.0.0.1:6443",
                    "ca_pem": String::from_utf8_lossy(&pem_fixtures()[0])})).unwrap()}});
    s.entry("discovery").or_default().push(seed(&[
        bearer_default,
        "",
        now_default,
        "https://10.0.0.1:6443",
        &cm.to_string(),
    ]));
    let sealed =
        kubetoken::k3s::encrypt_with("K10::node:pw", b"{\"x\":1}", "0123456789abcdef", [7; 12])
            .unwrap();
    s.entry("k3s_decrypt")
        .or_default()
        .push(seed(&["K10::node:pw", &sealed]));
    for v in s.values_mut() {
        v.retain(|d| d.len() <= MAX_SEED_BYTES);
        v.sort();
        v.dedup();
    }
    s
}

#[test]
#[ignore = "writes fuzz/seeds/; run with KUBETOKEN_FUZZ_WRITE_SEEDS=1"]
fn write_seeds() {
    if std::env::var_os("KUBETOKEN_FUZZ_WRITE_SEEDS").is_none() {
        return;
    }
    for (target, inputs) in seeds() {
        let dir = fuzz_dir().join("seeds").join(target);
        std::fs::create_dir_all(&dir).unwrap();
        for (i, data) in inputs.iter().enumerate() {
            std::fs::write(dir.join(format!("seed-{i:04}")), data).unwrap();
        }
        println!("{target}: {} seeds", inputs.len());
    }
}

/// Every target has seeds (so a new target cannot be added without them).
#[test]
fn every_target_has_seeds() {
    let s = seeds();
    for (name, _) in bodies::TARGETS {
        assert!(
            s.get(name).is_some_and(|v| !v.is_empty()),
            "no seeds for {name}"
        );
    }
}
