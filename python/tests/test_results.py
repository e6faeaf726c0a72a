"""Results are the JSON values themselves: every consumer a user hands them to works with
no conversion call (json, Ansible's exit_json encoder, yaml.safe_dump, pickle, copy,
``==`` with a plain dict), while results carrying a secret still mask it in repr/str."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any, Callable

import pytest
import yaml

import kubetoken

TOKEN = "abcdef.0123456789abcdef"
SECRET = "0123456789abcdef"
NOW = "2024-05-01T12:00:00Z"
K10 = "K10" + "a" * 64 + "::"

RESULTS: list[tuple[str, Callable[[], Any]]] = [
    ("parse_token", lambda: kubetoken.parse_token(TOKEN)),
    ("render_secret", lambda: kubetoken.render_secret(TOKEN, now=NOW)),
    (
        "render_secret string_data",
        lambda: kubetoken.render_secret(TOKEN, now=NOW, string_data=True),
    ),
    ("parse_secret", lambda: kubetoken.parse_secret(kubetoken.render_secret(TOKEN, now=NOW))),
    (
        "parse_secret_list",
        lambda: kubetoken.parse_secret_list([kubetoken.render_secret(TOKEN, now=NOW), {}]),
    ),
    (
        "signing_credentials",
        lambda: kubetoken.signing_credentials(kubetoken.render_secret(TOKEN, now=NOW), now=NOW),
    ),
    (
        "list_tokens",
        lambda: kubetoken.list_tokens([kubetoken.render_secret(TOKEN, now=NOW)], now=NOW),
    ),
    ("parse_k3s_token", lambda: kubetoken.parse_k3s_token(K10 + "server:" + SECRET)),
    ("k3s_credentials", lambda: kubetoken.k3s_credentials(K10 + "server:" + SECRET)),
    (
        "authenticate",
        lambda: kubetoken.authenticate(TOKEN, [kubetoken.render_secret(TOKEN, now=NOW)], now=NOW),
    ),
    (
        "token_expiration",
        lambda: kubetoken.token_expiration(kubetoken.render_secret(TOKEN, now=NOW), now=NOW),
    ),
]
IDS = [n for n, _ in RESULTS]


def _plain(value: Any) -> Any:
    """The same data as builtin dicts/lists (what the vectors hold)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@pytest.mark.parametrize(("name", "fn"), RESULTS, ids=IDS)
def test_json_pickle_copy_and_equality(name: str, fn: Callable[[], Any]) -> None:
    value = fn()
    plain = _plain(value)
    assert value == plain and plain == value
    assert json.loads(json.dumps(value)) == plain
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.copy(value) == value and copy.deepcopy(value) == value
    if isinstance(value, dict):
        assert list(value.keys()) == list(plain.keys())
        for k in value:
            assert value[k] == plain[k]


@pytest.mark.parametrize(("name", "fn"), RESULTS, ids=IDS)
def test_yaml_safe_dump_writes_the_real_values(name: str, fn: Callable[[], Any]) -> None:
    value = fn()
    assert yaml.safe_load(yaml.safe_dump(value)) == _plain(value)
    assert yaml.safe_load(yaml.dump(value)) == _plain(value)
    if hasattr(yaml, "CSafeDumper"):
        assert yaml.safe_load(yaml.dump(value, Dumper=yaml.CSafeDumper)) == _plain(value)


@pytest.mark.parametrize(("name", "fn"), RESULTS, ids=IDS)
def test_ansible_encoder_writes_the_real_values(name: str, fn: Callable[[], Any]) -> None:
    encoder = pytest.importorskip("ansible.module_utils.common.json")
    value = fn()
    text = json.dumps({"result": value}, cls=encoder.AnsibleJSONEncoder)
    assert json.loads(text) == {"result": _plain(value)}


def test_secret_bearing_results_mask_and_others_are_plain_dicts() -> None:
    masked = kubetoken.parse_token(TOKEN)
    assert type(masked) is kubetoken.SecretDict and SECRET not in repr(masked)
    assert SECRET in json.dumps(masked)  # the serialisation is faithful
    assert kubetoken.MASK in repr(masked)
    assert (
        type(kubetoken.token_expiration(kubetoken.render_secret(TOKEN, now=NOW), now=NOW)) is dict
    )
    auth = kubetoken.authenticate(TOKEN, [kubetoken.render_secret(TOKEN, now=NOW)], now=NOW)
    assert type(auth) is dict and type(auth["user"]) is dict
    # Nested values are plain: only the top level of a result is a SecretDict.
    manifest = kubetoken.render_secret(TOKEN, now=NOW)
    assert type(manifest["data"]) is dict and type(manifest["metadata"]) is dict


def test_yaml_imported_after_kubetoken_still_dumps(tmp_path: Any) -> None:
    import subprocess
    import sys

    code = (
        "import kubetoken\n"
        f"m = kubetoken.render_secret({TOKEN!r}, now={NOW!r})\n"
        "import yaml\n"
        f"m = kubetoken.render_secret({TOKEN!r}, now={NOW!r})\n"
        "print(yaml.safe_dump(m))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "token-secret: " in out.stdout
