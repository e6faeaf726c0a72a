use kubetoken::Error;
use serde_json::Value;

pub fn run(_op: &str, _args: &Value) -> Option<Result<Value, Error>> {
    None
}
