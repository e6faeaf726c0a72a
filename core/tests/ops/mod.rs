//! `op` → kubetoken call, one file per area. Each `run` returns `None` for ops it does
//! not own, else the call's result as JSON (or the error, compared by code).

mod authn;
mod discovery;
mod k3s;
mod secret;
mod token;

use kubetoken::Error;
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
