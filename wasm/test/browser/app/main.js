// A tiny app importing the package by name, as a user would; Vite bundles it. The lean
// default build loads with the page; the full one only when asked for (a dynamic import,
// its own chunk and .wasm).
import * as kubetoken from "kubetoken";
import { runVectors } from "./runner.mjs";

const token = kubetoken.generateToken();
document.querySelector("#token").textContent = token;
document.querySelector("#secret-name").textContent = kubetoken.secretName(kubetoken.parseToken(token).id);
try {
  kubetoken.parseToken("not-a-token");
} catch (e) {
  document.querySelector("#error").textContent =
    e instanceof kubetoken.InvalidTokenError ? `rejected: ${e.code}` : `unexpected: ${e}`;
}

// For the test: run the shared vectors in the page, through the bundled package.
window.kubetokenTest = {
  runVectors: (files, apiEntries, families, unsupported) =>
    runVectors(kubetoken, files, new Map(apiEntries), families, { unsupported: new Set(unsupported) }),
  runVectorsFull: async (files, apiEntries, families) =>
    runVectors(await import("kubetoken/full"), files, new Map(apiEntries), families),
};
