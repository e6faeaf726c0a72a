//! Ops for token.rs, duration.rs, time.rs (owner: kubeadm-secret helper).
use kubetoken::{BootstrapToken, Duration, Error, Timestamp, token};
use serde_json::{Value, json};

use super::s;

fn parts(t: &BootstrapToken) -> Value {
    json!({"id": t.id(), "secret": t.secret()})
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
        "is_valid_token" => Ok(json!(token::is_valid_token(s(args, "token")))),
        "is_valid_token_id" => Ok(json!(token::is_valid_token_id(s(args, "token_id")))),
        "secret_name" => Ok(json!(token::secret_name(s(args, "token_id")))),
        "parse_secret_name" => Ok(json!(token::parse_secret_name(s(args, "name")))),
        "parse_token" => BootstrapToken::parse(s(args, "token")).map(|t| parts(&t)),
        "token_from_parts" => {
            BootstrapToken::from_parts(s(args, "id"), s(args, "secret")).map(|t| json!(t.expose()))
        }
        "generate_token" => BootstrapToken::generate().map(|t| json!(t.expose())),
        "parse_duration" => Duration::parse_go(s(args, "duration")).map(|d| json!(d.to_string())),
        "short_human_duration" => {
            Duration::parse_go(s(args, "duration")).map(|d| json!(d.short_human()))
        }
        "parse_rfc3339" => {
            Timestamp::parse_rfc3339(s(args, "timestamp")).map(|t| json!(t.to_rfc3339()))
        }
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
        _ => return None,
    })
}
