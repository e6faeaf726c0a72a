// 3. List tokens: a pasted Secret List (JSON or YAML) -> `kubeadm token list` output.
import { $, Output, el, fieldError } from "../ui.js";
import { call } from "./common.js";

export function listView(kt, clock) {
  const table = new Output("l-table", { mask: true, label: "token list" });
  const format = () => document.querySelector('input[name="l-format"]:checked')?.value ?? "text";

  function refresh() {
    fieldError("l-input", null);
    const text = $("l-input").value;
    const summary = $("l-summary");
    $("l-skipped-box").hidden = true;
    if (!text.trim()) {
      table.clear();
      summary.textContent = "Nothing pasted yet.";
      return;
    }
    try {
      const r = call(kt, "listTokens", { secrets: text, now: clock.now(), output: format() });
      const rendered = typeof r === "string" ? r : r.output;
      const tokens = r.tokens ?? [];
      const skipped = r.errors ?? r.skipped ?? [];
      const secrets = tokens.flatMap((t) => {
        const tok = typeof t === "string" ? t : t.token;
        return tok ? [tok.split(".")[1], tok] : [];
      });
      table.set(rendered, secrets.filter(Boolean));
      summary.textContent = `${tokens.length} bootstrap token${tokens.length === 1 ? "" : "s"}` +
        (skipped.length ? `, ${skipped.length} Secret${skipped.length === 1 ? "" : "s"} skipped (see below).` : ".");
      if (skipped.length) {
        $("l-skipped").replaceChildren(
          ...skipped.map((e) => el("li", {}, el("span", { class: "code-tag" }, e.code ?? "error"), e.message ?? String(e))),
        );
        $("l-skipped-box").hidden = false;
      }
    } catch (err) {
      table.clear();
      fieldError("l-input", err);
      summary.textContent = "Fix the pasted Secrets to see the list.";
    }
  }

  $("l-input").addEventListener("input", refresh);
  for (const r of document.querySelectorAll('input[name="l-format"]')) r.addEventListener("change", refresh);
  refresh();
  return { refresh };
}
