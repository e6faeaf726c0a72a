"""inspect_token and redact from Python: types in and out, and no secret in any result."""

from __future__ import annotations

import json

import pytest

import kubetoken

TOKEN = "9a08jv.c0izixklcxtmnze7"
SECRET = "c0izixklcxtmnze7"
K10 = "K10" + "e6b1f6b2d5c1a0f9" * 4 + "::"


def test_redact_str_and_bytes() -> None:
    line = f"kubeadm join 10.0.0.1:6443 --token {TOKEN} K3S_TOKEN={K10}server:hunter2hunter2"
    out = kubetoken.redact(line)
    assert isinstance(out, str)
    assert out == (
        f"kubeadm join 10.0.0.1:6443 --token 9a08jv.{kubetoken.MASK} "
        f"K3S_TOKEN={K10}server:{kubetoken.MASK}"
    )
    raw = kubetoken.redact(line.encode() + b" \xff")
    assert isinstance(raw, bytes)
    assert raw == out.encode() + b" \xff"
    assert kubetoken.redact(bytearray(b"x")) == b"x"
    with pytest.raises(TypeError):
        kubetoken.redact(5)  # type: ignore[call-overload]


def test_redact_is_idempotent_on_coloured_text() -> None:
    text = f"\x1b[32m{TOKEN[:10]}\x1b[0m{TOKEN[10:]}\n"
    once = kubetoken.redact(text)
    assert SECRET[3:] not in once
    assert kubetoken.redact(once) == once


PURPOSES = [
    None,
    "kubeadm_join",
    "karmada_register",
    "k3s_server",
    "k3s_agent",
    "rke2_server",
    "rke2_agent",
]
INPUTS = [
    TOKEN,
    TOKEN + "\n",
    TOKEN.upper(),
    K10 + TOKEN,
    K10 + "server:hunter2hunter2",
    K10 + "node:hunter2hunter2",
    "hunter2hunter2",
    "K10abc::server:hunter2hunter2",
]


@pytest.mark.parametrize("purpose", PURPOSES)
@pytest.mark.parametrize("text", INPUTS)
def test_inspect_never_returns_the_secret(text: str, purpose: str | None) -> None:
    for arg in (text, text.encode()):
        r = kubetoken.inspect_token(arg, purpose)
        dumped = json.dumps(r) + repr(r) + str(r)
        for secret in (SECRET, SECRET.upper(), "hunter2"):
            assert secret not in dumped, dumped
        assert (r["usable"] is None) == (purpose is None)


def test_inspect_answers_for_a_purpose() -> None:
    r = kubetoken.inspect_token(TOKEN, purpose="k3s-server")
    assert r["kind"] == "bootstrap_token"
    assert r["token_id"] == "9a08jv"
    assert r["usable"] is False
    assert [f["code"] for f in r["reasons"]] == ["bootstrap_token_as_server_token"]
    with pytest.raises(kubetoken.InvalidOptionsError) as info:
        kubetoken.inspect_token(TOKEN, purpose="server")
    assert info.value.code == "invalid_options"


def test_k3s_join_command_masks_its_token_when_printed() -> None:
    token = K10 + "node:hunter2hunter2"
    j = kubetoken.k3s_join_command("10.0.0.1", token, flavour="rke2")
    assert j["server"] == "https://10.0.0.1:9345"
    assert j["config"] == f"server: https://10.0.0.1:9345\ntoken: {token}\n"
    assert "hunter2" not in repr(j) and "hunter2" not in str(j)
    assert json.loads(json.dumps(j)) == j
    with pytest.raises(kubetoken.InvalidTokenError) as info:
        kubetoken.k3s_join_command("h", TOKEN, role="server")
    assert info.value.code == "invalid_k3s_token"
    assert SECRET not in str(info.value)


def test_k3s_rotate_masks_the_new_token_and_round_trips() -> None:
    old = K10 + "server:oldsecretoldsecret"
    blob = kubetoken.k3s_encrypt("oldsecretoldsecret", b"{}\n")
    r = kubetoken.k3s_rotate(old, value=blob)
    assert r["generated"] is True
    assert len(r["new_passphrase"]) == 32
    assert r["new_passphrase"] not in repr(r)
    assert r["value"] is not None
    assert kubetoken.k3s_decrypt(r["new_passphrase"], r["value"]) == b"{}\n"
    assert kubetoken.k3s_which_token_opens([old, r["new_token"]], r["value"]) == 1
    with pytest.raises(kubetoken.InvalidTokenError) as info:
        kubetoken.k3s_rotate(old, TOKEN)
    assert SECRET not in str(info.value)
