// 6b. Redact a log: the core's redact over the pasted text (or a loaded file's bytes), with a
// copy button. Token IDs, CA hashes and everything else stay as they were.
import { $, Output, fieldError, rawInput } from "../ui.js";
import { call } from "./common.js";
import { EXAMPLE_CA_PEM, EXAMPLE_SERVER } from "../examples.js";

export function redactView(kt, clock) {
  const output = new Output("r-output", { label: "redacted text" });
  const decode = (bytes) => new TextDecoder("utf-8", { fatal: false }).decode(bytes);

  function refresh() {
    fieldError("r-input", null);
    const summary = $("r-summary");
    const { value, file } = rawInput("r-input");
    if (value === "" || (typeof value === "string" && !value.trim())) {
      output.clear();
      summary.textContent = "Nothing pasted yet.";
      return;
    }
    try {
      // Text in, text out; a file's bytes in, bytes out (shown as UTF-8, U+FFFD where invalid).
      const r = call(kt, "redact", value);
      const shown = typeof r === "string" ? r : decode(r);
      const before = typeof value === "string" ? value : decode(value);
      output.set(shown);
      summary.textContent =
        shown === before
          ? "No secrets found: the text is unchanged."
          : `Secrets masked${file ? ` in ${file}` : ""}; token IDs and CA hashes kept. Copy it to share.`;
    } catch (err) {
      output.clear();
      fieldError("r-input", err);
      summary.textContent = "Fix the highlighted field.";
    }
  }

  // The tab's example button also fills in a log: a kubeadm init tail and a k3s install line.
  $("i-example").addEventListener("click", () => {
    try {
      const token = call(kt, "generateToken");
      const [pin] = call(kt, "caCertHashes", EXAMPLE_CA_PEM);
      const k10 = call(kt, "formatK3sToken", { credentials: `server:${call(kt, "generateToken").replace(".", "")}`, bundle: EXAMPLE_CA_PEM, now: clock.now() });
      $("r-input").value = [
        `[bootstrap-token] Using token: ${token}`,
        "Then you can join any number of worker nodes by running the following on each as root:",
        "",
        `kubeadm join ${EXAMPLE_SERVER} --token ${token} \\`,
        `\t--discovery-token-ca-cert-hash ${pin} `,
        `+ curl -sfL https://get.k3s.io | K3S_URL=https://192.0.2.10:6443 K3S_TOKEN=${k10} sh -`,
        "",
      ].join("\n");
      refresh();
    } catch (err) {
      fieldError("r-input", err);
    }
  });
  $("r-input").addEventListener("input", refresh);
  refresh();
  return { refresh };
}
