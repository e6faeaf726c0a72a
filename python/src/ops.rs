//! The ops bound through one keyword-argument entry point, `_native.call(op, kwargs)`.
//! The typed signatures live in `python/kubetoken/_api.py`; here only the Python-native
//! conversions happen (`datetime`/`timedelta`/`bytes` → their JSON forms, the `now`
//! default from the clock). Argument reading and result shaping are the core's
//! `kubetoken::api::call` (docs/api.md). The work runs with the GIL released.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::{Map, Value};

use crate::convert::{KtResult, json_to_py, now, py_to_json, time_arg};

/// `_native.call(op, kwargs)`: runs one op; `None` values mean "not given".
#[pyfunction]
pub fn call(py: Python<'_>, op: &str, kwargs: &Bound<'_, PyDict>) -> KtResult<Py<PyAny>> {
    let mut args = Map::new();
    for (k, v) in kwargs.iter() {
        if v.is_none() {
            continue;
        }
        let key: String = k.extract()?;
        args.insert(key, top_level(&v)?);
    }
    run(py, op, args)
}

/// Runs `op` in the core with the GIL released, `now` defaulting to the clock.
pub fn run(py: Python<'_>, op: &str, mut args: Map<String, Value>) -> KtResult<Py<PyAny>> {
    if kubetoken::api::takes_now(op) && !args.contains_key("now") {
        args.insert("now".into(), Value::String(now().to_rfc3339_nano()));
    }
    let args = Value::Object(args);
    let out = py.detach(|| kubetoken::api::call(op, &args))?;
    json_to_py(py, &out)
}

/// Top-level arguments: a `datetime` must be timezone-aware (checked by `time_arg`) and
/// crosses as RFC3339 text with its fraction; a `timedelta` as a Go duration string;
/// `bytes` as UTF-8 text.
fn top_level(v: &Bound<'_, PyAny>) -> KtResult<Value> {
    let datetime = v.py().import("datetime")?;
    if v.is_instance(&datetime.getattr("datetime")?)? {
        return Ok(Value::String(time_arg(v)?.to_rfc3339_nano()));
    }
    if v.is_instance_of::<pyo3::types::PyBytes>() {
        // Manifest / PEM text given as bytes.
        return Ok(Value::String(
            String::from_utf8(crate::convert::bytes_arg(v)?).map_err(|_| {
                pyo3::exceptions::PyTypeError::new_err("bytes arguments must be UTF-8 text")
            })?,
        ));
    }
    if v.is_instance(&datetime.getattr("timedelta")?)? {
        return Ok(Value::String(
            crate::convert::duration_arg(v)?.to_go_string(),
        ));
    }
    py_to_json(v, 0)
}
