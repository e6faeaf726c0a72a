// Entry for browsers and bundlers (`import ... from "kubetoken/full"`): the same API as
// "kubetoken" with YAML input (Secrets, lists, kubeconfigs, cluster-info) and the k3s
// chain check for CA bundles of several certificates. Loads its own, larger .wasm.
import init from "../pkg/kubetoken_full.js";
import { fullWasmUrl, loadInBrowser } from "./wasm.js";

await loadInBrowser(init, fullWasmUrl);

export * from "../pkg/kubetoken_full_api.js";
