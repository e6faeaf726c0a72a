// Small DOM helpers shared by the views: field errors, masked outputs with copy/reveal
// buttons, reveal toggles for password inputs, file loading, tabs. No network, no storage.

export const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`demo bug: no element #${id}`);
  return el;
};

/** Text nodes only: never innerHTML with user or library text. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** `{code, message}` of anything thrown. Library errors carry `.code`; anything else is a bug. */
export function describeError(err) {
  if (err && typeof err === "object" && typeof err.code === "string" && err.code) {
    return { code: err.code, message: String(err.message ?? err) };
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { code: "internal", message };
}

/** A `<code-tag> message` fragment for an error. */
export function errorContent(err) {
  const { code, message } = describeError(err);
  return [el("span", { class: "code-tag", "data-code": code }, code), message];
}

/**
 * Show (err) or clear (null) the error beside field `id`: fills `#id-error`, sets
 * aria-invalid on `#id` when it is a form control.
 */
export function fieldError(id, err) {
  const box = $(`${id}-error`);
  const input = document.getElementById(id);
  if (err === null || err === undefined) {
    box.hidden = true;
    box.replaceChildren();
    box.removeAttribute("data-code");
    if (input && input.matches("input, textarea, select")) input.removeAttribute("aria-invalid");
    return;
  }
  const { code } = describeError(err);
  box.replaceChildren(...errorContent(err));
  box.setAttribute("data-code", code);
  box.hidden = false;
  if (input && input.matches("input, textarea, select")) input.setAttribute("aria-invalid", "true");
}

let statusTimer;
export function announce(text) {
  const s = $("copy-status");
  s.textContent = text;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => (s.textContent = ""), 3000);
}

async function copyText(text) {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // fall through to the selection-based copy (e.g. clipboard permission denied)
    }
  }
  const ta = el("textarea", { "aria-hidden": "true", readonly: true, style: "position:fixed;left:-9999px;top:0" });
  ta.value = text;
  document.body.append(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } finally {
    ta.remove();
  }
  return ok;
}

