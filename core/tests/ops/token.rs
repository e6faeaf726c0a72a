//! Ops for token.rs, duration.rs, time.rs (owner: kubeadm-secret helper).
use kubetoken::{BootstrapToken, Duration, Error, Timestamp, token};
use serde_json::{Value, json};

use super::s;

pub fn run(op: &str, args: &Value) -> Option<Result<Value, Error>> {
    Some(match op {
        "is_valid_token" => Ok(json!(token::is_valid_token(s(args, "token")))),
        "is_valid_token_id" => Ok(json!(token::is_valid_token_id(s(args, "token_id")))),
        "secret_name" => Ok(json!(token::secret_name(s(args, "token_id")))),
        "parse_secret_name" => Ok(json!(token::parse_secret_name(s(args, "name")))),
        "parse_token" => BootstrapToken::parse(s(args, "token"))
            .map(|t| json!({"id": t.id(), "secret": t.secret()})),
        "parse_duration" => Duration::parse_go(s(args, "duration")).map(|d| json!(d.to_string())),
        "short_human_duration" => {
            Duration::parse_go(s(args, "duration")).map(|d| json!(d.short_human()))
        }
        "parse_rfc3339" => {
            Timestamp::parse_rfc3339(s(args, "timestamp")).map(|t| json!(t.to_rfc3339()))
        }
        _ => return None,
    })
}
