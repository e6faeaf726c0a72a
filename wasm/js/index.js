// Entry for browsers and bundlers (`import ... from "kubetoken"`): fetches and
// instantiates the .wasm once, with top-level await, so every export is ready when the
// import resolves. For workers or custom loading use "kubetoken/init".
import init from "../pkg/kubetoken.js";
import { loadError, prebundled, prebundledWasmUrl, wasmUrl } from "./wasm.js";

// Under the Vite dev server's dependency pre-bundling the .wasm is not next to this file:
// it is loaded from the package's own directory (no `optimizeDeps.exclude` needed).
const url = prebundled ? prebundledWasmUrl : wasmUrl;
try {
  await init({ module_or_path: url });
} catch (e) {
  throw loadError(url, e);
}

export * from "./api.js";
