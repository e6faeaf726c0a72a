//! Token options and Secrets (docs/api.md "Token options and Secrets").

use kubetoken::spec::{self, TokenOptions, TokenSpec};
use kubetoken::{Secret, Timestamp};
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

use crate::conv::{self, JsResult, Opts, OrThrow, out, secret};

/// The token options of `render_secret` & co. and the op-level `now`/`stringData`. The
/// options object is walked once into JSON data and read by the core's
/// `TokenOptions::from_value`, which owns every rule (defaults, unknown keys, the order
/// errors are reported in).
struct TokenArgs {
    options: TokenOptions,
    now: Timestamp,
    string_data: bool,
}

fn token_args(v: JsValue, func: &'static str) -> JsResult<TokenArgs> {
    let mut o = Opts::new(v, func)?;
    let now = o.now()?;
    let string_data = o.flag("stringData")?;
    let data = match o.object() {
        Some(obj) => conv::js_to_value(obj, func)?,
        None => Value::Null,
    };
    Ok(TokenArgs {
        options: TokenOptions::from_value(&data).js()?,
        now,
        string_data,
    })
}

/// The Secret as `render_secret` returns it: `data` (base64), or `stringData`.
fn manifest(s: &Secret, string_data: bool) -> JsResult<JsValue> {
    let v = if string_data {
        s.to_string_data_value().js()?
    } else {
        s.to_value()
    };
    Ok(secret(out(&v)?))
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
    let usages = o.list("usages")?;
    let groups = o.list("groups")?;
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

/// `render_secret`: the validated options (a token is generated when none is given) as
/// a Secret manifest object (`data` base64, or `stringData` with `stringData: true`).
#[wasm_bindgen(js_name = renderSecret, skip_typescript)]
pub fn render_secret(options: JsValue) -> JsResult<JsValue> {
    let a = token_args(options, "renderSecret")?;
    let (_, s) = a.options.render_secret(a.now).js()?;
    manifest(&s, a.string_data)
}

/// `render_secret_yaml`: the same, as YAML text.
#[wasm_bindgen(js_name = renderSecretYaml, skip_typescript)]
pub fn render_secret_yaml(options: JsValue) -> JsResult<String> {
    let a = token_args(options, "renderSecretYaml")?;
    let (_, s) = a.options.render_secret(a.now).js()?;
    if a.string_data {
        s.to_string_data_yaml()
    } else {
        s.to_yaml()
    }
    .js()
}

/// `encode_token_secret`: `BootstrapTokenToSecret` of exactly the given fields (no
/// defaults, no validation, like upstream).
#[wasm_bindgen(js_name = encodeTokenSecret, skip_typescript)]
pub fn encode_token_secret(options: JsValue) -> JsResult<JsValue> {
    let a = token_args(options, "encodeTokenSecret")?;
    let s = a.options.to_spec_exact().js()?.to_secret(a.now);
    manifest(&s, a.string_data)
}

/// `parse_secret`: `BootstrapTokenFromSecret` → `{token, id, description, expires, usages, groups}`.
#[wasm_bindgen(js_name = parseSecret, skip_typescript)]
pub fn parse_secret(secret_manifest: JsValue) -> JsResult<JsValue> {
    let s = conv::manifest(&secret_manifest, "secret")?.secret()?;
    Ok(secret(out(&TokenSpec::from_secret(&s).js()?.to_value())?))
}

/// `parse_secret_list`: every bootstrap-token Secret of a List (text, bytes, object, or
/// an array of Secrets) → its token object, or `{error, message}` for one that does not
/// decode.
#[wasm_bindgen(js_name = parseSecretList, skip_typescript)]
pub fn parse_secret_list(secrets: JsValue) -> JsResult<JsValue> {
    let items = if js_sys::Array::is_array(&secrets) {
        let v = conv::js_to_value(&secrets, "secrets")?;
        spec::tokens_from_secret_list_value(&v)
    } else {
        conv::manifest(&secrets, "secrets")?.core(
            spec::tokens_from_secret_list,
            spec::tokens_from_secret_list_value,
        )
    }
    .js()?;
    let items: Vec<Value> = items
        .into_iter()
        .map(|r| match r {
            Ok(t) => t.to_value(),
            Err(e) => json!({"error": e.code(), "message": e.to_string()}),
        })
        .collect();
    Ok(secret(out(&items)?))
}
