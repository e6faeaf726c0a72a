// "kubetoken/init": the same API, initialised explicitly (workers, custom loaders).
export * from "./index.js";

/** What `init` can load the module from. */
export type InitInput = string | URL | Request | Response | Promise<Response> | BufferSource | WebAssembly.Module;

/**
 * Loads and instantiates the .wasm (by default the one next to this file, via fetch).
 * Idempotent. Every other export throws until this has resolved (or `initSync` ran).
 */
export function init(moduleOrPath?: InitInput): Promise<void>;
/** Instantiates synchronously from bytes or a compiled module. Idempotent. */
export function initSync(module: BufferSource | WebAssembly.Module): void;
