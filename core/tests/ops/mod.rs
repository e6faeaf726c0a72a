//! `op` → kubetoken call, one file per area. Each `run` returns `None` for ops it does
//! not own, else the call's result as JSON (or the error, compared by code).

mod authn;
mod discovery;
mod k3s;
mod secret;
mod token;

use kubetoken::{Error, Secret, Timestamp};
use serde_json::Value;

pub fn dispatch(op: &str, args: &Value) -> Option<Result<Value, Error>> {
    token::run(op, args)
        .or_else(|| secret::run(op, args))
        .or_else(|| authn::run(op, args))
        .or_else(|| discovery::run(op, args))
        .or_else(|| k3s::run(op, args))
}

/// A string argument ("" when absent).
#[allow(dead_code)]
pub fn s<'a>(args: &'a Value, k: &str) -> &'a str {
    args.get(k).and_then(Value::as_str).unwrap_or("")
}

/// A list-of-strings argument (non-strings dropped; empty when absent).
pub fn strings(args: &Value, k: &str) -> Vec<String> {
    args.get(k)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The `now` argument (RFC3339).
pub fn now(args: &Value) -> Result<Timestamp, Error> {
    Timestamp::parse_rfc3339(s(args, "now"))
}

/// A Secret manifest argument: JSON/YAML text, or an object.
pub fn secret(v: &Value) -> Result<Secret, Error> {
    match v {
        Value::String(text) => Secret::parse(text),
        other => Secret::from_value(other),
    }
}
