//! Argument and result conversion at the Python boundary. Nothing here knows a rule of
//! the domain: it only maps Python values onto the core's inputs and JSON results back.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;

use kubetoken::{Duration, Error, Timestamp};

/// An error of either world; becomes a `PyErr` when it crosses back into Python.
pub enum KtError {
    /// A core error: raised as the `kubetoken` exception of its family, with `.code`.
    Core(Error),
    /// A Python error (wrong argument type, ...), raised as is.
    Py(PyErr),
}

/// Result of a binding function.
pub type KtResult<T> = Result<T, KtError>;

impl From<Error> for KtError {
    fn from(e: Error) -> Self {
        KtError::Core(e)
    }
}

impl From<std::convert::Infallible> for KtError {
    fn from(e: std::convert::Infallible) -> Self {
        match e {}
    }
}

impl From<PyErr> for KtError {
    fn from(e: PyErr) -> Self {
        KtError::Py(e)
    }
}

impl From<KtError> for PyErr {
    fn from(e: KtError) -> PyErr {
        match e {
            KtError::Py(e) => e,
            KtError::Core(e) => Python::attach(|py| core_error(py, &e)),
        }
    }
}

/// The `kubetoken` exception class (in `kubetoken/_errors.py`) of each core error code
/// (`kubetoken::Error::CODES`); every class subclasses `KubetokenError`.
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

/// The exception class name for a core error code (`KubetokenError` for a code this
/// table does not know yet).
pub fn family(code: &str) -> &'static str {
    FAMILIES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("KubetokenError", |(_, f)| f)
}

/// `kubetoken.<family>(message, code)`; the classes live in `kubetoken/_errors.py`.
fn core_error(py: Python<'_>, e: &Error) -> PyErr {
    let built = py
        .import("kubetoken._errors")
        .and_then(|m| m.getattr(family(e.code())))
        .and_then(|cls| cls.call1((e.message(), e.code())));
    match built {
        Ok(instance) => PyErr::from_value(instance),
        Err(import_failure) => import_failure,
    }
}

/// The exception instance for a core error, as a value (for results that list errors).
pub fn error_value(py: Python<'_>, e: &Error) -> Py<PyAny> {
    core_error(py, e).into_value(py).into_any()
}

fn type_error(msg: String) -> KtError {
    KtError::Py(PyTypeError::new_err(msg))
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

fn is_instance_of(obj: &Bound<'_, PyAny>, module: &str, class: &str) -> PyResult<bool> {
    let cls = obj.py().import(module)?.getattr(class)?;
    obj.is_instance(&cls)
}

/// A time argument: an RFC3339 `str` or a timezone-aware `datetime.datetime`.
/// A naive `datetime` is an `invalid_timestamp` error (we never guess a zone).
pub fn time_arg(obj: &Bound<'_, PyAny>) -> KtResult<Timestamp> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Timestamp::parse_rfc3339(&s.to_cow()?)?);
    }
    if is_instance_of(obj, "datetime", "datetime")? {
        if obj.call_method0("utcoffset")?.is_none() {
            return Err(Error::InvalidTimestamp(
                "naive datetime (no tzinfo): pass a timezone-aware datetime, \
                 e.g. datetime.now(timezone.utc)"
                    .to_owned(),
            )
            .into());
        }
        let iso: String = obj.call_method0("isoformat")?.extract()?;
        return Ok(Timestamp::parse_rfc3339(&iso)?);
    }
    Err(type_error(format!(
        "expected an RFC3339 str or a timezone-aware datetime, got {}",
        type_name(obj)
    )))
}

/// The current time from the system clock.
pub fn now() -> Timestamp {
    let nanos = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
        Err(before) => -i128::try_from(before.duration().as_nanos()).unwrap_or(i128::MAX),
    };
    Timestamp::from_unix_nanos(nanos)
}

/// A duration argument: a Go duration `str` (`"24h"`, `"90m"`, `"0"`) or a `timedelta`.
pub fn duration_arg(obj: &Bound<'_, PyAny>) -> KtResult<Duration> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Duration::parse_go(&s.to_cow()?)?);
    }
    if is_instance_of(obj, "datetime", "timedelta")? {
        let days: i64 = obj.getattr("days")?.extract()?;
        let secs: i64 = obj.getattr("seconds")?.extract()?;
        let micros: i64 = obj.getattr("microseconds")?.extract()?;
        let nanos = i128::from(days) * 86_400_000_000_000
            + i128::from(secs) * 1_000_000_000
            + i128::from(micros) * 1_000;
        return match i64::try_from(nanos) {
            Ok(n) => Ok(Duration::from_nanos(n)),
            Err(_) => Err(Error::InvalidDuration(
                "timedelta is outside Go's Duration range (about ±292 years)".to_owned(),
            )
            .into()),
        };
    }
    Err(type_error(format!(
        "expected a Go duration str or a timedelta, got {}",
        type_name(obj)
    )))
}

