"""bench/results.json → bench/RESULTS.md and the README's "Size and speed" table.

    python3 bench/report.py --readme [RESULTS_JSON]    rewrite the README section
    python3 bench/report.py --md [RESULTS_JSON]        rewrite RESULTS.md beside the file
    python3 bench/report.py --check-readme             fail if README and results disagree
    python3 bench/report.py --validate RESULTS_JSON    fail unless the file is well formed

Stdlib only (run by `make test` with any python3).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN = "<!-- bench:begin (bench/report.py --readme writes this table from bench/results.json) -->"
END = "<!-- bench:end -->"

# Every table and op a results file must have (validate()).
REQUIRED = {
    "rust_go": ["generate", "validate", "render_secret", "render_secret_json", "parse_secret", "parse_secret_json",
                "authenticate", "jws_sign", "jws_verify", "ca_pin", "k3s_hash_rsa", "k3s_hash_p256", "k3s_decrypt",
                "list_1000", "list_10000", "list_100000"],
    "python": ["generate", "validate", "render_secret", "render_secret_json", "parse_secret", "parse_secret_json",
               "list_10000", "jws_sign", "jws_verify", "ca_pin"],
    "node": ["generate", "validate", "render_secret", "parse_secret", "parse_secret_json", "jws_sign", "jws_verify",
             "ca_pin", "list_1000"],
    "cold_start": ["python_import"],
}


def fmt_ns(ns: float) -> str:
    if ns >= 1e9:
        return f"{ns / 1e9:.2f} s"
    if ns >= 1e6:
        return f"{ns / 1e6:.3g} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.3g} µs"
    return f"{ns:.3g} ns"


def fmt_bytes(n: float | None) -> str:
    if n is None:
        return "–"
    if n >= 1 << 20:
        return f"{n / (1 << 20):.2f} MiB"
    if n >= 1 << 10:
        return f"{n / 1024:.1f} KiB"
    return f"{n:.0f} B"


def row_by_op(results: dict[str, Any], table: str, op: str) -> dict[str, Any]:
    for r in results["tables"][table]["rows"]:
        if r["op"] == op:
            return r
    raise KeyError(f"{table}/{op}")


# Why kubetoken is slower where it is (measured with valgrind --tool=callgrind on the
# peers binary; see the issue note). Ops slower than their peer without an entry here
# are listed as "not analysed".
CAUSES = {
    ("rust_go", "authenticate"): "`authn::authenticate` takes a slice and scans it for `bootstrap-token-<id>` "
    "(the bench's token is the last of 1k Secrets, so ~1k name compares); the kube-apiserver looks the name up in "
    "its informer's hash index.",
    ("rust_go", "k3s_decrypt"): "PBKDF2-HMAC-SHA1 (4096 rounds) dominates: RustCrypto's portable SHA-1 against "
    "Go's assembly SHA-1.",
    ("rust_go", "k3s_hash_rsa"): "RSA signature checks: ~70 % of instructions in crypto-bigint's portable Montgomery "
    "multiplication (`BoxedMontyMultiplier::mul_amm_assign`, `pow_mod_params_vartime_exp_bits`) and ~10 % in "
    "`BoxedUint::rem`; Go's crypto/rsa runs on assembly bignum kernels.",
    ("rust_go", "k3s_hash_p256"): "ECDSA P-256 checks: ~80 % of instructions in the p256 crate's portable field "
    "arithmetic (`widening_mul_fixed`, `montgomery_reduce`, `add`); Go's P-256 is hand-written amd64 assembly.",
    ("python", "render_secret"): "one extension call reads the optional arguments, builds the Secret in Rust and "
    "returns a fresh dict (every key and value a new `str`); the pure version builds the same dict with `base64` "
    "in C, so the two do about the same work.",
    ("python", "render_secret_json"): "as render Secret, plus the same `json.dumps` the peer does.",
    ("python", "parse_secret"): "the dict is converted to a serde_json value, parsed and validated in Rust, and the "
    "result converted back to a class; pure Python does the few lookups directly.",
    ("python", "parse_secret_json"): "as parse Secret (object); kubetoken also checks what the pure version skips.",
    ("python", "list_10000"): "each of the 10k Secret dicts is converted to a serde_json value before parsing.",
    ("node", "render_secret"): "the options are read property by property across the JS-wasm boundary (a string "
    "copy and a lone-surrogate check each), the Secret is written as JSON text in wasm, copied out, `JSON.parse`d "
    "into fresh objects and wrapped to mask itself when printed; V8 makes the hand-written object literal and two "
    "`Buffer` encodes almost free.",
    ("node", "parse_secret"): "the manifest object is walked property by property into the core's value across the "
    "boundary, decoded and validated in wasm, and the result comes back as JSON text through `JSON.parse`; the "
    "pure version is a few property reads and `Buffer` decodes.",
    ("node", "parse_secret_json"): "the text is copied into wasm memory as UTF-8 and the result converted back.",
    ("node", "jws_sign"): "the 2 KB content is copied into wasm and hashed by portable Rust SHA-256 in wasm; "
    "`node:crypto` calls OpenSSL's native SHA-256 (SHA-NI).",
    ("node", "jws_verify"): "as JWS sign.",
    ("node", "list_1000"): "1k Secret objects converted into wasm through serde-wasm-bindgen.",
    ("node", "ca_pin"): "X.509 parsing and SHA-256 in wasm against OpenSSL's native code.",
    ("node", "validate"): "a call into wasm and the string copy cost more than V8's compiled regex.",
    ("python", "validate"): "a call through the extension (argument conversion) costs more than a compiled `re` match.",
    ("python", "generate"): "an extension call per token against `secrets.choice` in C.",
    ("node", "generate"): "a call into wasm and `crypto.getRandomValues` through wasm-bindgen's import.",
}


def slower(res: dict[str, Any]) -> list[str]:
    out = []
    for key, table in res["tables"].items():
        if key == "cold_start":
            continue
        for r in table["rows"]:
            if r["ratio_median"] > 1:
                cause = CAUSES.get((key, r["op"]), "not analysed")
                out.append(f"* {table['title']}: **{r['label']}** ({r['ratio_median']:.2f}×): {cause}")
    return out


def results_md(res: dict[str, Any]) -> str:
    m, t = res["machine"], res["toolchain"]
    out = [
        "# kubetoken benchmarks",
        "",
        "Written by `make bench` (bench/run.py; the machine-readable form is `results.json` beside this file).",
        "Each pair ran interleaved (A B, then B A, …) for "
        f"{res['rounds']} round(s), the same iteration count on both sides; times are medians over the rounds,",
        "ratio = kubetoken / peer per round (< 1 = kubetoken faster), its minimum and median. The machine is shared",
        "(other builds were running), so absolute times are noisy and the ratios are what counts.",
        "",
        f"* machine: {m['nproc']} CPUs, {m['cpu']}, {m['memory']} RAM, {m['os']}",
        f"* date: {res['date']}{' (QUICK: tiny budget, not for reading)' if res.get('quick') else ''}"
        + "".join(f"; {k} re-measured {v} (`bench/run.py --only-wasm`)" for k, v in res.get("updated", {}).items()),
        "* toolchain: " + ", ".join(f"{k} `{v}`" for k, v in t.items()),
        "",
    ]
    notes = {
        "rust_go": [
            "Go: `tests/oracle/cmd/bench` in the oracle's module (same go.mod/go.sum): cluster-bootstrap "
            "`GenerateBootstrapToken`/`IsValidBootstrapToken`/`jws`, kubeadm `BootstrapTokenToSecret`/`BootstrapTokenFromSecret`/"
            "`pubkeypin.Hash` (over client-go `ParseCertsPEM`), the kube-apiserver bootstrap authenticator over a client-go "
            "indexer lister, the k3s `hashCA` replica over Go's `x509.Verify`, k3s `decrypt` written from the spec with the "
            "stdlib (`crypto/pbkdf2`, AES-GCM). JSON text is decoded with client-go's codec and written with "
            "`json.MarshalIndent` (kubectl's printer). List: kubeadm's `RunListTokens` loop and text printer rewritten from "
            "their source (`cmd/kubeadm/app/cmd` cannot be linked from this go.sum: etcd, grpc, CRI).",
            "Rust: `core/examples/peers.rs`, release profile. kubetoken caps text input at 1 MiB, so lists are parsed with "
            "serde_json and handed over as a value (`secret_list_from_value`), as a program reading the API server's answer would.",
            "Both sides read the same input files; each op's output was checked equal (Secrets as JSON) before timing.",
        ],
        "python": ["Peers: `bench/pure.py` (`secrets`, `re`, `base64`, `json`, `hmac`, `cryptography` for the CA pin), "
                   "checked equal to kubetoken once. The 10k list goes through `json.loads` on both sides (1 MiB text cap)."],
        "node": ["Peers: `bench/pure.mjs` (`crypto.getRandomValues`, regex, `Buffer`, `node:crypto` `createHmac`, "
                 "`X509Certificate`), checked equal to kubetoken once."],
        "cold_start": ["Each repetition is a fresh process (Python, Node) or a fresh browser context (Chromium, Debian "
                       "`chromium` via playwright-core, files served from 127.0.0.1); one row per `.wasm` the npm package ships."],
    }
    for key, table in res["tables"].items():
        out += [f"## {table['title']}", ""]
        out += [f"* {n}" for n in notes.get(key, [])]
        out += ["", f"| op | kubetoken | {table['peer']} | ratio min | ratio median |", "|---|---:|---:|---:|---:|"]
        for r in table["rows"]:
            out.append(f"| {r['label']} | {fmt_ns(r['kubetoken_ns'])} | {fmt_ns(r['peer_ns'])} | {r['ratio_min']:.2f} | {r['ratio_median']:.2f} |")
        out.append("")
    out += ["## Where kubetoken is slower than its peer (median ratio > 1)", ""]
    out += slower(res) or ["* nowhere in this run"]
    out += ["", "## Size", "", "| file | raw | gzip -9 |", "|---|---:|---:|"]
    for s in res["size"]:
        out.append(f"| {s['what']} | {fmt_bytes(s['raw'])} | {fmt_bytes(s['gzip'])} |")
    out += [
        "",
        "## Scaling: list and parse a `kubectl get secrets -o json` list",
        "",
        "One fresh process per row (the time covers JSON decoding, decoding each token and, for list, printing the kubeadm table; "
        "peak RSS is the whole process's, from `wait4`).",
        "",
        "| runtime | op | Secrets | input | time | per Secret | peak RSS | RSS / input |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in res["scaling"]:
        out.append(f"| {s['runtime']} | {s['op']} | {s['n']} | {fmt_bytes(s['input_bytes'])} | {fmt_ns(s['ns'])} | "
                   f"{fmt_ns(s['ns_per_secret'])} | {fmt_bytes(s['peak_rss'])} | {s['rss_per_input_byte']:.1f}× |")
    out.append("")
    return "\n".join(out)


def readme_table(res: dict[str, Any]) -> str:
    """The README's figures, all from the results file."""
    rg = lambda op: row_by_op(res, "rust_go", op)  # noqa: E731
    py = lambda op: row_by_op(res, "python", op)  # noqa: E731
    nd = lambda op: row_by_op(res, "node", op)  # noqa: E731
    size = {s["what"]: s for s in res["size"]}
    lines = [
        BEGIN,
        "",
        f"Measured by `make bench` on {res['machine']['nproc']} shared CPUs ({res['date'][:10]}"
        + (f"; cold start and sizes {res['updated']['cold_start'][:10]}" if "cold_start" in res.get("updated", {}) else "")
        + "); "
        "ratio = kubetoken / peer, median of interleaved rounds (< 1 = kubetoken faster). "
        "Every op, the toolchain and the scaling figures: [bench/RESULTS.md](bench/RESULTS.md).",
        "",
        "| what | kubetoken | peer | ratio |",
        "|---|---:|---:|---:|",
    ]
    for label, r, peer in [
        ("Rust: render a Secret (vs kubeadm, Go)", rg("render_secret"), "Go"),
        ("Rust: authenticate over 1k Secrets (vs kube-apiserver, Go)", rg("authenticate"), "Go"),
        ("Rust: k3s CA hash of an RSA chain (vs k3s, Go)", rg("k3s_hash_rsa"), "Go"),
        ("Rust: list 10k Secrets (vs kubeadm, Go)", rg("list_10000"), "Go"),
        ("Python: render a Secret (vs pure Python)", py("render_secret"), "pure Python"),
        ("Python: JWS sign (vs `hmac`)", py("jws_sign"), "pure Python"),
        ("Node: render a Secret (vs pure JS)", nd("render_secret"), "pure JS"),
        ("Node: JWS sign (vs `node:crypto`)", nd("jws_sign"), "pure JS"),
    ]:
        lines.append(f"| {label} | {fmt_ns(r['kubetoken_ns'])} | {fmt_ns(r['peer_ns'])} ({peer}) | {r['ratio_median']:.2f} |")
    imp = row_by_op(res, "cold_start", "python_import")
    lines.append(f"| Python: fresh interpreter + `import kubetoken` | {fmt_ns(imp['kubetoken_ns'])} | {fmt_ns(imp['peer_ns'])} (bare) | {imp['ratio_median']:.2f} |")
    for r in res["tables"]["cold_start"]["rows"]:
        if r["op"].startswith(("node_cold:", "chromium_cold:", "chromium_wasm:")):
            where, build = r["op"].split(":", 1)
            name = {
                "node_cold": "Node import + instantiate",
                "chromium_cold": "Chromium import glue + fetch + compile + instantiate",
                "chromium_wasm": "Chromium fetch + compile + instantiate (the .wasm alone)",
            }[where]
            peer = "pure JS" if where == "node_cold" else "empty module"
            lines.append(f"| {name} (`{build}`) | {fmt_ns(r['kubetoken_ns'])} (min {fmt_ns(min(r['kubetoken_ns_all']))}) | {fmt_ns(r['peer_ns'])} ({peer}) | {r['ratio_median']:.2f} |")
    lines += ["", "| size | raw | gzip -9 |", "|---|---:|---:|"]
    for what, s in size.items():
        if what.endswith(".wasm") or what == "npm: all JS" or what.startswith("wheel:"):
            lines.append(f"| {what} | {fmt_bytes(s['raw'])} | {fmt_bytes(s['gzip'])} |")
    lines += ["", END]
    return "\n".join(lines)


