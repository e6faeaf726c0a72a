//! Argument conversion at the JavaScript boundary, and the bridge that turns
//! `kubetoken::Error` into the package's `Error` subclasses (`js/errors.js`).
//!
//! Nothing here decides a rule of the domain: values are converted (JS `Date` → RFC3339
//! instant, milliseconds → Go duration, `Uint8Array` → bytes, plain object → JSON text)
//! and handed to the core, which validates them.

use js_sys::{Array, Date, JSON, Object, Reflect, Uint8Array};
use kubetoken::{Duration, Error, Timestamp};
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(family: &str, code: &str, message: &str) -> JsValue;
    #[wasm_bindgen(js_name = makeTypeError)]
    fn make_type_error(message: &str) -> JsValue;
}

/// What every exported function returns; `Err` is thrown by wasm-bindgen.
pub type JsResult<T> = Result<T, JsValue>;

/// The `KubetokenError` subclass (in `js/errors.js`) of each core error code
/// (`kubetoken::Error::CODES`).
pub const FAMILIES: &[(&str, &str)] = &[
    ("invalid_token", "InvalidTokenError"),
    ("invalid_token_id", "InvalidTokenError"),
    ("invalid_k3s_token", "InvalidTokenError"),
    ("invalid_group", "InvalidOptionsError"),
    ("invalid_usage", "InvalidOptionsError"),
    ("invalid_duration", "InvalidOptionsError"),
    ("invalid_timestamp", "InvalidOptionsError"),
    ("invalid_options", "InvalidOptionsError"),
    ("invalid_secret", "InvalidSecretError"),
    ("invalid_configmap", "InvalidManifestError"),
    ("invalid_kubeconfig", "InvalidManifestError"),
    ("invalid_pem", "InvalidCertificateError"),
    ("invalid_certificate", "InvalidCertificateError"),
    ("invalid_hash", "InvalidCertificateError"),
    ("invalid_ciphertext", "CryptoError"),
    ("decryption_failed", "CryptoError"),
    ("random_failure", "CryptoError"),
    ("input_too_large", "InputTooLargeError"),
    ("unsupported", "UnsupportedError"),
];

/// The subclass name for a core error code (`KubetokenError` for a code this table does
/// not know yet).
pub fn family(code: &str) -> &'static str {
    FAMILIES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("KubetokenError", |(_, f)| f)
}

/// The `KubetokenError` subclass for a core error (`.code`, message from the core).
pub fn throw(e: Error) -> JsValue {
    make_error(family(e.code()), e.code(), &e.message())
}

/// A `TypeError` (wrong JavaScript type; the message never echoes the value).
pub fn type_error(message: &str) -> JsValue {
    make_type_error(message)
}

/// `kubetoken::Result` → thrown JS error.
pub trait OrThrow<T> {
    /// Maps the core error to its JS error object.
    fn js(self) -> JsResult<T>;
}

impl<T> OrThrow<T> for kubetoken::Result<T> {
    fn js(self) -> JsResult<T> {
        self.map_err(throw)
    }
}

/// Any serialisable result as a plain JS value (objects, arrays, strings, numbers).
pub fn to_js<T: Serialize + ?Sized>(v: &T) -> JsResult<JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
}

fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if Array::is_array(v) {
        "array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

fn wrong_type(what: &str, expected: &str, v: &JsValue) -> JsValue {
    type_error(&format!("{what} must be {expected}, got {}", type_name(v)))
}

/// A string argument.
pub fn string(v: &JsValue, what: &str) -> JsResult<String> {
    v.as_string().ok_or_else(|| wrong_type(what, "a string", v))
}

/// A boolean argument.
pub fn boolean(v: &JsValue, what: &str) -> JsResult<bool> {
    v.as_bool().ok_or_else(|| wrong_type(what, "a boolean", v))
}

/// A time: a JS `Date` or an RFC3339 string.
pub fn timestamp(v: &JsValue, what: &str) -> JsResult<Timestamp> {
    if let Some(s) = v.as_string() {
        return Timestamp::parse_rfc3339(&s).js();
    }
    if let Some(d) = v.dyn_ref::<Date>() {
        let ms = d.get_time();
        if !ms.is_finite() {
            return Err(throw(Error::InvalidTimestamp(format!(
                "{what} is an invalid Date"
            ))));
        }
        // `Date` holds whole milliseconds within ±8.64e15 ms: exact in i128.
        #[allow(clippy::cast_possible_truncation)]
        let nanos = (ms as i128).saturating_mul(1_000_000);
        return Ok(Timestamp::from_unix_nanos(nanos));
    }
    Err(wrong_type(what, "a Date or an RFC3339 string", v))
}

/// `now`: the given time, or the current time from JS `Date.now()` when absent.
pub fn now_or_current(v: Option<JsValue>) -> JsResult<Timestamp> {
    match v {
        Some(v) => timestamp(&v, "now"),
        None => {
            #[allow(clippy::cast_possible_truncation)]
            let ms = Date::now() as i128;
            Ok(Timestamp::from_unix_nanos(ms.saturating_mul(1_000_000)))
        }
    }
}

/// A duration: a Go duration string (`"24h"`, `"90m"`, `"0"`) or a number of milliseconds.
pub fn duration(v: &JsValue, what: &str) -> JsResult<Duration> {
    if let Some(s) = v.as_string() {
        return Duration::parse_go(&s).js();
    }
    if let Some(ms) = v.as_f64() {
        let nanos = (ms * 1e6).round();
        // i64 range of nanoseconds is ±292 years, like Go's time.Duration.
        if !(-9.2e18..=9.2e18).contains(&nanos) {
            return Err(throw(Error::InvalidDuration(format!(
                "{what} of {ms} milliseconds is out of range (about ±292 years)"
            ))));
        }
        #[allow(clippy::cast_possible_truncation)]
        return Ok(Duration::from_nanos(nanos as i64));
    }
    Err(wrong_type(
        what,
        "a Go duration string or a number of milliseconds",
        v,
    ))
}

/// Bytes: a string (UTF-8) or a `Uint8Array` (PEM, bundles, DER).
pub fn bytes(v: &JsValue, what: &str) -> JsResult<Vec<u8>> {
    if let Some(s) = v.as_string() {
        return Ok(s.into_bytes());
    }
    if let Some(a) = v.dyn_ref::<Uint8Array>() {
        return Ok(a.to_vec());
    }
    Err(wrong_type(what, "a string or a Uint8Array", v))
}

/// A manifest (Secret, ConfigMap, List, kubeconfig): JSON or YAML text, or a plain
/// object (serialised with `JSON.stringify`; JSON is YAML, so the core parses both).
pub fn manifest(v: &JsValue, what: &str) -> JsResult<String> {
    if let Some(s) = v.as_string() {
        return Ok(s);
    }
    if v.is_object() && !Array::is_array(v) && !v.is_function() {
        return JSON::stringify(v)?
            .as_string()
            .ok_or_else(|| wrong_type(what, "JSON-serialisable", v));
    }
    Err(wrong_type(what, "a JSON/YAML string or a plain object", v))
}

/// An array of strings.
pub fn string_list(v: &JsValue, what: &str) -> JsResult<Vec<String>> {
    if !Array::is_array(v) {
        return Err(wrong_type(what, "an array of strings", v));
    }
    Array::from(v)
        .iter()
        .map(|x| {
            x.as_string()
                .ok_or_else(|| wrong_type(what, "an array of strings", v))
        })
        .collect()
}

/// A plain JS value (object, array, ...) as JSON data (through `JSON.stringify`).
pub fn json_value(v: &JsValue, what: &str) -> JsResult<serde_json::Value> {
    let text = JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| wrong_type(what, "JSON-serialisable data", v))?;
    kubetoken::error::check_size("manifest", text.len()).js()?;
    serde_json::from_str(&text).map_err(|_| wrong_type(what, "JSON-serialisable data", v))
}

/// The options object of a function: a plain object whose keys are the camelCase
/// argument names of docs/api.md. Unknown keys are an `InvalidOptionsError` (typos
/// would otherwise be ignored silently).
pub struct Opts {
    func: &'static str,
    obj: Option<Object>,
    known: Vec<&'static str>,
}

impl Opts {
    /// Reads `v` as the options of `func`; `undefined`/`null` mean "no options".
    pub fn new(v: JsValue, func: &'static str) -> JsResult<Opts> {
        let obj = if v.is_undefined() || v.is_null() {
            None
        } else if v.is_object() && !Array::is_array(&v) && !v.is_function() {
            Some(Object::from(v))
        } else {
            return Err(wrong_type(&format!("{func}(options)"), "an object", &v));
        };
        Ok(Opts {
            func,
            obj,
            known: Vec::new(),
        })
    }

    /// An optional option (`undefined` and `null` count as absent).
    pub fn get(&mut self, key: &'static str) -> JsResult<Option<JsValue>> {
        self.known.push(key);
        let Some(obj) = &self.obj else {
            return Ok(None);
        };
        let v = Reflect::get(obj, &JsValue::from_str(key))?;
        Ok((!v.is_undefined() && !v.is_null()).then_some(v))
    }

    /// A required option.
    pub fn req(&mut self, key: &'static str) -> JsResult<JsValue> {
        let func = self.func;
        self.get(key)?
            .ok_or_else(|| type_error(&format!("{func}: option {key} is required")))
    }

    /// Label for messages: `func: option key`.
    pub fn label(&self, key: &str) -> String {
        format!("{}: option {key}", self.func)
    }

    /// A required string option.
    pub fn req_str(&mut self, key: &'static str) -> JsResult<String> {
        let v = self.req(key)?;
        string(&v, &self.label(key))
    }

    /// An optional string option.
    pub fn opt_str(&mut self, key: &'static str) -> JsResult<Option<String>> {
        self.get(key)?
            .map(|v| string(&v, &self.label(key)))
            .transpose()
    }

