// 3. List tokens: a pasted Secret List (JSON or YAML) -> `<flavour> token list` output.
import { $, Output, TOKEN_RE, el, fieldError } from "../ui.js";
import { call } from "./common.js";

export function listView(kt, clock) {
  const table = new Output("l-table", { mask: true, label: "token list" });
  const pick = (name, dflt) => document.querySelector(`input[name="${name}"]:checked`)?.value ?? dflt;

  /**
   * The printed table is as wide as the CLI's (the EXTRA GROUPS column starts past column 130):
   * it scrolls sideways inside its box, never the page, and says so when it does.
   */
  function noteScroll() {
    const pre = $("l-table");
    const wider = !$("l-table-box").hidden && pre.scrollWidth > pre.clientWidth + 1;
    $("l-table-scroll").textContent = wider
      ? "Wider than this box: scroll the table sideways (or focus it and use the arrow keys) to see every column, up to EXTRA GROUPS."
      : "";
  }

  function refresh() {
    fieldError("l-input", null);
    const text = $("l-input").value;
    const summary = $("l-summary");
    const flavour = pick("l-flavour", "kubeadm");
    const format = pick("l-format", "text");
    $("l-cmd").textContent = `${flavour === "karmada" ? "karmadactl" : flavour} token list${format === "text" ? "" : ` -o ${format}`}`;
    $("l-skipped-box").hidden = true;
    $("l-skipped").replaceChildren();
    if (!text.trim()) {
      table.clear();
      summary.textContent = "Nothing pasted yet.";
      return;
    }
    try {
      // The pasted List (JSON or YAML, one Secret or many) decoded by the core: one token
      // object per bootstrap-token Secret, or {error, message} for one that does not decode.
      const items = call(kt, "parseSecretList", text);
      const tokens = items.filter((i) => !i.error).map(({ id: _id, ...t }) => t);
      const skipped = items.filter((i) => i.error).map((i) => ({ code: i.error, message: i.message }));
      const output = call(kt, "renderTokenList", { tokens, now: clock.now(), format, flavour });
      table.set(output, [TOKEN_RE]);
      noteScroll();
      summary.textContent =
        (tokens.length ? `${tokens.length} bootstrap token${tokens.length === 1 ? "" : "s"}` : "No bootstrap tokens in what you pasted (the CLI prints nothing)") +
        (skipped.length ? `; ${skipped.length} Secret${skipped.length === 1 ? "" : "s"} skipped, see below.` : ".");
      if (skipped.length) {
        $("l-skipped").replaceChildren(
          ...skipped.map((e) => el("li", {}, el("span", { class: "code-tag" }, e.code), e.message)),
        );
        $("l-skipped-box").hidden = false;
      }
    } catch (err) {
      table.clear();
      fieldError("l-input", err);
      summary.textContent = "Fix the pasted Secrets to see the list.";
    }
  }

  $("l-example").addEventListener("click", () => {
    try {
      const now = clock.now();
      const secret = (opts) => call(kt, "renderSecret", { token: call(kt, "generateToken"), now, ...opts });
      const items = [
        secret({ ttl: "24h", description: "worker nodes" }),
        secret({ ttl: "0", usages: ["signing"], description: "discovery only, never expires" }),
        secret({ ttl: "90m", groups: ["system:bootstrappers:kubeadm:default-node-token", "system:bootstrappers:lab"] }),
      ];
      // A Secret of another type is skipped silently, as `kubectl get secrets` would return it too.
      items.push({ apiVersion: "v1", kind: "Secret", metadata: { name: "not-a-token", namespace: "kube-system" }, type: "Opaque", data: {} });
      $("l-input").value = JSON.stringify({ apiVersion: "v1", kind: "List", items, metadata: { resourceVersion: "" } }, null, 4);
      refresh();
    } catch (err) {
      fieldError("l-input", err);
    }
  });
  $("l-input").addEventListener("input", refresh);
  window.addEventListener("resize", noteScroll);
  for (const r of document.querySelectorAll('input[name="l-format"], input[name="l-flavour"]')) r.addEventListener("change", refresh);
  refresh();
  return { refresh };
}
