// The shared-vector runner for the JavaScript door. Pure (no Node APIs): the Node tests
// and the browser test (bundled by Vite) both use it.
//
// Calling convention of the package (the same for every function, see wasm/src/lib.rs):
// the JS function is the camelCase of the vector's snake_case `op`; an op that
// docs/api.md documents with exactly one argument takes it positionally, an op with
// several (or with the token `...options`) takes one options object with camelCase
// keys, an op with none takes nothing.

/**
 * Ops of the vector files that the npm package deliberately does not expose, with the
 * reason (printed in the summary). They are Rust-side test ops (not in docs/api.md).
 */
export const NOT_EXPOSED = {
  check_random_chars: "Rust test op (the internal random_chars helper)",
  token_to_json: "Rust test op (serde of BootstrapToken)",
  token_from_json: "Rust test op (serde of BootstrapToken)",
  token_json_reencode: "Rust test op (serde of BootstrapToken)",
  token_json_roundtrip: "Rust test op (serde of BootstrapToken)",
  get_secret_data: "Rust test op (secrets.GetData on the internal Secret type)",
  check_secret_roundtrip: "Rust test op (internal TokenSpec equality)",
};

/** Test ops of docs/api.md that the runner builds from public functions. */
export const TEST_OPS = {
  check_generate_token: (k) => ({ valid: k.isValidToken(k.generateToken()) }),
  explain_k3s_ca_hash_summary: (k, a) => {
    const e = k.explainK3sCaHash(a);
    const each = (key) => e.certificates.map((c) => c[key]);
    return {
      hash: e.hash,
      method: e.method,
      hashed: e.hashed,
      hashed_certificate: e.hashedCertificate,
      chain: e.chain,
      reasons: e.fallbackReasons.map((f) => f.code),
      kubeadm_pins: e.kubeadmPins,
      fingerprints: each("fingerprintSha256"),
      subjects: each("subject"),
      pools: each("pool"),
    };
  },
  inspect_token_codes: (k, a) => {
    const r = k.inspectToken(a);
    const codes = (list) => list.map((f) => f.code);
    return {
      kind: r.kind,
      token_id: r.tokenId,
      ca_hash: r.caHash,
      username: r.username,
      credentials: r.credentials,
      purpose: r.purpose,
      usable: r.usable,
      reasons: codes(r.reasons),
      warnings: codes(r.warnings),
    };
  },
};

/** `parse_token` → `parseToken`. */
export function camel(snake) {
  return snake.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/**
 * The documented argument names of every op, from docs/api.md's tables
 * (`| \`op\` | \`arg\`, \`arg2\` | result |`).
 * @param {string} apiMd
 * @returns {Map<string, string[]>}
 */
export function parseApiDoc(apiMd) {
  const ops = new Map();
  let opTable = false;
  for (const line of apiMd.split("\n")) {
    // Cells are separated by unescaped pipes; `\|` is a pipe inside a cell.
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    // Only tables headed `| op | args | result |` list ops.
    if (!line.trim().startsWith("|")) opTable = false;
    if (cells[1] === "op" && cells[2] === "args") opTable = true;
    // ["", "`op`", "args", "result", ""]
    if (!opTable || cells.length < 4) continue;
    const op = /^`([a-z][a-z0-9_]*)`$/.exec(cells[1] ?? "");
    if (!op) continue;
    // Argument names are the backticked identifiers of the args cell, except the values
    // of an enumeration like (`text`\|`json`).
    // `...options` (the token options object) makes the op take an options object.
    const args = cells[2].includes("`...options`") ? ["...options"] : [];
    for (const m of (cells[2] ?? "").matchAll(/`([a-z][a-z0-9_]*)\??`/g)) {
      const before = cells[2].slice(Math.max(0, m.index - 2), m.index);
      const after = cells[2].slice(m.index + m[0].length, m.index + m[0].length + 2);
      if (before === "\\|" || after === "\\|") continue;
      if (!args.includes(m[1])) args.push(m[1]);
    }
    ops.set(op[1], args);
  }
  return ops;
}

/**
 * The argument list of an op that docs/api.md does not list (yet): the keys its vectors
 * use. Counted and printed, so a missing doc row is visible.
 */
export function inferArgs(files, op) {
  const keys = [];
  for (const { doc } of files) {
    for (const c of doc.cases) {
      if (c.op !== op) continue;
      for (const k of Object.keys(c.args ?? {})) if (!keys.includes(k)) keys.push(k);
    }
  }
  return keys;
}

/**
 * A vector argument as JS passes it: `{"base64": "..."}` (an object with only that key,
 * tests/vectors/README.md) is bytes, a `Uint8Array`; anything else is as given.
 */
export function jsArg(v) {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "base64" && typeof v.base64 === "string") {
      return Uint8Array.from(atob(v.base64), (c) => c.charCodeAt(0));
    }
  }
  return v;
}

