//! pyo3 bindings for kubetoken: the private `kubetoken._native` module.
//!
//! Thin by design: every function converts its arguments (Python `datetime` /
//! `timedelta` / `bytes` / `dict` → the core's types), calls the core and converts the
//! result into the JSON shape of `docs/api.md` (plain `dict`/`list`/`str`), which the
//! pure-Python layer (`python/kubetoken/`) wraps into small frozen result classes. No
//! rule of the domain lives here. Errors become `kubetoken.KubetokenError` subclasses
//! chosen by the code (`convert::FAMILIES`), carrying `Error::code()`. Heavy work runs with the GIL
//! released (`py.detach`). "Now" is read here, never in the core.
#![forbid(unsafe_code)]

mod convert;
mod ops;
mod secret;

use pyo3::prelude::*;

use kubetoken::{BootstrapToken, token};

use crate::convert::{KtResult, bytes_arg, duration_arg, time_arg};

/// `generate_token()`: a new random bootstrap token string `<id>.<secret>`.
#[pyfunction]
fn generate_token(py: Python<'_>) -> KtResult<String> {
    Ok(py.detach(BootstrapToken::generate)?.expose())
}

/// `parse_token(token)`: `{"id", "secret"}`.
#[pyfunction]
fn parse_token(py: Python<'_>, token: &str) -> KtResult<Py<PyAny>> {
    let t = BootstrapToken::parse(token)?;
    convert::json_to_py(py, &kubetoken::api::token_parts_value(&t))
}

/// `is_valid_token(token)`.
#[pyfunction]
fn is_valid_token(token: &str) -> bool {
    token::is_valid_token(token)
}

/// `is_valid_token_id(token_id)`.
#[pyfunction]
fn is_valid_token_id(token_id: &str) -> bool {
    token::is_valid_token_id(token_id)
}

/// `secret_name(token_id)`: `bootstrap-token-<id>`.
#[pyfunction]
fn secret_name(token_id: &str) -> String {
    token::secret_name(token_id)
}

/// `parse_secret_name(name)`: the token ID, or `None`.
#[pyfunction]
fn parse_secret_name(name: &str) -> Option<String> {
    token::parse_secret_name(name).map(str::to_owned)
}

/// `parse_duration(duration)`: Go's `Duration.String()` of it.
#[pyfunction]
fn parse_duration(duration: &Bound<'_, PyAny>) -> KtResult<String> {
    Ok(duration_arg(duration)?.to_go_string())
}

/// `short_human_duration(duration)`: `"23h"`, `"<invalid>"`, ...
#[pyfunction]
fn short_human_duration(duration: &Bound<'_, PyAny>) -> KtResult<String> {
    Ok(duration_arg(duration)?.short_human())
}

/// `parse_rfc3339(timestamp)`: Go's `Format(RFC3339)` of it, offset kept.
#[pyfunction]
fn parse_rfc3339(timestamp: &Bound<'_, PyAny>) -> KtResult<String> {
    Ok(time_arg(timestamp)?.to_rfc3339())
}

/// `compute_jws(content, token_id, token_secret)`: the detached JWS `header..signature`.
#[pyfunction]
fn compute_jws(
    content: &Bound<'_, PyAny>,
    token_id: &str,
    token_secret: &Bound<'_, PyAny>,
) -> KtResult<String> {
    Ok(kubetoken::jws::compute_detached_signature(
        &bytes_arg(content)?,
        token_id,
        &bytes_arg(token_secret)?,
    ))
}

/// `verify_jws(signature, content, token_id, token_secret)`: bool (constant-time).
#[pyfunction]
fn verify_jws(
    signature: &str,
    content: &Bound<'_, PyAny>,
    token_id: &str,
    token_secret: &Bound<'_, PyAny>,
) -> KtResult<bool> {
    Ok(kubetoken::jws::detached_token_is_valid(
        signature,
        &bytes_arg(content)?,
        token_id,
        &bytes_arg(token_secret)?,
    ))
}

/// The `kubetoken._native` module.
#[pymodule(gil_used = false)]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    let codes: Vec<(&str, &str)> = kubetoken::Error::CODES
        .iter()
        .map(|c| (*c, convert::family(c)))
        .collect();
    m.add("ERROR_CODES", codes)?;
    m.add_function(wrap_pyfunction!(generate_token, m)?)?;
    m.add_function(wrap_pyfunction!(parse_token, m)?)?;
    m.add_function(wrap_pyfunction!(is_valid_token, m)?)?;
    m.add_function(wrap_pyfunction!(is_valid_token_id, m)?)?;
    m.add_function(wrap_pyfunction!(secret_name, m)?)?;
    m.add_function(wrap_pyfunction!(parse_secret_name, m)?)?;
    m.add_function(wrap_pyfunction!(parse_duration, m)?)?;
    m.add_function(wrap_pyfunction!(short_human_duration, m)?)?;
    m.add_function(wrap_pyfunction!(parse_rfc3339, m)?)?;
    m.add_function(wrap_pyfunction!(ops::call, m)?)?;
    m.add_function(wrap_pyfunction!(compute_jws, m)?)?;
    m.add_function(wrap_pyfunction!(verify_jws, m)?)?;
    m.add_function(wrap_pyfunction!(secret::validate_group, m)?)?;
    m.add_function(wrap_pyfunction!(secret::validate_usages, m)?)?;
    m.add_function(wrap_pyfunction!(secret::validate_token_groups, m)?)?;
    m.add_function(wrap_pyfunction!(secret::validate_token_options, m)?)?;
    m.add_function(wrap_pyfunction!(secret::render_secret, m)?)?;
    m.add_function(wrap_pyfunction!(secret::render_secret_yaml, m)?)?;
    m.add_function(wrap_pyfunction!(secret::encode_token_secret, m)?)?;
    m.add_function(wrap_pyfunction!(secret::parse_secret, m)?)?;
    m.add_function(wrap_pyfunction!(secret::parse_secret_list, m)?)?;
    Ok(())
}
