//! API server, controllers, listing, delete (docs/api.md "API server, ..."). Arguments
//! are converted here; `kubetoken::api` reads them and shapes the results.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::conv::{self, ApiArgs, JsResult, Opts};

/// `secrets`: the manifests, each as text (each parsed on its own by the core).
fn secrets(o: &mut Opts) -> JsResult<Vec<String>> {
    o.manifests("secrets")
}

/// `authenticate({token, secrets, now?})` → `{authenticated, user, reason}`; a denial is
/// an answer (`authenticated: false` with a reason code), not an error.
#[wasm_bindgen(skip_typescript)]
pub fn authenticate(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "authenticate")?;
    let a = ApiArgs::default()
        .set("token", o.req_str("token")?)
        .set("secrets", secrets(&mut o)?)
        .time("now", o.now()?);
    o.finish()?;
    a.call("authenticate")
}

/// `get_groups(secret)` → the user's groups (sorted, de-duplicated).
#[wasm_bindgen(js_name = getGroups, skip_typescript)]
pub fn get_groups(secret_manifest: JsValue) -> JsResult<JsValue> {
    ApiArgs::default()
        .set("secret", conv::manifest(&secret_manifest, "secret")?)
        .call("get_groups")
}

/// `{secret, now?}` → the op's result.
fn secret_and_now(options: JsValue, func: &'static str, op: &str) -> JsResult<JsValue> {
    let mut o = Opts::new(options, func)?;
    let v = o.req("secret")?;
    let a = ApiArgs::default()
        .set("secret", conv::manifest(&v, &o.label("secret"))?)
        .time("now", o.now()?);
    o.finish()?;
    a.call(op)
}

/// `token_expiration({secret, now?})` → `{remaining, expired}`.
#[wasm_bindgen(js_name = tokenExpiration, skip_typescript)]
pub fn token_expiration(options: JsValue) -> JsResult<JsValue> {
    secret_and_now(options, "tokenExpiration", "token_expiration")
}

/// `signing_credentials({secret, now?})` → `{token_id, token_secret}` or `null`.
#[wasm_bindgen(js_name = signingCredentials, skip_typescript)]
pub fn signing_credentials(options: JsValue) -> JsResult<JsValue> {
    secret_and_now(options, "signingCredentials", "signing_credentials")
}

/// `cleaner_action({secret, now?})` → `{action: "delete"|"requeue"|"none", ...}`.
#[wasm_bindgen(js_name = cleanerAction, skip_typescript)]
pub fn cleaner_action(options: JsValue) -> JsResult<JsValue> {
    secret_and_now(options, "cleanerAction", "cleaner_action")
}

/// `format`/`flavour` (strings, optional).
fn format_flavour(o: &mut Opts, a: ApiArgs) -> JsResult<ApiArgs> {
    Ok(a.opt("format", o.opt_str("format")?)
        .opt("flavour", o.opt_str("flavour")?))
}

/// `list_tokens({secrets, now?, format?, flavour?})` → `{output, errors}`.
#[wasm_bindgen(js_name = listTokens, skip_typescript)]
pub fn list_tokens(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "listTokens")?;
    let a = ApiArgs::default()
        .set("secrets", secrets(&mut o)?)
        .time("now", o.now()?);
    let a = format_flavour(&mut o, a)?;
    o.finish()?;
    a.call("list_tokens")
}

/// `render_token_list({tokens, now?, format?, flavour?})` → the printed list.
#[wasm_bindgen(js_name = renderTokenList, skip_typescript)]
pub fn render_token_list(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "renderTokenList")?;
    let tokens = match o.get("tokens")? {
        Some(v) => conv::json_value(&v, &o.label("tokens"))?,
        None => Value::Array(Vec::new()),
    };
    let a = ApiArgs::default().time("now", o.now()?);
    let a = format_flavour(&mut o, a)?;
    o.finish()?;
    if !tokens.is_array() {
        return Err(conv::type_error(
            "renderTokenList: option tokens must be an array",
        ));
    }
    let a = a.set("tokens", tokens);
    a.string("render_token_list")
}

/// `delete_token_names({args, flavour?})` → Secret names, in order.
#[wasm_bindgen(js_name = deleteTokenNames, skip_typescript)]
pub fn delete_token_names(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "deleteTokenNames")?;
    let a = ApiArgs::default()
        .set("args", o.opt_list("args")?.unwrap_or_default())
        .opt("flavour", o.opt_str("flavour")?);
    o.finish()?;
    a.call("delete_token_names")
}
