// "kubetoken/full": the same API as "kubetoken" (YAML input and the k3s chain check work
// here instead of throwing `UnsupportedError`).
export * from "./index.js";
