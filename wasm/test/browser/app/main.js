// A tiny app importing the package by name, as a user would; Vite bundles it.
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
  runVectors: (files, apiEntries, families) => runVectors(kubetoken, files, new Map(apiEntries), families),
};
