// Entry for browsers and bundlers (`import ... from "kubetoken"`): the lean build (no YAML
// input, no k3s chain check: those throw `UnsupportedError` naming "kubetoken/full").
// Fetches and instantiates the .wasm once, with top-level await, so every export is ready
// when the import resolves. For workers or custom loading use "kubetoken/init".
import init from "../pkg/kubetoken.js";
import { loadInBrowser, wasmUrl } from "./wasm.js";

await loadInBrowser(init, wasmUrl);

export * from "./api.js";