    /// A boolean option, `false` when absent.
    pub fn flag(&mut self, key: &'static str) -> JsResult<bool> {
        Ok(self
            .get(key)?
            .map(|v| boolean(&v, &self.label(key)))
            .transpose()?
            .unwrap_or(false))
    }

    /// `now`: a time, or the current time (JS `Date.now()`) when absent.
    pub fn now(&mut self) -> JsResult<Timestamp> {
        let v = self.get("now")?;
        now_or_current(v)
    }

    /// An optional time option.
    pub fn opt_time(&mut self, key: &'static str) -> JsResult<Option<Timestamp>> {
        self.get(key)?
            .map(|v| timestamp(&v, &self.label(key)))
            .transpose()
    }

    /// An optional duration option.
    pub fn opt_duration(&mut self, key: &'static str) -> JsResult<Option<Duration>> {
        self.get(key)?
            .map(|v| duration(&v, &self.label(key)))
            .transpose()
    }

    /// An optional list of strings.
    pub fn opt_list(&mut self, key: &'static str) -> JsResult<Option<Vec<String>>> {
        self.get(key)?
            .map(|v| string_list(&v, &self.label(key)))
            .transpose()
    }

    /// A required string-or-bytes option.
    pub fn req_bytes(&mut self, key: &'static str) -> JsResult<Vec<u8>> {
        let v = self.req(key)?;
        bytes(&v, &self.label(key))
    }

    /// An optional string-or-bytes option.
    pub fn opt_bytes(&mut self, key: &'static str) -> JsResult<Option<Vec<u8>>> {
        self.get(key)?
            .map(|v| bytes(&v, &self.label(key)))
            .transpose()
    }

    /// A required manifest option, as text.
    pub fn req_manifest(&mut self, key: &'static str) -> JsResult<String> {
        let v = self.req(key)?;
        manifest(&v, &self.label(key))
    }

    /// An optional array of manifests, each as text (absent = empty).
    pub fn manifests(&mut self, key: &'static str) -> JsResult<Vec<String>> {
        let Some(v) = self.get(key)? else {
            return Ok(Vec::new());
        };
        let label = self.label(key);
        if !Array::is_array(&v) {
            return Err(wrong_type(&label, "an array of manifests", &v));
        }
        Array::from(&v)
            .iter()
            .map(|m| manifest(&m, &label))
            .collect()
    }

    /// Fails on keys no getter asked for.
    pub fn finish(self) -> JsResult<()> {
        let Some(obj) = &self.obj else {
            return Ok(());
        };
        for k in Object::keys(obj).iter() {
            let k = k.as_string().unwrap_or_default();
            if !self.known.iter().any(|x| *x == k) {
                return Err(throw(Error::InvalidOptions(format!(
                    "{}: unknown option {}; known options: {}",
                    self.func,
                    kubetoken::token::describe_untrusted(&k),
                    self.known.join(", ")
                ))));
            }
        }
        Ok(())
    }
}

/// Bytes given as a `Uint8Array` for a text argument of `kubetoken::api` (PEM, bundles):
/// they must be UTF-8 (like the Python binding).
pub fn text(bytes: Vec<u8>, what: &str) -> JsResult<String> {
    String::from_utf8(bytes).map_err(|_| type_error(&format!("{what} must be UTF-8 text")))
}

/// The JSON arguments of one `kubetoken::api::call`, built from converted JS values
/// (snake_case keys, times as RFC3339 text). The core reads them and shapes the result.
#[derive(Default)]
pub struct ApiArgs(serde_json::Map<String, serde_json::Value>);

impl ApiArgs {
    /// Sets `key`.
    pub fn set(mut self, key: &str, v: impl Into<serde_json::Value>) -> Self {
        self.0.insert(key.to_owned(), v.into());
        self
    }

    /// Sets `key` when `v` is given.
    pub fn opt(self, key: &str, v: Option<impl Into<serde_json::Value>>) -> Self {
        match v {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    /// Sets a time argument (RFC3339 with the fraction: the exact instant).
    pub fn time(self, key: &str, t: Timestamp) -> Self {
        self.set(key, t.to_rfc3339_nano())
    }

    /// Runs `op` in the core; the result as JSON.
    pub fn value(self, op: &str) -> JsResult<serde_json::Value> {
        kubetoken::api::call(op, &serde_json::Value::Object(self.0)).js()
    }

    /// Runs `op` in the core; the result as a plain JS value.
    pub fn call(self, op: &str) -> JsResult<JsValue> {
        to_js(&self.value(op)?)
    }

    /// Runs `op` in the core; the result as a string (ops documented to return text).
    pub fn string(self, op: &str) -> JsResult<String> {
        match self.value(op)? {
            serde_json::Value::String(s) => Ok(s),
            _ => Err(type_error(&format!("{op}: expected a string result"))),
        }
    }

    /// Runs `op` in the core; the result as a boolean.
    pub fn boolean(self, op: &str) -> JsResult<bool> {
        self.value(op)?
            .as_bool()
            .ok_or_else(|| type_error(&format!("{op}: expected a boolean result")))
    }
}
