//! wasm-bindgen bindings for kubetoken (the npm package `kubetoken`).
//!
//! Thin by design: every function converts its JavaScript arguments once into the core's
//! typed values ([`conv`]), calls the core's typed functions and converts the result once
//! ([`conv::out`]); no rule of the domain lives here, and nothing goes through the JSON
//! façade (`kubetoken::api`). Names are the camelCase of docs/api.md's ops.
//! Calling convention (the same for every function): an op with exactly one argument
//! takes it positionally (`parseToken(token)`); an op with several takes one options
//! object whose keys are the camelCase argument names (`renderSecret({token, ttl, now})`);
//! an op without arguments takes none. Results are camelCase too. TypeScript
//! declarations are hand-written (`js/index.d.ts`, checked against the results by
//! `test/types/drift.test.mjs`), so generated ones are skipped.
#![cfg(target_family = "wasm")]

mod authn;
mod camel;
mod conv;
mod discovery;
mod inspect;
mod k3s;
mod pins;
mod secrets;
mod tokens;
