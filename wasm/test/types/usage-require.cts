// Type test for CommonJS: `require("kubetoken")` (require(esm), Node >= 20.19).
import kubetoken = require("kubetoken");

export const token: string = kubetoken.generateToken();
export const isErr = (e: unknown): boolean => e instanceof kubetoken.KubetokenError;
