"""`make bench`: kubetoken side by side with upstream Go, pure Python and pure JavaScript.

    python bench/run.py --out DIR [--quick] --rust BIN --go BIN --wasm-dir DIR --wheel-dir DIR

Run with the bench venv's interpreter (the kubetoken wheel and cryptography installed).
Writes DIR/results.json and DIR/RESULTS.md (bench/report.py renders the latter from the
former). Every pair runs interleaved (A B, then B A, ...) for several rounds with the same
iteration count on both sides; the machine is shared and noisy, so the ratios
(kubetoken / peer, < 1 = kubetoken faster) are what counts.

BENCH_QUICK=1 / --quick: a few iterations, small lists, 1 round (the `make test` check).
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import report  # noqa: E402

# Rust vs Go: op, label, iterations at full budget (about 0.1-0.5 s per sample).
RUST_GO = [
    ("generate", "generate a token", 100000),
    ("validate", "validate a token", 1000000),
    ("render_secret", "render Secret (object)", 100000),
    ("render_secret_json", "render Secret (kubectl JSON text)", 50000),
    ("parse_secret", "parse Secret (object)", 200000),
    ("parse_secret_json", "parse Secret (JSON text)", 50000),
    ("authenticate", "authenticate (1k Secrets)", 200000),
    ("jws_sign", "JWS sign (2 KB kubeconfig)", 50000),
    ("jws_verify", "JWS verify (2 KB kubeconfig)", 50000),
    ("ca_pin", "CA pin (sha256 of SPKI)", 20000),
    ("k3s_hash_rsa", "k3s CA hash, RSA chain of 3", 2000),
    ("k3s_hash_p256", "k3s CA hash, P-256 chain of 3", 1000),
    ("k3s_decrypt", "k3s bootstrap-data decrypt", 200),
    ("list_1000", "list 1k Secrets (JSON text → table)", 30),
    ("list_10000", "list 10k Secrets", 3),
    ("list_100000", "list 100k Secrets", 1),
]
PY_LABELS = {
    "generate": "generate a token",
    "validate": "validate a token",
    "render_secret": "render Secret (dict)",
    "render_secret_json": "render Secret (JSON text)",
    "parse_secret": "parse Secret (dict)",
    "parse_secret_json": "parse Secret (JSON text)",
    "list_10000": "list 10k Secrets",
    "jws_sign": "JWS sign (2 KB kubeconfig)",
    "jws_verify": "JWS verify (2 KB kubeconfig)",
    "ca_pin": "CA pin",
}
NODE_LABELS = {
    "generate": "generate a token",
    "validate": "validate a token",
    "render_secret": "render Secret (object)",
    "parse_secret": "parse Secret (object)",
    "parse_secret_json": "parse Secret (JSON text)",
    "jws_sign": "JWS sign (2 KB kubeconfig)",
    "jws_verify": "JWS verify (2 KB kubeconfig)",
    "ca_pin": "CA pin",
    "list_1000": "list 1k Secrets",
}
LIST_SIZES = [1000, 10000, 100000]


def sh(*cmd: str, cwd: Path | None = None) -> str:
    try:
        return subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=cwd).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "n/a"


def machine() -> dict[str, Any]:
    cpu = "n/a"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "n/a"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "os": platform.platform()}


def toolchain(args: argparse.Namespace) -> dict[str, str]:
    node_pw = sh("node", "-p", "require('playwright-core/package.json').version", cwd=Path(args.wasm_dir))
    return {
        "rustc": sh("rustc", "--version"),
        "go": sh("go", "version"),
        "node": sh("node", "--version"),
        "python": sys.version.split()[0],
        "chromium": sh(args.chromium, "--version"),
        "wasm-bindgen": sh("wasm-bindgen", "--version"),
        "playwright-core": node_pw,
    }


# ---- inputs --------------------------------------------------------------------------


def b64(s: str) -> str:
    return base64.b64encode(s.encode()).decode()


def secret_manifest(tid: str, tsec: str, description: str, expires: str | None, groups: list[str]) -> dict[str, Any]:
    data = {"token-id": tid, "token-secret": tsec, "usage-bootstrap-authentication": "true", "usage-bootstrap-signing": "true"}
    if description:
        data["description"] = description
    if expires:
        data["expiration"] = expires
    if groups:
        data["auth-extra-groups"] = ",".join(groups)
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": f"bootstrap-token-{tid}", "namespace": "kube-system"},
        "type": "bootstrap.kubernetes.io/token",
        "data": {k: b64(v) for k, v in sorted(data.items())},
    }


def write_inputs(d: Path, quick: bool, rust: str) -> dict[str, int]:
    """The inputs every side reads, the same on every run (seeded)."""
    rng = random.Random(20261201)
    alpha = "0123456789abcdefghijklmnopqrstuvwxyz"
    tok = lambda n: "".join(rng.choice(alpha) for _ in range(n))  # noqa: E731
    token = "abcdef.0123456789abcdef"
    group = "system:bootstrappers:kubeadm:default-node-token"
    spec = {
        "token": token,
        "description": "node joins for rack 7",
        "usages": ["authentication", "signing"],
        "groups": [group],
        "expires": "2031-06-01T12:00:00Z",
    }
    (d / "spec.json").write_text(json.dumps(spec))
    (d / "token.txt").write_text(token)
    (d / "token-id.txt").write_text("abcdef")
    (d / "token-secret.txt").write_text("0123456789abcdef")
    one = secret_manifest("abcdef", "0123456789abcdef", spec["description"], spec["expires"], [group])
    (d / "secret.json").write_text(json.dumps(one, indent=4))
    counts = {}
    for n in LIST_SIZES:
        real = max(10, n // 100) if quick else n
        items, seen = [], set()
        while len(items) < real:
            tid = tok(6)
            if tid in seen:
                continue
            seen.add(tid)
            exp = None if rng.random() < 0.1 else f"{rng.randint(2030, 2040)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T00:00:00Z"
            desc = rng.choice(["", "rack 7", "ci runner", "created by the installer for the edge nodes"])
            items.append(secret_manifest(tid, tok(16), desc, exp, [group]))
        if n == 1000:  # the authenticator's Secret: the last one
            (d / "authn-token.txt").write_text(
                base64.b64decode(items[-1]["data"]["token-id"]).decode() + "." + base64.b64decode(items[-1]["data"]["token-secret"]).decode()
            )
        (d / f"list-{n}.json").write_text(json.dumps({"apiVersion": "v1", "kind": "SecretList", "metadata": {"resourceVersion": "1"}, "items": items}))
        counts[n] = real
    fixtures = ROOT / "tests/fixtures/k3s"
    shutil.copy(fixtures / "chain.pem", d / "chain-rsa.pem")
    shutil.copy(fixtures / "chain-p256.pem", d / "chain-p256.pem")
    ca = (ROOT / "core/examples/sample_ca.pem").read_text()
    shutil.copy(ROOT / "core/examples/sample_ca.pem", d / "ca.pem")
    # cluster-info's kubeconfig (about 2 KB): what kubeadm signs with JWS.
    ca_data = base64.b64encode(ca.encode()).decode()
    kubeconfig = (
        "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: " + ca_data
        + "\n    server: https://10.0.0.10:6443\n  name: \"\"\ncontexts: null\ncurrent-context: \"\"\n"
        "kind: Config\npreferences: {}\nusers: null\n"
    )
    (d / "kubeconfig.yaml").write_text(kubeconfig)
    (d / "passphrase.txt").write_text("4f1f7e5c9b6a2d3e8c0b1a2f3e4d5c6b")
    boot = {k: {"Timestamp": "2026-01-01T00:00:00Z", "Content": base64.b64encode(rng.randbytes(600)).decode()}
            for k in ["ClientCA", "ClientCAKey", "ServerCA", "ServerCAKey", "ETCDServerCA", "ETCDServerCAKey", "PasswdFile"]}
    (d / "bootstrap.json").write_text(json.dumps(boot, sort_keys=True) + "\n")
    subprocess.run([rust, "--prepare", str(d)], check=True)
    return counts


# ---- pairs ---------------------------------------------------------------------------


def run_json(cmd: list[str], cwd: Path | None = None) -> Any:
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=cwd)
    return json.loads(out.stdout.strip().splitlines()[-1])


def summarise(op: str, label: str, iters: int, kt: list[float], peer: list[float]) -> dict[str, Any]:
    ratios = [k / p for k, p in zip(kt, peer)]
    return {
        "op": op,
        "label": label,
        "iters": iters,
        "rounds": len(kt),
        "kubetoken_ns": statistics.median(kt),
        "peer_ns": statistics.median(peer),
        "kubetoken_ns_all": kt,
        "peer_ns_all": peer,
        "ratio_min": min(ratios),
        "ratio_median": statistics.median(ratios),
    }


def canon_secret(text: str) -> Any:
    v = json.loads(text)
    return {"name": v["metadata"]["name"], "namespace": v["metadata"]["namespace"], "type": v["type"], "data": v["data"]}


def rust_vs_go(args: argparse.Namespace, d: Path, now: str, rounds: int, scale: float) -> list[dict[str, Any]]:
    def cmd(side: str, op: str, *extra: str) -> list[str]:
        base = [args.rust, "--now", now] if side == "rust" else [args.go]
        return base + ["--inputs", str(d), "--op", op, *extra]

    rows = []
    for op, label, n in RUST_GO:
        outs = {}
        for side in ("rust", "go"):
            f = d / f"check-{op}-{side}.txt"
            subprocess.run(cmd(side, op, "--check", str(f)), check=True)
            outs[side] = f.read_text()
        if op == "generate":
            same = all(len(o) == 23 and o[6] == "." for o in outs.values())
        elif op.startswith("render_secret"):
            same = canon_secret(outs["rust"]) == canon_secret(outs["go"])
        else:
            same = outs["rust"] == outs["go"]
        if not same:
            sys.exit(f"bench: {op}: Rust and Go disagree:\n{outs['rust'][:600]!r}\n{outs['go'][:600]!r}")
        iters = max(1, int(n * scale))
        res: dict[str, list[float]] = {"rust": [], "go": []}
        for r in range(rounds):
            for side in ("rust", "go") if r % 2 == 0 else ("go", "rust"):
                res[side].append(run_json(cmd(side, op, "--iters", str(iters)))["ns_per_op"])
        rows.append(summarise(op, label, iters, res["rust"], res["go"]))
        print(f"  rust/go {op:<20} ratio {rows[-1]['ratio_median']:.2f}", file=sys.stderr)
    return rows


def python_table(args: argparse.Namespace, d: Path, now: str, rounds: int, scale: float) -> list[dict[str, Any]]:
    out = run_json([sys.executable, str(HERE / "py_ops.py"), "--inputs", str(d), "--rounds", str(rounds), "--scale", str(scale), "--now", now])
    return [summarise(r["op"], PY_LABELS[r["op"]], r["iters"], r["kubetoken"], r["peer"]) for r in out["rows"]]


def node_table(args: argparse.Namespace, d: Path, now: str, rounds: int, scale: float) -> list[dict[str, Any]]:
    out = run_json(["node", str(HERE / "node_ops.mjs"), "--inputs", str(d), "--rounds", str(rounds), "--scale", str(scale), "--now", now],
                   cwd=Path(args.wasm_dir))
    return [summarise(r["op"], NODE_LABELS[r["op"]], r["iters"], r["kubetoken"], r["peer"]) for r in out["rows"]]


# ---- cold start ----------------------------------------------------------------------


def wasm_builds(wasm_dir: Path) -> list[str]:
    """Every .wasm the npm package ships (package-relative paths), from `npm pack`."""
    files = shipped_files(wasm_dir)
    return sorted(f for f in files if f.endswith(".wasm"))


def shipped_files(wasm_dir: Path) -> list[str]:
    out = subprocess.run(["npm", "pack", "--dry-run", "--json", "--ignore-scripts"], check=True, capture_output=True, text=True, cwd=wasm_dir)
    return [f["path"] for f in json.loads(out.stdout)[0]["files"]]


def timed_process(cmd: list[str]) -> float:
    t0 = time.perf_counter_ns()
    subprocess.run(cmd, check=True, capture_output=True)
    return float(time.perf_counter_ns() - t0)


def cold_start(args: argparse.Namespace, reps: int) -> list[dict[str, Any]]:
    rows = []
    py = sys.executable
    kt, bare = [], []
    for r in range(reps):
        pair = [("kt", [py, "-c", "import kubetoken"]), ("bare", [py, "-c", "pass"])]
        for side, c in pair if r % 2 == 0 else pair[::-1]:
            (kt if side == "kt" else bare).append(timed_process(c))
    rows.append(summarise("python_import", "Python: fresh interpreter + `import kubetoken` (peer: bare interpreter)", 1, kt, bare))
    return rows + wasm_cold_start(args, reps)


def wasm_cold_start(args: argparse.Namespace, reps: int) -> list[dict[str, Any]]:
    """Node and Chromium cold start of every .wasm build the npm package ships."""
    rows = []
    wasm_dir = Path(args.wasm_dir)
    builds = wasm_builds(wasm_dir)
    for b in builds:
        res = run_json(["node", str(HERE / "coldstart.mjs"), "node", "--reps", str(reps), "--wasm", b], cwd=wasm_dir)
        rows.append(summarise(f"node_cold:{b}", f"Node: fresh process, import + instantiate `{b}` (peer: the pure-JS module)", 1, res["kubetoken"], res["peer"]))
    res = run_json(["node", str(HERE / "coldstart.mjs"), "chromium", "--reps", str(reps), "--chromium", args.chromium, *sum((["--wasm", b] for b in builds), [])],
                   cwd=wasm_dir)
    for b in builds:
        rows.append(summarise(f"chromium_cold:{b}", f"Chromium: fresh context, import the glue + fetch + compile + instantiate `{b}` (peer: an empty ES module)", 1, res[b], res["peer"]))
    for b in builds:
        rows.append(summarise(f"chromium_wasm:{b}", f"Chromium: fresh context, fetch + compile + instantiate `{b}` alone, after the glue's import (peer: importing an empty ES module)", 1, res[f"{b} (wasm only)"], res["peer"]))
    return rows


# ---- size, scaling -------------------------------------------------------------------


def sizes(args: argparse.Namespace) -> list[dict[str, Any]]:
    wasm_dir = Path(args.wasm_dir)
    files = shipped_files(wasm_dir)
    rows = []

    def row(what: str, data: bytes) -> None:
        rows.append({"what": what, "raw": len(data), "gzip": len(gzip.compress(data, 9))})

    for f in sorted(x for x in files if x.endswith(".wasm")):
        row(f"npm: {f}", (wasm_dir / f).read_bytes())
    js = sorted(x for x in files if x.endswith((".js", ".mjs", ".cjs")))
    for f in js:
        row(f"npm: {f}", (wasm_dir / f).read_bytes())
    row("npm: all JS", b"".join((wasm_dir / f).read_bytes() for f in js))
    for w in sorted(Path(args.wheel_dir).glob("kubetoken-*.whl")):
        rows.append({"what": f"wheel: {w.name}", "raw": w.stat().st_size, "gzip": None})
    return rows


# Forks and execs the command from a small interpreter, so the child's peak RSS (which
# counts the image it was forked from) is not the driver's: ~10 MB of launcher, not the
# driver's hundreds. Prints the child's ru_maxrss (KiB) on stderr's last line.
LAUNCH = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
sys.stderr.write("maxrss %d\\n" % ru.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def peak_rss(cmd: list[str]) -> tuple[int, str]:
    """Runs cmd in a fresh process: (its peak RSS in bytes, its stdout)."""
    p = subprocess.run([sys.executable, "-S", "-c", LAUNCH, *cmd], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bench: {cmd} failed: {p.stderr[-400:]}")
    return int(p.stderr.strip().splitlines()[-1].split()[1]) * 1024, p.stdout


def scaling(args: argparse.Namespace, d: Path, now: str, counts: dict[int, int]) -> list[dict[str, Any]]:
    rows = []
    py_child = HERE / "py_scale.py"
    for n in LIST_SIZES:
        size = (d / f"list-{n}.json").stat().st_size
        for op in ("parse_list", "list"):
            runs = {
                "Rust": [args.rust, "--now", now, "--inputs", str(d), "--op", f"{op}_{n}", "--iters", "1"],
                "Go": [args.go, "--inputs", str(d), "--op", f"{op}_{n}", "--iters", "1"],
                "Python": [sys.executable, str(py_child), str(d / f"list-{n}.json"), op, now],
            }
            for runtime, cmd in runs.items():
                rss, out = peak_rss(cmd)
                ns = json.loads(out.strip().splitlines()[-1])["ns_per_op"]
                rows.append({
                    "runtime": runtime, "op": op, "n": counts[n], "input_bytes": size, "ns": ns,
                    "ns_per_secret": ns / counts[n], "peak_rss": rss, "rss_per_input_byte": rss / size,
                })
    return rows


def update_wasm(args: argparse.Namespace) -> None:
    """`--only-wasm`: the cold start table and the sizes measured again, the rest kept."""
    out = Path(args.out)
    results = json.loads((out / "results.json").read_text())
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    reps = 2 if args.quick else 10
    print("bench: cold start (only the wasm rows)", file=sys.stderr)
    kept = [r for r in results["tables"]["cold_start"]["rows"] if not r["op"].startswith(("node_cold:", "chromium_cold:", "chromium_wasm:"))]
    results["tables"]["cold_start"]["rows"] = kept + wasm_cold_start(args, reps)
    # The npm rows measured again; the wheel's kept (no wheel build needed).
    results["size"] = [s for s in sizes(args) if s["what"].startswith("npm:")] + [
        s for s in results["size"] if not s["what"].startswith("npm:")
    ]
    results.setdefault("updated", {})["cold_start"] = now
    results["updated"]["size"] = now
    (out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    (out / "RESULTS.md").write_text(report.results_md(results))
    report.validate(results)
    print(f"bench: updated the cold start and sizes in {out / 'results.json'}", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--quick", action="store_true", default=os.environ.get("BENCH_QUICK") == "1")
    ap.add_argument("--rust", required=True)
    ap.add_argument("--go", required=True)
    ap.add_argument("--wasm-dir", default=str(ROOT / "wasm"))
    ap.add_argument("--wheel-dir", default=str(ROOT / "target/python/wheels"))
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    ap.add_argument("--rounds", type=int, default=None)
    ap.add_argument("--only-wasm", action="store_true",
                    help="re-measure only the npm package's cold start rows and sizes (after a change of the "
                    ".wasm builds), keeping everything else of OUT/results.json; the dates are recorded apart")
    args = ap.parse_args()
    if args.only_wasm:
        update_wasm(args)
        return
    rounds = args.rounds or (1 if args.quick else 5)
    scale = 0.002 if args.quick else 1.0
    reps = 2 if args.quick else 10
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with tempfile.TemporaryDirectory(prefix="kubetoken-bench-") as tmp:
        d = Path(tmp)
        counts = write_inputs(d, args.quick, args.rust)
        print("bench: Rust vs Go", file=sys.stderr)
        tables = {"rust_go": {"title": "Rust (release) vs the upstream Go functions", "peer": "Go", "rows": rust_vs_go(args, d, now, rounds, scale)}}
        print("bench: Python vs pure Python", file=sys.stderr)
        tables["python"] = {"title": "Python package vs pure Python", "peer": "pure Python", "rows": python_table(args, d, now, rounds, scale)}
        print("bench: Node vs pure JS", file=sys.stderr)
        tables["node"] = {"title": "npm package in Node vs pure JavaScript", "peer": "pure JS", "rows": node_table(args, d, now, rounds, scale)}
        print("bench: cold start", file=sys.stderr)
        tables["cold_start"] = {"title": "Cold start", "peer": "baseline", "rows": cold_start(args, reps)}
        print("bench: size, scaling", file=sys.stderr)
        results = {
            "schema": 1,
            "quick": args.quick,
            "date": now,
            "machine": machine(),
            "toolchain": toolchain(args),
            "rounds": rounds,
            "tables": tables,
            "size": sizes(args),
            "scaling": scaling(args, d, now, counts),
            "list_counts": {str(k): v for k, v in counts.items()},
        }
    (out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    (out / "RESULTS.md").write_text(report.results_md(results))
    report.validate(results)
    print(f"bench: wrote {out / 'results.json'} and {out / 'RESULTS.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
