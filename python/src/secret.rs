//! Token options and Secrets (core `options`, `secret`).

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use serde_json::{Map, Value};

use kubetoken::options;

use crate::convert::{
    KtResult, Manifest, duration_arg, json_to_py, list_option, manifest, opt_str_list, time_arg,
};
use crate::ops::run;

/// The keyword arguments every token-options function takes, as the JSON options object
/// of `kubetoken::api` (strings as given; `timedelta` as a Go duration string and
/// `datetime` as RFC3339 text, both exact).
#[allow(clippy::too_many_arguments)]
fn options(
    token: Option<&str>,
    flavour: Option<&str>,
    description: Option<&str>,
    ttl: Option<&Bound<'_, PyAny>>,
    expires: Option<&Bound<'_, PyAny>>,
    usages: Option<&Bound<'_, PyAny>>,
    groups: Option<&Bound<'_, PyAny>>,
) -> KtResult<Map<String, Value>> {
    let mut m = Map::new();
    for (k, v) in [
        ("token", token),
        ("flavour", flavour),
        ("description", description),
    ] {
        if let Some(v) = v {
            m.insert(k.into(), Value::String(v.to_owned()));
        }
    }
    m.insert("usages".into(), list_option(usages)?);
    m.insert("groups".into(), list_option(groups)?);
    if let Some(t) = ttl.filter(|t| !t.is_none()) {
        let v = match t.cast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => duration_arg(t)?.to_go_string(),
        };
        m.insert("ttl".into(), Value::String(v));
    }
    if let Some(e) = expires.filter(|e| !e.is_none()) {
        let v = match e.cast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => time_arg(e)?.to_rfc3339_nano(),
        };
        m.insert("expires".into(), Value::String(v));
    }
    Ok(m)
}

/// `now` (absent = the clock, filled in by `run`) and `string_data`, added to options.
fn with_now(
    mut m: Map<String, Value>,
    now: Option<&Bound<'_, PyAny>>,
    string_data: bool,
) -> KtResult<Map<String, Value>> {
    if let Some(n) = now.filter(|n| !n.is_none()) {
        m.insert("now".into(), Value::String(time_arg(n)?.to_rfc3339_nano()));
    }
    m.insert("string_data".into(), Value::Bool(string_data));
    Ok(m)
}

/// `validate_group(group)`: `True`, or raises `InvalidOptionsError` (`invalid_group`).
#[pyfunction]
pub fn validate_group(group: &str) -> KtResult<bool> {
    options::validate_group(group)?;
    Ok(true)
}

/// `validate_usages(usages)`: `True`, or raises (`invalid_usage`).
#[pyfunction]
pub fn validate_usages(usages: &Bound<'_, PyAny>) -> KtResult<bool> {
    options::validate_usages(&opt_str_list(Some(usages))?.unwrap_or_default())?;
    Ok(true)
}

/// `validate_token_groups(usages, groups)`: `True`, or raises.
#[pyfunction]
pub fn validate_token_groups(
    usages: &Bound<'_, PyAny>,
    groups: &Bound<'_, PyAny>,
) -> KtResult<bool> {
    options::validate_token_groups(
        &opt_str_list(Some(usages))?.unwrap_or_default(),
        &opt_str_list(Some(groups))?.unwrap_or_default(),
    )?;
    Ok(true)
}

/// `validate_token_options(**options)`: `True`, or raises.
#[pyfunction]
#[pyo3(signature = (token=None, *, flavour=None, description=None, ttl=None, expires=None, usages=None, groups=None))]
#[allow(clippy::too_many_arguments)]
pub fn validate_token_options(
    token: Option<&str>,
    flavour: Option<&str>,
    description: Option<&str>,
    ttl: Option<&Bound<'_, PyAny>>,
    expires: Option<&Bound<'_, PyAny>>,
    usages: Option<&Bound<'_, PyAny>>,
    groups: Option<&Bound<'_, PyAny>>,
) -> KtResult<bool> {
    let opts = options(token, flavour, description, ttl, expires, usages, groups)?;
    kubetoken::api::call("validate_token_options", &Value::Object(opts))?;
    Ok(true)
}

