//! The one conversion module of the JavaScript door: JS values in, typed core values;
//! core results out, JS values. And the bridge that turns `kubetoken::Error` into the
//! package's `Error` subclasses (`js/errors.js`).
//!
//! In: strings, `Uint8Array` (Buffer included) bytes, numbers, `Date`, plain objects.
//! A manifest is text, bytes or a plain object; a plain object is walked once into JSON
//! data ([`js_to_value`], no `JSON.stringify`), with `Date`s as RFC3339 text. Anything
//! else is a `TypeError` that names the argument and the type it got (never the value).
//!
//! Out: a result is serialised once to compact JSON text in Rust and parsed by
//! `JSON.parse` on the JS side ([`out`]): measured faster than building the object
//! property by property through serde-wasm-bindgen (every property set is a boundary
//! crossing; JSON text crosses once). Result field names are camelCase ([`crate::camel`]);
//! manifests inside results (`data`, `metadata`, ...) are returned as they are.
//! Results that carry secrets are marked ([`secret`]): `js/results.js` gives them a
//! masking `toString` and `util.inspect` (non-enumerable, so `JSON.stringify` and
//! deep equality see the plain data).
//!
//! Nothing here decides a rule of the domain: the core validates every value.

use js_sys::{Array, Date, JSON, Object, Reflect, Uint8Array};
use kubetoken::{
    Duration, Error, ListInput, Secret, TextInput, TimeInput, Timestamp, TtlInput, not_unicode_text,
};
use serde::Serialize;

use crate::camel::Camel;
use serde_json::{Map, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(family: &str, code: &str, message: &str) -> JsValue;
    #[wasm_bindgen(js_name = makeTypeError)]
    fn make_type_error(message: &str) -> JsValue;
}

#[wasm_bindgen(module = "/js/results.js")]
extern "C" {
    #[wasm_bindgen(js_name = secretBearing)]
    fn secret_bearing(v: JsValue) -> JsValue;
    #[wasm_bindgen(js_name = isPlainObject)]
    fn is_plain_object_js(v: &JsValue) -> bool;
    #[wasm_bindgen(js_name = isWellFormed)]
    fn is_well_formed(v: &JsValue) -> bool;
    #[wasm_bindgen(js_name = hasLoneSurrogate)]
    fn has_lone_surrogate(v: &JsValue) -> bool;
}

/// What every exported function returns; `Err` is thrown by wasm-bindgen.
pub type JsResult<T> = Result<T, JsValue>;

