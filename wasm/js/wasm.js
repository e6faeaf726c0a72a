// Where the package's WebAssembly module is: the one place that names the file (every
// entry imports it). Bundlers (Vite, webpack, Rollup) see the `new URL(..., import.meta.url)`
// and emit the .wasm as an asset.
export const wasmUrl = new URL("../pkg/kubetoken_bg.wasm", import.meta.url);

/** Whether this file runs from the Vite dev server's pre-bundled copy (`.vite/deps/`). */
export const prebundled = /\/\.vite\/deps\//.test(import.meta.url);

/**
 * Where the .wasm is when the Vite dev server pre-bundled this file (it serves the
 * pre-bundled copy from `/.vite/deps/` and the project's `node_modules/` under
 * `/node_modules/`): the package's own copy. A package installed elsewhere (hoisted in
 * a monorepo) fails to load with an error that says what to do.
 */
export const prebundledWasmUrl = new URL(
  import.meta.url.replace(/\/\.vite\/deps\/[^?#]*([?#].*)?$/, "/node_modules/kubetoken/pkg/kubetoken_bg.wasm"),
);

/**
 * The error for a module that could not be loaded, saying what to do about it.
 * @param {URL} url
 * @param {unknown} cause
 * @returns {Error}
 */
export function loadError(url, cause) {
  const why = cause instanceof Error ? cause.message : String(cause);
  const hint = prebundled
    ? 'The Vite dev server pre-bundled kubetoken away from its .wasm: add optimizeDeps: { exclude: ["kubetoken"] } to vite.config (production builds need nothing).'
    : 'Serve the .wasm next to the package (or pass its URL or bytes to init() from "kubetoken/init").';
  return new Error(`kubetoken: could not load its WebAssembly module from ${url} (${why}). ${hint}`, { cause });
}
