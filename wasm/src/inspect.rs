//! Inspect and redact (docs/api.md "Inspect and redact"): what a string is, and every
//! secret of a text masked.

use js_sys::Uint8Array;
use kubetoken::inspect::{self, Purpose};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::conv::{self, JsResult, Opts, OrThrow, out};

/// `inspect_token({text, purpose?})` → `{kind, tokenId, caHash, username, credentials,
/// purpose, usable, reasons, warnings}` (never the secret).
#[wasm_bindgen(js_name = inspectToken, skip_typescript)]
pub fn inspect_token(options: JsValue) -> JsResult<JsValue> {
    let mut o = Opts::new(options, "inspectToken")?;
    let text = o.req_bytes("text")?;
    let purpose = o.opt_str("purpose")?;
    o.finish()?;
    let purpose = purpose.as_deref().map(Purpose::parse).transpose().js()?;
    out(&inspect::inspect_token(&text, purpose).js()?)
}

/// `redact(text)`: a string in → a string out; a `Uint8Array` in → a `Uint8Array` out.
#[wasm_bindgen(js_name = redact, skip_typescript)]
pub fn redact(text: JsValue) -> JsResult<JsValue> {
    if let Some(s) = conv::js_str(&text) {
        return Ok(JsValue::from(kubetoken::redact::redact_text(&s?).js()?));
    }
    if text.dyn_ref::<Uint8Array>().is_some() {
        let b = conv::bytes(&text, "text")?;
        let r = kubetoken::redact::redact_bytes(&b).js()?;
        return Ok(Uint8Array::from(r.as_slice()).into());
    }
    Err(conv::bytes(&text, "text")
        .err()
        .unwrap_or(JsValue::UNDEFINED))
}
