// kubetoken web demo: five jobs, all computed in this tab by the kubetoken npm package
// (WebAssembly). No network beyond loading the page's own files, no storage, no console
// logging: every error is shown on the page, beside the field that caused it.
import { $, fieldError, wireFiles, wireRevealInputs, wireTabs } from "./ui.js";
import { showFatal } from "./fatal.js";
import { createView } from "./views/create.js";
import { checkView } from "./views/check.js";
import { listView } from "./views/list.js";
import { discoveryView } from "./views/discovery.js";
import { k3sView } from "./views/k3s.js";
import { Clock } from "./clock.js";

window.addEventListener("error", (e) => showFatal(e.error ?? e.message));
window.addEventListener("unhandledrejection", (e) => showFatal(e.reason));

async function main() {
  const engine = $("engine");
  let kt;
  try {
    kt = await import("./kubetoken.js");
    if (typeof kt.default === "function" && typeof kt.generateToken !== "function") await kt.default();
  } catch (err) {
    engine.classList.add("bad");
    engine.textContent = "The kubetoken engine did not load, so nothing on this page works.";
    $("main").inert = true;
    showFatal(err);
    return;
  }
  const info = kt.demoPackageInfo ?? {};
  engine.textContent = `Engine ready: ${info.name ?? "kubetoken"} ${info.version ?? ""} (WebAssembly, in this tab).`;
  engine.dataset.ready = "true";
  $("pkg-info").textContent =
    `${info.name ?? "kubetoken"} ${info.version ?? ""} · tokens are never sent or stored · ` +
    "errors show their stable code (e.g. invalid_token), the same in Rust, Python and JavaScript.";

  const clock = new Clock(kt);
  const views = {
    create: createView(kt, clock),
    check: checkView(kt, clock),
    list: listView(kt, clock),
    discovery: discoveryView(kt, clock),
    k3s: k3sView(kt, clock),
  };
  clock.onChange(() => Object.values(views).forEach((v) => v.refresh()));
  wireRevealInputs();
  wireFiles((id, err) => fieldError(id, err));
  wireTabs((name) => views[name]?.refresh());
  document.body.dataset.ready = "true";
}

main().catch(showFatal);
