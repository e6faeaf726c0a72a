"""The TypedDicts of ``kubetoken/__init__.pyi`` against what the core really returns.

Every vector case with a result, plus a few sample calls, runs through the Python
function; its result is checked against the function's return annotation in the stub:
each TypedDict's keys (required ones present, no key the stub does not list) and every
value's type, recursively. Every TypedDict of the stub must be met at least once, so a
result shape changed in Rust fails here until the stub follows.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, Callable

import kubetoken
from test_vectors import ADAPTERS, CASES, NOT_EXPOSED, python_args

STUB = ast.parse(Path(kubetoken.__file__).with_name("__init__.pyi").read_text(encoding="utf-8"))

TYPED: dict[str, dict[str, tuple[ast.expr, bool]]] = {}
RETURNS: dict[str, ast.expr] = {}
for node in STUB.body:
    if isinstance(node, ast.ClassDef) and any(
        isinstance(b, ast.Name) and b.id == "TypedDict" for b in node.bases
    ):
        fields: dict[str, tuple[ast.expr, bool]] = {}
        for item in node.body:
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                ann = item.annotation
                required = True
                if isinstance(ann, ast.Subscript) and getattr(ann.value, "id", "") == "NotRequired":
                    ann, required = ann.slice, False
                fields[item.target.id] = (ann, required)
        TYPED[node.name] = fields
    elif isinstance(node, ast.FunctionDef) and node.returns is not None:
        RETURNS[node.name] = node.returns

SCALARS: dict[str, type] = {"str": str, "bool": bool, "int": int, "bytes": bytes}
MET: set[str] = set()


def check(value: Any, ann: ast.expr, where: str) -> None:
    if isinstance(ann, ast.Constant) and ann.value is None:
        assert value is None, f"{where}: {value!r} is not None"
        return
    if isinstance(ann, ast.Name):
        if ann.id == "Any":
            return
        if ann.id in SCALARS:
            assert type(value) is SCALARS[ann.id], f"{where}: {value!r} is not {ann.id}"
            return
        fields = TYPED[ann.id]
        MET.add(ann.id)
        assert isinstance(value, dict), f"{where}: {value!r} is not a {ann.id}"
        extra = set(value) - set(fields)
        assert not extra, f"{where}: keys {sorted(extra)} are not in the stub's {ann.id}"
        missing = {k for k, (_, req) in fields.items() if req} - set(value)
        assert not missing, f"{where}: required keys {sorted(missing)} of {ann.id} absent"
        for k, v in value.items():
            check(v, fields[k][0], f"{where}.{k}")
        return
    assert isinstance(ann, ast.Subscript), ast.dump(ann)
    head = getattr(ann.value, "id", "")
    args = list(ann.slice.elts) if isinstance(ann.slice, ast.Tuple) else [ann.slice]
    if head in ("Optional", "Union"):
        options = args + ([ast.Constant(None)] if head == "Optional" else [])
        errors = []
        for option in options:
            try:
                check(value, option, where)
                return
            except AssertionError as e:
                errors.append(str(e))
        raise AssertionError(" / ".join(errors))
    if head == "list":
        assert type(value) is list, f"{where}: {value!r} is not a list"
        for i, v in enumerate(value):
            check(v, args[0], f"{where}[{i}]")
        return
    if head == "dict":
        assert type(value) is dict, f"{where}: {value!r} is not a dict"
        for k, v in value.items():
            check(k, args[0], f"{where} key")
            check(v, args[1], f"{where}.{k}")
        return
    raise AssertionError(f"{where}: annotation {ast.unparse(ann)} not understood")


TOKEN = "abcdef.0123456789abcdef"
NOW = "2024-05-01T12:00:00Z"
K10 = "K10" + "a" * 64 + "::"


def _secret() -> Any:
    return kubetoken.render_secret(TOKEN, now=NOW, ttl="0")


SAMPLES: list[tuple[str, Callable[[], Any]]] = [
    ("render_secret", lambda: kubetoken.render_secret(TOKEN, now=NOW)),
    ("render_secret", lambda: kubetoken.render_secret(TOKEN, now=NOW, string_data=True)),
    ("encode_token_secret", lambda: kubetoken.encode_token_secret(TOKEN, now=NOW, ttl="1h")),
    ("parse_secret", lambda: kubetoken.parse_secret(_secret())),
    ("parse_secret_list", lambda: kubetoken.parse_secret_list([_secret(), {"kind": "Secret"}])),
    ("authenticate", lambda: kubetoken.authenticate(TOKEN, [_secret()], now=NOW)),
    ("authenticate", lambda: kubetoken.authenticate("nope", [_secret()], now=NOW)),
    ("signing_credentials", lambda: kubetoken.signing_credentials(_secret(), now=NOW)),
    ("cleaner_action", lambda: kubetoken.cleaner_action(_secret(), now=NOW)),
    (
        "list_tokens",
        lambda: kubetoken.list_tokens(
            [
                _secret(),
                {
                    "kind": "Secret",
                    "type": "bootstrap.kubernetes.io/token",
                    "metadata": {"name": "bootstrap-token-abcdef", "namespace": "kube-system"},
                    "data": {"token-id": "YWJjZGVm"},
                },
            ],
            now=NOW,
        ),
    ),
    ("parse_k3s_token", lambda: kubetoken.parse_k3s_token(K10 + TOKEN)),
    ("parse_k3s_token", lambda: kubetoken.parse_k3s_token(K10 + "server:pw")),
    ("k3s_credentials", lambda: kubetoken.k3s_credentials(K10 + "server:pw")),
    ("k3s_credentials", lambda: kubetoken.k3s_credentials(TOKEN)),
    (
        "explain_k3s_ca_hash",
        lambda: kubetoken.explain_k3s_ca_hash(
            (
                Path(__file__).resolve().parents[2] / "tests/fixtures/k3s/expired-intermediate.pem"
            ).read_bytes(),
            now="2026-01-01T00:00:00Z",
        ),
    ),
]


def test_results_match_the_stub() -> None:
    checked = 0
    for param in CASES:
        _file, _pos, case = param.values
        op = case.get("op")
        if (
            "skip" in case
            or "ok" not in case.get("expect", {})
            or op in NOT_EXPOSED
            or op in ADAPTERS
        ):
            continue
        fn = getattr(kubetoken, op, None)
        if fn is None or op not in RETURNS:
            continue
        check(fn(**python_args(case["args"])), RETURNS[op], f"{param.id}")
        checked += 1
    for op, sample in SAMPLES:
        check(sample(), RETURNS[op], op)
        checked += 1
    assert checked > 100
    unmet = set(TYPED) - MET
    assert not unmet, f"TypedDicts never met by a real result: {sorted(unmet)}"


def test_every_function_has_a_return_annotation() -> None:
    public = {n for n in kubetoken.__all__ if callable(getattr(kubetoken, n)) and n[0].islower()}
    assert public <= set(RETURNS), sorted(public - set(RETURNS))
