//! Token options and Secrets (docs/api.md "Token options and Secrets").

use kubetoken::options::{self, SecretListEntry, TokenInfo, TokenSpec};
use kubetoken::{Secret, TimeInput, TokenInput};
use wasm_bindgen::prelude::*;

use crate::conv::{self, JsResult, Opts, OrThrow, out, secret};

/// The token options of `render_secret` & co. (the core's [`TokenInput`], filled by type
/// conversion only: its resolver owns every rule and the order errors are reported in)
/// and the op-level `now`/`stringData`.
struct TokenArgs {
    input: TokenInput,
    now: TimeInput,
    string_data: bool,
}

impl Drop for TokenArgs {
    fn drop(&mut self) {
        self.input.wipe_token();
    }
}

/// `op_keys`: whether the function takes `now` and `stringData` besides the token
/// options (`validateTokenOptions` does not: there they are unknown options).
fn token_args(v: JsValue, func: &'static str, op_keys: bool) -> JsResult<TokenArgs> {
    let mut o = Opts::new(v, func)?;
    let now = match if op_keys { o.get("now")? } else { None } {
        Some(v) => conv::time_input(&v)?,
        None => TimeInput::Time(conv::now_or_current(None)?),
    };
    let string_data = op_keys && o.flag("stringData")?;
    let input = TokenInput {
        token: o.get("token")?.map(|v| conv::text_input(&v)).transpose()?,
        flavour: o
            .get("flavour")?
            .map(|v| conv::text_input(&v))
            .transpose()?,
        description: o
            .get("description")?
            .map(|v| conv::text_input(&v))
            .transpose()?,
        ttl: o.get("ttl")?.map(|v| conv::ttl_input(&v)).transpose()?,
        expires: o
            .get("expires")?
            .map(|v| conv::time_input(&v))
            .transpose()?,
        usages: o.get("usages")?.map(|v| conv::list_input(&v)).transpose()?,
        groups: o.get("groups")?.map(|v| conv::list_input(&v)).transpose()?,
        unknown: o.unknown(),
    };
    Ok(TokenArgs {
        input,
        now,
        string_data,
    })
}

/// The Secret as `render_secret` returns it: `data` (base64), or `stringData`.
fn manifest(s: &Secret, string_data: bool) -> JsResult<JsValue> {
    let m = if string_data {
        s.to_string_data_manifest().js()?
    } else {
        s.to_manifest()
    };
    Ok(secret(out(&m)?))
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
    let usages = o.req_list("usages")?;
    let groups = o.req_list("groups")?;
    o.finish()?;
    options::validate_token_groups(&usages, &groups).js()?;
    Ok(true)
}

/// `validate_token_options({token?, flavour?, description?, ttl?, expires?, usages?, groups?})`.
#[wasm_bindgen(js_name = validateTokenOptions, skip_typescript)]
pub fn validate_token_options(options: JsValue) -> JsResult<bool> {
    token_args(options, "validateTokenOptions", false)?
        .input
        .validate()
        .js()?;
    Ok(true)
}

/// `render_secret`: the validated options (a token is generated when none is given) as
/// a Secret manifest object (`data` base64, or `stringData` with `stringData: true`).
#[wasm_bindgen(js_name = renderSecret, skip_typescript)]
pub fn render_secret(options: JsValue) -> JsResult<JsValue> {
    let a = token_args(options, "renderSecret", true)?;
    let (_, s) = a.input.render_secret(&a.now).js()?;
    manifest(&s, a.string_data)
}

/// `render_secret_yaml`: the same, as YAML text.
#[wasm_bindgen(js_name = renderSecretYaml, skip_typescript)]
pub fn render_secret_yaml(options: JsValue) -> JsResult<String> {
    let a = token_args(options, "renderSecretYaml", true)?;
    let (_, s) = a.input.render_secret(&a.now).js()?;
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
    let a = token_args(options, "encodeTokenSecret", true)?;
    let s = a.input.encode_secret(&a.now).js()?;
    manifest(&s, a.string_data)
}

/// `parse_secret`: `BootstrapTokenFromSecret` → `{token, id, description, expires, usages, groups}`.
#[wasm_bindgen(js_name = parseSecret, skip_typescript)]
pub fn parse_secret(secret_manifest: JsValue) -> JsResult<JsValue> {
    let s = conv::manifest(&secret_manifest, "secret")?.secret()?;
    let spec = TokenSpec::from_secret(&s).js()?;
    Ok(secret(out(&TokenInfo::from(&spec))?))
}

/// `parse_secret_list`: every bootstrap-token Secret of a List (text, bytes, object, or
/// an array of Secrets) → its token object, or `{error, message}` for one that does not
/// decode.
#[wasm_bindgen(js_name = parseSecretList, skip_typescript)]
pub fn parse_secret_list(secrets: JsValue) -> JsResult<JsValue> {
    let items = if js_sys::Array::is_array(&secrets) {
        // An array of Secrets: the core reads it as the List's items.
        options::tokens_from_secret_list_value(&conv::js_to_value(&secrets, "secrets")?)
    } else {
        conv::manifest(&secrets, "secrets")?.core(
            |t| options::tokens_from_secret_list(t),
            options::tokens_from_secret_list_value,
        )
    }
    .js()?;
    let entries: Vec<SecretListEntry> = items.iter().map(SecretListEntry::from).collect();
    Ok(secret(out(&entries)?))
}
