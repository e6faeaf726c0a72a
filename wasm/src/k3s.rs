//! k3s/rke2 K10 tokens, CA-bundle hash, bootstrap-data crypto (docs/api.md "CA pins, k3s/rke2").
//! CA bundles are bytes as k3s reads them (a string is its UTF-8; any bytes are hashed).

use kubetoken::k3s::{self, CaVerification, CredentialHeader, K3sToken, K3sTokenInfo};
use kubetoken::{BootstrapToken, Error};
use wasm_bindgen::prelude::*;

use crate::conv::{self, JsResult, Opts, OrThrow, out, secret};

/// `parse_k3s_token(token)` → `{caHash, kind, tokenId, token, username, password}`.
/// **Contains the credentials** (masked when printed).
#[wasm_bindgen(js_name = parseK3sToken, skip_typescript)]
pub fn parse_k3s_token(token: JsValue) -> JsResult<JsValue> {
    let t = K3sToken::parse(&conv::string(&token, "token")?).js()?;
    Ok(secret(out(&K3sTokenInfo::from(&t))?))
}

/// `k3s_ca_hash({bundle, now?})` → `{hash, method}` (k3s's `hashCA`).
#[wasm_bindgen(js_name = k3sCaHash, skip_typescript)]
pub fn k3s_ca_hash(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "k3sCaHash")?;
    let bundle = o.req_bytes("bundle")?;
    let now = o.now()?;
    o.finish()?;
    out(&k3s::ca_hash(&bundle, now).js()?)
}

/// `explain_k3s_ca_hash({bundle, now?})` → which certificate was hashed, how, why k3s
/// fell back, and the kubeadm pins of the bundle.
#[wasm_bindgen(js_name = explainK3sCaHash, skip_typescript)]
pub fn explain_k3s_ca_hash(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "explainK3sCaHash")?;
    let bundle = o.req_bytes("bundle")?;
    let now = o.now()?;
    o.finish()?;
    out(&k3s::explain_ca_hash(&bundle, now).js()?)
}

/// `format_k3s_token({credentials, bundle, now?})` → `K10<hash>::<credentials>`.
#[wasm_bindgen(js_name = formatK3sToken, skip_typescript)]
pub fn format_k3s_token(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "formatK3sToken")?;
    let credentials = o.req_str("credentials")?;
    let bundle = o.req_bytes("bundle")?;
    let now = o.get("now")?;
    o.finish()?;
    k3s::format_token(&credentials, &bundle, conv::now_or_current(now)?).js()
}

/// `{token, user?, bundle?, now?}`: the token (with the `user` override) and the rest.
fn token_user_bundle(
    options: JsValue,
    func: &'static str,
) -> JsResult<(K3sToken, Option<Vec<u8>>, kubetoken::Timestamp)> {
    let mut o = Opts::new(options, func)?;
    let token = o.req_str("token")?;
    let user = o.opt_str("user")?;
    let bundle = o.opt_bytes("bundle")?;
    let now = o.get("now")?;
    o.finish()?;
    // The arguments' types, then the token's value, then `now`'s.
    let t = K3sToken::parse(&token).js()?;
    let t = match user {
        Some(u) => t.with_user(&u),
        None => t,
    };
    Ok((t, bundle, conv::now_or_current(now)?))
}

/// `k3s_token_string({token, user?, bundle?, now?})` → the token as k3s prints it.
#[wasm_bindgen(js_name = k3sTokenString, skip_typescript)]
pub fn k3s_token_string(options: JsValue) -> JsResult<String> {
    let (t, bundle, now) = token_user_bundle(options, "k3sTokenString")?;
    t.try_to_token_string(bundle.as_deref(), now).js()
}

/// `verify_k3s_ca({token, user?, bundle?, now?})` → the CA check (an answer).
#[wasm_bindgen(js_name = verifyK3sCa, skip_typescript)]
pub fn verify_k3s_ca(options: JsValue) -> JsResult<JsValue> {
    let (t, bundle, now) = token_user_bundle(options, "verifyK3sCa")?;
    let c = k3s::try_verify_ca(t.ca_hash(), bundle.as_deref(), now).js()?;
    out(&CaVerification::new(&c, t.username()))
}

