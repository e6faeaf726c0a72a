// Shared bits of the views.

/** Call `kt[name](arg)`, or throw a coded error when this build of the package lacks it. */
export function call(kt, name, ...args) {
  const f = kt[name];
  if (typeof f !== "function") {
    const err = new Error(`this build of the kubetoken package has no ${name}()`);
    err.code = "unsupported";
    throw err;
  }
  return f(...args);
}

/** Standard base64 of UTF-8 text (what Secret .data holds). */
export function b64(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Error code -> field id, for the first matching code. */
export function routeError(err, table, fallback) {
  const code = err && typeof err === "object" ? err.code : undefined;
  return (code && table[code]) || fallback;
}

/** Split a comma/newline separated list, dropping empty items and surrounding spaces. */
export function splitList(text) {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Single-quote a string for a POSIX shell. */
export function shellQuote(s) {
  return `'${s.split("'").join(`'\\''`)}'`;
}
