"""The shared cap cases (tests/caps/caps.json, tests/caps/README.md) through the Python
functions: every cap refuses the same input with InputTooLargeError in every door."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import kubetoken

CAPS = Path(__file__).resolve().parents[2] / "tests" / "caps" / "caps.json"
CASES = json.loads(CAPS.read_text(encoding="utf-8"))["cases"]


def expand(v: Any) -> Any:
    """A compact value of caps.json as Python passes it (README: repeat, repeat_list, bytes)."""
    if isinstance(v, dict) and len(v) == 1:
        ((key, inner),) = v.items()
        if key == "repeat":
            return "".join(text * n for text, n in inner)
        if key == "repeat_list":
            return [expand(x) for x, n in inner for _ in range(n)]
        if key == "bytes":
            return expand(inner).encode()
    if isinstance(v, dict):
        return {k: expand(x) for k, x in v.items()}
    if isinstance(v, list):
        return [expand(x) for x in v]
    return v


def test_the_cases_cover_the_caps() -> None:
    assert len({c["cap"] for c in CASES}) >= 20


@pytest.mark.parametrize("case", CASES, ids=[f"{c['cap']}: {c['name']}" for c in CASES])
def test_cap(case: dict[str, Any]) -> None:
    fn = getattr(kubetoken, case["op"])
    args = expand(case["args"])
    if case["expect"] == "ok":
        fn(**args)
        return
    with pytest.raises(kubetoken.InputTooLargeError) as e:
        fn(**args)
    assert e.value.code == "input_too_large"
    assert len(str(e.value)) < 200, "the message names the input and its limit, nothing more"
