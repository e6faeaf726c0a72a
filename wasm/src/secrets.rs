//! Token options and Secrets (docs/api.md "Token options and Secrets"). Arguments are
//! converted here; `kubetoken::api` reads them and shapes the results.

use kubetoken::options;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::conv::{self, ApiArgs, JsResult, Opts, OrThrow};

/// The token options of `render_secret` & co., plus the op-level `now` and
/// `stringData`, as `kubetoken::api` arguments. Values are converted (Date → RFC3339,
/// milliseconds → Go duration); the core's `TokenOptions::from_value` owns every rule
/// (defaults, unknown keys).
fn token_args(v: JsValue, func: &'static str) -> JsResult<ApiArgs> {
    let mut o = Opts::new(v.clone(), func)?;
    let now = o.now()?;
    let string_data = o.flag("stringData")?;
    let expires = o.opt_time("expires")?;
    let ttl = o.opt_duration("ttl")?;
    let mut map = match conv::json_value(&v, func)? {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    };
    map.remove("now");
    map.remove("stringData");
    if let Some(e) = expires {
        map.insert("expires".into(), Value::String(e.to_rfc3339()));
    }
    if let Some(t) = ttl {
        map.insert("ttl".into(), Value::String(t.to_go_string()));
    }
    let mut a = ApiArgs::default();
    for (k, v) in map {
        a = a.set(&k, v);
    }
    Ok(a.time("now", now).set("string_data", string_data))
}

/// `validate_group` → `true`, or throws `InvalidOptionsError` (`invalid_group`).
#[wasm_bindgen(js_name = validateGroup, skip_typescript)]
pub fn validate_group(group: JsValue) -> JsResult<bool> {
    options::validate_group(&conv::string(&group, "group")?).js()?;
    Ok(true)
}

/// `validate_usages` → `true`, or throws (`invalid_usage`).
#[wasm_bindgen(js_name = validateUsages, skip_typescript)]
pub fn validate_usages(usages: JsValue) -> JsResult<bool> {
    options::validate_usages(&conv::string_list(&usages, "usages")?).js()?;
    Ok(true)
}

/// `validate_token_groups({usages, groups})` → `true`, or throws.
#[wasm_bindgen(js_name = validateTokenGroups, skip_typescript)]
pub fn validate_token_groups(options: JsValue) -> JsResult<bool> {
    let mut o = Opts::new(options, "validateTokenGroups")?;
    let usages = o.opt_list("usages")?.unwrap_or_default();
    let groups = o.opt_list("groups")?.unwrap_or_default();
    o.finish()?;
    options::validate_token_groups(&usages, &groups).js()?;
    Ok(true)
}

/// `validate_token_options({token?, flavour?, description?, ttl?, expires?, usages?, groups?})`.
#[wasm_bindgen(js_name = validateTokenOptions, skip_typescript)]
pub fn validate_token_options(options: JsValue) -> JsResult<bool> {
    token_args(options, "validateTokenOptions")?.boolean("validate_token_options")
}

/// `render_secret`: the validated options (a token is generated when none is given) as
/// a Secret manifest object (`data` base64, or `stringData` with `stringData: true`).
#[wasm_bindgen(js_name = renderSecret, skip_typescript)]
pub fn render_secret(options: JsValue) -> JsResult<JsValue> {
    token_args(options, "renderSecret")?.call("render_secret")
}

/// `render_secret_yaml`: the same, as YAML text.
#[wasm_bindgen(js_name = renderSecretYaml, skip_typescript)]
pub fn render_secret_yaml(options: JsValue) -> JsResult<String> {
    token_args(options, "renderSecretYaml")?.string("render_secret_yaml")
}

/// `encode_token_secret`: `BootstrapTokenToSecret` of exactly the given fields (no
/// defaults, no validation, like upstream).
#[wasm_bindgen(js_name = encodeTokenSecret, skip_typescript)]
pub fn encode_token_secret(options: JsValue) -> JsResult<JsValue> {
    token_args(options, "encodeTokenSecret")?.call("encode_token_secret")
}

/// `parse_secret`: `BootstrapTokenFromSecret` → `{token, id, description, expires, usages, groups}`.
#[wasm_bindgen(js_name = parseSecret, skip_typescript)]
pub fn parse_secret(secret_manifest: JsValue) -> JsResult<JsValue> {
    ApiArgs::default()
        .set("secret", conv::manifest(&secret_manifest, "secret")?)
        .call("parse_secret")
}

/// `parse_secret_list`: every bootstrap-token Secret of a List (text or object) →
/// its token object, or `{error, message}` for one that does not decode.
#[wasm_bindgen(js_name = parseSecretList, skip_typescript)]
pub fn parse_secret_list(secrets: JsValue) -> JsResult<JsValue> {
    let v = match secrets.as_string() {
        Some(text) => Value::String(text),
        None => conv::json_value(&secrets, "secrets")?,
    };
    ApiArgs::default()
        .set("secrets", v)
        .call("parse_secret_list")
}