/** The call of one case per the convention: `[fnName, argsArray]`. */
export function callOf(op, rawArgs, documented) {
  const name = camel(op);
  const args = Object.fromEntries(Object.entries(rawArgs ?? {}).map(([k, v]) => [k, jsArg(v)]));
  const keys = Object.keys(args ?? {});
  const object = documented.length > 1 || documented.includes("...options");
  if (documented.length === 0) return [name, []];
  if (!object) {
    for (const k of keys) {
      if (k !== documented[0]) {
        throw new Error(`vector passes ${k}, but docs/api.md lists only ${documented[0]} for ${op}`);
      }
    }
    return [name, keys.length ? [args[documented[0]]] : []];
  }
  // Options object: every key camelCased, unknown ones too (the function must reject them).
  const opts = {};
  for (const k of keys) opts[camel(k)] = args[k];
  return [name, [opts]];
}

/** Keys whose values are manifest content (the user's keys, returned as they are). */
const VERBATIM = new Set(["data", "stringData", "binaryData", "metadata"]);

/**
 * The JS shape of a vector's expected result: the JSON façade's snake_case result
 * fields in camelCase (`token_id` → `tokenId`), manifest content left as it is.
 */
export function camelResult(v) {
  if (Array.isArray(v)) return v.map(camelResult);
  if (v === null || typeof v !== "object") return v;
  const out = {};
  for (const [k, x] of Object.entries(v)) out[camel(k)] = VERBATIM.has(k) ? x : camelResult(x);
  return out;
}

/**
 * JSON-normalised value (what a vector's `ok` is compared with). Bytes results
 * (`Uint8Array`) as the JSON façade writes them: text when UTF-8, else `{base64}`.
 */
function norm(v) {
  if (v instanceof Uint8Array) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(v);
    } catch {
      return { base64: btoa(Array.from(v, (c) => String.fromCharCode(c)).join("")) };
    }
  }
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

/** Strings in `args` that must never appear in an error: token secrets, passwords. */
export function secretsIn(args) {
  const out = new Set();
  const visit = (v, key) => {
    if (typeof v === "string") {
      for (const m of v.matchAll(/(?:^|[^a-z0-9])[a-z0-9]{6}\.([a-z0-9]{16})(?![a-z0-9])/g)) {
        out.add(m[1]);
      }
      // K10<hash>::<user>:<password>, and bare server tokens K10<hash>::<password>
      const k10 = /^K10[0-9a-fA-F]*::(?:[^:]*:)?(.+)$/.exec(v);
      if (k10 && k10[1].length >= 6) out.add(k10[1]);
      if (/secret|password|passwd/i.test(key ?? "") && v.length >= 6) out.add(v);
    } else if (Array.isArray(v)) {
      v.forEach((x) => visit(x, key));
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) visit(x, k);
    }
  };
  visit(args, "");
  return [...out];
}

/**
 * Runs every case of `files` against the module `k`.
 * @param {Record<string, unknown>} k the package's exports
 * @param {{name: string, doc: {origin: string|null, cases: object[]}}[]} files
 * @param {Map<string, string[]>} api from parseApiDoc
 * @param {Record<string, string>} families error code → Error subclass name
 * @param {{unsupported?: Set<string>}} [opts] cases ("<file>#<pos> <op>") this build must
 *   refuse with code "unsupported" (the lean build: test/lean-unsupported.mjs)
 */