function maskText(text, secrets) {
  let out = text;
  const strings = [...new Set(secrets.filter((s) => typeof s === "string" && s.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  for (const s of strings) out = out.split(s).join("*".repeat(Math.min(s.length, 16)));
  // A RegExp (global) masks what it matches, keeping its first group: /\b([a-z0-9]{6}\.)[a-z0-9]{16}\b/g
  for (const re of secrets.filter((s) => s instanceof RegExp)) {
    out = out.replace(re, (m, keep) => (typeof keep === "string" ? keep : "") + "*".repeat(m.length - (typeof keep === "string" ? keep.length : 0)));
  }
  // A function masks the whole text (the core's redact).
  for (const f of secrets.filter((s) => typeof s === "function")) out = f(out);
  return out;
}

/** Bootstrap tokens anywhere in a text: the ID stays, the secret is masked. */
export const TOKEN_RE = /\b([a-z0-9]{6}\.)[a-z0-9]{16}\b/g;

/**
 * An output block: `<div class="out" id="X-box">` holding `<pre id="X">`. Adds a Copy button
 * and, when `mask`, a Reveal toggle. The real text lives only in this object; while masked the
 * page shows every listed secret substring as `*`.
 */
export class Output {
  constructor(id, { mask = false, label } = {}) {
    this.id = id;
    this.pre = $(id);
    this.box = $(`${id}-box`);
    this.text = "";
    this.secrets = [];
    this.revealed = false;
    const head = this.box.querySelector(".out-head");
    const name = label ?? head.querySelector("h3")?.textContent ?? id;
    if (mask) {
      this.revealBtn = el("button", { type: "button", class: "reveal-out", "aria-pressed": "false", id: `${id}-reveal` }, "Reveal secret");
      this.revealBtn.addEventListener("click", () => this.setRevealed(!this.revealed));
      head.append(this.revealBtn);
    }
    this.copyBtn = el("button", { type: "button", class: "copy", id: `${id}-copy`, "aria-label": `Copy ${name}` }, "Copy");
    this.copyBtn.addEventListener("click", async () => {
      const ok = await copyText(this.text);
      announce(ok ? `${name} copied to the clipboard` : `Could not copy ${name}; select the text and copy it by hand`);
      this.copyBtn.textContent = ok ? "Copied" : "Copy failed";
      setTimeout(() => (this.copyBtn.textContent = "Copy"), 1500);
    });
    head.append(this.copyBtn);
  }

  setRevealed(on) {
    this.revealed = on;
    if (this.revealBtn) {
      this.revealBtn.setAttribute("aria-pressed", String(on));
      this.revealBtn.textContent = on ? "Hide secret" : "Reveal secret";
    }
    this.render();
  }

  /** Show `text`; `secrets` (substrings, RegExps, text → masked text functions) are hidden until revealed. */
  set(text, secrets = []) {
    this.text = text;
    this.secrets = secrets;
    this.box.hidden = false;
    this.render();
  }

  render() {
    const hidden = this.revealBtn ? maskText(this.text, this.secrets) : this.text;
    const anySecret = hidden !== this.text;
    const masked = anySecret && !this.revealed;
    this.pre.textContent = masked ? hidden : this.text;
    this.pre.dataset.masked = String(masked);
    if (this.revealBtn) this.revealBtn.hidden = !anySecret;
  }

  clear() {
    this.text = "";
    this.secrets = [];
    this.pre.textContent = "";
    this.box.hidden = true;
  }
}

/** Show/Hide buttons for password inputs (`.reveal-input[aria-controls]`). */
export function wireRevealInputs(root = document) {
  for (const btn of root.querySelectorAll("button.reveal-input")) {
    const input = $(btn.getAttribute("aria-controls"));
    const label = document.querySelector(`label[for="${input.id}"]`)?.textContent?.trim() ?? "value";
    btn.setAttribute("aria-label", `Show ${label}`);
    btn.addEventListener("click", () => {
      const show = input.type === "password";
      input.type = show ? "text" : "password";
      btn.setAttribute("aria-pressed", String(show));
      btn.textContent = show ? "Hide" : "Show";
      btn.setAttribute("aria-label", `${show ? "Hide" : "Show"} ${label}`);
    });
  }
}

/**
 * Files: a file input (`input[type=file][data-file-for]`) or a drop onto `.drop[data-drop-for]`
 * fills the textarea. The file's exact bytes are kept (the textarea would turn CRLF into LF)
 * and handed out by `rawInput(id)` as long as the text was not edited since.
 */
const loaded = new Map(); // textarea id -> { text, bytes, name }
let loading = false;

export function rawInput(id) {
  const ta = $(id);
  const l = loaded.get(id);
  if (l && ta.value === l.text) return { value: l.bytes, file: l.name };
  return { value: ta.value, file: null };
}

async function loadFile(id, file) {
  const ta = $(id);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  ta.value = text;
  loaded.set(id, { text: ta.value, bytes, name: file.name });
  loading = true;
  try {
    ta.dispatchEvent(new Event("input", { bubbles: true }));
  } finally {
    loading = false;
  }
  announce(`Loaded ${file.name} (${bytes.length} bytes)`);
}

/** Any edit by the user (typing, pasting) forgets the file: its bytes no longer apply. */
function forgetOnEdit(id) {
  $(id).addEventListener("input", () => {
    if (!loading) loaded.delete(id);
  }, { capture: true });
}

export function wireFiles(onError) {
  const targets = new Set();
  for (const input of document.querySelectorAll("input[type=file][data-file-for]")) {
    targets.add(input.dataset.fileFor);
    input.addEventListener("change", () => {
      const f = input.files?.[0];
      if (f) loadFile(input.dataset.fileFor, f).catch((e) => onError(input.dataset.fileFor, e));
      input.value = "";
    });
  }
  for (const zone of document.querySelectorAll(".drop[data-drop-for]")) {
    const id = zone.dataset.dropFor;
    targets.add(id);
    zone.addEventListener("dragover", (e) => {
      e.preventDefault();
      zone.classList.add("over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => {
      zone.classList.remove("over");
      const f = e.dataTransfer?.files?.[0];
      if (!f) return; // a text drop: let the textarea take it
      e.preventDefault();
      loadFile(id, f).catch((err) => onError(id, err));
    });
  }
  for (const id of targets) forgetOnEdit(id);
}

/** ARIA tabs: click, arrow keys, Home/End; the URL hash names the view (no navigation). */
export function wireTabs(onShow) {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const show = (tab, focus) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    }
    if (focus) tab.focus();
    const name = tab.id.replace(/^tab-/, "");
    if (location.hash !== `#${name}`) history.replaceState(null, "", `#${name}`);
    onShow?.(name);
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => show(tab, false));
    tab.addEventListener("keydown", (e) => {
      const k = e.key;
      let j = null;
      if (k === "ArrowRight" || k === "ArrowDown") j = (i + 1) % tabs.length;
      else if (k === "ArrowLeft" || k === "ArrowUp") j = (i - 1 + tabs.length) % tabs.length;
      else if (k === "Home") j = 0;
      else if (k === "End") j = tabs.length - 1;
      if (j !== null) {
        e.preventDefault();
        show(tabs[j], true);
      }
    });
  });
  const fromHash = () => {
    const t = document.getElementById(`tab-${location.hash.slice(1)}`);
    if (t && t.getAttribute("role") === "tab") show(t, false);
  };
  window.addEventListener("hashchange", fromHash);
  fromHash();
  return (name) => show($(`tab-${name}`), false);
}

export function debounce(fn, ms = 120) {
  let t;
  return (...a) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...a), ms);
  };
}

/** `<dl>` rows from [label, value, {secret}] triples. */
export function fillKv(dl, rows) {
  dl.replaceChildren();
  for (const [k, v, opts = {}] of rows) {
    const dd = el("dd", opts.attrs ?? {}, v);
    dl.append(el("dt", {}, k), dd);
  }
}
