//! Ops for spec.rs and secret.rs (owner: kubeadm-secret helper).
use kubetoken::spec::{self, TokenOptions};
use kubetoken::{Error, Secret, TokenSpec};
use serde_json::{Value, json};

use super::{now, s, secret, strings};

fn manifest(secret: &Secret, args: &Value) -> Result<Value, Error> {
    if args["string_data"].as_bool() == Some(true) {
        secret.to_string_data_value()
    } else {
        Ok(secret.to_value())
    }
}

pub fn run(op: &str, args: &Value) -> Option<Result<Value, Error>> {
    Some(match op {
        "validate_group" => spec::validate_group(s(args, "group")).map(|()| json!(true)),
        "validate_usages" => spec::validate_usages(&strings(args, "usages")).map(|()| json!(true)),
        "validate_token_groups" => {
            spec::validate_token_groups(&strings(args, "usages"), &strings(args, "groups"))
                .map(|()| json!(true))
        }
        "validate_token_options" => TokenOptions::from_value(args)
            .and_then(|o| o.validate())
            .map(|()| json!(true)),
        "render_secret" => (|| {
            let (_, secret) = TokenOptions::from_value(args)?.render_secret(now(args)?)?;
            manifest(&secret, args)
        })(),
        "render_secret_yaml" => (|| {
            let (_, secret) = TokenOptions::from_value(args)?.render_secret(now(args)?)?;
            if args["string_data"].as_bool() == Some(true) {
                secret.to_string_data_yaml().map(Value::String)
            } else {
                secret.to_yaml().map(Value::String)
            }
        })(),
        "encode_token_secret" => (|| {
            let spec = TokenOptions::from_value(args)?.to_spec_exact()?;
            manifest(&spec.to_secret(now(args)?), args)
        })(),
        "parse_secret" => secret(&args["secret"])
            .and_then(|s| TokenSpec::from_secret(&s))
            .map(|t| t.to_value()),
        "parse_secret_list" => (|| {
            let items = match &args["secrets"] {
                Value::String(text) => spec::tokens_from_secret_list(text)?,
                other => spec::tokens_from_secret_list_value(other)?,
            };
            Ok(Value::Array(
                items
                    .into_iter()
                    .map(|r| match r {
                        Ok(t) => t.to_value(),
                        Err(e) => json!({"error": e.code(), "message": e.to_string()}),
                    })
                    .collect(),
            ))
        })(),
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