/// `k3s_credentials({token, user?})` → `{scheme, username, header}` (the HTTP auth k3s
/// sends; `header` carries the password, masked when printed).
#[wasm_bindgen(js_name = k3sCredentials, skip_typescript)]
pub fn k3s_credentials(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "k3sCredentials")?;
    let token = o.req_str("token")?;
    let user = o.opt_str("user")?;
    o.finish()?;
    let t = K3sToken::parse(&token).js()?;
    let c = k3s::credentials(&t, user.as_deref());
    Ok(secret(out(&CredentialHeader::from(&c))?))
}

/// `k3s_normalize_token(token)` → the passphrase k3s keys bootstrap data with.
#[wasm_bindgen(js_name = k3sNormalizeToken, skip_typescript)]
pub fn k3s_normalize_token(token: JsValue) -> JsResult<String> {
    Ok(k3s::normalize_token(&conv::string(&token, "token")?)
        .js()?
        .as_str()
        .to_owned())
}

/// `k3s_passwd_password({name, passwd})`.
#[wasm_bindgen(js_name = k3sPasswdPassword, skip_typescript)]
pub fn k3s_passwd_password(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "k3sPasswdPassword")?;
    let name = o.req_str("name")?;
    let passwd = o.req_str("passwd")?;
    o.finish()?;
    Ok(k3s::passwd_password(&name, &passwd).to_owned())
}

/// `k3s_token_hash(passphrase)`.
#[wasm_bindgen(js_name = k3sTokenHash, skip_typescript)]
pub fn k3s_token_hash(passphrase: JsValue) -> JsResult<String> {
    Ok(k3s::token_hash(&conv::string(&passphrase, "passphrase")?))
}

/// `k3s_storage_key(passphrase)`.
#[wasm_bindgen(js_name = k3sStorageKey, skip_typescript)]
pub fn k3s_storage_key(passphrase: JsValue) -> JsResult<String> {
    Ok(k3s::storage_key(&conv::string(&passphrase, "passphrase")?))
}

/// A 12-byte nonce: 24 hex characters or a `Uint8Array` of 12 bytes.
fn nonce(v: &JsValue, what: &str) -> JsResult<[u8; 12]> {
    let bad = || {
        conv::throw(Error::InvalidOptions(format!(
            "{what} must be 12 bytes (24 hex characters)"
        )))
    };
    let bytes = match v.as_string() {
        Some(hex) => {
            if hex.len() != 24 || !hex.is_ascii() {
                return Err(bad());
            }
            (0..12)
                .map(|i| {
                    hex.get(2 * i..2 * i + 2)
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                        .ok_or_else(bad)
                })
                .collect::<JsResult<Vec<u8>>>()?
        }
        None => conv::bytes(v, what)?,
    };
    <[u8; 12]>::try_from(bytes.as_slice()).map_err(|_| bad())
}

/// `k3s_encrypt({passphrase, plaintext, salt?, nonce?})` → `<salt>:<base64>`. Without
/// salt and nonce both are random (crypto.getRandomValues); with both it is deterministic.
#[wasm_bindgen(js_name = k3sEncrypt, skip_typescript)]
pub fn k3s_encrypt(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "k3sEncrypt")?;
    let passphrase = o.req_str("passphrase")?;
    let plaintext = o.req_bytes("plaintext")?;
    let salt = o.opt_str("salt")?;
    let nonce_v = o.get("nonce")?;
    let label = o.label("nonce");
    o.finish()?;
    match (salt, nonce_v) {
        (None, None) => k3s::encrypt(&passphrase, &plaintext).js(),
        (Some(salt), Some(n)) => {
            k3s::encrypt_with(&passphrase, &plaintext, &salt, nonce(&n, &label)?).js()
        }
        _ => Err(conv::throw(Error::InvalidOptions(
            "k3sEncrypt: give both salt and nonce, or neither".into(),
        ))),
    }
}

