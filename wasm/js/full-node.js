// "kubetoken/full" for Node (`import` and `require`): the full build, read with fs and
// instantiated synchronously (see node.js).
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/kubetoken_full.js";
import { fullWasmUrl } from "./wasm.js";

initSync({ module: readFileSync(fullWasmUrl) });

export * from "../pkg/kubetoken_full_api.js";
