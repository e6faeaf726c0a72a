// The Node door of the cross-door differential (tests/crossdoor/crossdoor.py): reads
// cases (`{"op", "args"}` JSON lines) on stdin, calls the package as the vector runner
// does (`callOf`, `jsArg` of runner.mjs), and writes one result line per case:
// `{"ok": <result>}` or `{"error": "<code>", "message": "<text>"}`; bytes results
// (`Uint8Array`) as `{"base64": ...}`, other results as `JSON.stringify` writes them. A
// `TypeError` is the façade's `invalid_options`, written without a message (the message
// is the language's), and so is a key that a one-argument function cannot be given.
//
// Result keys are turned back into the façade's snake_case by one rule, `snake`: every
// ASCII capital `X` becomes `_x`. Keys the package writes as they are (map keys: a
// manifest's `data`, `metadata`, labels; the Kubernetes objects inside results, whose
// keys are Kubernetes' own camelCase) are left as they are: inside an object with
// `apiVersion` and `kind`, or the value of a `data` key. Every converted key must round
// trip (`camel(snake(k)) === k`), or the line is an error `key_roundtrip`.
import { readFileSync } from "node:fs";
// The full build: the differential compares every capability with Rust and Python (the
// lean build answers the same or throws unsupported; the vector tests check that).
import * as k from "kubetoken/full";
import { loadApi } from "./load.mjs";
import { callOf, camel } from "./runner.mjs";

const api = loadApi();

export function snake(key) {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

class RoundTrip extends Error {}

function isKubeObject(v) {
  return typeof v.apiVersion === "string" && typeof v.kind === "string";
}

function toFacade(v) {
  if (v instanceof Uint8Array) return { base64: Buffer.from(v).toString("base64") };
  if (Array.isArray(v)) return v.map(toFacade);
  if (v === null || typeof v !== "object") return v;
  if (isKubeObject(v)) return v;
  const out = {};
  for (const [key, x] of Object.entries(v)) {
    const s = snake(key);
    if (camel(s) !== key) throw new RoundTrip(`result key ${JSON.stringify(key)} does not round-trip`);
    // Manifests inside results (a Secret's `data`, a ConfigMap) keep their own keys.
    out[s] = key === "data" || key === "configmap" ? x : toFacade(x);
  }
  return out;
}

// A façade key that is already camelCase (`tokenId`) has no JS equivalent: JS would read
// it as the documented option it names. The façade (snake_case only) and Python refuse
// it as an unknown argument; so does this runner. `stringData` is the façade's one alias.
function camelKey(args) {
  return Object.keys(args ?? {}).some((k) => k !== "stringData" && /[A-Z]/.test(k));
}

function run(c) {
  if (camelKey(c.args)) return { error: "invalid_options" };
  let call;
  try {
    call = callOf(c.op, c.args, api.get(c.op) ?? []);
  } catch {
    // A key that a one-argument (positional) function has no place for: the façade's
    // and Python's unknown argument, `invalid_options`.
    return { error: "invalid_options" };
  }
  const [name, argv] = call;
  try {
    const got = k[name](...argv);
    try {
      const plain = got instanceof Uint8Array ? got : JSON.parse(JSON.stringify(got ?? null));
      return { ok: toFacade(plain) };
    } catch (e) {
      if (e instanceof RoundTrip) return { error: "key_roundtrip", message: e.message };
      throw e;
    }
  } catch (e) {
    if (e instanceof k.KubetokenError) return { error: e.code, message: e.message };
    if (e instanceof TypeError) return { error: "invalid_options" };
    return { error: `uncaught ${e?.name}`, message: String(e?.message ?? e) };
  }
}

const lines = readFileSync(0, "utf8").split("\n");
const out = [];
for (const line of lines) {
  if (line) out.push(JSON.stringify(run(JSON.parse(line))));
}
process.stdout.write(`${out.join("\n")}\n`);