/// `k3s_decrypt({passphrase, value})` → the plaintext bytes (bootstrap data is JSON text:
/// `new TextDecoder().decode(...)`).
#[wasm_bindgen(js_name = k3sDecrypt, skip_typescript)]
pub fn k3s_decrypt(options: JsValue) -> JsResult<Vec<u8>> {
    let mut o = Opts::new(options, "k3sDecrypt")?;
    let passphrase = o.req_str("passphrase")?;
    let value = o.req_bytes("value")?;
    o.finish()?;
    let p = k3s::decrypt(&passphrase, &value).js()?;
    Ok(p.to_vec())
}

/// `k3s_token_opens({token, value})` → whether the token's passphrase decrypts `value`.
#[wasm_bindgen(js_name = k3sTokenOpens, skip_typescript)]
pub fn k3s_token_opens(options: JsValue) -> JsResult<bool> {
    let mut o = Opts::new(options, "k3sTokenOpens")?;
    let token = o.req_str("token")?;
    let value = o.req_bytes("value")?;
    o.finish()?;
    k3s::token_opens(&token, &value).js()
}

/// `k3s_token_create_output({token, bundle, now?})` → `k3s token create` stdout.
#[wasm_bindgen(js_name = k3sTokenCreateOutput, skip_typescript)]
pub fn k3s_token_create_output(options: JsValue) -> JsResult<String> {
    let mut o = Opts::new(options, "k3sTokenCreateOutput")?;
    let token = o.req_str("token")?;
    let bundle = o.req_bytes("bundle")?;
    let now = o.get("now")?;
    o.finish()?;
    // The arguments' types, then the token's value, then `now`'s.
    let t = BootstrapToken::parse(&token).js()?;
    k3s::token_create_output(&t, &bundle, conv::now_or_current(now)?).js()
}

/// `k3s_token_generate()` → `k3s token generate` stdout (`"<id>.<secret>\n"`, random).
#[wasm_bindgen(js_name = k3sTokenGenerate, skip_typescript)]
pub fn k3s_token_generate() -> JsResult<String> {
    k3s::token_generate_output().js()
}

/// `k3s_join_command({server, token, flavour?, role?})` → `{program, role, server,
/// command, install, configPath, config}`. **Contains the token** (masked when printed).
#[wasm_bindgen(js_name = k3sJoinCommand, skip_typescript)]
pub fn k3s_join_command(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "k3sJoinCommand")?;
    let server = o.req_str("server")?;
    let token = o.req_str("token")?;
    let flavour = o.opt_str("flavour")?;
    let role = o.opt_str("role")?;
    o.finish()?;
    let j = kubetoken::join::k3s_join_command_with(
        &server,
        &token,
        flavour.as_deref(),
        role.as_deref(),
    )
    .js()?;
    Ok(secret(out(&j)?))
}

/// `k3s_rotate({token, newToken?, value?, random?})` → `{generated, newToken, newPassphrase,
/// oldStorageKey, newStorageKey, oldTokenHash, newTokenHash, value}`. **Contains the new
/// token** (masked when printed). `random` (hex) replays test bytes.
#[wasm_bindgen(js_name = k3sRotate, skip_typescript)]
pub fn k3s_rotate(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "k3sRotate")?;
    let token = o.req_str("token")?;
    let new_token = o.opt_str("newToken")?;
    let value = o.opt_bytes("value")?;
    let random = o.opt_str("random")?;
    o.finish()?;
    let r = match random {
        Some(hex) => k3s::rotate_with(
            &token,
            new_token.as_deref(),
            value.as_deref(),
            &mut k3s::replay(&hex).js()?,
        ),
        None => k3s::rotate(&token, new_token.as_deref(), value.as_deref()),
    }
    .js()?;
    Ok(secret(out(&r)?))
}

/// `k3s_which_token_opens({tokens, value})` → the index of the first token that opens
/// the blob, or `null`.
#[wasm_bindgen(js_name = k3sWhichTokenOpens, skip_typescript)]
pub fn k3s_which_token_opens(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "k3sWhichTokenOpens")?;
    let tokens = o.req_list("tokens")?;
    let value = o.req_bytes("value")?;
    o.finish()?;
    let i = k3s::which_token_opens(&tokens, &value).js()?;
    Ok(i.map_or(JsValue::NULL, |n| JsValue::from(n as f64)))
}
