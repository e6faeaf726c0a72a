//! The Rust door of the cross-door differential (tests/crossdoor/crossdoor.py): reads
//! cases (`{"op", "args"}` JSON lines) on stdin, runs each through the JSON façade
//! `kubetoken::api::call`, and writes one result line per case: `{"ok": <result>}` or
//! `{"error": "<code>", "message": "<Display>"}`.
//!
//! A case whose JSON text holds a lone surrogate (`"\ud800"`, which Python and JS read
//! as a real lone surrogate) cannot be given to Rust: no `&str` holds one, and
//! `serde_json` refuses the text. Such text is not a string of the API's argument types,
//! so the equivalent input is a wrong-typed argument: `{"error": "invalid_options"}`,
//! the code the bindings give (`TypeError`) for a wrong type, with no message (the
//! message of a wrong type is each language's own). `k3s_decrypt`'s text (and `redact`'s
//! of bytes) is written as bytes, `{"base64": ...}`, as the bindings return bytes.

// A test driver: a case file it cannot read is a bug of the generator, and stops the run.
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{BufRead, Write};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin is text");
        let result = match serde_json::from_str::<Value>(&line) {
            Err(_) if has_surrogate_escape(&line) => json!({"error": "invalid_options"}),
            Err(e) => panic!("case is not JSON: {e}: {line}"),
            Ok(case) => {
                let op = case["op"].as_str().expect("case has an op");
                match kubetoken::api::call(op, &case["args"]) {
                    // The bindings return bytes here (redact: for bytes in); the façade
                    // returns bytes that are UTF-8 as text.
                    Ok(Value::String(s))
                        if op == "k3s_decrypt"
                            || (op == "redact" && !case["args"]["text"].is_string()) =>
                    {
                        json!({"ok": {"base64": STANDARD.encode(s)}})
                    }
                    Ok(v) => json!({ "ok": v }),
                    Err(e) => json!({"error": e.code(), "message": e.to_string()}),
                }
            }
        };
        serde_json::to_writer(&mut out, &result).expect("stdout");
        out.write_all(b"\n").expect("stdout");
    }
}

/// Whether the (ASCII-escaped) JSON text has a `\\uD800`–`\\uDFFF` escape; called when
/// `serde_json` refused the text, so one of them is lone.
fn has_surrogate_escape(line: &str) -> bool {
    line.to_ascii_lowercase()
        .split("\\ud")
        .skip(1)
        .any(|rest| rest.starts_with(['8', '9', 'a', 'b', 'c', 'd', 'e', 'f']))
}
