//! Ops of the "CA pins, k3s/rke2" section of docs/api.md.

use kubetoken::k3s::{self, K3sToken};
use kubetoken::{BootstrapToken, Error, Timestamp, pem, pin};
use serde_json::{Value, json};

use super::s;

fn strings(args: &Value, k: &str) -> Vec<String> {
    args.get(k)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn opt<'a>(args: &'a Value, k: &str) -> Option<&'a str> {
    args.get(k).and_then(Value::as_str)
}

fn now(args: &Value) -> Result<Timestamp, Error> {
    Timestamp::parse_rfc3339(s(args, "now"))
}

fn token_json(t: &K3sToken) -> Value {
    json!({
        "ca_hash": t.ca_hash(),
        "kind": t.kind().as_str(),
        "token_id": t.bootstrap_token().map(|b| b.id()),
        "token": t.bootstrap_token().map(BootstrapToken::expose),
        "username": t.username(),
        "password": t.password(),
    })
}

fn parse_user(args: &Value) -> Result<K3sToken, Error> {
    let t = K3sToken::parse(s(args, "token"))?;
    Ok(match opt(args, "user") {
        Some(u) => t.with_user(u),
        None => t,
    })
}

fn nonce(hex: &str) -> Result<[u8; 12], Error> {
    let bad = || Error::InvalidOptions("nonce must be 24 hex characters".into());
    if hex.len() != 24 {
        return Err(bad());
    }
    let mut out = [0u8; 12];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(hex.get(2 * i..2 * i + 2).ok_or_else(bad)?, 16)
            .map_err(|_| bad())?;
    }
    Ok(out)
}

pub fn run(op: &str, args: &Value) -> Option<Result<Value, Error>> {
    Some(match op {
        "ca_cert_hashes" => pin::hashes_from_pem(s(args, "pem").as_bytes()).map(|h| json!(h)),
        "parse_ca_pins" => {
            let mut set = pin::PinSet::new();
            let pins = strings(args, "pins");
            set.allow_all(pins.iter().map(String::as_str)).map(|()| {
                json!(
                    pins.iter()
                        .map(|p| p.to_ascii_lowercase())
                        .collect::<Vec<_>>()
                )
            })
        }
        "check_ca_pins" => (|| {
            let mut set = pin::PinSet::new();
            let pins = strings(args, "pins");
            set.allow_all(pins.iter().map(String::as_str))?;
            let ders = pem::certificates(s(args, "pem").as_bytes())?;
            Ok(match set.check_any(&ders)? {
                Ok(()) => json!({"pinned": true}),
                Err(h) => {
                    json!({"pinned": false, "message": pin::not_pinned_message(&h), "hashes": h})
                }
            })
        })(),
        "parse_k3s_token" => K3sToken::parse(s(args, "token")).map(|t| token_json(&t)),
        "k3s_ca_hash" => (|| {
            let h = k3s::ca_hash(s(args, "bundle").as_bytes(), now(args)?)?;
            Ok(json!({"hash": h.hash, "method": h.method.as_str()}))
        })(),
        "format_k3s_token" => (|| {
            k3s::format_token(
                s(args, "credentials"),
                s(args, "bundle").as_bytes(),
                now(args)?,
            )
            .map(|t| json!(t))
        })(),
        "k3s_token_string" => (|| {
            let t = parse_user(args)?;
            Ok(json!(t.to_token_string(
                opt(args, "bundle").map(str::as_bytes),
                now(args)?
            )))
        })(),
        "verify_k3s_ca" => (|| {
            let t = parse_user(args)?;
            let c = k3s::verify_ca(
                t.ca_hash(),
                opt(args, "bundle").map(str::as_bytes),
                now(args)?,
            );
            Ok(json!({
                "ok": c.ok(),
                "status": c.status.as_str(),
                "token_hash": c.token_hash,
                "computed_hash": c.computed_hash,
                "warning": c.warning,
                "message": c.message(),
                "username": t.username(),
            }))
        })(),
        "k3s_credentials" => (|| {
            let t = K3sToken::parse(s(args, "token"))?;
            let c = k3s::credentials(&t, opt(args, "user"));
            let username = match &c {
                k3s::Credential::Basic { username, .. } => Some(username.clone()),
                _ => None,
            };
            Ok(json!({"scheme": c.scheme(), "username": username, "header": c.header()}))
        })(),
        "k3s_normalize_token" => k3s::normalize_token(s(args, "token")).map(|p| json!(p.as_str())),
        "k3s_passwd_password" => Ok(json!(k3s::passwd_password(
            s(args, "name"),
            s(args, "passwd")
        ))),
        "k3s_token_hash" => Ok(json!(k3s::token_hash(s(args, "passphrase")))),
        "k3s_storage_key" => Ok(json!(k3s::storage_key(s(args, "passphrase")))),
        "k3s_encrypt" => (|| {
            let (pass, pt) = (s(args, "passphrase"), s(args, "plaintext").as_bytes());
            match (opt(args, "salt"), opt(args, "nonce")) {
                (Some(salt), Some(n)) => k3s::encrypt_with(pass, pt, salt, nonce(n)?),
                _ => k3s::encrypt(pass, pt),
            }
            .map(|v| json!(v))
        })(),
        "k3s_token_generate" => k3s::token_generate_output().map(|o| json!(o)),
        "k3s_decrypt" => k3s::decrypt(s(args, "passphrase"), s(args, "value").as_bytes())
            .map(|p| json!(String::from_utf8_lossy(&p))),
        "k3s_token_opens" => {
            k3s::token_opens(s(args, "token"), s(args, "value").as_bytes()).map(|b| json!(b))
        }
        "k3s_token_create_output" => (|| {
            let t = BootstrapToken::parse(s(args, "token"))?;
            k3s::token_create_output(&t, s(args, "bundle").as_bytes(), now(args)?).map(|o| json!(o))
        })(),
        _ => return None,
    })
}
