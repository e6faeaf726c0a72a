"""The shared conformance vectors (tests/vectors/*.json), run through the Python API.

Each case's ``op`` is the snake_case function name in ``kubetoken`` and its ``args`` are
the keyword arguments (docs/api.md). Results are the JSON values themselves (dicts,
lists, strings), compared as they are.
"""

from __future__ import annotations

import base64
import datetime
import inspect
import json
from pathlib import Path
from typing import Any

import pytest

import kubetoken
from conftest import VECTOR_SKIPS, VECTOR_STATS, VECTORS

# Ops the vectors use that the Python package deliberately does not expose (test ops of
# the Rust runner over crate internals).
NOT_EXPOSED: dict[str, str] = {
    "check_random_chars": "Rust-only test op over token::random_chars (internal)",
    "get_secret_data": "Rust-only test op over Secret::get (secrets.GetData, internal)",
    "token_from_json": "Rust-only test op over BootstrapToken's serde form",
    "token_to_json": "Rust-only test op over BootstrapToken's serde form",
    "token_json_reencode": "Rust-only test op over BootstrapToken's serde form",
    "token_json_roundtrip": "Rust-only test op over BootstrapToken's serde form",
    "check_secret_roundtrip": "Rust-only test op comparing TokenSpec values (Python: "
    "covered by test_secret.py round trips)",
}


def _check_generate_token() -> dict[str, bool]:
    return {"valid": kubetoken.is_valid_token(kubetoken.generate_token())}


def _inspect_token_codes(**kwargs: Any) -> dict[str, Any]:
    r: dict[str, Any] = dict(kubetoken.inspect_token(**kwargs))
    for k in ("reasons", "warnings"):
        r[k] = [f["code"] for f in r[k]]
    return r


def _explain_k3s_ca_hash_summary(**kwargs: Any) -> dict[str, Any]:
    e = kubetoken.explain_k3s_ca_hash(**kwargs)
    each = lambda k: [c[k] for c in e["certificates"]]  # noqa: E731
    return {
        "hash": e["hash"],
        "method": e["method"],
        "hashed": e["hashed"],
        "hashed_certificate": e["hashed_certificate"],
        "chain": e["chain"],
        "reasons": [f["code"] for f in e["fallback_reasons"]],
        "kubeadm_pins": e["kubeadm_pins"],
        "fingerprints": each("fingerprint_sha256"),
        "subjects": each("subject"),
        "pools": each("pool"),
    }


# Test ops of the vectors that are one-liners over the public Python API.
ADAPTERS: dict[str, Any] = {
    "check_generate_token": _check_generate_token,
    "inspect_token_codes": _inspect_token_codes,
    "explain_k3s_ca_hash_summary": _explain_k3s_ca_hash_summary,
}


def _load() -> list[Any]:
    params = []
    for path in sorted(VECTORS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for pos, case in enumerate(doc["cases"]):
            op = case.get("op", "-")
            params.append(pytest.param(path.name, pos, case, id=f"{path.stem}#{pos}-{op}"))
    return params


CASES = _load()


def _params(fn: Any) -> set[str]:
    return set(inspect.signature(fn).parameters)


def _bytes_arg(value: Any) -> Any:
    """``{"base64": "..."}`` (an object with only that key, tests/vectors/README.md) is
    ``bytes``; anything else is as given."""
    if isinstance(value, dict) and list(value) == ["base64"] and isinstance(value["base64"], str):
        return base64.b64decode(value["base64"], validate=True)
    return value


def python_args(args: dict[str, Any]) -> dict[str, Any]:
    """Vector args → Python keyword arguments: ``{"base64": ...}`` is ``bytes``; numbers
    are as given (a number ttl is milliseconds in every door)."""
    out = {k: _bytes_arg(v) for k, v in args.items()}
    return out


def to_json(value: Any) -> Any:
    """What the vectors compare: the result as is; bytes (``k3s_decrypt``, ``redact`` of
    bytes) as the JSON façade writes them: text when UTF-8, else ``{"base64": ...}``."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return {"base64": base64.b64encode(value).decode()}
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
    if op not in ADAPTERS and (op in NOT_EXPOSED or not hasattr(kubetoken, op)):
        VECTOR_STATS["op_skip"] += 1
        VECTOR_SKIPS[op] = NOT_EXPOSED.get(op, "not bound in Python yet (core area not merged)")
        pytest.skip(f"op {op} not exposed: {VECTOR_SKIPS[op]}")
    fn = ADAPTERS.get(op) or getattr(kubetoken, op)
    VECTOR_STATS["ran"] += 1
    expect = case["expect"]
    if expect.get("error") == "invalid_options" and set(case["args"]) - _params(fn):
        # An unknown option: Python's own keyword check rejects it (TypeError), which
        # is the Python form of the core's invalid_options for a JSON options object.
        with pytest.raises(TypeError, match="unexpected keyword argument"):
            fn(**python_args(case["args"]))
    elif "error" in expect:
        with pytest.raises(kubetoken.KubetokenError) as info:
            fn(**python_args(case["args"]))
        assert info.value.code == expect["error"], str(info.value)
        assert type(info.value).__name__ == dict(kubetoken.ERROR_CODES)[expect["error"]]
    else:
        got = to_json(fn(**python_args(case["args"])))
        assert got == expect["ok"]
        # The same call with `now` as a timezone-aware datetime gives the same answer.
        now = _as_datetime(case["args"].get("now"))
        if now is not None:
            again = to_json(fn(**python_args({**case["args"], "now": now})))
            if op not in NONDETERMINISTIC:
                assert again == got, "now as datetime differs from now as RFC3339"
            VECTOR_STATS["datetime_variant"] += 1
    VECTOR_STATS["passed"] += 1


# Ops whose result is random (a new token per call).
NONDETERMINISTIC = {"check_generate_token", "k3s_token_generate", "generate_token"}


def _as_datetime(value: Any) -> Any:
    """An RFC3339 string as an aware datetime, when Python can represent it exactly."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None or parsed.isoformat() != value.replace("Z", "+00:00"):
        return None
    return parsed
