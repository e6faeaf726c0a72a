// Where the package's WebAssembly modules are: the one place that names the files (every
// entry imports it). Bundlers (Vite, webpack, Rollup) see the `new URL(..., import.meta.url)`
// and emit each .wasm as an asset. The lean build is the default entry's; the full build
// (YAML input, the k3s chain check) is "kubetoken/full"'s.
export const wasmUrl = new URL("../pkg/kubetoken_bg.wasm", import.meta.url);
export const fullWasmUrl = new URL("../pkg/kubetoken_full_bg.wasm", import.meta.url);

/** Whether this file runs from the Vite dev server's pre-bundled copy (`.vite/deps/`). */
export const prebundled = /\/\.vite\/deps\//.test(import.meta.url);

/**
 * Where the .wasm is when the Vite dev server pre-bundled this file (it serves the
 * pre-bundled copy from `/.vite/deps/` and the project's `node_modules/` under
 * `/node_modules/`): the package's own copy. A package installed elsewhere (hoisted in
 * a monorepo) fails to load with an error that says what to do.
 */
function prebundledUrl(file) {
  return new URL(import.meta.url.replace(/\/\.vite\/deps\/[^?#]*([?#].*)?$/, `/node_modules/kubetoken/pkg/${file}`));
}

/**
 * Loads one build in a browser entry (fetch; streaming compilation when the server sends
 * `application/wasm`), from the package's own directory under the Vite dev server's
 * pre-bundling (no `optimizeDeps.exclude` needed).
 * @param {(opts: {module_or_path: URL}) => Promise<unknown>} init the build's glue `init`
 * @param {URL} url the build's .wasm
 * @returns {Promise<void>}
 */
export async function loadInBrowser(init, url) {
  const where = prebundled ? prebundledUrl(url.pathname.slice(url.pathname.lastIndexOf("/") + 1)) : url;
  try {
    await init({ module_or_path: where });
  } catch (e) {
    throw loadError(where, e);
  }
}

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
