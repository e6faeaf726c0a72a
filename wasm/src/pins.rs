//! CA pins (docs/api.md "CA pins, k3s/rke2"). Arguments are converted here;
//! `kubetoken::api` reads them and shapes the results.

use wasm_bindgen::prelude::*;

use crate::conv::{self, ApiArgs, JsResult, Opts};

/// `ca_cert_hashes(pem)` → `["sha256:<hex>", ...]`, one per certificate.
#[wasm_bindgen(js_name = caCertHashes, skip_typescript)]
pub fn ca_cert_hashes(pem: JsValue) -> JsResult<JsValue> {
    let pem = conv::text(conv::bytes(&pem, "pem")?, "pem")?;
    ApiArgs::default().set("pem", pem).call("ca_cert_hashes")
}

/// `parse_ca_pins(pins)` → the pins, normalised, or throws (`invalid_hash`).
#[wasm_bindgen(js_name = parseCaPins, skip_typescript)]
pub fn parse_ca_pins(pins: JsValue) -> JsResult<JsValue> {
    let pins = conv::string_list(&pins, "pins")?;
    ApiArgs::default().set("pins", pins).call("parse_ca_pins")
}

/// `check_ca_pins({pem, pins})` → `{pinned: true}` or `{pinned: false, message, hashes}`.
#[wasm_bindgen(js_name = checkCaPins, skip_typescript)]
pub fn check_ca_pins(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "checkCaPins")?;
    let pem = conv::text(o.req_bytes("pem")?, &o.label("pem"))?;
    let pins = o.opt_list("pins")?.unwrap_or_default();
    o.finish()?;
    ApiArgs::default()
        .set("pem", pem)
        .set("pins", pins)
        .call("check_ca_pins")
}