export function runVectors(k, files, api, families, opts = {}) {
  const unsupported = opts.unsupported ?? new Set();
  const res = {
    unsupported: 0,
    passed: 0,
    failed: 0,
    skippedUpstream: 0,
    notExposed: 0,
    failures: [],
    notExposedOps: {},
    hygieneChecked: 0,
    undocumented: new Set(),
  };
  for (const { name, doc } of files) {
    doc.cases.forEach((c, pos) => {
      const label = `${name}#${pos} [${c.op ?? "-"}] ${c.source ?? ""}`;
      if (c.skip) {
        res.skippedUpstream++;
        return;
      }
      const fail = (msg) => {
        res.failed++;
        res.failures.push(`${label}: ${msg}`);
      };
      if (Object.hasOwn(NOT_EXPOSED, c.op)) {
        res.notExposed++;
        res.notExposedOps[c.op] = NOT_EXPOSED[c.op];
        return;
      }
      if (Object.hasOwn(TEST_OPS, c.op)) {
        let got;
        let err;
        try {
          got = norm(TEST_OPS[c.op](k, c.args ?? {}));
        } catch (e) {
          err = e;
        }
        if (unsupported.has(`${name}#${pos} ${c.op}`)) {
          if (err?.code === "unsupported" && err.message.includes("kubetoken/full")) res.unsupported++;
          else fail(`listed as unsupported in this build, got ${err ? `error ${err.code}` : "an answer"}`);
        } else if (err !== undefined) fail(`error ${err.code ?? ""} ${err}`);
        else if (deepEqual(got, c.expect?.ok)) res.passed++;
        else fail(`got ${JSON.stringify(got)}, want ${JSON.stringify(c.expect)}`);
        return;
      }
      let documented = api.get(c.op);
      if (!documented) {
        res.undocumented.add(c.op);
        documented = inferArgs(files, c.op);
      }
      let fn, argv;
      try {
        const [fname, a] = callOf(c.op, c.args, documented);
        fn = k[fname];
        argv = a;
        if (typeof fn !== "function") return fail(`kubetoken has no function ${fname}`);
      } catch (e) {
        return fail(String(e));
      }
      let got;
      let err;
      try {
        got = fn(...argv);
      } catch (e) {
        err = e;
      }
      if (unsupported.has(`${name}#${pos} ${c.op}`)) {
        if (
          err?.code === "unsupported" &&
          err instanceof k.UnsupportedError &&
          err.message.includes("kubetoken/full")
        ) {
          res.unsupported++;
        } else {
          fail(`listed as unsupported in this build, got ${err ? `error ${err.code}` : "an answer"}`);
        }
        return;
      }
      const want = c.expect ?? {};
      if (err === undefined) {
        if (Object.hasOwn(want, "ok")) {
          const g = norm(got);
          const w = camelResult(want.ok);
          if (deepEqual(g, w)) res.passed++;
          else fail(`got ${JSON.stringify(g)}, want ${JSON.stringify(w)}`);
        } else {
          fail(`ok ${JSON.stringify(norm(got))}, want error ${want.error}`);
        }
        return;
      }
      // An error: must be a real KubetokenError of the family that owns its code.
      const KE = k.KubetokenError;
      if (!(err instanceof KE)) {
        return fail(`threw a non-KubetokenError: ${err?.name}: ${err?.message}`);
      }
      const family = families[err.code];
      if (!family || typeof k[family] !== "function") {
        return fail(`error code ${err.code} has no exported family class`);
      }
      if (!(err instanceof k[family]) || err.name !== family) {
        return fail(`error ${err.code} is a ${err.name}, not a ${family}`);
      }
      const text = [err.message, String(err), JSON.stringify(err), err.stack ?? ""].join("\n");
      for (const s of secretsIn(c.args)) {
        res.hygieneChecked++;
        if (text.includes(s)) return fail(`error text leaks a secret: ${err.message}`);
      }
      if (Object.hasOwn(want, "error")) {
        if (err.code === want.error) res.passed++;
        else fail(`error ${err.code} (${err.message}), want ${want.error}`);
      } else {
        fail(`error ${err.code} (${err.message}), want ok ${JSON.stringify(want.ok)}`);
      }
    });
  }
  const listed = [...unsupported].filter((key) => {
    const m = /^(.+)#(\d+) ([a-z0-9_]+)$/.exec(key);
    const file = m && files.find((f) => f.name === m[1]);
    return !file || file.doc.cases[Number(m[2])]?.op !== m[3];
  });
  for (const key of listed) {
    res.failed++;
    res.failures.push(`${key}: listed as unsupported, but no such case (vector file changed?)`);
  }
  return res;
}

/** One-line summary, e.g. for `console.log`. */
export function summary(entry, r) {
  // Reasons are in NOT_EXPOSED above; the summary names the ops.
  const skipped = Object.keys(r.notExposedOps).join(", ");
  return (
    `${entry}: vectors ${r.passed} passed, ${r.failed} failed, ` +
    (r.unsupported ? `${r.unsupported} unsupported as listed, ` : "") +
    `${r.skippedUpstream} skipped in the vector files, ${r.notExposed} not exposed in JS` +
    (skipped ? ` [${skipped}]` : "") +
    `; ${r.hygieneChecked} secret-hygiene checks on errors` +
    (r.undocumented.size
      ? `; ops not in docs/api.md (arguments inferred from the vectors): ${[...r.undocumented].join(", ")}`
      : "")
  );
}
