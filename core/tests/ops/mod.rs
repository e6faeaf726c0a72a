//! `op` → kubetoken call: the public ops go through `kubetoken::api::call` (the one
//! JSON-level implementation of docs/api.md, shared with the bindings); this module adds
//! only the test ops docs/api.md marks as such (Rust-only or runner-implemented).

mod test_ops;

use kubetoken::Error;
use serde_json::Value;

/// A test op, else the public api; an unknown op is the api's `unsupported` error.
pub fn dispatch(op: &str, args: &Value) -> Result<Value, Error> {
    test_ops::run(op, args).unwrap_or_else(|| kubetoken::api::call(op, args))
}
