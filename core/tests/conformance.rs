//! Data-driven conformance: every case in `tests/vectors/*.json` (reshaped from
//! `../shared/vectors/`), each `op` run through `kubetoken::api::call` (the JSON API the
//! bindings use too) or, for the few test-only ops, `ops::test_ops`.
//!
//! A vector file: `{"origin": "kubeadm.json"|"k3s.json"|null, "cases": [case]}`; a case:
//! `{"index": <position in the origin file or null>, "source", "function", "op", "args",
//!   "expect": {"ok": <json>} | {"error": "<code>"}}` or the same with `"skip": "<reason>"`
//! instead of op/args/expect. Every index of every origin file must be accounted for.

mod ops;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

/// Number of cases in each upstream file (`../shared/vectors/`).
const ORIGIN_SIZES: &[(&str, usize)] = &[("kubeadm.json", 272), ("k3s.json", 187)];

/// Floors that keep coverage from sliding back (issue acceptance: ≥ 220 kubeadm cases).
const MIN_RAN: &[(&str, usize)] = &[("kubeadm.json", 255), ("k3s.json", 130)];

#[test]
fn conformance() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut ran: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    let mut skipped: BTreeMap<String, BTreeMap<u64, String>> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut extra_ran = 0usize;
    for file in &files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).expect("readable"))
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let origin = doc["origin"].as_str().map(str::to_owned);
        let cases = doc["cases"].as_array().expect("cases array");
        for (pos, case) in cases.iter().enumerate() {
            let label = format!(
                "{}#{} [{}] {}",
                file.file_name().unwrap().to_string_lossy(),
                pos,
                case["op"].as_str().unwrap_or("-"),
                case["source"].as_str().unwrap_or("")
            );
            let index = case["index"].as_u64();
            if let Some(reason) = case["skip"].as_str() {
                if let (Some(o), Some(i)) = (&origin, index) {
                    skipped
                        .entry(o.clone())
                        .or_default()
                        .insert(i, reason.to_owned());
                }
                continue;
            }
            let op = case["op"]
                .as_str()
                .unwrap_or_else(|| panic!("{label}: no op"));
            let args = &case["args"];
            let got = ops::dispatch(op, args);
            let expect = &case["expect"];
            let ok = match (expect.get("ok"), expect.get("error"), &got) {
                (Some(want), _, Ok(v)) => {
                    if v != want {
                        failures.push(format!("{label}: got {v}, want {want}"));
                    }
                    v == want
                }
                (_, Some(code), Err(e)) => {
                    let good = e.code() == code.as_str().unwrap_or("");
                    if !good {
                        failures.push(format!(
                            "{label}: error code {} ({e}), want {code}",
                            e.code()
                        ));
                    }
                    good
                }
                (Some(want), _, Err(e)) => {
                    failures.push(format!("{label}: error {} ({e}), want ok {want}", e.code()));
                    false
                }
                (_, Some(code), Ok(v)) => {
                    failures.push(format!("{label}: ok {v}, want error {code}"));
                    false
                }
                _ => {
                    failures.push(format!("{label}: expect must have ok or error"));
                    false
                }
            };
            if ok {
                match (&origin, index) {
                    (Some(o), Some(i)) => {
                        ran.entry(o.clone()).or_default().insert(i);
                    }
                    _ => extra_ran += 1,
                }
            }
        }
    }
    for (origin, size) in ORIGIN_SIZES {
        let r = ran.get(*origin).cloned().unwrap_or_default();
        let s = skipped.get(*origin).cloned().unwrap_or_default();
        let missing: Vec<usize> = (0..*size)
            .filter(|i| !r.contains(&(*i as u64)) && !s.contains_key(&(*i as u64)))
            .collect();
        println!(
            "{origin}: {} of {size} upstream cases ran and passed, {} skipped, {} unaccounted",
            r.len(),
            s.iter().filter(|(i, _)| !r.contains(i)).count(),
            missing.len()
        );
        for (i, reason) in &s {
            if !r.contains(i) {
                println!("  skipped {origin}#{i}: {reason}");
            }
        }
        if !missing.is_empty() {
            failures.push(format!(
                "{origin}: {} upstream cases neither run nor skipped with a reason: {missing:?}",
                missing.len()
            ));
        }
        if let Some(min) = MIN_RAN.iter().find(|(o, _)| o == origin).map(|(_, m)| *m)
            && r.len() < min
        {
            failures.push(format!(
                "{origin}: only {} cases ran, at least {min} must",
                r.len()
            ));
        }
    }
    println!("kubetoken's own extra cases ran and passed: {extra_ran}");
    if !failures.is_empty() {
        panic!(
            "{} conformance failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
