//! API server, controllers, listing, delete (docs/api.md "API server, ...").

use kubetoken::authn::{self, AuthenticationResult};
use kubetoken::list::{self, ListFormat};
use kubetoken::options::{Flavour, TokenOptions};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::conv::{self, JsResult, Opts, OrThrow, out, secret};

/// `authenticate({token, secrets, now?})` → `{authenticated, user, reason}`; a denial is
/// an answer (`authenticated: false` with a reason code), not an error.
#[wasm_bindgen(skip_typescript)]
pub fn authenticate(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "authenticate")?;
    let token = o.req_str("token")?;
    let secrets = o.all_secrets()?;
    let now = o.now()?;
    o.finish()?;
    out(&AuthenticationResult::from(&authn::authenticate(
        &token, &secrets, now,
    )))
}

/// `get_groups(secret)` → the user's groups (sorted, de-duplicated).
#[wasm_bindgen(js_name = getGroups, skip_typescript)]
pub fn get_groups(secret_manifest: JsValue) -> JsResult<Vec<String>> {
    let s = conv::manifest(&secret_manifest, "secret")?.secret()?;
    authn::get_groups(&s).js()
}

/// `{secret, now?}` of the controller functions.
fn secret_and_now(
    options: JsValue,
    func: &'static str,
) -> JsResult<(kubetoken::Secret, kubetoken::Timestamp)> {
    let mut o = Opts::new(options, func)?;
    let s = o.req_manifest("secret")?.secret()?;
    let now = o.now()?;
    o.finish()?;
    Ok((s, now))
}

/// `token_expiration({secret, now?})` → `{remaining, expired}`.
#[wasm_bindgen(js_name = tokenExpiration, skip_typescript)]
pub fn token_expiration(options: JsValue) -> JsResult<JsValue> {
    let (s, now) = secret_and_now(options, "tokenExpiration")?;
    out(&authn::expiration(&s, now))
}

/// `signing_credentials({secret, now?})` → `{tokenId, tokenSecret}` or `null`.
#[wasm_bindgen(js_name = signingCredentials, skip_typescript)]
pub fn signing_credentials(options: JsValue) -> JsResult<JsValue> {
    let (s, now) = secret_and_now(options, "signingCredentials")?;
    Ok(secret(out(&authn::signing_credentials(&s, now))?))
}

/// `cleaner_action({secret, now?})` → `{action: "delete"|"requeue"|"none", ...}`.
#[wasm_bindgen(js_name = cleanerAction, skip_typescript)]
pub fn cleaner_action(options: JsValue) -> JsResult<JsValue> {
    let (s, now) = secret_and_now(options, "cleanerAction")?;
    out(&authn::cleaner_action(&s, now))
}

/// `format`/`flavour` (strings, optional; the core parses them).
fn format_flavour(o: &mut Opts) -> JsResult<(ListFormat, Flavour)> {
    let format = o.opt_str("format")?;
    let flavour = o.opt_str("flavour")?;
    let format = format
        .map_or(Ok(ListFormat::Text), |f| ListFormat::parse(&f))
        .js()?;
    let flavour = flavour_of(flavour)?;
    Ok((format, flavour))
}

fn flavour_of(f: Option<String>) -> JsResult<Flavour> {
    f.map_or(Ok(Flavour::Kubeadm), |f| Flavour::parse(&f)).js()
}

/// `list_tokens({secrets, now?, format?, flavour?})` → `{output, errors}`.
#[wasm_bindgen(js_name = listTokens, skip_typescript)]
pub fn list_tokens(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "listTokens")?;
    let (format, flavour) = format_flavour(&mut o)?;
    let secrets = o.secrets()?;
    let now = o.now()?;
    o.finish()?;
    let l = list::list_token_results(&secrets, now, format, flavour).js()?;
    Ok(secret(out(&l)?))
}

/// `render_token_list({tokens, now?, format?, flavour?})` → the printed list.
#[wasm_bindgen(js_name = renderTokenList, skip_typescript)]
pub fn render_token_list(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "renderTokenList")?;
    let (format, flavour) = format_flavour(&mut o)?;
    let tokens = match o.get("tokens")? {
        Some(v) if js_sys::Array::is_array(&v) => conv::js_to_value(&v, &o.label("tokens"))?,
        Some(_) => {
            return Err(conv::type_error(
                "renderTokenList: option tokens must be an array",
            ));
        }
        None => Value::Array(Vec::new()),
    };
    let now = o.get("now")?;
    o.finish()?;
    // The tokens' values, then `now`'s.
    let specs = tokens
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|v| TokenOptions::from_value(v)?.to_spec_exact())
        .collect::<kubetoken::Result<Vec<_>>>()
        .js()?;
    list::render(&specs, conv::now_or_current(now)?, format, flavour).js()
}

/// `delete_token_names({args, flavour?})` → Secret names, in order.
#[wasm_bindgen(js_name = deleteTokenNames, skip_typescript)]
pub fn delete_token_names(options: JsValue) -> JsResult<Vec<String>> {
    let mut o = Opts::new(options, "deleteTokenNames")?;
    let args = o.list("args")?;
    let flavour = o.opt_str("flavour")?;
    o.finish()?;
    list::delete_token_names(&args, flavour_of(flavour)?).js()
}
