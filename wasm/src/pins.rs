//! CA pins (docs/api.md "CA pins, k3s/rke2"). PEM is bytes (a string is its UTF-8).

use kubetoken::pin;
use kubetoken::x509::pem;
use wasm_bindgen::prelude::*;

use crate::conv::{self, JsResult, Opts, OrThrow, out};

/// The pins as the core's set (`invalid_hash` for a malformed one).
fn pin_set(pins: &[String]) -> JsResult<pin::PinSet> {
    let mut set = pin::PinSet::new();
    set.allow_all(pins.iter().map(String::as_str)).js()?;
    Ok(set)
}

/// `ca_cert_hashes(pem)` → `["sha256:<hex>", ...]`, one per certificate.
#[wasm_bindgen(js_name = caCertHashes, skip_typescript)]
pub fn ca_cert_hashes(pem: JsValue) -> JsResult<Vec<String>> {
    pin::hashes_from_pem(&conv::bytes(&pem, "pem")?).js()
}

/// `parse_ca_pins(pins)` → the pins, normalised (lowercase), or throws (`invalid_hash`).
#[wasm_bindgen(js_name = parseCaPins, skip_typescript)]
pub fn parse_ca_pins(pins: JsValue) -> JsResult<Vec<String>> {
    let pins = conv::string_list(&pins, "pins")?;
    pin_set(&pins)?;
    Ok(pins.iter().map(|p| p.to_ascii_lowercase()).collect())
}

/// `check_ca_pins({pem, pins})` → `{pinned: true}` or `{pinned: false, message, hashes}`.
#[wasm_bindgen(js_name = checkCaPins, skip_typescript)]
pub fn check_ca_pins(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "checkCaPins")?;
    let pem = o.req_bytes("pem")?;
    let pins = o.req_list("pins")?;
    o.finish()?;
    let set = pin_set(&pins)?;
    let ders = pem::certificates(&pem).js()?;
    out(&pin::PinCheck::from_check(set.check_any(&ders).js()?))
}
