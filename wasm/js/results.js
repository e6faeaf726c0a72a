// Results that carry secrets (a token, its base64 in a Secret's `data`, a K10 password,
// an Authorization header) print masked.
//
// The wasm module passes such results through `secretBearing` (imported by the Rust
// side as a wasm-bindgen snippet; the build points that import at this very file). It
// adds two non-enumerable properties, so the result stays plain data: `JSON.stringify`
// writes it faithfully, `structuredClone`/spread copy the data (and drop the masking),
// and `assert.deepStrictEqual` compares it with a plain object.
//
//   util.inspect / console.log (Node)  → the same object with the secrets masked
//   String(r), `${r}`                   → the masked object as JSON text
//
// Browser devtools show objects live (they do not call these): log `String(r)` there.

const MASK = "****************";
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

// Keys whose whole value is a secret.
const SECRET_KEYS = new Set([
  "secret",
  "tokenSecret",
  "token-secret",
  "password",
  "header",
  // k3sJoinCommand's texts (they hold the token, possibly quoted).
  "command",
  "install",
  "config",
  // k3sRotate's new token.
  "newToken",
  "newPassphrase",
]);
// `<id>.<secret>` bootstrap tokens inside any text (a token list, a full token).
const TOKEN = /(?<![a-z0-9])([a-z0-9]{6})\.[a-z0-9]{16}(?![a-z0-9])/g;
// `K10<hash>::<credentials>` and bare `K10<hash>::<password>` server tokens.
const K10 = /(K10[0-9a-fA-F]*::)[^\s"']+/g;

function maskText(s) {
  return s.replace(TOKEN, `$1.${MASK}`).replace(K10, `$1${MASK}`);
}

function masked(v, key) {
  if (typeof v === "string") return SECRET_KEYS.has(key) ? MASK : maskText(v);
  if (Array.isArray(v)) return v.map((x) => masked(x, key));
  if (v !== null && typeof v === "object") {
    const out = {};
    for (const k of Object.keys(v)) out[k] = masked(v[k], k);
    return out;
  }
  return v;
}

function inspect(_depth, options, inspectFn) {
  const m = masked(this, "");
  return inspectFn ? inspectFn(m, options) : m;
}

function maskedString() {
  return JSON.stringify(masked(this, ""));
}

// Static descriptors: defining them on a fresh object is the cheap path in V8 (measured
// against a prototype swap, which breaks deepStrictEqual with plain objects).
const INSPECT_DESCRIPTOR = { value: inspect, enumerable: false, writable: true, configurable: true };
const TO_STRING_DESCRIPTOR = { value: maskedString, enumerable: false, writable: true, configurable: true };

function hide(obj) {
  Object.defineProperty(obj, INSPECT, INSPECT_DESCRIPTOR);
  Object.defineProperty(obj, "toString", TO_STRING_DESCRIPTOR);
}

/**
 * Called from Rust: whether `v` is a plain object (what options and manifest objects
 * must be): not null, not an array, a function, bytes or a Date. One call instead of
 * five probes from the wasm side.
 * @param {unknown} v
 * @returns {boolean}
 */
export function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);
}

/**
 * Called from Rust: marks a secret-bearing result (an object, or an array of objects)
 * and returns it.
 * @template T
 * @param {T} value
 * @returns {T}
 */
export function secretBearing(value) {
  if (value !== null && typeof value === "object") {
    hide(value);
    if (Array.isArray(value)) for (const x of value) if (x !== null && typeof x === "object") hide(x);
  }
  return value;
}

// `false` for a string holding a lone UTF-16 surrogate (not Unicode text). The wasm side
// asks only when the UTF-8 it received contains U+FFFD (the replacement wasm-bindgen
// writes for a lone surrogate).
export function isWellFormed(s) {
  return typeof s.isWellFormed === "function" ? s.isWellFormed() : !/\p{Cs}/u.test(s);
}

// `true` if a top-level string value of an options object holds a lone surrogate: the
// one check made on every argument before any is read (as every door does).
export function hasLoneSurrogate(o) {
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (typeof v === "string" && !isWellFormed(v)) return true;
  }
  return false;
}
