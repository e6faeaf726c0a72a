// The static server: loopback only, correct MIME types (application/wasm), no way out of its
// root, GET/HEAD only, the CSP header on every answer.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { request } from "node:http";
import { DIST } from "./harness.mjs";
import { CSP, startServer } from "../scripts/serve.mjs";

let srv;
before(async () => {
  srv = await startServer({ root: DIST });
});
after(async () => {
  await srv?.close();
});

/** A raw request (no URL normalisation by a client library). */
function raw(method, path) {
  return new Promise((ok, fail) => {
    const req = request({ host: "127.0.0.1", port: srv.port, method, path }, (res) => {
      res.resume();
      res.on("end", () => ok(res));
    });
    req.on("error", fail);
    req.end();
  });
}

test("listens on 127.0.0.1 only", () => {
  assert.equal(srv.server.address().address, "127.0.0.1");
});

test("MIME types: html, js, css, wasm", async () => {
  for (const [path, type] of [
    ["/", "text/html; charset=utf-8"],
    ["/app.js", "text/javascript; charset=utf-8"],
    ["/styles.css", "text/css; charset=utf-8"],
    ["/vendor/kubetoken/pkg/kubetoken_bg.wasm", "application/wasm"],
  ]) {
    const res = await raw("GET", path);
    assert.equal(res.statusCode, 200, path);
    assert.equal(res.headers["content-type"], type, path);
    assert.equal(res.headers["content-security-policy"], CSP);
    assert.equal(res.headers["x-content-type-options"], "nosniff");
  }
});

test("no way out of the root, no listing, GET/HEAD only", async () => {
  for (const path of ["/../package.json", "/%2e%2e/package.json", "/..%2fpackage.json", "/views/../../package.json", "/nope.js"]) {
    const res = await raw("GET", path);
    assert.ok([403, 404].includes(res.statusCode), `${path} -> ${res.statusCode}`);
  }
  assert.equal((await raw("GET", "/views/")).statusCode, 404, "no directory listing");
  assert.equal((await raw("HEAD", "/")).statusCode, 200);
  assert.equal((await raw("POST", "/")).statusCode, 405);
  assert.equal((await raw("PUT", "/index.html")).statusCode, 405);
});
