// Entry for workers, service workers and custom loaders ("kubetoken/init"): nothing is
// loaded until you call `init()` (async, fetches the .wasm or takes what you give it) or
// `initSync(bytesOrModule)`. Both are idempotent. Calling an API function before either
// has finished throws.
import wbgInit, { initSync as wbgInitSync } from "../pkg/kubetoken.js";
import { wasmUrl } from "./wasm.js";

/**
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module | Promise<Response>} [moduleOrPath]
 * @returns {Promise<void>}
 */
export async function init(moduleOrPath) {
  await wbgInit({
    module_or_path: moduleOrPath ?? wasmUrl,
  });
}

/**
 * @param {BufferSource | WebAssembly.Module} module
 * @returns {void}
 */
export function initSync(module) {
  wbgInitSync({ module });
}

export * from "./api.js";
