// Entry for Node (`import` and `require` alike, Node ≥ 20.19): reads the .wasm next to
// this package with fs and instantiates it synchronously. No top-level await, so
// `require("kubetoken")` works (require(esm) refuses modules with top-level await).
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/kubetoken.js";
import { wasmUrl } from "./wasm.js";

initSync({ module: readFileSync(wasmUrl) });

export * from "./api.js";
