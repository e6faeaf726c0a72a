// "kubetoken/full/init": the full build, initialised explicitly (see init.js).
import wbgInit, { initSync as wbgInitSync } from "../pkg/kubetoken_full.js";
import { fullWasmUrl } from "./wasm.js";

/**
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module | Promise<Response>} [moduleOrPath]
 * @returns {Promise<void>}
 */
export async function init(moduleOrPath) {
  await wbgInit({ module_or_path: moduleOrPath ?? fullWasmUrl });
}

/**
 * @param {BufferSource | WebAssembly.Module} module
 * @returns {void}
 */
export function initSync(module) {
  wbgInitSync({ module });
}

export * from "../pkg/kubetoken_full_api.js";
