//! pyo3 bindings for kubetoken (`kubetoken._native`).