/// The `KubetokenError` subclass for a core error (`.code`, message from the core).
pub fn throw(e: Error) -> JsValue {
    make_error(e.family(), e.code(), &e.message())
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

// ---- out ------------------------------------------------------------------------------

/// A result as a JS value: compact JSON text from Rust (struct field names camelCase,
/// see [`crate::camel`]), `JSON.parse`d in JS.
pub fn out<T: Serialize + ?Sized>(v: &T) -> JsResult<JsValue> {
    let text = serde_json::to_string(&Camel(v))
        .map_err(|_| type_error("kubetoken: a result could not be serialised"))?;
    JSON::parse(&text)
}

/// `snake_case` → `camelCase`.
pub fn camel_name(snake: &str) -> String {
    let mut s = String::with_capacity(snake.len());
    let mut up = false;
    for c in snake.chars() {
        if c == '_' {
            up = true;
        } else if up {
            s.push(c.to_ascii_uppercase());
            up = false;
        } else {
            s.push(c);
        }
    }
    s
}

/// A result that carries a secret (a token, its base64, a password): printed masked by
/// `console.log`/`util.inspect`/`String()` (see `js/results.js`).
pub fn secret(v: JsValue) -> JsValue {
    secret_bearing(v)
}

// ---- in -------------------------------------------------------------------------------

fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if Array::is_array(v) {
        "array".into()
    } else if v.is_instance_of::<Uint8Array>() {
        "Uint8Array".into()
    } else if v.is_instance_of::<Date>() {
        "Date".into()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

fn wrong_type(what: &str, expected: &str, v: &JsValue) -> JsValue {
    type_error(&format!("{what} must be {expected}, got {}", type_name(v)))
}

/// The text of a JS string (`None` for any other value). A string with a lone
/// surrogate is not Unicode text: the core's `invalid_options`, as in every door
/// (wasm-bindgen alone would replace it with U+FFFD).
pub fn js_str(v: &JsValue) -> Option<JsResult<String>> {
    let s = v.as_string()?;
    if s.contains('\u{FFFD}') && !is_well_formed(v) {
        return Some(Err(throw(not_unicode_text())));
    }
    Some(Ok(s))
}

/// A string argument.
pub fn string(v: &JsValue, what: &str) -> JsResult<String> {
    js_str(v).ok_or_else(|| wrong_type(what, "a string", v))?
}

/// A boolean argument.
pub fn boolean(v: &JsValue, what: &str) -> JsResult<bool> {
    v.as_bool().ok_or_else(|| wrong_type(what, "a boolean", v))
}

/// The instant of a JS `Date` (`None` for an invalid Date).
fn date_time(d: &Date) -> Option<Timestamp> {
    let ms = d.get_time();
    // `Date` holds whole milliseconds within ±8.64e15 ms: exact in i128.
    #[allow(clippy::cast_possible_truncation)]
    let nanos = (ms as i128).saturating_mul(1_000_000);
    ms.is_finite().then(|| Timestamp::from_unix_nanos(nanos))
}

/// A time: a JS `Date` or an RFC3339 string.
pub fn timestamp(v: &JsValue, what: &str) -> JsResult<Timestamp> {
    match time_input(v)? {
        TimeInput::WrongType => Err(wrong_type(what, "a Date or an RFC3339 string", v)),
        t => t.resolve(what).js(),
    }
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

/// A duration: a Go duration string (`"24h"`, `"90m"`, `"0"`), as in every door (a
/// number of milliseconds is a `ttl` only).
pub fn duration(v: &JsValue, what: &str) -> JsResult<Duration> {
    Duration::parse_go(&string(v, what)?).js()
}

/// Bytes: a string (its UTF-8) or a `Uint8Array`/Buffer (PEM, bundles, DER, content).
pub fn bytes(v: &JsValue, what: &str) -> JsResult<Vec<u8>> {
    if let Some(s) = js_str(v) {
        return Ok(s?.into_bytes());
    }
    if let Some(a) = v.dyn_ref::<Uint8Array>() {
        return Ok(a.to_vec());
    }
    Err(wrong_type(what, "a string or a Uint8Array", v))
}

/// A text option as given (the core's [`TextInput`] decides what a wrong type means).
pub fn text_input(v: &JsValue) -> JsResult<TextInput> {
    Ok(if let Some(s) = js_str(v) {
        TextInput::Str(s?)
    } else if let Some(a) = v.dyn_ref::<Uint8Array>() {
        TextInput::Bytes(a.to_vec())
    } else {
        TextInput::WrongType
    })
}

/// A time to live as given: Go duration text, or (fractional) milliseconds.
pub fn ttl_input(v: &JsValue) -> JsResult<TtlInput> {
    Ok(if let Some(s) = js_str(v) {
        TtlInput::Go(s?)
    } else if let Some(ms) = v.as_f64() {
        TtlInput::MillisF64(ms)
    } else {
        TtlInput::WrongType
    })
}

/// A time as given: RFC3339 text or a `Date` (an invalid `Date` holds no time).
pub fn time_input(v: &JsValue) -> JsResult<TimeInput> {
    Ok(if let Some(s) = js_str(v) {
        TimeInput::Rfc3339(s?)
    } else if let Some(d) = v.dyn_ref::<Date>() {
        date_time(d).map_or(TimeInput::InvalidTime, TimeInput::Time)
    } else {
        TimeInput::WrongType
    })
}

/// A list option as given: an array of strings, or one comma-separated string.
pub fn list_input(v: &JsValue) -> JsResult<ListInput> {
    if let Some(s) = js_str(v) {
        return Ok(ListInput::Comma(s?));
    }
    if !Array::is_array(v) {
        return Ok(ListInput::WrongType);
    }
    let a = Array::from(v);
    let items: Option<Vec<String>> = a
        .iter()
        .map(|x| js_str(&x).transpose())
        .collect::<JsResult<_>>()?;
    Ok(items.map_or(
        ListInput::NotStrings {
            len: a.length() as usize,
        },
        ListInput::List,
    ))
}

/// A manifest argument as the core reads it: text, or parsed JSON data.
pub enum Manifest {
    /// JSON or YAML text (a string's UTF-8, or bytes: the core refuses non-UTF-8).
    Text(Vec<u8>),
    /// A plain object, walked into JSON data.
    Data(Value),
}

const MANIFEST: &str = "JSON/YAML text (a string or a Uint8Array) or a plain object";

/// A manifest (Secret, ConfigMap, List, kubeconfig): a string, a `Uint8Array`/Buffer of
/// UTF-8 text, or a plain object. Arrays and other values are a `TypeError`.
pub fn manifest(v: &JsValue, what: &str) -> JsResult<Manifest> {
    if let Some(s) = js_str(v) {
        return Ok(Manifest::Text(s?.into_bytes()));
    }
    if let Some(a) = v.dyn_ref::<Uint8Array>() {
        return Ok(Manifest::Text(a.to_vec()));
    }
    if is_plain_object(v) {
        return js_to_value(v, what).map(Manifest::Data);
    }
    Err(wrong_type(what, MANIFEST, v))
}

impl Manifest {
    /// Reads the manifest with the core's text or data reader.
    pub fn read<T>(
        self,
        text: impl FnOnce(&[u8]) -> kubetoken::Result<T>,
        data: impl FnOnce(&Value) -> kubetoken::Result<T>,
    ) -> JsResult<T> {
        self.core(text, data).js()
    }

    /// The same, keeping the core's error (for lists decoded item by item).
    pub fn core<T>(
        self,
        text: impl FnOnce(&[u8]) -> kubetoken::Result<T>,
        data: impl FnOnce(&Value) -> kubetoken::Result<T>,
    ) -> kubetoken::Result<T> {
        match self {
            Manifest::Text(t) => text(&t),
            Manifest::Data(v) => data(&v),
        }
    }

    /// As a Secret.
    pub fn secret(self) -> JsResult<Secret> {
        self.read(|t| Secret::parse(t), Secret::from_value)
    }
}

fn is_plain_object(v: &JsValue) -> bool {
    is_plain_object_js(v)
}

/// Plain JS data → JSON data, in one walk (the model is minijinja-js's `js_to_mj_value`):
/// strings, finite numbers, booleans, `null`, arrays, plain objects (own enumerable
/// string keys, in order; `undefined` members are left out as `JSON.stringify` does),
/// and `Date` as RFC3339 text. Anything else is a `TypeError`.
pub fn js_to_value(v: &JsValue, what: &str) -> JsResult<Value> {
    walk(v, what, 0)
}

/// `depth`: the containers around `v` in the argument; an array or object deeper than
/// the core's `MAX_NESTING` (or a cycle) is `input_too_large`, as in every door.
fn walk(v: &JsValue, what: &str, depth: usize) -> JsResult<Value> {
    if let Some(s) = js_str(v) {
        return Ok(Value::String(s?));
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if v.is_null() {
        return Ok(Value::Null);
    }
    if let Some(n) = v.as_f64() {
        return serde_json::Number::from_f64(n)
            .map(|n| Value::Number(normalise_number(n)))
            .ok_or_else(|| type_error(&format!("{what} contains a non-finite number")));
    }
    if Array::is_array(v) {
        kubetoken::limits::check_nesting(depth + 1).js()?;
        let a = Array::from(v);
        return a.iter().map(|x| walk(&x, what, depth + 1)).collect();
    }
    if let Some(d) = v.dyn_ref::<Date>() {
        return date_time(d)
            .map(|t| Value::String(t.to_rfc3339_nano()))
            .ok_or_else(|| {
                throw(Error::InvalidTimestamp(format!(
                    "{what} has an invalid Date"
                )))
            });
    }
    if is_plain_object(v) {
        kubetoken::limits::check_nesting(depth + 1).js()?;
        let mut m = Map::new();
        for entry in Object::entries(v.unchecked_ref::<Object>()).iter() {
            let pair = Array::from(&entry);
            let x = pair.get(1);
            if x.is_undefined() || x.is_function() {
                continue;
            }
            let k = js_str(&pair.get(0)).transpose()?.unwrap_or_default();
            m.insert(k, walk(&x, what, depth + 1)?);
        }
        return Ok(Value::Object(m));
    }
    Err(wrong_type(
        what,
        "plain data (objects, arrays, strings, numbers, booleans, null, Date)",
        v,
    ))
}

/// `3` rather than `3.0` for integral numbers (what JSON text of the object would say).
fn normalise_number(n: serde_json::Number) -> serde_json::Number {
    match n.as_f64() {
        #[allow(clippy::cast_possible_truncation)]
        Some(f) if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 => {
            serde_json::Number::from(f as i64)
        }
        _ => n,
    }
}

/// An array of strings.
pub fn string_list(v: &JsValue, what: &str) -> JsResult<Vec<String>> {
    if !Array::is_array(v) {
        return Err(wrong_type(what, "an array of strings", v));
    }
    Array::from(v)
        .iter()
        .map(|x| js_str(&x).ok_or_else(|| wrong_type(what, "an array of strings", v))?)
        .collect()
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
        } else if is_plain_object(&v) {
            // A lone surrogate in any option is reported before any option is read.
            if has_lone_surrogate(&v) {
                return Err(throw(not_unicode_text()));
            }
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
        let v = Reflect::get(obj, &JsValue::from_str(wasm_bindgen::intern(key)))?;
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

    /// An optional list of strings.
    pub fn opt_list(&mut self, key: &'static str) -> JsResult<Option<Vec<String>>> {
        self.get(key)?
            .map(|v| string_list(&v, &self.label(key)))
            .transpose()
    }

    /// A required list of strings.
    pub fn req_list(&mut self, key: &'static str) -> JsResult<Vec<String>> {
        let v = self.req(key)?;
        string_list(&v, &self.label(key))
    }

    /// A list of strings, empty when absent.
    pub fn list(&mut self, key: &'static str) -> JsResult<Vec<String>> {
        Ok(self.opt_list(key)?.unwrap_or_default())
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

    /// A required manifest option.
    pub fn req_manifest(&mut self, key: &'static str) -> JsResult<Manifest> {
        let v = self.req(key)?;
        manifest(&v, &self.label(key))
    }

    /// An optional manifest option.
    pub fn opt_manifest(&mut self, key: &'static str) -> JsResult<Option<Manifest>> {
        self.get(key)?
            .map(|v| manifest(&v, &self.label(key)))
            .transpose()
    }

    /// `secrets` (required): an array of Secret manifests (each decoded on its own), or
    /// one List manifest (text, bytes or object).
    pub fn secrets(&mut self) -> JsResult<Vec<kubetoken::Result<Secret>>> {
        let v = self.req("secrets")?;
        let label = self.label("secrets");
        if Array::is_array(&v) {
            return Array::from(&v)
                .iter()
                .map(|m| Ok(manifest(&m, &label)?.core(|t| Secret::parse(t), Secret::from_value)))
                .collect();
        }
        manifest(&v, &label)?.read(
            |t| kubetoken::secret::parse_secret_list(t),
            kubetoken::secret::secret_list_from_value,
        )
    }

    /// Every Secret of `secrets`, or the first one that does not decode.
    pub fn all_secrets(&mut self) -> JsResult<Vec<Secret>> {
        self.secrets()?
            .into_iter()
            .collect::<kubetoken::Result<_>>()
            .js()
    }

    /// The keys no getter asked for, in the order given.
    pub fn unknown(&self) -> Vec<String> {
        let Some(obj) = &self.obj else {
            return Vec::new();
        };
        Object::keys(obj)
            .iter()
            .filter_map(|k| k.as_string())
            .filter(|k| !self.known.iter().any(|x| x == k))
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
