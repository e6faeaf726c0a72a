//! Ops of the "CA pins, k3s/rke2" section of docs/api.md.

use kubetoken::{Error, pem, pin};
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
        _ => return None,
    })
}
