//! Core errors → Python exceptions. The classes live in `kubetoken/_errors.py` (a
//! `KubetokenError(ValueError)` subclass per `Error::family()`); they are looked up once
//! per interpreter and cached, never re-imported per raise.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use kubetoken::Error;

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

impl From<PyErr> for KtError {
    fn from(e: PyErr) -> Self {
        KtError::Py(e)
    }
}

impl From<pyo3::CastError<'_, '_>> for KtError {
    fn from(e: pyo3::CastError<'_, '_>) -> Self {
        KtError::Py(e.into())
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

/// The exception classes by name (`KubetokenError` and every family), loaded once.
static CLASSES: PyOnceLock<Vec<(&'static str, Py<PyType>)>> = PyOnceLock::new();

fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyType>> {
    let all = CLASSES.get_or_try_init(py, || {
        let module = py.import("kubetoken._errors")?;
        let mut out: Vec<(&'static str, Py<PyType>)> = Vec::new();
        let names = std::iter::once("KubetokenError")
            .chain(kubetoken::Error::FAMILIES.iter().map(|(_, f)| *f));
        for family in names {
            if !out.iter().any(|(f, _)| *f == family) {
                let cls = module.getattr(family)?.cast_into::<PyType>()?;
                out.push((family, cls.unbind()));
            }
        }
        Ok::<_, PyErr>(out)
    })?;
    all.iter()
        .find(|(f, _)| *f == name)
        .or_else(|| all.first())
        .map(|(_, c)| c.bind(py).clone())
        .ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("no exception classes"))
}

/// `kubetoken.<family>(message, code)`.
pub fn core_error(py: Python<'_>, e: &Error) -> PyErr {
    match class(py, e.family()).and_then(|cls| cls.call1((e.message(), e.code()))) {
        Ok(instance) => PyErr::from_value(instance),
        Err(import_failure) => import_failure,
    }
}
