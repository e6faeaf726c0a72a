//! Secret hygiene of every error path: every op of `kubetoken::api::call`, started from
//! each of its vector cases (`tests/vectors/*.json`, so the calls get past the first
//! check and into the deeper ones), with **every string in the arguments** — top-level
//! values, list elements, keys and values inside manifests (base64 `data` values
//! re-encoded), manifests given as JSON text — replaced in turn by hostile strings that
//! hold a known bootstrap token or K10 password, and with hostile unknown keys added.
//! No error's message, `Display` or `Debug` may contain the token secret or the password.
//!
//! `tests/hygiene/hostile.json` lists the hostile strings and the forbidden fragments;
//! the Python and Node hygiene tests read the same file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use base64::Engine as _;
use serde_json::{Map, Value, json};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

struct Hostile {
    strings: Vec<String>,
    forbidden: Vec<String>,
}

fn hostile() -> Hostile {
    let text = std::fs::read_to_string(repo().join("tests/hygiene/hostile.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let list = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_owned())
            .collect()
    };
    Hostile {
        strings: list("strings"),
        forbidden: list("forbidden"),
    }
}

/// The vector cases of the public ops, grouped by op (every op of the table, `{}` for an
/// op without vectors).
fn base_cases() -> BTreeMap<&'static str, Vec<Value>> {
    let mut by_op: BTreeMap<&'static str, Vec<Value>> = BTreeMap::new();
    for op in kubetoken::api::ops() {
        by_op.insert(op, Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/vectors"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for f in files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let Some(op) = case["op"].as_str() else {
                continue;
            };
            if let Some(list) = by_op.iter_mut().find(|(k, _)| **k == op).map(|(_, v)| v) {
                list.push(case["args"].clone());
            }
        }
    }
    for list in by_op.values_mut() {
        if list.is_empty() {
            list.push(json!({}));
        }
    }
    by_op
}

/// Every variant of `v` with one string replaced by `h` (values, keys, list elements,
/// JSON text re-serialized after the change, base64 `data` values re-encoded).
fn mutations(v: &Value, h: &str, in_data: bool, out: &mut Vec<Value>) {
    match v {
        Value::String(s) => {
            out.push(Value::String(h.to_owned()));
            if in_data {
                let b64 = base64::engine::general_purpose::STANDARD.encode(h);
                out.push(Value::String(b64));
            }
            if let Ok(inner @ (Value::Object(_) | Value::Array(_))) =
                serde_json::from_str::<Value>(s)
            {
                let mut sub = Vec::new();
                mutations(&inner, h, false, &mut sub);
                out.extend(sub.iter().map(|m| Value::String(m.to_string())));
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let mut sub = Vec::new();
                mutations(x, h, in_data, &mut sub);
                for m in sub {
                    let mut copy = a.clone();
                    copy[i] = m;
                    out.push(Value::Array(copy));
                }
            }
        }
        Value::Object(o) => {
            // Each key renamed to the hostile string, and one hostile key added.
            for k in o.keys() {
                let renamed: Map<String, Value> = o
                    .iter()
                    .map(|(k2, v2)| (if k2 == k { h.to_owned() } else { k2.clone() }, v2.clone()))
                    .collect();
                out.push(Value::Object(renamed));
            }
            let mut extra = o.clone();
            extra.insert(h.to_owned(), json!(1));
            out.push(Value::Object(extra));
            for (k, x) in o {
                let mut sub = Vec::new();
                mutations(x, h, k == "data", &mut sub);
                for m in sub {
                    let mut copy = o.clone();
                    copy.insert(k.clone(), m);
                    out.push(Value::Object(copy));
                }
            }
        }
        _ => {}
    }
}

