// The WebAssembly features the Rust wasm32 target emits by default (rustc ≥ 1.82): wasm-opt
// must accept them, and adds none. One list for the package build (build.mjs) and the size
// breakdown (size.mjs), so both optimise the same module.
export const WASM_OPT_FEATURES = [
  "--enable-bulk-memory",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-mutable-globals",
  "--enable-reference-types",
  "--enable-multivalue",
];
