//! Token options and Secrets (docs/api.md "Token options and Secrets").

use kubetoken::spec::{self, TokenOptions};
use kubetoken::{Secret, TokenSpec};
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

use crate::conv::{self, JsResult, Opts, OrThrow, to_js};

/// A Secret manifest argument (text or object) → `Secret` (the core parses and caps it).
pub fn secret(v: &JsValue, what: &str) -> JsResult<Secret> {
    Secret::parse(&conv::manifest(v, what)?).js()
}

/// The token options of `render_secret` & co., plus the op-level `now` and
/// `stringData`. Values are converted (Date → RFC3339, milliseconds → Go duration) and
/// handed to `TokenOptions::from_value`, which owns every rule (defaults, unknown keys).
struct TokenArgs {
    options: TokenOptions,
    now: kubetoken::Timestamp,
    string_data: bool,
}

fn token_args(v: JsValue, func: &'static str) -> JsResult<TokenArgs> {
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
    let options = TokenOptions::from_value(&Value::Object(map)).js()?;
    Ok(TokenArgs {
        options,
        now,
        string_data,
    })
}

/// `validate_group` → `true`, or throws `InvalidOptionsError` (`invalid_group`).
#[wasm_bindgen(js_name = validateGroup, skip_typescript)]
pub fn validate_group(group: JsValue) -> JsResult<bool> {
    spec::validate_group(&conv::string(&group, "group")?).js()?;
    Ok(true)
}

/// `validate_usages` → `true`, or throws (`invalid_usage`).
#[wasm_bindgen(js_name = validateUsages, skip_typescript)]
pub fn validate_usages(usages: JsValue) -> JsResult<bool> {
    spec::validate_usages(&conv::string_list(&usages, "usages")?).js()?;
    Ok(true)
}

/// `validate_token_groups({usages, groups})` → `true`, or throws.
#[wasm_bindgen(js_name = validateTokenGroups, skip_typescript)]
pub fn validate_token_groups(options: JsValue) -> JsResult<bool> {
    let mut o = Opts::new(options, "validateTokenGroups")?;
    let usages = o.opt_list("usages")?.unwrap_or_default();
    let groups = o.opt_list("groups")?.unwrap_or_default();
    o.finish()?;
    spec::validate_token_groups(&usages, &groups).js()?;
    Ok(true)
}

/// `validate_token_options({token?, flavour?, description?, ttl?, expires?, usages?, groups?})`.
#[wasm_bindgen(js_name = validateTokenOptions, skip_typescript)]
pub fn validate_token_options(options: JsValue) -> JsResult<bool> {
    token_args(options, "validateTokenOptions")?
        .options
        .validate()
        .js()?;
    Ok(true)
}

fn manifest_value(secret: &Secret, string_data: bool) -> JsResult<JsValue> {
    if string_data {
        to_js(&secret.to_string_data_value().js()?)
    } else {
        to_js(&secret.to_value())
    }
}

/// `render_secret`: the validated options (a token is generated when none is given) as
/// a Secret manifest object (`data` base64, or `stringData` with `stringData: true`).
#[wasm_bindgen(js_name = renderSecret, skip_typescript)]
pub fn render_secret(options: JsValue) -> JsResult<JsValue> {
    let a = token_args(options, "renderSecret")?;
    let (_, secret) = a.options.render_secret(a.now).js()?;
    manifest_value(&secret, a.string_data)
}

/// `render_secret_yaml`: the same, as YAML text.
#[wasm_bindgen(js_name = renderSecretYaml, skip_typescript)]
pub fn render_secret_yaml(options: JsValue) -> JsResult<String> {
    let a = token_args(options, "renderSecretYaml")?;
    let (_, secret) = a.options.render_secret(a.now).js()?;
    if a.string_data {
        secret.to_string_data_yaml().js()
    } else {
        secret.to_yaml().js()
    }
}

/// `encode_token_secret`: `BootstrapTokenToSecret` of exactly the given fields (no
/// defaults, no validation, like upstream).
#[wasm_bindgen(js_name = encodeTokenSecret, skip_typescript)]
pub fn encode_token_secret(options: JsValue) -> JsResult<JsValue> {
    let a = token_args(options, "encodeTokenSecret")?;
    let spec = a.options.to_spec_exact().js()?;
    manifest_value(&spec.to_secret(a.now), a.string_data)
}

/// `parse_secret`: `BootstrapTokenFromSecret` → `{token, id, description, expires, usages, groups}`.
#[wasm_bindgen(js_name = parseSecret, skip_typescript)]
pub fn parse_secret(secret_manifest: JsValue) -> JsResult<JsValue> {
    let s = secret(&secret_manifest, "secret")?;
    to_js(&TokenSpec::from_secret(&s).js()?.to_value())
}

/// `parse_secret_list`: every bootstrap-token Secret of a List (text or object) →
/// its token object, or `{error, message}` for one that does not decode.
#[wasm_bindgen(js_name = parseSecretList, skip_typescript)]
pub fn parse_secret_list(secrets: JsValue) -> JsResult<JsValue> {
    let items = match secrets.as_string() {
        Some(text) => spec::tokens_from_secret_list(&text),
        None => spec::tokens_from_secret_list_value(&conv::json_value(&secrets, "secrets")?),
    }
    .js()?;
    let out: Vec<Value> = items
        .into_iter()
        .map(|r| match r {
            Ok(t) => t.to_value(),
            Err(e) => json!({"error": e.code(), "message": e.message()}),
        })
        .collect();
    to_js(&out)
}
