//! The functions both sides have: the oracle's name, an input generator, and our answer in
//! the oracle's result shape.

use kubetoken::{BootstrapToken, Duration, Timestamp, token};
use serde_json::{Value, json};

use super::inputs::{self, Rng};
use super::{Func, Outcome};

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn i(v: &Value, k: &str) -> i64 {
    v.get(k).and_then(Value::as_i64).unwrap_or(0)
}

fn out<T: serde::Serialize>(r: kubetoken::Result<T>) -> Outcome {
    match r {
        Ok(v) => Outcome::Ok(json!(v)),
        Err(e) => Outcome::Err(format!("{}: {e}", e.code())),
    }
}

fn id_secret(t: &BootstrapToken) -> Value {
    json!({"id": t.id(), "secret": t.secret()})
}

fn time_answer(t: &Timestamp) -> Value {
    json!({
        "rfc3339": t.to_rfc3339(),
        "utc": t.to_rfc3339_utc(),
        "unix": t.unix(),
        "nanosecond": t.subsec_nanos(),
        "offset": t.offset_seconds(),
    })
}

pub fn all() -> Vec<Func> {
    vec![
        // --- tokens (core/src/token.rs) ---
        Func {
            name: "is_valid_token",
            weight: 10,
            make: |r| json!({"token": inputs::token_like(r)}),
            ours: |a| Outcome::Ok(json!(token::is_valid_token(s(a, "token")))),
            shrink: Some("token"),
        },
        Func {
            name: "is_valid_token_id",
            weight: 5,
            make: |r| json!({"token_id": inputs::id_like(r)}),
            ours: |a| Outcome::Ok(json!(token::is_valid_token_id(s(a, "token_id")))),
            shrink: Some("token_id"),
        },
        Func {
            name: "secret_name",
            weight: 1,
            make: |r| json!({"token_id": inputs::id_like(r)}),
            ours: |a| Outcome::Ok(json!(token::secret_name(s(a, "token_id")))),
            shrink: Some("token_id"),
        },
        Func {
            name: "parse_secret_name",
            weight: 5,
            make: |r: &mut Rng| {
                let name = format!("bootstrap-token-{}", inputs::id_like(r));
                let name = if r.pct(30) { inputs::mutate(r, &name) } else { name };
                json!({"name": name})
            },
            ours: |a| Outcome::Ok(json!(token::parse_secret_name(s(a, "name")))),
            shrink: Some("name"),
        },
        Func {
            name: "parse_token",
            weight: 8,
            make: |r| json!({"token": inputs::token_like(r)}),
            ours: |a| out(BootstrapToken::parse(s(a, "token")).map(|t| id_secret(&t))),
            shrink: Some("token"),
        },
        Func {
            name: "new_bootstrap_token_string",
            weight: 4,
            make: |r| json!({"token": inputs::token_like(r)}),
            ours: |a| out(s(a, "token").parse::<BootstrapToken>().map(|t| id_secret(&t))),
            shrink: Some("token"),
        },
        Func {
            name: "token_from_id_and_secret",
            weight: 4,
            make: |r: &mut Rng| {
                let t = inputs::token_like(r);
                let (id, secret) = match t.split_once('.') {
                    Some((a, b)) if r.pct(80) => (a.to_owned(), b.to_owned()),
                    _ => (inputs::id_like(r), inputs::id_like(r) + &inputs::id_like(r)),
                };
                json!({"id": id, "secret": secret})
            },
            ours: |a| out(BootstrapToken::from_parts(s(a, "id"), s(a, "secret")).map(|t| id_secret(&t))),
            shrink: Some("secret"),
        },
        // --- Go durations (core/src/duration.rs) ---
        Func {
            name: "parse_duration",
            weight: 14,
            make: |r| json!({"duration": inputs::duration_text(r)}),
            ours: |a| {
                out(Duration::parse_go(s(a, "duration"))
                    .map(|d| json!({"string": d.to_go_string(), "nanos": d.as_nanos()})))
            },
            shrink: Some("duration"),
        },
        Func {
            name: "duration_string",
            weight: 6,
            make: |r| json!({"nanos": inputs::nanos(r)}),
            ours: |a| Outcome::Ok(json!(Duration::from_nanos(i(a, "nanos")).to_go_string())),
            shrink: None,
        },
        Func {
            name: "short_human_duration",
            weight: 6,
            make: |r| json!({"nanos": inputs::nanos(r)}),
            ours: |a| Outcome::Ok(json!(Duration::from_nanos(i(a, "nanos")).short_human())),
            shrink: None,
        },
        // --- Go RFC3339 times (core/src/time.rs) ---
        Func {
            name: "parse_rfc3339",
            weight: 16,
            make: |r| json!({"timestamp": inputs::timestamp_text(r)}),
            ours: |a| out(Timestamp::parse_rfc3339(s(a, "timestamp")).map(|t| time_answer(&t))),
            shrink: Some("timestamp"),
        },
        Func {
            name: "add_format",
            weight: 6,
            make: |r| json!({"timestamp": inputs::valid_timestamp(r), "nanos": inputs::nanos(r)}),
            ours: |a| {
                out(Timestamp::parse_rfc3339(s(a, "timestamp"))
                    .map(|t| json!((t + Duration::from_nanos(i(a, "nanos"))).to_rfc3339_utc())))
            },
            shrink: None,
        },
    ]
}
