"""API server, listing, discovery and join through the Python API: argument forms and
dict results (the exact values are covered by the shared vectors)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
import yaml

import kubetoken

TOKEN = "abcdef.0123456789abcdef"
NOW = "2024-05-01T12:00:00Z"
HASH = "sha256:7f5d0a6b7b8c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c"


def _secret(**kwargs: object) -> kubetoken.SecretManifest:
    return kubetoken.render_secret(TOKEN, now=NOW, **kwargs)  # type: ignore[arg-type]


def test_authenticate_accepts_every_secret_form() -> None:
    m = _secret()
    listed = {"apiVersion": "v1", "kind": "List", "items": [m]}
    forms: list[object] = [
        [m],
        (m,),
        [json.dumps(m)],
        [kubetoken.render_secret_yaml(TOKEN, now=NOW)],
        listed,
        yaml.safe_dump(listed),
        json.dumps(listed).encode(),
    ]
    later = dt.datetime(2024, 5, 1, 13, tzinfo=dt.timezone.utc)
    for secrets in forms:
        a = kubetoken.authenticate(TOKEN, secrets, now=later)  # type: ignore[arg-type]
        assert a["authenticated"], secrets
        assert a["reason"] is None
        user = a["user"]
        assert user is not None and user["name"] == "system:bootstrap:abcdef"
        assert "system:bootstrappers" in user["groups"]
        assert type(a) is dict


def test_authenticate_denials_are_answers() -> None:
    m = _secret()
    cases = {
        "abcdef.0123456789abcdez": "secret_mismatch",
        "nope": "malformed_token",
        "zzzzzz.0123456789abcdef": "not_found",
    }
    for token, reason in cases.items():
        a = kubetoken.authenticate(token, [m], now=NOW)
        assert a == {"authenticated": False, "user": None, "reason": reason}
    expired = kubetoken.authenticate(TOKEN, [m], now="2030-01-01T00:00:00Z")
    assert expired["reason"] == "expired"
    # now defaults to the current time: a 2024 token has expired by now.
    assert kubetoken.authenticate(TOKEN, [m])["reason"] == "expired"


def test_controllers_and_listing() -> None:
    m = _secret(description="hello")
    assert kubetoken.token_expiration(m, now=NOW) == {"remaining": "24h0m0s", "expired": False}
    c = kubetoken.signing_credentials(m, now=NOW)
    assert c == {"token_id": "abcdef", "token_secret": "0123456789abcdef"}
    assert kubetoken.signing_credentials(m, now="2030-01-01T00:00:00Z") is None
    assert kubetoken.cleaner_action(m, now=NOW)["action"] == "requeue"
    gone = kubetoken.cleaner_action(m, now="2030-01-01T00:00:00Z")
    name = m["metadata"]["name"]
    assert gone == {"action": "delete", "namespace": "kube-system", "name": name, "uid": None}
    listing = kubetoken.list_tokens([m], now=NOW)
    assert TOKEN in listing["output"] and "hello" in listing["output"]
    assert listing["errors"] == []
    assert kubetoken.list_tokens([m], now=NOW, format="json")["output"].startswith("{")
    spec = kubetoken.parse_secret(m)
    assert kubetoken.render_token_list([spec], now=NOW) == listing["output"]
    assert kubetoken.delete_token_names(["abcdef", TOKEN]) == ["bootstrap-token-abcdef"] * 2
    with pytest.raises(kubetoken.InvalidOptionsError):
        kubetoken.list_tokens([m], now=NOW, format="xml")


def test_sign_and_verify_cluster_info() -> None:
    cm = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "cluster-info", "namespace": "kube-public"},
        "data": {
            "kubeconfig": 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://10.0.0.1:6443\n  name: ""\n'
        },
    }
    signed = kubetoken.sign_cluster_info(cm, [_secret()], now=NOW)
    assert signed["changed"]
    assert "jws-kubeconfig-abcdef" in signed["configmap"]["data"]
    ok = kubetoken.verify_cluster_info(signed["configmap"], TOKEN)
    assert ok["verified"] and ok.get("server") == "https://10.0.0.1:6443"
    assert ok.get("pinned") is False
    bad = kubetoken.verify_cluster_info(signed["configmap"], "abcdef.0123456789abcdez")
    assert not bad["verified"] and bad.get("reason") == "bad_signature"
    assert "0123456789abcde" not in bad.get("message", "")
    sig = signed["configmap"]["data"]["jws-kubeconfig-abcdef"]
    content = cm["data"]["kubeconfig"]
    assert kubetoken.compute_jws(content, "abcdef", "0123456789abcdef") == sig
    assert kubetoken.compute_jws(content.encode(), "abcdef", b"0123456789abcdef") == sig
    assert kubetoken.verify_jws(sig, content, "abcdef", "0123456789abcdef")
    assert not kubetoken.verify_jws(sig, content + " ", "abcdef", "0123456789abcdef")


def test_join_and_register_commands() -> None:
    assert kubetoken.join_command(TOKEN, server="https://10.0.0.1:6443", ca_cert_hashes=[HASH]) == (
        f"kubeadm join 10.0.0.1:6443 --token {TOKEN} --discovery-token-ca-cert-hash {HASH} "
    )
    assert kubetoken.register_command(
        TOKEN, server="https://10.0.0.1:6443", ca_cert_hashes=[HASH]
    ) == (
        f"karmadactl register 10.0.0.1:6443 --token {TOKEN} --discovery-token-ca-cert-hash {HASH}"
    )
    with pytest.raises(kubetoken.InvalidOptionsError):
        kubetoken.join_command(TOKEN, server="https://10.0.0.1:6443", ca_cert_hashes=[])


def test_pem_bytes_are_hashed_as_given(repo: Path) -> None:
    pem = (repo / "tests/fixtures/k3s/cert-ed25519-root.pem").read_bytes()
    # A Latin-1 comment (not UTF-8) before the certificate: k3s hashes the file's bytes.
    bundle = b"# caf\xe9 root\n" + pem
    h = kubetoken.k3s_ca_hash(bundle, now=NOW)
    assert h == {"hash": hashlib.sha256(bundle).hexdigest(), "method": "single"}
    assert kubetoken.k3s_ca_hash(pem, now=NOW) == kubetoken.k3s_ca_hash(pem.decode(), now=NOW)
    hashes = kubetoken.ca_cert_hashes(bundle)
    assert hashes == kubetoken.ca_cert_hashes(pem.decode())
    assert kubetoken.check_ca_pins(bundle, hashes) == {"pinned": True}
    miss = kubetoken.check_ca_pins(bytearray(bundle), [HASH])
    assert miss["pinned"] is False and miss.get("hashes") == hashes
    token = kubetoken.format_k3s_token(TOKEN, bundle, now=NOW)
    assert token == f"K10{h['hash']}::{TOKEN}"
    check = kubetoken.verify_k3s_ca(token, bundle, now=NOW)
    assert check["ok"] and check["status"] == "match"


def test_k3s_encrypt_round_trip_and_injection() -> None:
    sealed = kubetoken.k3s_encrypt("pass", b"\x00\xffdata")
    assert kubetoken.k3s_decrypt("pass", sealed) == b"\x00\xffdata"
    assert kubetoken.k3s_encrypt("pass", "x") != kubetoken.k3s_encrypt("pass", "x")  # random
    fixed = kubetoken.k3s_encrypt("pass", "x", salt="s", nonce="00" * 12)
    assert fixed == kubetoken.k3s_encrypt("pass", b"x", salt="s", nonce="00" * 12)
    with pytest.raises(TypeError):
        kubetoken.k3s_encrypt("pass", "x", "s", "00" * 12)  # type: ignore[misc]
    with pytest.raises(kubetoken.InvalidOptionsError):
        kubetoken.k3s_encrypt("pass", "x", salt="s")
