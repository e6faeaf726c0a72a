//! The test ops of docs/api.md ("Test ops" tables of the Tokens and Secrets sections),
//! built from the public Rust functions. `None` for every other op.
use kubetoken::options::TokenOptions;
use kubetoken::{BootstrapToken, Error, Secret, Timestamp, TokenSpec, token};
use serde_json::{Value, json};

/// A string argument ("" when absent).
fn s<'a>(args: &'a Value, k: &str) -> &'a str {
    args.get(k).and_then(Value::as_str).unwrap_or("")
}

fn now(args: &Value) -> Result<Timestamp, Error> {
    Timestamp::parse_rfc3339(s(args, "now"))
}

fn secret(v: &Value) -> Result<Secret, Error> {
    match v {
        Value::String(text) => Secret::parse(text),
        other => Secret::from_value(other),
    }
}

fn parts(t: &BootstrapToken) -> Value {
    kubetoken::api::token_parts_value(t)
}

/// JSON (de)serialization errors of the test ops below, as our error type.
fn json_err(e: serde_json::Error) -> Error {
    Error::InvalidToken(format!(
        "not a JSON token string (line {}, column {})",
        e.line(),
        e.column()
    ))
}

pub fn run(op: &str, args: &Value) -> Option<Result<Value, Error>> {
    Some(match op {
        // Test op: explain_k3s_ca_hash reduced to what the vectors pin down.
        "explain_k3s_ca_hash_summary" => {
            kubetoken::api::call("explain_k3s_ca_hash", args).map(|v| {
                let g = |x: &Value, k: &str| x.get(k).cloned().unwrap_or(Value::Null);
                let list = |k: &str| -> Vec<Value> {
                    v.get(k)
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default()
                };
                let each =
                    |k: &str| -> Value { list("certificates").iter().map(|c| g(c, k)).collect() };
                let reasons: Value = list("fallback_reasons")
                    .iter()
                    .map(|f| g(f, "code"))
                    .collect();
                json!({
                    "hash": g(&v, "hash"), "method": g(&v, "method"),
                    "hashed": g(&v, "hashed"),
                    "hashed_certificate": g(&v, "hashed_certificate"),
                    "chain": g(&v, "chain"), "reasons": reasons,
                    "kubeadm_pins": g(&v, "kubeadm_pins"),
                    "fingerprints": each("fingerprint_sha256"), "subjects": each("subject"),
                    "pools": each("pool"),
                })
            })
        }
        // Test op: inspect_token with each finding reduced to its code.
        "inspect_token_codes" => kubetoken::api::call("inspect_token", args).map(|mut v| {
            for k in ["reasons", "warnings"] {
                if let Some(list) = v.get_mut(k).and_then(Value::as_array_mut) {
                    for f in list.iter_mut() {
                        *f = f["code"].clone();
                    }
                }
            }
            v
        }),
        // Test op: a generated token is valid (GenerateBootstrapToken's property).
        "check_generate_token" => {
            BootstrapToken::generate().map(|t| json!({"valid": token::is_valid_token(&t.expose())}))
        }
        // Rust-only test op: randBytes(n) has n characters from [0-9a-z].
        "check_random_chars" => {
            let n = args["length"].as_u64().unwrap_or(0) as usize;
            token::random_chars(n, &mut token::os_random).map(|r| {
                json!({"len": r.len(), "alphabet_ok": r.bytes().all(|b| token::ALPHABET.contains(&b))})
            })
        }
        // Rust-only test ops: BootstrapToken's serde form (kubeadm's BootstrapTokenString JSON).
        "token_from_json" => serde_json::from_str::<BootstrapToken>(s(args, "json"))
            .map_err(json_err)
            .map(|t| parts(&t)),
        "token_to_json" => BootstrapToken::from_parts(s(args, "id"), s(args, "secret"))
            .and_then(|t| serde_json::to_string(&t).map_err(json_err))
            .map(|j| json!(j)),
        "token_json_reencode" => serde_json::from_str::<BootstrapToken>(s(args, "json"))
            .and_then(|t| serde_json::to_string(&t))
            .map_err(json_err)
            .map(|j| json!(j)),
        "token_json_roundtrip" => BootstrapToken::from_parts(s(args, "id"), s(args, "secret"))
            .and_then(|t| serde_json::to_string(&t).map_err(json_err))
            .and_then(|j| serde_json::from_str::<BootstrapToken>(&j).map_err(json_err))
            .map(|t| parts(&t)),
        // Rust-only test op: secrets.GetData.
        "get_secret_data" => secret(&args["secret"]).map(|sec| json!(sec.get(s(args, "key")))),
        // Test op: BootstrapTokenFromSecret(BootstrapTokenToSecret(x)), through the manifest text.
        "check_secret_roundtrip" => (|| {
            let spec = TokenOptions::from_value(args)?.to_spec_exact()?;
            let yaml = spec.to_secret(now(args)?).to_yaml()?;
            let back = TokenSpec::from_secret(&Secret::parse(&yaml)?)?;
            Ok(json!({"equal": back == spec, "parsed": back.to_value()}))
        })(),
        _ => return None,
    })
}
