// Secret hygiene: no error message, toString(), JSON.stringify() or stack of an error
// carries a token secret or password. (The vector runner also checks this for every
// error case of every vector; these are hand-picked hostile inputs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import * as k from "kubetoken";

const SECRET = "0123456789abcdef";

function texts(fn) {
  try {
    fn();
  } catch (e) {
    return [e.message, String(e), JSON.stringify(e), e.stack ?? "", Object.prototype.toString.call(e)];
  }
  assert.fail("expected a throw");
}

function assertClean(fn, secret = SECRET) {
  for (const t of texts(fn)) assert.ok(!t.includes(secret), `leaked in: ${t}`);
}

test("malformed tokens that contain a secret", () => {
  for (const bad of [
    `abcdef.${SECRET}x`,
    `abcdef.${SECRET}\n`,
    `ABCDEF.${SECRET}`,
    `abcdef:${SECRET}`,
    ` abcdef.${SECRET}`,
    `${SECRET}`,
    `abcdef.${SECRET}.${SECRET}`,
  ]) {
    assertClean(() => k.parseToken(bad));
  }
});
