"""Secret hygiene: no repr/str of a result and no exception message carries a token
secret (or its base64), whatever the input."""

from __future__ import annotations

import base64
import re
from typing import Any, Callable

import pytest

import kubetoken
from conftest import REPO

TOKEN = "abcdef.0123456789abcdef"
SECRET = "0123456789abcdef"
NOW = "2024-05-01T12:00:00Z"
HASH = "sha256:7f5d0a6b7b8c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c"
FORBIDDEN = [SECRET, base64.b64encode(SECRET.encode()).decode(), "0123456789abcd"]


def _clean(text: str, what: str) -> None:
    for f in FORBIDDEN:
        assert f not in text, f"{what} leaks the secret: {text!r}"


def _check(value: Any) -> None:
    _clean(repr(value), "repr")
    _clean(str(value), "str")
    if isinstance(value, list):
        for v in value:
            _check(v)


def _secret() -> dict[str, Any]:
    return dict(kubetoken.render_secret(TOKEN, now=NOW, description="d"))


RESULTS: list[tuple[str, Callable[[], Any]]] = [
    ("parse_token", lambda: kubetoken.parse_token(TOKEN)),
    ("render_secret", lambda: kubetoken.render_secret(TOKEN, now=NOW)),
    (
        "render_secret string_data",
        lambda: kubetoken.render_secret(TOKEN, now=NOW, string_data=True),
    ),
    ("encode_token_secret", lambda: kubetoken.encode_token_secret(TOKEN, now=NOW)),
    ("parse_secret", lambda: kubetoken.parse_secret(_secret())),
    ("parse_secret_list", lambda: kubetoken.parse_secret_list([_secret(), {"kind": "Secret"}])),
    ("authenticate ok", lambda: kubetoken.authenticate(TOKEN, [_secret()], now=NOW)),
    (
        "authenticate wrong secret",
        lambda: kubetoken.authenticate("abcdef.0123456789abcdeX", [_secret()], now=NOW),
    ),
    ("signing_credentials", lambda: kubetoken.signing_credentials(_secret(), now=NOW)),
    ("token_expiration", lambda: kubetoken.token_expiration(_secret(), now=NOW)),
    ("cleaner_action", lambda: kubetoken.cleaner_action(_secret(), now=NOW)),
    ("list_tokens", lambda: kubetoken.list_tokens([_secret()], now=NOW)),
    (
        "parse_k3s_token bootstrap",
        lambda: kubetoken.parse_k3s_token("K10" + "a" * 64 + "::" + TOKEN),
    ),
    (
        "parse_k3s_token password",
        lambda: kubetoken.parse_k3s_token("K10" + "a" * 64 + "::server:" + SECRET),
    ),
    ("k3s_credentials", lambda: kubetoken.k3s_credentials("K10" + "a" * 64 + "::server:" + SECRET)),
    (
        "list_tokens bad item",
        lambda: kubetoken.list_tokens(
            [
                _secret(),
                {
                    "kind": "Secret",
                    "metadata": {"name": "bootstrap-token-abcdef", "namespace": "kube-system"},
                    "type": "bootstrap.kubernetes.io/token",
                    "data": {
                        "token-id": "YWJjZGVm",
                        "token-secret": base64.b64encode(b"0123456789abcdeX").decode(),
                    },
                },
            ],
            now=NOW,
        ),
    ),
]


@pytest.mark.parametrize(("name", "fn"), RESULTS, ids=[n for n, _ in RESULTS])
def test_result_reprs_are_secret_free(name: str, fn: Callable[[], Any]) -> None:
    value = fn()
    _check(value)
    # ... and the values are all there for whoever asks for them.
    assert isinstance(value, (dict, list))


ERRORS: list[tuple[str, Callable[[], Any]]] = [
    ("parse_token upper", lambda: kubetoken.parse_token(TOKEN.upper())),
    ("parse_token newline", lambda: kubetoken.parse_token(TOKEN + "\n")),
    ("parse_token long", lambda: kubetoken.parse_token(TOKEN + "0")),
    ("parse_token colon", lambda: kubetoken.parse_token(TOKEN.replace(".", ":"))),
    ("render bad usage", lambda: kubetoken.render_secret(TOKEN, usages=["bogus"])),
    ("render bad group", lambda: kubetoken.render_secret(TOKEN, groups=["admins"])),
    (
        "render groups without auth",
        lambda: kubetoken.render_secret(
            TOKEN, usages=["signing"], groups=["system:bootstrappers:x"]
        ),
    ),
    ("render bad token", lambda: kubetoken.render_secret(TOKEN + "x")),
    (
        "parse_secret wrong id",
        lambda: kubetoken.parse_secret(
            {**_secret(), "metadata": {"name": "bootstrap-token-zzzzzz"}}
        ),
    ),
    ("join bad server", lambda: kubetoken.join_command(TOKEN, server="a b", ca_cert_hashes=[HASH])),
    (
        "join bad token",
        lambda: kubetoken.join_command(TOKEN.upper(), server="x:6443", ca_cert_hashes=[HASH]),
    ),
    ("join no hashes", lambda: kubetoken.join_command(TOKEN, server="x:6443", ca_cert_hashes=[])),
    ("verify bad token", lambda: kubetoken.verify_cluster_info({"kind": "ConfigMap"}, TOKEN + "X")),
    ("delete full token bad", lambda: kubetoken.delete_token_names([TOKEN + "X"])),
    ("k3s bad hash", lambda: kubetoken.parse_k3s_token("K10" + "a" * 63 + "::" + TOKEN)),
    ("k3s normalize bootstrap", lambda: kubetoken.k3s_normalize_token(TOKEN)),
    ("options typo token", lambda: kubetoken.validate_token_options(TOKEN[:-1] + "!")),
]


@pytest.mark.parametrize(("name", "fn"), ERRORS, ids=[n for n, _ in ERRORS])
def test_error_messages_are_secret_free(name: str, fn: Callable[[], Any]) -> None:
    with pytest.raises(kubetoken.KubetokenError) as info:
        fn()
    _clean(str(info.value), "message")
    _clean(repr(info.value), "repr")
    assert info.value.code in dict(kubetoken.ERROR_CODES)


def test_every_documented_op_is_exposed_or_listed() -> None:
    doc = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    from test_vectors import ADAPTERS, NOT_EXPOSED

    ops = set()
    header = ""
    for line in doc.splitlines():
        if not line.startswith("|"):
            header = ""
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if not header:
            header = cells[0] if cells else "-"
            continue
        m = re.fullmatch(r"`([a-z0-9_]+)`", cells[0]) if cells else None
        if header == "op" and m and m.group(1) not in NOT_EXPOSED and m.group(1) not in ADAPTERS:
            ops.add(m.group(1))
    assert len(ops) > 20
    missing = sorted(op for op in ops if not callable(getattr(kubetoken, op, None)))
    assert missing == [], f"documented in docs/api.md but not in kubetoken: {missing}"
    for op in ops:
        assert op in kubetoken.__all__


def test_all_is_complete() -> None:
    public = {n for n in dir(kubetoken) if not n.startswith("_")}
    assert public <= set(kubetoken.__all__), public - set(kubetoken.__all__)
    assert set(kubetoken.__all__) <= set(dir(kubetoken))