/// PEM (or any byte text) argument: `str` or `bytes`.
pub fn bytes_arg(obj: &Bound<'_, PyAny>) -> KtResult<Vec<u8>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.as_bytes().to_vec());
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if obj.is_instance_of::<pyo3::types::PyByteArray>() {
        return Ok(obj.extract::<Vec<u8>>()?);
    }
    Err(type_error(format!(
        "expected str or bytes, got {}",
        type_name(obj)
    )))
}

/// A manifest argument (Secret, ConfigMap, List, kubeconfig): a JSON or YAML `str`
/// (or UTF-8 `bytes`) passed through untouched, or a parsed object (`dict`/`list`),
/// serialized to JSON for the core's parser.
pub fn manifest_arg(obj: &Bound<'_, PyAny>) -> KtResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return match std::str::from_utf8(b.as_bytes()) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(type_error("manifest bytes are not UTF-8".to_owned())),
        };
    }
    if obj.cast::<PyDict>().is_ok() || obj.cast::<PyList>().is_ok() {
        let v = py_to_json(obj, 0)?;
        return Ok(v.to_string());
    }
    Err(type_error(format!(
        "expected a manifest as a JSON/YAML str or a dict, got {}",
        type_name(obj)
    )))
}

/// A manifest as the core takes it: text (JSON or YAML) or an already-parsed value.
pub enum Manifest {
    /// JSON or YAML text, parsed by the core.
    Text(String),
    /// A `dict`/`list` converted to JSON.
    Value(Value),
}

/// A manifest argument kept as text or value (no re-serialization of dicts).
pub fn manifest(obj: &Bound<'_, PyAny>) -> KtResult<Manifest> {
    if obj.cast::<PyDict>().is_ok() || obj.cast::<PyList>().is_ok() {
        return Ok(Manifest::Value(py_to_json(obj, 0)?));
    }
    manifest_arg(obj).map(Manifest::Text)
}

/// A list option as JSON: a `list`/`tuple` of `str`, or one comma-separated `str` (the
/// core splits it), or `None`.
pub fn list_option(obj: Option<&Bound<'_, PyAny>>) -> KtResult<Value> {
    match obj {
        None => Ok(Value::Null),
        Some(o) if o.is_none() => Ok(Value::Null),
        Some(o) => {
            if let Ok(s) = o.cast::<PyString>() {
                return Ok(Value::String(s.to_cow()?.into_owned()));
            }
            let items: Vec<String> = o.extract()?;
            Ok(Value::Array(items.into_iter().map(Value::String).collect()))
        }
    }
}

/// A list of strings (`list`/`tuple` of `str`), or `None`.
pub fn opt_str_list(obj: Option<&Bound<'_, PyAny>>) -> KtResult<Option<Vec<String>>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => {
            if o.cast::<PyString>().is_ok() {
                return Err(type_error(
                    "expected a list of str, got a single str".to_owned(),
                ));
            }
            Ok(Some(o.extract::<Vec<String>>()?))
        }
    }
}

const MAX_DEPTH: usize = 64;

/// A plain Python object (dict/list/tuple/str/int/float/bool/None; `datetime`/`date`
/// as ISO text, as a YAML loader produces them) → JSON.
pub fn py_to_json(obj: &Bound<'_, PyAny>, depth: usize) -> KtResult<Value> {
    if depth > MAX_DEPTH {
        return Err(Error::InputTooLarge {
            what: "manifest nesting",
            limit: MAX_DEPTH,
        }
        .into());
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(type_error("integer out of range for a manifest".to_owned()));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .unwrap_or(Value::Null));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key = match k.cast::<PyString>() {
                Ok(s) => s.to_cow()?.into_owned(),
                Err(_) => k.str()?.to_cow()?.into_owned(),
            };
            map.insert(key, py_to_json(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        let mut out = Vec::new();
        for item in obj.try_iter()? {
            out.push(py_to_json(&item?, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if is_instance_of(obj, "datetime", "date")? {
        let iso: String = obj.call_method0("isoformat")?.extract()?;
        return Ok(Value::String(iso));
    }
    Err(type_error(format!(
        "cannot put a {} into a manifest",
        type_name(obj)
    )))
}

/// JSON → plain Python objects (`dict` keeps key order).
pub fn json_to_py(py: Python<'_>, v: &Value) -> KtResult<Py<PyAny>> {
    Ok(match v {
        Value::Null => py.None(),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any().unbind(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any().unbind()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any().unbind()
            } else {
                n.as_f64()
                    .unwrap_or(f64::NAN)
                    .into_pyobject(py)?
                    .into_any()
                    .unbind()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any().unbind(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any().unbind()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                dict.set_item(k, json_to_py(py, item)?)?;
            }
            dict.into_any().unbind()
        }
    })
}
