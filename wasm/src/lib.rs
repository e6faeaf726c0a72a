//! wasm-bindgen bindings for kubetoken (the npm package `kubetoken`).
#![cfg(target_family = "wasm")]