#[test]
fn no_error_of_any_op_shows_a_secret() {
    let h = hostile();
    let mut calls = 0usize;
    let mut errors = 0usize;
    let mut paths: BTreeSet<(String, String)> = BTreeSet::new();
    let mut leaks = Vec::new();
    for (op, cases) in base_cases() {
        // Distinct bases only, at most 4 per op (the vectors repeat shapes).
        let mut seen = BTreeSet::new();
        for base in cases.iter().filter(|c| seen.insert(c.to_string())).take(4) {
            for hs in &h.strings {
                let mut variants = Vec::new();
                mutations(base, hs, false, &mut variants);
                for args in variants {
                    calls += 1;
                    let Err(e) = kubetoken::api::call(op, &args) else {
                        continue;
                    };
                    errors += 1;
                    let msg = e.message();
                    // An error path: the op and the message with the hostile text cut out.
                    paths.insert((op.to_owned(), format!("{}:{}", e.code(), shape(&msg))));
                    for shown in [msg, e.to_string(), format!("{e:?}")] {
                        let lower = shown.to_ascii_lowercase();
                        if h.forbidden
                            .iter()
                            .any(|f| lower.contains(&f.to_ascii_lowercase()))
                        {
                            leaks.push(format!("{op} {args}: {shown}"));
                        }
                    }
                }
            }
        }
    }
    eprintln!(
        "hygiene: {calls} calls, {errors} errors, {} distinct error paths (op × message shape) over {} ops",
        paths.len(),
        kubetoken::api::ops().count()
    );
    assert!(
        leaks.is_empty(),
        "{} leaks, e.g.:\n{}",
        leaks.len(),
        leaks[..leaks.len().min(20)].join("\n")
    );
    assert!(
        paths.len() > 300,
        "only {} error paths reached",
        paths.len()
    );
}

/// A message with every quoted part and digit run collapsed (to count distinct paths).
fn shape(m: &str) -> String {
    let mut out = String::new();
    let mut in_quote = false;
    let mut prev_escape = false;
    for c in m.chars() {
        if in_quote {
            if c == '"' && !prev_escape {
                in_quote = false;
                out.push('"');
            }
            prev_escape = c == '\\' && !prev_escape;
            continue;
        }
        if c == '"' {
            in_quote = true;
            out.push_str("\"…");
        } else if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn results_with_secrets_mask_them_in_debug() {
    use kubetoken::BootstrapToken;
    let t = BootstrapToken::parse("abcdef.0123456789abcdef").unwrap();
    let h = "a".repeat(64);
    let k3s = kubetoken::k3s::K3sToken::parse(&format!("K10{h}::server:hunter2-Pa55")).unwrap();
    let k3b = kubetoken::k3s::K3sToken::parse(&format!("K10{h}::abcdef.0123456789abcdef")).unwrap();
    let now = kubetoken::Timestamp::parse_rfc3339("2025-01-01T00:00:00Z").unwrap();
    let spec = kubetoken::TokenSpec::new(t.clone(), kubetoken::Flavour::Kubeadm);
    let secret = spec.to_secret(now);
    let debugs = [
        format!("{t:?}"),
        format!("{t}"),
        format!("{:?}", kubetoken::token::TokenParts::from(&t)),
        format!("{spec:?}"),
        format!("{secret:?}"),
        format!("{:?}", secret.to_manifest()),
        format!("{:?}", kubetoken::options::TokenInfo::from(&spec)),
        format!("{:?}", kubetoken::authn::signing_credentials(&secret, now)),
        format!("{k3s:?}"),
        format!("{k3s}"),
        format!("{k3b:?}"),
        format!("{:?}", kubetoken::k3s::K3sTokenInfo::from(&k3s)),
        format!("{:?}", kubetoken::k3s::K3sTokenInfo::from(&k3b)),
        format!("{:?}", kubetoken::k3s::credentials(&k3s, None)),
        format!(
            "{:?}",
            kubetoken::k3s::CredentialHeader::from(&kubetoken::k3s::credentials(&k3s, None))
        ),
        format!(
            "{:?}",
            kubetoken::k3s::CredentialHeader::from(&kubetoken::k3s::credentials(&k3b, None))
        ),
        format!(
            "{:?}",
            kubetoken::list::list_tokens(
                std::slice::from_ref(&secret),
                now,
                kubetoken::ListFormat::Text,
                kubetoken::Flavour::Kubeadm
            )
        ),
    ];
    for d in debugs {
        assert!(
            !d.contains("0123456789abcdef") && !d.contains("hunter2"),
            "{d}"
        );
        // base64 of the secret and of user:password too
        assert!(
            !d.contains("MDEyMzQ1Njc4OWFiY2RlZg") && !d.contains("c2VydmVyOmh1bnRlcjI"),
            "{d}"
        );
    }
}