/// `render_secret(token=None, **options, now=None, string_data=False)`: the Secret
/// manifest (a `dict`) for a new or given token, defaults applied and validated.
#[pyfunction]
#[pyo3(signature = (token=None, *, flavour=None, description=None, ttl=None, expires=None, usages=None, groups=None, now=None, string_data=false))]
#[allow(clippy::too_many_arguments)]
pub fn render_secret(
    py: Python<'_>,
    token: Option<&str>,
    flavour: Option<&str>,
    description: Option<&str>,
    ttl: Option<&Bound<'_, PyAny>>,
    expires: Option<&Bound<'_, PyAny>>,
    usages: Option<&Bound<'_, PyAny>>,
    groups: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    string_data: bool,
) -> KtResult<Py<PyAny>> {
    let opts = options(token, flavour, description, ttl, expires, usages, groups)?;
    run(py, "render_secret", with_now(opts, now, string_data)?)
}

/// `render_secret_yaml(...)`: like `render_secret`, as YAML text.
#[pyfunction]
#[pyo3(signature = (token=None, *, flavour=None, description=None, ttl=None, expires=None, usages=None, groups=None, now=None, string_data=false))]
#[allow(clippy::too_many_arguments)]
pub fn render_secret_yaml(
    py: Python<'_>,
    token: Option<&str>,
    flavour: Option<&str>,
    description: Option<&str>,
    ttl: Option<&Bound<'_, PyAny>>,
    expires: Option<&Bound<'_, PyAny>>,
    usages: Option<&Bound<'_, PyAny>>,
    groups: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    string_data: bool,
) -> KtResult<Py<PyAny>> {
    let opts = options(token, flavour, description, ttl, expires, usages, groups)?;
    run(py, "render_secret_yaml", with_now(opts, now, string_data)?)
}

/// `encode_token_secret(token, **options, now=None, string_data=False)`: kubeadm's
/// `BootstrapTokenToSecret` exactly as given (no defaults, no validation).
#[pyfunction]
#[pyo3(signature = (token, *, flavour=None, description=None, ttl=None, expires=None, usages=None, groups=None, now=None, string_data=false))]
#[allow(clippy::too_many_arguments)]
pub fn encode_token_secret(
    py: Python<'_>,
    token: &str,
    flavour: Option<&str>,
    description: Option<&str>,
    ttl: Option<&Bound<'_, PyAny>>,
    expires: Option<&Bound<'_, PyAny>>,
    usages: Option<&Bound<'_, PyAny>>,
    groups: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    string_data: bool,
) -> KtResult<Py<PyAny>> {
    let opts = options(
        Some(token),
        flavour,
        description,
        ttl,
        expires,
        usages,
        groups,
    )?;
    run(py, "encode_token_secret", with_now(opts, now, string_data)?)
}

/// `parse_secret(secret)`: kubeadm's `BootstrapTokenFromSecret` over a manifest.
#[pyfunction]
pub fn parse_secret(py: Python<'_>, secret: &Bound<'_, PyAny>) -> KtResult<Py<PyAny>> {
    let v = match manifest(secret)? {
        Manifest::Text(t) => Value::String(t),
        Manifest::Value(v) => v,
    };
    run(
        py,
        "parse_secret",
        Map::from_iter([("secret".to_owned(), v)]),
    )
}

/// `parse_secret_list(secrets)`: every bootstrap-token Secret of a List (or one
/// Secret); a bad item is the exception it would raise, in its slot.
#[pyfunction]
pub fn parse_secret_list(py: Python<'_>, secrets: &Bound<'_, PyAny>) -> KtResult<Py<PyAny>> {
    // A Python list of manifests is the `items` of a List.
    let m = match manifest(secrets)? {
        Manifest::Value(Value::Array(items)) => {
            Manifest::Value(serde_json::json!({"apiVersion": "v1", "kind": "List", "items": items}))
        }
        other => other,
    };
    let items = py.detach(|| match m {
        Manifest::Text(t) => options::tokens_from_secret_list(&t),
        Manifest::Value(v) => options::tokens_from_secret_list_value(&v),
    })?;
    let out = PyList::empty(py);
    for item in items {
        match item {
            Ok(spec) => out.append(json_to_py(py, &spec.to_value())?)?,
            Err(e) => out.append(crate::convert::error_value(py, &e))?,
        }
    }
    Ok(out.into_any().unbind())
}
