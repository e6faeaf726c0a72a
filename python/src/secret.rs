//! Token options and Secrets (core `spec`, `secret`).

use pyo3::prelude::*;
use pyo3::types::PyList;
use serde_json::{Map, Value};

use kubetoken::spec::{self, TokenOptions};
use kubetoken::{Secret, Timestamp, TokenSpec};

use crate::convert::{
    KtResult, Manifest, duration_arg, json_to_py, list_option, manifest, now_or, opt_str_list,
    time_arg,
};

/// The keyword arguments every token-options function takes, as the core's
/// `TokenOptions` (strings go through `TokenOptions::from_value`; `timedelta` and
/// `datetime` are converted exactly).
#[allow(clippy::too_many_arguments)]
fn options(
    token: Option<&str>,
    flavour: Option<&str>,
    description: Option<&str>,
    ttl: Option<&Bound<'_, PyAny>>,
    expires: Option<&Bound<'_, PyAny>>,
    usages: Option<&Bound<'_, PyAny>>,
    groups: Option<&Bound<'_, PyAny>>,
) -> KtResult<TokenOptions> {
    let mut m = Map::new();
    if let Some(t) = token {
        m.insert("token".into(), Value::String(t.to_owned()));
    }
    if let Some(f) = flavour {
        m.insert("flavour".into(), Value::String(f.to_owned()));
    }
    if let Some(d) = description {
        m.insert("description".into(), Value::String(d.to_owned()));
    }
    m.insert("usages".into(), list_option(usages)?);
    m.insert("groups".into(), list_option(groups)?);
    let mut o = TokenOptions::from_value(&Value::Object(m))?;
    if let Some(t) = ttl.filter(|t| !t.is_none()) {
        o.ttl = Some(duration_arg(t)?);
    }
    if let Some(e) = expires.filter(|e| !e.is_none()) {
        o.expires = Some(time_arg(e)?);
    }
    Ok(o)
}

fn secret_of(m: Manifest) -> KtResult<Secret> {
    Ok(match m {
        Manifest::Text(t) => Secret::parse(&t)?,
        Manifest::Value(v) => Secret::from_value(&v)?,
    })
}

fn manifest_value(secret: &Secret, string_data: bool) -> KtResult<Value> {
    Ok(if string_data {
        secret.to_string_data_value()?
    } else {
        secret.to_value()
    })
}

/// `validate_group(group)`: `True`, or raises `InvalidOptionsError` (`invalid_group`).
#[pyfunction]
pub fn validate_group(group: &str) -> KtResult<bool> {
    spec::validate_group(group)?;
    Ok(true)
}

/// `validate_usages(usages)`: `True`, or raises (`invalid_usage`).
#[pyfunction]
pub fn validate_usages(usages: &Bound<'_, PyAny>) -> KtResult<bool> {
    spec::validate_usages(&opt_str_list(Some(usages))?.unwrap_or_default())?;
    Ok(true)
}

/// `validate_token_groups(usages, groups)`: `True`, or raises.
#[pyfunction]
pub fn validate_token_groups(
    usages: &Bound<'_, PyAny>,
    groups: &Bound<'_, PyAny>,
) -> KtResult<bool> {
    spec::validate_token_groups(
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
    options(token, flavour, description, ttl, expires, usages, groups)?.validate()?;
    Ok(true)
}

fn rendered(py: Python<'_>, opts: &TokenOptions, now: Timestamp) -> KtResult<Secret> {
    let (_spec, secret) = py.detach(|| opts.render_secret(now))?;
    Ok(secret)
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
    let secret = rendered(py, &opts, now_or(now)?)?;
    json_to_py(py, &manifest_value(&secret, string_data)?)
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
) -> KtResult<String> {
    let opts = options(token, flavour, description, ttl, expires, usages, groups)?;
    let secret = rendered(py, &opts, now_or(now)?)?;
    Ok(if string_data {
        secret.to_string_data_yaml()?
    } else {
        secret.to_yaml()?
    })
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
    let spec = opts.to_spec_exact()?;
    let secret = spec.to_secret(now_or(now)?);
    json_to_py(py, &manifest_value(&secret, string_data)?)
}

/// `parse_secret(secret)`: kubeadm's `BootstrapTokenFromSecret` over a manifest.
#[pyfunction]
pub fn parse_secret(py: Python<'_>, secret: &Bound<'_, PyAny>) -> KtResult<Py<PyAny>> {
    let m = manifest(secret)?;
    let spec =
        py.detach(|| -> KtResult<TokenSpec> { Ok(TokenSpec::from_secret(&secret_of(m)?)?) })?;
    json_to_py(py, &spec.to_value())
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
        Manifest::Text(t) => spec::tokens_from_secret_list(&t),
        Manifest::Value(v) => spec::tokens_from_secret_list_value(&v),
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
