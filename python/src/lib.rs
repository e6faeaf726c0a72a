//! pyo3 bindings for kubetoken: the `kubetoken._native` extension module.
//!
//! Thin by design: each function of docs/api.md takes typed arguments, converts them once
//! into the core's types (`convert`), calls the core and converts the result once into
//! plain Python objects (`topy`: `dict`/`list`/`str`/...; a result that carries a secret
//! is a `kubetoken.SecretDict`, a `dict` whose `repr` masks it). Core errors become the
//! cached `kubetoken` exception classes (`errors`). Heavy work runs with the GIL released
//! (`py.detach`). "Now" is read here, never in the core.
#![forbid(unsafe_code)]

mod convert;
mod errors;
mod ops;
mod topy;

use pyo3::prelude::*;

/// The `kubetoken._native` module.
#[pymodule(gil_used = false)]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ERROR_CODES", kubetoken::Error::FAMILIES.to_vec())?;
    ops::register(m)
}
