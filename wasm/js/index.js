// Entry for browsers and bundlers (`import ... from "kubetoken"`): fetches and
// instantiates the .wasm once, with top-level await, so every export is ready when the
// import resolves. Bundlers (Vite, webpack, Rollup) see the `new URL(..., import.meta.url)`
// and emit the .wasm as an asset. For workers or custom loading use "kubetoken/init".
import init from "../pkg/kubetoken.js";

await init({ module_or_path: new URL("../pkg/kubetoken_bg.wasm", import.meta.url) });

export * from "./api.js";