def validate(res: dict[str, Any]) -> None:
    """Every table and op present, every number positive."""
    for key in ("schema", "date", "machine", "toolchain", "tables", "size", "scaling"):
        if key not in res:
            raise ValueError(f"results: missing {key}")
    for table, ops in REQUIRED.items():
        have = {r["op"] for r in res["tables"][table]["rows"]}
        missing = set(ops) - have
        if missing:
            raise ValueError(f"results: table {table} lacks {sorted(missing)}")
    for table in res["tables"].values():
        for r in table["rows"]:
            for k in ("kubetoken_ns", "peer_ns", "ratio_min", "ratio_median"):
                if not (isinstance(r[k], (int, float)) and r[k] > 0):
                    raise ValueError(f"results: {r['op']}.{k} = {r[k]!r}")
    if not any(r["op"].startswith("node_cold:") for r in res["tables"]["cold_start"]["rows"]):
        raise ValueError("results: no Node cold start (no .wasm found?)")
    if not any(r["op"].startswith("chromium_cold:") for r in res["tables"]["cold_start"]["rows"]):
        raise ValueError("results: no Chromium cold start")
    if not any(s["what"].endswith(".wasm") for s in res["size"]) or not any(s["what"].startswith("wheel:") for s in res["size"]):
        raise ValueError("results: size lacks the .wasm or the wheel")
    for s in res["size"]:
        if not s["raw"] > 0 or (s["gzip"] is not None and not s["gzip"] > 0):
            raise ValueError(f"results: size {s['what']}")
    runtimes = {(s["runtime"], s["op"]) for s in res["scaling"]}
    for rt in ("Rust", "Python"):
        for op in ("list", "parse_list"):
            if (rt, op) not in runtimes:
                raise ValueError(f"results: scaling lacks {rt} {op}")
    for s in res["scaling"]:
        if not (s["ns"] > 0 and s["peak_rss"] > 0 and s["n"] > 0):
            raise ValueError(f"results: scaling row {s}")


def readme_section(text: str) -> str:
    i, j = text.find(BEGIN), text.find(END)
    if i < 0 or j < i:
        raise ValueError("README.md has no bench markers")
    return text[i : j + len(END)]


def main() -> int:
    args = sys.argv[1:]
    default = ROOT / "bench/results.json"
    if args[:1] == ["--validate"]:
        validate(json.loads(Path(args[1]).read_text()))
        print(f"report: {args[1]} is well formed")
        return 0
    path = Path(args[1]) if len(args) > 1 else default
    res = json.loads(path.read_text())
    text = README.read_text()
    want = readme_table(res)
    if args[:1] == ["--md"]:
        (path.parent / "RESULTS.md").write_text(results_md(res))
        return 0
    if args[:1] == ["--readme"]:
        README.write_text(text.replace(readme_section(text), want))
        return 0
    if args[:1] == ["--check-readme"]:
        if readme_section(text) != want:
            print("report: README.md's Size and speed table differs from bench/results.json; run: python3 bench/report.py --readme")
            return 1
        print("report: README.md agrees with bench/results.json")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
