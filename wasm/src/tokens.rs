//! Tokens, durations, times (docs/api.md "Tokens").

use crate::conv::{self, JsResult, OrThrow, out, secret, string};
use kubetoken::{BootstrapToken, token};
use wasm_bindgen::prelude::*;

/// `generate_token`: a new random `abcdef.0123456789abcdef` (crypto.getRandomValues).
#[wasm_bindgen(js_name = generateToken, skip_typescript)]
pub fn generate_token() -> JsResult<String> {
    BootstrapToken::generate().map(|t| t.expose()).js()
}

/// `parse_token` → `{id, secret}` (masked when printed).
#[wasm_bindgen(js_name = parseToken, skip_typescript)]
pub fn parse_token(token: JsValue) -> JsResult<JsValue> {
    let t = BootstrapToken::parse(&string(&token, "token")?).js()?;
    Ok(secret(out(&kubetoken::token::TokenParts::from(&t))?))
}

/// `token_from_parts({id, secret})` → `"<id>.<secret>"`, validated.
#[wasm_bindgen(js_name = tokenFromParts, skip_typescript)]
pub fn token_from_parts(options: JsValue) -> JsResult<String> {
    let mut o = conv::Opts::new(options, "tokenFromParts")?;
    let id = o.req_str("id")?;
    let secret = o.req_str("secret")?;
    o.finish()?;
    BootstrapToken::from_parts(&id, &secret)
        .map(|t| t.expose())
        .js()
}

/// `is_valid_token`.
#[wasm_bindgen(js_name = isValidToken, skip_typescript)]
pub fn is_valid_token(token: JsValue) -> JsResult<bool> {
    Ok(token::is_valid_token(&string(&token, "token")?))
}

/// `is_valid_token_id`.
#[wasm_bindgen(js_name = isValidTokenId, skip_typescript)]
pub fn is_valid_token_id(token_id: JsValue) -> JsResult<bool> {
    Ok(token::is_valid_token_id(&string(&token_id, "tokenId")?))
}

/// `secret_name`: `bootstrap-token-<id>`.
#[wasm_bindgen(js_name = secretName, skip_typescript)]
pub fn secret_name(token_id: JsValue) -> JsResult<String> {
    Ok(token::secret_name(&string(&token_id, "tokenId")?))
}

/// `parse_secret_name`: the ID, or `null`.
#[wasm_bindgen(js_name = parseSecretName, skip_typescript)]
pub fn parse_secret_name(name: JsValue) -> JsResult<JsValue> {
    Ok(token::parse_secret_name(&string(&name, "name")?).map_or(JsValue::NULL, JsValue::from_str))
}

/// `parse_duration`: Go `Duration.String()` of a Go duration string or milliseconds.
#[wasm_bindgen(js_name = parseDuration, skip_typescript)]
pub fn parse_duration(duration: JsValue) -> JsResult<String> {
    Ok(conv::duration(&duration, "duration")?.to_go_string())
}

/// `short_human_duration`: `"23h"`, `"<invalid>"`, ...
#[wasm_bindgen(js_name = shortHumanDuration, skip_typescript)]
pub fn short_human_duration(duration: JsValue) -> JsResult<String> {
    Ok(conv::duration(&duration, "duration")?.short_human())
}

/// `parse_rfc3339`: Go `Format(RFC3339)` of a time (offset kept; a `Date` is UTC).
#[wasm_bindgen(js_name = parseRfc3339, skip_typescript)]
pub fn parse_rfc3339(timestamp: JsValue) -> JsResult<String> {
    Ok(conv::timestamp(&timestamp, "timestamp")?.to_rfc3339())
}
