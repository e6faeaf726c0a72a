// "kubetoken/full/init": the same API as "kubetoken/init", over the full build.
export * from "./init.js";
