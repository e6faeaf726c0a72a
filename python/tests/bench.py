"""`make bench-python`: import time of the installed wheel and the wheel's size.

Run with the interpreter of a venv that has the wheel installed:
    python python/tests/bench.py <wheel dir>
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path


def import_time_ms(runs: int = 15) -> tuple[float, float]:
    """Median wall time of `import kubetoken` in a fresh interpreter, minus an empty one."""

    def run(code: str) -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-S", "-c", code], check=True)
        return (time.perf_counter() - t0) * 1000

    # -S keeps site-packages out of both runs' startup; re-add the venv's path by hand.
    import kubetoken

    site = str(Path(kubetoken.__file__).resolve().parents[1])
    empty = statistics.median(run("import sys") for _ in range(runs))
    full = statistics.median(
        run(f"import sys; sys.path.insert(0, {site!r}); import kubetoken") for _ in range(runs)
    )
    return full - empty, empty


def self_import_us() -> float:
    """`-X importtime` cumulative microseconds for the kubetoken package itself."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import kubetoken"],
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    for line in out.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == "kubetoken":
            return float(parts[1])
    return float("nan")


def main() -> None:
    wheels = sorted(Path(sys.argv[1]).glob("kubetoken-*.whl")) if len(sys.argv) > 1 else []
    for w in wheels:
        print(f"bench-python: wheel {w.name}: {w.stat().st_size / 1024:.1f} KiB")
    import kubetoken

    native = Path(kubetoken._native.__file__)
    print(f"bench-python: extension {native.name}: {native.stat().st_size / 1024:.1f} KiB")
    delta, empty = import_time_ms()
    print(
        f"bench-python: import kubetoken: {delta:.1f} ms over a bare interpreter "
        f"({empty:.1f} ms), -X importtime cumulative {self_import_us() / 1000:.1f} ms"
    )
    n = 20000
    t0 = time.perf_counter()
    for _ in range(n):
        kubetoken.parse_token("abcdef.0123456789abcdef")
    per = (time.perf_counter() - t0) / n * 1e9
    print(f"bench-python: parse_token: {per:.0f} ns/call (incl. result object)")
    t0 = time.perf_counter()
    for _ in range(n):
        kubetoken.generate_token()
    per = (time.perf_counter() - t0) / n * 1e9
    print(f"bench-python: generate_token: {per:.0f} ns/call")


if __name__ == "__main__":
    main()
