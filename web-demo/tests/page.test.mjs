// The page as a whole: it loads the engine from its own origin only, the tabs work from the
// keyboard, focus is visible, every control has a label, errors land beside their field with
// the error's code, and the layout holds at phone width (390px).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openPage, shot, startDemo } from "./harness.mjs";

let demo;
before(async () => {
  demo = await startDemo();
});
after(async () => {
  await demo?.close();
});

test("the page loads the lean build; the list, discovery and k3s tabs load kubetoken/full", async () => {
  const p = await openPage(demo);
  const wasm = () => p.requests.filter((u) => u.endsWith(".wasm")).map((u) => u.slice(u.lastIndexOf("/") + 1));
  assert.deepEqual(wasm(), ["kubetoken_bg.wasm"]);
  await p.page.click("#tab-check");
  assert.deepEqual(wasm(), ["kubetoken_bg.wasm"], "the check tab runs on the lean build");
  await p.page.click("#tab-list");
  await p.page.waitForFunction(() => !document.querySelector("#view-list").inert);
  assert.deepEqual(wasm(), ["kubetoken_bg.wasm", "kubetoken_full_bg.wasm"]);
  await p.assertClean();
});

test("loads from its own origin only; the engine reports ready", async () => {
  const p = await openPage(demo);
  const engine = await p.page.locator("#engine").innerText();
  assert.match(engine, /^Engine ready: kubetoken /);
  assert.ok(p.requests.some((u) => u.endsWith(".wasm")) || p.requests.some((u) => u.includes("/vendor/kubetoken/")));
  // no storage of any kind was touched
  const stored = await p.page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]);
  assert.deepEqual(stored, [0, 0, ""]);
  // the wasm file (if the package ships one) is served with the wasm MIME type
  for (const u of p.requests.filter((x) => x.endsWith(".wasm"))) {
    const res = await fetch(u);
    assert.equal(res.headers.get("content-type"), "application/wasm");
  }
  await p.assertClean();
});

test("every form control has an accessible name; buttons are real buttons", async () => {
  const p = await openPage(demo);
  const unnamed = await p.page.evaluate(() => {
    const bad = [];
    for (const c of document.querySelectorAll("input, textarea, select, button")) {
      const labelled =
        (c.id && document.querySelector(`label[for="${c.id}"]`)) ||
        c.closest("label") ||
        c.getAttribute("aria-label") ||
        c.getAttribute("aria-labelledby") ||
        (c.tagName === "BUTTON" && c.textContent.trim());
      if (!labelled) bad.push(c.outerHTML.slice(0, 80));
    }
    const clickables = [...document.querySelectorAll("[onclick], div[role=button], span[role=button]")];
    return { bad, clickables: clickables.length };
  });
  assert.deepEqual(unnamed.bad, []);
  assert.equal(unnamed.clickables, 0);
  await p.assertClean();
});

test("tabs: arrow keys move between jobs, Tab reaches the fields, focus is visible", async () => {
  const p = await openPage(demo);
  const { page } = p;
  await page.focus("#tab-create");
  for (const [key, id] of [["ArrowRight", "check"], ["ArrowRight", "list"], ["End", "inspect"], ["ArrowLeft", "k3s"], ["Home", "create"], ["ArrowLeft", "inspect"]]) {
    await page.keyboard.press(key);
    assert.equal(await page.evaluate(() => document.activeElement.id), `tab-${id}`);
    assert.equal(await page.getAttribute(`#tab-${id}`, "aria-selected"), "true");
    assert.equal(await page.isVisible(`#view-${id}`), true);
  }
  await page.keyboard.press("Home");
  // Tab from the selected tab goes into the panel: the example button, the flavour radios,
  // then the token.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "c-example");
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => document.activeElement.getAttribute("name"));
  assert.equal(first, "c-flavour");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "c-token");
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  assert.notEqual(outline.style, "none");
  assert.ok(outline.width >= 2, `visible focus outline (got ${outline.width}px)`);
  await p.assertClean();
});

test("a malformed token is reported beside its field, with the error code, and never echoed", async () => {
  const p = await openPage(demo);
  const { page } = p;
  const bad = "abcdef.0123456789ABCDEF";
  await page.fill("#c-token", bad);
  const err = page.locator("#c-token-error");
  await err.waitFor({ state: "visible" });
  assert.equal(await err.getAttribute("data-code"), "invalid_token");
  assert.equal(await page.getAttribute("#c-token", "aria-invalid"), "true");
  assert.ok(!(await page.locator("body").innerText()).includes("0123456789ABCDEF"), "secret part not shown");
  await shot(page, "error-beside-field");
  await page.fill("#c-token", "");
  assert.equal(await err.isVisible(), false);
  await p.assertClean();
});

