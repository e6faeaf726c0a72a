"""The shared conformance vectors (tests/vectors/*.json), run through the Python API.

Each case's ``op`` is the snake_case function name in ``kubetoken`` and its ``args`` are
the keyword arguments (docs/api.md). Results are compared as JSON: result objects via
``to_dict()``, plain values as they are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import kubetoken
from conftest import VECTOR_SKIPS, VECTOR_STATS, VECTORS

# Ops the vectors use that the Python package deliberately does not expose.
NOT_EXPOSED: dict[str, str] = {}


def _load() -> list[Any]:
    params = []
    for path in sorted(VECTORS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for pos, case in enumerate(doc["cases"]):
            op = case.get("op", "-")
            params.append(pytest.param(path.name, pos, case, id=f"{path.stem}#{pos}-{op}"))
    return params


CASES = _load()


def to_json(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


def test_vector_files_exist() -> None:
    assert sorted(p.name for p in Path(VECTORS).glob("*.json")), "no vector files"
    assert CASES, "no vector cases"


@pytest.mark.parametrize(("file", "pos", "case"), CASES)
def test_vector(file: str, pos: int, case: dict[str, Any]) -> None:
    if "skip" in case:
        VECTOR_STATS["file_skip"] += 1
        pytest.skip(f"vector file: {case['skip']}")
    op = case["op"]
    if op in NOT_EXPOSED or not hasattr(kubetoken, op):
        VECTOR_STATS["op_skip"] += 1
        VECTOR_SKIPS[op] = NOT_EXPOSED.get(op, "not bound in Python yet (core area not merged)")
        pytest.skip(f"op {op} not exposed: {VECTOR_SKIPS[op]}")
    fn = getattr(kubetoken, op)
    VECTOR_STATS["ran"] += 1
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(kubetoken.KubetokenError) as info:
            fn(**case["args"])
        assert info.value.code == expect["error"], str(info.value)
        assert type(info.value).__name__ == dict(kubetoken.ERROR_CODES)[expect["error"]]
    else:
        got = to_json(fn(**case["args"]))
        assert got == expect["ok"]
    VECTOR_STATS["passed"] += 1
