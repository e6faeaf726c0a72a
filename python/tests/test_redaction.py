"""Secret hygiene of every error path, driven generically: every public function of
``kubetoken`` that docs/api.md lists, called with keyword arguments from its vector cases
(``tests/vectors/*.json``), with every string in the arguments — values, list elements,
keys and values inside manifests (base64 ``data`` values re-encoded), manifests given as
JSON text — replaced in turn by each hostile string of ``tests/hygiene/hostile.json`` (a
known bootstrap token and K10 password in many disguises). No exception's ``str``,
``repr`` or ``args`` may contain a forbidden fragment.

Top-level argument *names* are not replaced: they are Python keywords, checked by
Python itself (a ``TypeError`` naming the keyword) before kubetoken sees them.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Iterator

import kubetoken
from conftest import REPO, VECTORS
from test_vectors import NOT_EXPOSED, python_args

HOSTILE = json.loads((REPO / "tests" / "hygiene" / "hostile.json").read_text(encoding="utf-8"))
FORBIDDEN = [f.lower() for f in HOSTILE["forbidden"]]
BASES_PER_OP = 3


def _cases() -> dict[str, list[dict[str, Any]]]:
    by_op: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(VECTORS.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            op = case.get("op")
            if not op or op in NOT_EXPOSED or not callable(getattr(kubetoken, op, None)):
                continue
            if op not in kubetoken.__all__:
                continue
            seen = by_op.setdefault(op, [])
            if case["args"] not in seen and len(seen) < BASES_PER_OP:
                seen.append(case["args"])
    return by_op


def _mutations(v: Any, h: str, in_data: bool = False, top: bool = False) -> Iterator[Any]:
    if isinstance(v, str):
        yield h
        if in_data:
            yield base64.b64encode(h.encode()).decode()
        try:
            inner = json.loads(v)
        except ValueError:
            inner = None
        if isinstance(inner, (dict, list)):
            for m in _mutations(inner, h):
                yield json.dumps(m)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            for m in _mutations(x, h, in_data):
                yield v[:i] + [m] + v[i + 1 :]
    elif isinstance(v, dict):
        if not top:
            for k in v:
                yield {(h if k2 == k else k2): x for k2, x in v.items()}
            yield {**v, h: 1}
        for k, x in v.items():
            for m in _mutations(x, h, k == "data"):
                yield {**v, k: m}


def _leaks(e: BaseException) -> list[str]:
    texts = [str(e), repr(e)] + [str(a) for a in e.args]
    return [t for t in texts if any(f in t.lower() for f in FORBIDDEN)]


def test_no_error_of_any_function_shows_a_secret() -> None:
    cases = _cases()
    assert len(cases) > 40, sorted(cases)
    calls = errors = 0
    paths: set[tuple[str, str, str]] = set()
    leaks: list[str] = []
    for op, bases in sorted(cases.items()):
        fn = getattr(kubetoken, op)
        for base in bases:
            for h in HOSTILE["strings"]:
                for args in _mutations(base, h, top=True):
                    calls += 1
                    try:
                        fn(**python_args(args))
                    except Exception as e:  # noqa: BLE001 - every exception is checked
                        errors += 1
                        paths.add((op, type(e).__name__, getattr(e, "code", "")))
                        leaks += [f"{op} {args!r}: {t}" for t in _leaks(e)]
    print(f"redaction: {calls} calls, {errors} errors, {len(paths)} (function, exception, code) paths")
    assert not leaks, f"{len(leaks)} leaks, e.g.\n" + "\n".join(leaks[:20])
    assert errors > 1000
