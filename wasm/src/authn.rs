//! API server, controllers, listing, delete (docs/api.md "API server, ...").

use kubetoken::authn::{self, CleanerAction};
use kubetoken::list::{self, ListFormat};
use kubetoken::spec::TokenOptions;
use kubetoken::{Error, Flavour, Secret, TokenSpec};
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

use crate::conv::{self, JsResult, Opts, OrThrow, to_js};
use crate::secrets::secret;

/// `secrets`: each manifest parsed on its own (a bad one is an error in its slot).
fn secret_results(o: &mut Opts) -> JsResult<Vec<Result<Secret, Error>>> {
    Ok(o.manifests("secrets")?
        .iter()
        .map(|text| Secret::parse(text))
        .collect())
}

fn flavour(o: &mut Opts) -> JsResult<Flavour> {
    o.opt_str("flavour")?
        .map_or(Ok(Flavour::Kubeadm), |f| Flavour::parse(&f))
        .js()
}

fn format(o: &mut Opts) -> JsResult<ListFormat> {
    o.opt_str("format")?
        .map_or(Ok(ListFormat::Text), |f| ListFormat::parse(&f))
        .js()
}

/// `authenticate({token, secrets, now?})` → `{authenticated, user, reason}`; a denial is
/// an answer (`authenticated: false` with a reason code), not an error.
#[wasm_bindgen(skip_typescript)]
pub fn authenticate(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "authenticate")?;
    let token = o.req_str("token")?;
    let secrets: Vec<Secret> = secret_results(&mut o)?
        .into_iter()
        .collect::<Result<_, _>>()
        .js()?;
    let now = o.now()?;
    o.finish()?;
    let a = authn::authenticate(&token, &secrets, now);
    to_js(&json!({
        "authenticated": a.is_authenticated(),
        "user": a.user().map(|u| json!({"name": u.name, "groups": u.groups})),
        "reason": a.reason().map(|r| r.code()),
    }))
}

/// `get_groups(secret)` → the user's groups (sorted, de-duplicated).
#[wasm_bindgen(js_name = getGroups, skip_typescript)]
pub fn get_groups(secret_manifest: JsValue) -> JsResult<Vec<String>> {
    authn::get_groups(&secret(&secret_manifest, "secret")?).js()
}

fn secret_and_now(
    options: JsValue,
    func: &'static str,
) -> JsResult<(Secret, kubetoken::Timestamp)> {
    let mut o = Opts::new(options, func)?;
    let v = o.req("secret")?;
    let s = secret(&v, &o.label("secret"))?;
    let now = o.now()?;
    o.finish()?;
    Ok((s, now))
}

/// `token_expiration({secret, now?})` → `{remaining, expired}`.
#[wasm_bindgen(js_name = tokenExpiration, skip_typescript)]
pub fn token_expiration(options: JsValue) -> JsResult<JsValue> {
    let (s, now) = secret_and_now(options, "tokenExpiration")?;
    let e = authn::expiration(&s, now);
    to_js(&json!({"remaining": e.remaining.to_go_string(), "expired": e.expired}))
}

/// `signing_credentials({secret, now?})` → `{token_id, token_secret}` or `null`.
#[wasm_bindgen(js_name = signingCredentials, skip_typescript)]
pub fn signing_credentials(options: JsValue) -> JsResult<JsValue> {
    let (s, now) = secret_and_now(options, "signingCredentials")?;
    let c = authn::signing_credentials(&s, now);
    to_js(&c.map(|c| json!({"token_id": c.token_id, "token_secret": c.token_secret})))
}

/// `cleaner_action({secret, now?})` → `{action: "delete"|"requeue"|"none", ...}`.
#[wasm_bindgen(js_name = cleanerAction, skip_typescript)]
pub fn cleaner_action(options: JsValue) -> JsResult<JsValue> {
    let (s, now) = secret_and_now(options, "cleanerAction")?;
    to_js(&match authn::cleaner_action(&s, now) {
        CleanerAction::Delete {
            namespace,
            name,
            uid,
        } => json!({"action": "delete", "namespace": namespace, "name": name, "uid": uid}),
        CleanerAction::RequeueAfter(d) => json!({"action": "requeue", "after": d.to_go_string()}),
        CleanerAction::Nothing => json!({"action": "none"}),
    })
}

/// `list_tokens({secrets, now?, format?, flavour?})` → `{output, errors}`.
#[wasm_bindgen(js_name = listTokens, skip_typescript)]
pub fn list_tokens(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "listTokens")?;
    let secrets = secret_results(&mut o)?;
    let now = o.now()?;
    let format = format(&mut o)?;
    let flavour = flavour(&mut o)?;
    o.finish()?;
    let l = list::list_token_results(&secrets, now, format, flavour).js()?;
    let errors: Vec<Value> = l
        .errors
        .iter()
        .map(|e| json!({"code": e.code(), "message": e.message()}))
        .collect();
    to_js(&json!({"output": l.output, "errors": errors}))
}

/// `render_token_list({tokens, now?, format?, flavour?})` → the printed list.
#[wasm_bindgen(js_name = renderTokenList, skip_typescript)]
pub fn render_token_list(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "renderTokenList")?;
    let tokens = match o.get("tokens")? {
        Some(v) => conv::json_value(&v, &o.label("tokens"))?,
        None => Value::Array(Vec::new()),
    };
    let now = o.now()?;
    let format = format(&mut o)?;
    let flavour = flavour(&mut o)?;
    o.finish()?;
    let Value::Array(items) = tokens else {
        return Err(conv::type_error(
            "renderTokenList: option tokens must be an array",
        ));
    };
    let specs: Vec<TokenSpec> = items
        .iter()
        .map(|t| TokenOptions::from_value(t).and_then(|t| t.to_spec_exact()))
        .collect::<Result<_, _>>()
        .js()?;
    list::render(&specs, now, format, flavour).js()
}

/// `delete_token_names({args, flavour?})` → Secret names, in order.
#[wasm_bindgen(js_name = deleteTokenNames, skip_typescript)]
pub fn delete_token_names(options: JsValue) -> JsResult<Vec<String>> {
    let mut o = Opts::new(options, "deleteTokenNames")?;
    let args = o.opt_list("args")?.unwrap_or_default();
    let flavour = flavour(&mut o)?;
    o.finish()?;
    list::delete_token_names(&args, flavour).js()
}