test("phone width (390px): no horizontal scrolling, tabs and fields fit", async () => {
  const p = await openPage(demo, { width: 390, height: 844 });
  const { page } = p;
  await page.click("#c-generate");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  for (const id of ["c-token", "c-generate", "c-ttl", "c-groups", "tab-k3s", "tab-inspect"]) {
    const box = await page.locator(`#${id}`).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `#${id} fits in 390px`);
  }
  await shot(page, "phone-390-create");
  await page.click("#tab-check");
  await shot(page, "phone-390-check");
  await p.assertClean();
});

test("first visit: each job's example fills in and shows an answer (screenshots)", async () => {
  const p = await openPage(demo);
  const { page } = p;
  await shot(page, "0-first-visit", { fullPage: false });
  const expect = {
    create: async () => {
      assert.match(await page.locator("#c-summary").innerText(), /^Secret kube-system\/bootstrap-token-[a-z0-9]{6}\. Expires /);
      assert.match(await page.locator("#c-join").innerText(), /^kubeadm join 192\.0\.2\.10:6443 --token [a-z0-9]{6}\.\*{16} --discovery-token-ca-cert-hash sha256:[0-9a-f]{64} $/);
    },
    check: async () => assert.match(await page.locator("#k-user").innerText(), /^system:bootstrap:[a-z0-9]{6}$/),
    list: async () => {
      const table = await page.locator("#l-table").innerText();
      assert.equal(table.split("\n")[0].replace(/\s+/g, " ").trim(), "TOKEN TTL EXPIRES USAGES DESCRIPTION EXTRA GROUPS");
      assert.equal((table.match(/[a-z0-9]{6}\.\*{16}/g) ?? []).length, 3, "three tokens, secrets masked");
    },
    discovery: async () => assert.match(await page.locator("#d-result").innerText(), /^Trusted/),
    k3s: async () => {
      assert.equal(await page.locator("#s-status").innerText(), "match");
      // What `k3s token create` prints: the bundle's hash and a bootstrap token, secret masked.
      assert.match(await page.locator("#s-k10").evaluate((n) => n.textContent), /^K10[0-9a-f]{64}::[a-z0-9]{6}\.\*{16}\n$/);
    },
    inspect: async () => {
      assert.match(await page.locator("#i-result").innerText(), /^Not usable here \(k3s server --token\), because:/);
      assert.equal(await page.locator("#i-reasons li").getAttribute("data-code"), "bootstrap_token_as_server_token");
      const redacted = await page.locator("#r-output").innerText();
      assert.match(redacted, /Using token: [a-z0-9]{6}\.\*{16}\n/);
      assert.match(redacted, /K3S_TOKEN=K10[0-9a-f]{64}::server:\*{16} /);
    },
  };
  for (const [view, prefix] of [["create", "c"], ["check", "k"], ["list", "l"], ["discovery", "d"], ["k3s", "s"], ["inspect", "i"]]) {
    await page.click(`#tab-${view}`);
    await page.click(`#${prefix}-example`);
    await expect[view]();
    assert.equal(await page.locator(`#view-${view} .error:visible`).count(), 0, `${view}: no error shown`);
    await shot(page, `example-${view}`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click("#tab-k3s");
  await shot(page, "phone-390-k3s");
  await page.click("#tab-inspect");
  await shot(page, "phone-390-inspect");
  await p.assertClean();
});

test("if the engine cannot load, the page says so (not only the console)", async () => {
  const page = await demo.context.newPage();
  page.setDefaultTimeout(8000);
  const consoleErrors = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  await page.route("**/*.wasm", (route) => route.fulfill({ status: 404, body: "gone" }));
  await page.goto(demo.server.url);
  await page.locator("#fatal").waitFor({ state: "visible" });
  assert.match(await page.locator("#engine").innerText(), /did not load/);
  assert.match(await page.locator("#fatal").innerText(), /^Something went wrong \(\w+\): /);
  assert.equal(await page.locator("main").evaluate((m) => m.inert), true, "controls disabled");
  await shot(page, "engine-failed", { fullPage: false });
  await page.close();
});

test("the list table's last column (EXTRA GROUPS) is never clipped: desktop and 390px", async () => {
  for (const width of [1280, 390]) {
    const p = await openPage(demo, { width, height: 900, hash: "#list" });
    const { page } = p;
    await page.waitForFunction(() => !document.querySelector("#view-list").inert);
    await page.click("#l-example");
    await page.locator("#l-table").waitFor();
    const geometry = () =>
      page.locator("#l-table").evaluate((pre) => {
        const node = pre.firstChild;
        const full = node.textContent;
        const box = pre.getBoundingClientRect();
        // The right edge of each line's last character, in the pre's scrolled content.
        const ends = [];
        let start = 0;
        for (const line of full.split("\n")) {
          if (line.length) {
            const r = document.createRange();
            r.setStart(node, start + line.length - 1);
            r.setEnd(node, start + line.length);
            ends.push(r.getBoundingClientRect().right - box.left + pre.scrollLeft);
          }
          start += line.length + 1;
        }
        const at = full.indexOf("EXTRA GROUPS");
        const h = document.createRange();
        h.setStart(node, at);
        h.setEnd(node, at + "EXTRA GROUPS".length);
        const header = h.getBoundingClientRect();
        // Ancestors that clip: each must contain the whole box of the table.
        const clipped = [];
        for (let n = pre.parentElement; n && n !== document.documentElement; n = n.parentElement) {
          const s = getComputedStyle(n);
          const r = n.getBoundingClientRect();
          if (s.overflowX !== "visible" && (r.left > box.left + 0.5 || r.right < box.right - 0.5)) clipped.push(n.id || n.className || n.tagName);
        }
        return {
          overflowX: getComputedStyle(pre).overflowX,
          scrollWidth: pre.scrollWidth,
          clientWidth: pre.clientWidth,
          scrollLeft: pre.scrollLeft,
          ends,
          header: { left: header.left, right: header.right },
          visible: { left: box.left + pre.clientLeft, right: box.left + pre.clientLeft + pre.clientWidth },
          clipped,
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          innerWidth,
        };
      });
    const g = await geometry();
    assert.ok(g.pageOverflow <= 0, `${width}px: the page does not scroll sideways (${g.pageOverflow}px)`);
    assert.ok(["auto", "scroll"].includes(g.overflowX), `${width}px: the table scrolls (overflow-x ${g.overflowX}), never hidden`);
    assert.deepEqual(g.clipped, [], `${width}px: no ancestor clips the table`);
    assert.equal(g.ends.length, 4, "header + three tokens");
    for (const end of g.ends) assert.ok(end <= g.scrollWidth + 1, `${width}px: every line ends inside the scrollable area (${end} > ${g.scrollWidth})`);
    if (g.scrollWidth > g.clientWidth) {
      assert.match(await page.locator("#l-table-scroll").innerText(), /scroll the table sideways/);
    }
    // Scrolled fully right, every row's last cell ends on screen.
    await page.locator("#l-table").evaluate((pre) => {
      pre.scrollLeft = pre.scrollWidth;
    });
    const s = await geometry();
    for (const end of s.ends) assert.ok(end - s.scrollLeft <= s.clientWidth + 1, `${width}px: each row's last cell on screen once scrolled`);
    // Scrolled to it, the EXTRA GROUPS heading is on screen, inside the table's box and the window.
    const headerAt = g.header.left - g.visible.left + g.scrollLeft;
    await page.locator("#l-table").evaluate((pre, x) => {
      pre.scrollLeft = Math.max(0, x - 8);
    }, headerAt);
    const h = await geometry();
    assert.ok(h.header.left >= h.visible.left - 0.5 && h.header.right <= h.visible.right + 0.5, `${width}px: EXTRA GROUPS visible once scrolled to (${JSON.stringify(h.header)} in ${JSON.stringify(h.visible)})`);
    assert.ok(h.header.left >= 0 && h.header.right <= h.innerWidth, `${width}px: EXTRA GROUPS inside the window`);
    await page.locator("#l-table-box").scrollIntoViewIfNeeded();
    await shot(page, `3-list-scrolled-${width}`);
    await p.assertClean();
  }
});

test("Copy copies the real (unmasked) text", async () => {
  await demo.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: demo.origin });
  const p = await openPage(demo);
  const { page } = p;
  await page.click("#c-generate");
  const token = await page.inputValue("#c-token");
  const secretB64 = Buffer.from(token.split(".")[1]).toString("base64");
  const masked = await page.locator("#c-yaml").innerText();
  assert.ok(masked.includes("token-secret: ****************") && !masked.includes(secretB64), "masked on screen");
  await page.click("#c-yaml-copy");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.includes(`token-secret: ${secretB64}\n`), "the clipboard has the real Secret");
  await page.click("#c-yaml-reveal");
  assert.equal(await page.locator("#c-yaml").evaluate((n) => n.textContent), copied);
  assert.equal(await page.locator("#copy-status").innerText(), "Secret YAML copied to the clipboard");
  await p.assertClean();
});
