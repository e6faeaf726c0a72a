"""The Python table of `make bench`: kubetoken's Python package against bench/pure.py.

    python bench/py_ops.py --inputs DIR --rounds R [--scale S]

Run with the bench venv's interpreter (kubetoken wheel + cryptography). For every op it
first checks that both sides give the same answer, then times them in one process,
interleaved (kubetoken, pure, pure, kubetoken, ...), the same iteration count each, for
R rounds. Prints one JSON object: {"rows": [{"op", "iters", "kubetoken": [ns/op per
round], "peer": [...]}]}.

Only public functions are called, by name; results are compared as JSON (manifests) or
by field (parsed tokens), so a change of result classes to dicts does not matter here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable

import kubetoken

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pure  # noqa: E402


def plain(x: Any) -> Any:
    """A result as plain data, whatever the binding returns (class with to_dict, dict)."""
    if hasattr(x, "to_dict"):
        return x.to_dict()
    return x


def field(x: Any, name: str) -> Any:
    d = plain(x)
    return d[name] if isinstance(d, dict) else getattr(x, name)


def token_view(t: Any) -> tuple[Any, ...]:
    exp = field(t, "expires")
    if exp is not None and not isinstance(exp, str):
        exp = exp.astimezone(pure.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (field(t, "token"), field(t, "description") or "", exp, list(field(t, "usages")), list(field(t, "groups")))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--now", required=True)
    a = ap.parse_args()
    d = Path(a.inputs)
    txt = lambda n: (d / n).read_text().rstrip("\n")  # noqa: E731
    spec = json.loads(txt("spec.json"))
    token, secret_text = spec["token"], txt("secret.json")
    secret = json.loads(secret_text)
    list_text = txt("list-10000.json")
    kubeconfig, tid, tsec = txt("kubeconfig.yaml"), txt("token-id.txt"), txt("token-secret.txt")
    sig = txt("kubeconfig.jws")
    pem = (d / "ca.pem").read_bytes()
    now = a.now
    now_dt = pure.utc(now)
    rargs = (token, spec["description"], spec["expires"], spec["usages"], spec["groups"])
    kw = dict(description=spec["description"], expires=spec["expires"], usages=spec["usages"], groups=spec["groups"], now=now)

    # kubetoken caps text input at 1 MiB: a 10k-Secret list is parsed by json.loads and
    # handed over as a value (a dict), on both sides.
    cases: list[tuple[str, int, Callable[[], Any], Callable[[], Any], Callable[[Any, Any], bool]]] = [
        ("generate", 20000, kubetoken.generate_token, pure.generate_token,
         lambda k, p: kubetoken.is_valid_token(k) and pure.is_valid_token(p)),
        ("validate", 200000, lambda: kubetoken.is_valid_token(token), lambda: pure.is_valid_token(token), lambda k, p: k is p is True),
        ("render_secret", 20000, lambda: plain(kubetoken.render_secret(token, **kw)), lambda: pure.render_secret(*rargs),
         lambda k, p: json.dumps(k, sort_keys=True) == json.dumps(p, sort_keys=True)),
        ("render_secret_json", 20000, lambda: json.dumps(plain(kubetoken.render_secret(token, **kw)), indent=4, sort_keys=True),
         lambda: pure.render_secret_json(*rargs), lambda k, p: k == p),
        ("parse_secret", 20000, lambda: kubetoken.parse_secret(secret), lambda: pure.parse_secret(secret),
         lambda k, p: token_view(k) == token_view(p)),
        ("parse_secret_json", 20000, lambda: kubetoken.parse_secret(secret_text), lambda: pure.parse_secret_json(secret_text),
         lambda k, p: token_view(k) == token_view(p)),
        ("list_10000", 3, lambda: field(kubetoken.list_tokens(json.loads(list_text)["items"], now=now, format="text"), "output"),
         lambda: pure.list_tokens(json.loads(list_text)["items"], now_dt), lambda k, p: k == p),
        ("jws_sign", 20000, lambda: kubetoken.compute_jws(kubeconfig, tid, tsec), lambda: pure.compute_jws(kubeconfig, tid, tsec),
         lambda k, p: k == p == sig),
        ("jws_verify", 20000, lambda: kubetoken.verify_jws(sig, kubeconfig, tid, tsec), lambda: pure.verify_jws(sig, kubeconfig, tid, tsec),
         lambda k, p: k is p is True),
        ("ca_pin", 5000, lambda: kubetoken.ca_cert_hashes(pem), lambda: pure.ca_cert_hashes(pem), lambda k, p: k == p),
    ]
    rows = []
    for op, n, kt, peer, same in cases:
        k, p = kt(), peer()
        if not same(k, p):
            sys.exit(f"py_ops: {op}: kubetoken and the pure-Python peer disagree:\n{str(k)[:400]!r}\n{str(p)[:400]!r}")
        iters = max(1, int(n * a.scale))
        for f in (kt, peer):  # warm-up
            for _ in range(max(1, iters // 10)):
                f()
        res: dict[str, list[float]] = {"kubetoken": [], "peer": []}
        for r in range(a.rounds):
            order = [("kubetoken", kt), ("peer", peer)]
            for side, f in order if r % 2 == 0 else order[::-1]:
                t0 = time.perf_counter_ns()
                for _ in range(iters):
                    f()
                res[side].append((time.perf_counter_ns() - t0) / iters)
        rows.append({"op": op, "iters": iters, **res})
    json.dump({"rows": rows}, sys.stdout)


if __name__ == "__main__":
    main()
