//! CA pins (docs/api.md "CA pins, k3s/rke2").

use kubetoken::{pem, pin};
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::conv::{self, JsResult, Opts, OrThrow, to_js};

/// `ca_cert_hashes(pem)` → `["sha256:<hex>", ...]`, one per certificate.
#[wasm_bindgen(js_name = caCertHashes, skip_typescript)]
pub fn ca_cert_hashes(pem: JsValue) -> JsResult<Vec<String>> {
    pin::hashes_from_pem(&conv::bytes(&pem, "pem")?).js()
}

/// `parse_ca_pins(pins)` → the pins, normalised, or throws (`invalid_hash`).
#[wasm_bindgen(js_name = parseCaPins, skip_typescript)]
pub fn parse_ca_pins(pins: JsValue) -> JsResult<Vec<String>> {
    let pins = conv::string_list(&pins, "pins")?;
    let mut set = pin::PinSet::new();
    set.allow_all(pins.iter().map(String::as_str)).js()?;
    Ok(pins.iter().map(|p| p.to_ascii_lowercase()).collect())
}

/// `check_ca_pins({pem, pins})` → `{pinned: true}` or `{pinned: false, message, hashes}`.
#[wasm_bindgen(js_name = checkCaPins, skip_typescript)]
pub fn check_ca_pins(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "checkCaPins")?;
    let pem_bytes = o.req_bytes("pem")?;
    let pins = o.opt_list("pins")?.unwrap_or_default();
    o.finish()?;
    let mut set = pin::PinSet::new();
    set.allow_all(pins.iter().map(String::as_str)).js()?;
    let ders = pem::certificates(&pem_bytes).js()?;
    to_js(&match set.check_any(&ders).js()? {
        Ok(()) => json!({"pinned": true}),
        Err(h) => json!({"pinned": false, "message": pin::not_pinned_message(&h), "hashes": h}),
    })
}
