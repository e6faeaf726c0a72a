"""`make bench-python`: the wheel's size, `import kubetoken`'s cost, and kubetoken side
by side with the pure-Python code a user would otherwise write (interleaved runs, the
best of each).

Run with the interpreter of a venv that has the wheel installed:
    python python/tests/bench.py <wheel dir>
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

TOKEN = "abcdef.0123456789abcdef"
NOW = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.timezone.utc)
TTL = dt.timedelta(hours=24)
GROUP = "system:bootstrappers:kubeadm:default-node-token"
TOKEN_RE = re.compile(r"\A([a-z0-9]{6})\.([a-z0-9]{16})\Z")


def import_ms(runs: int = 41) -> tuple[float, float]:
    """The best wall time of `import kubetoken` in a fresh interpreter minus the best of
    `python -c pass` (both with site, as users run them; runs interleaved), in ms; and
    the bare time."""

    def once(code: str) -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return (time.perf_counter() - t0) * 1000

    bare = full = float("inf")
    for _ in range(runs):
        bare = min(bare, once("pass"))
        full = min(full, once("import kubetoken"))
    return full - bare, bare


def self_import_us(runs: int = 11) -> float:
    """`-X importtime` cumulative microseconds for the kubetoken package (best of runs)."""
    best = float("nan")
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import kubetoken"],
            check=True,
            capture_output=True,
            text=True,
        ).stderr
        for line in out.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[2] == "kubetoken":
                us = float(parts[1])
                best = us if best != best else min(best, us)
    return best


# ---- what a competent user writes without kubetoken ---------------------------------------


def _b64(s: str) -> str:
    return base64.b64encode(s.encode()).decode()


def py_render_secret(
    token: str, description: str, ttl: dt.timedelta, now: dt.datetime
) -> dict[str, Any]:
    m = TOKEN_RE.match(token)
    if m is None:
        raise ValueError("invalid token")
    tid, secret = m.groups()
    expires = (now + ttl).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "apiVersion": "v1",
        "data": {
            "auth-extra-groups": _b64(GROUP),
            "description": _b64(description),
            "expiration": _b64(expires),
            "token-id": _b64(tid),
            "token-secret": _b64(secret),
            "usage-bootstrap-authentication": _b64("true"),
            "usage-bootstrap-signing": _b64("true"),
        },
        "kind": "Secret",
        "metadata": {"name": f"bootstrap-token-{tid}", "namespace": "kube-system"},
        "type": "bootstrap.kubernetes.io/token",
    }


def py_parse_secret(manifest: dict[str, Any]) -> dict[str, Any]:
    data = manifest.get("data") or {}

    def get(k: str) -> str:
        v = data.get(k)
        return base64.b64decode(v, validate=True).decode() if v else ""

    tid, secret = get("token-id"), get("token-secret")
    if manifest["metadata"]["name"] != f"bootstrap-token-{tid}":
        raise ValueError("name does not match the token ID")
    token = f"{tid}.{secret}"
    if TOKEN_RE.match(token) is None:
        raise ValueError("invalid token")
    usages = sorted(
        k[len("usage-bootstrap-") :]
        for k, v in data.items()
        if k.startswith("usage-bootstrap-") and base64.b64decode(v) == b"true"
    )
    groups = get("auth-extra-groups")
    return {
        "token": token,
        "id": tid,
        "description": get("description"),
        "expires": get("expiration") or None,
        "usages": usages,
        "groups": groups.split(",") if groups else [],
    }


def py_parse_secret_list(text: str) -> list[dict[str, Any]]:
    return [py_parse_secret(item) for item in json.loads(text)["items"]]


def best_us(fn: Callable[[], Any], n: int, rounds: int = 7) -> float:
    out = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        out = min(out, (time.perf_counter() - t0) / n * 1e6)
    return out


def side_by_side(name: str, ours: Callable[[], Any], theirs: Callable[[], Any], n: int) -> None:
    assert json.loads(json.dumps(ours())) == json.loads(json.dumps(theirs())), name
    a = b = float("inf")
    for _ in range(3):  # interleaved
        a = min(a, best_us(ours, n))
        b = min(b, best_us(theirs, n))
    print(
        f"bench-python: {name}: kubetoken {a:.2f} µs, pure Python {b:.2f} µs "
        f"-> kubetoken is {b / a:.2f}x faster"
    )


def main() -> None:
    wheels = sorted(Path(sys.argv[1]).glob("kubetoken-*.whl")) if len(sys.argv) > 1 else []
    for w in wheels:
        print(f"bench-python: wheel {w.name}: {w.stat().st_size / 1024:.1f} KiB")
    import kubetoken

    native = Path(kubetoken._native.__file__)  # type: ignore[attr-defined]
    print(f"bench-python: extension {native.name}: {native.stat().st_size / 1024:.1f} KiB")
    delta, bare = import_ms()
    print(
        f"bench-python: import kubetoken: {delta:.2f} ms over a bare interpreter "
        f"({bare:.1f} ms; best of 41 each), -X importtime cumulative "
        f"{self_import_us() / 1000:.2f} ms"
    )

    side_by_side(
        "render_secret",
        lambda: kubetoken.render_secret(TOKEN, description="rack 7", ttl=TTL, now=NOW),
        lambda: py_render_secret(TOKEN, "rack 7", TTL, NOW),
        5000,
    )
    manifest = py_render_secret(TOKEN, "rack 7", TTL, NOW)
    side_by_side(
        "parse_secret (dict)",
        lambda: kubetoken.parse_secret(manifest),
        lambda: py_parse_secret(manifest),
        5000,
    )
    items = [
        py_render_secret(f"{i:06d}.0123456789abcdef", f"node {i}", TTL, NOW) for i in range(10_000)
    ]
    text = json.dumps({"apiVersion": "v1", "kind": "List", "items": items})
    try:
        kubetoken.parse_secret_list(text)
    except kubetoken.InputTooLargeError as e:
        print(
            f"bench-python: parse_secret_list (10k Secrets, {len(text) >> 20} MiB JSON text): {e}"
        )
    else:
        side_by_side(
            "parse_secret_list (10k Secrets, JSON text)",
            lambda: kubetoken.parse_secret_list(text),
            lambda: py_parse_secret_list(text),
            2,
        )
    side_by_side(
        "parse_secret_list (10k Secrets, parsed list)",
        lambda: kubetoken.parse_secret_list(items),
        lambda: [py_parse_secret(i) for i in items],
        2,
    )
    n = 20000
    print(
        f"bench-python: parse_token: {best_us(lambda: kubetoken.parse_token(TOKEN), n) * 1000:.0f} ns/call"
    )
    print(
        f"bench-python: generate_token: {best_us(kubetoken.generate_token, n) * 1000:.0f} ns/call"
    )


if __name__ == "__main__":
    main()
