//! wasm-bindgen bindings for kubetoken (the npm package `kubetoken`).
//!
//! Thin by design: every function converts its JavaScript arguments (see [`conv`]),
//! calls the core and converts the result; no rule of the domain lives here. Names are
//! the camelCase of docs/api.md's ops. Calling convention (the same for every
//! function): an op with exactly one argument takes it positionally
//! (`parseToken(token)`); an op with several takes one options object whose keys are
//! the camelCase argument names (`renderSecret({token, ttl, now})`); an op without
//! arguments takes none. TypeScript declarations are hand-written (`js/index.d.ts`),
//! so generated ones are skipped.
#![cfg(target_family = "wasm")]

mod authn;
mod conv;
mod discovery;
mod k3s;
mod pins;
mod secrets;
mod tokens;
