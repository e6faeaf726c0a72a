"""API server, listing, discovery and join through the Python API: argument forms and
result classes (the exact values are covered by the shared vectors)."""

from __future__ import annotations

import datetime as dt
import json

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
    listed = {"apiVersion": "v1", "kind": "List", "items": [m.to_dict()]}
    forms: list[object] = [
        [m],
        [m.to_dict()],
        [json.dumps(m.to_dict())],
        [kubetoken.render_secret_yaml(TOKEN, now=NOW)],
        listed,
        yaml.safe_dump(listed),
        json.dumps(listed).encode(),
    ]
    later = dt.datetime(2024, 5, 1, 13, tzinfo=dt.timezone.utc)
    for secrets in forms:
        a = kubetoken.authenticate(TOKEN, secrets, now=later)  # type: ignore[arg-type]
        assert a.authenticated, secrets
        assert a.reason is None
        assert a.user is not None and a.user.name == "system:bootstrap:abcdef"
        assert "system:bootstrappers" in a.user.groups
        assert a.to_dict()["user"]["name"] == "system:bootstrap:abcdef"


def test_authenticate_denials_are_answers() -> None:
    m = _secret()
    cases = {
        "abcdef.0123456789abcdez": "secret_mismatch",
        "nope": "malformed_token",
        "zzzzzz.0123456789abcdef": "not_found",
    }
    for token, reason in cases.items():
        a = kubetoken.authenticate(token, [m], now=NOW)
        assert not a.authenticated and a.user is None and a.reason == reason
    expired = kubetoken.authenticate(TOKEN, [m], now="2030-01-01T00:00:00Z")
    assert expired.reason == "expired"
    # now defaults to the current time: a 2024 token has expired by now.
    assert kubetoken.authenticate(TOKEN, [m]).reason == "expired"


def test_controllers_and_listing() -> None:
    m = _secret(description="hello")
    e = kubetoken.token_expiration(m, now=NOW)
    assert (e.remaining, e.expired) == ("24h0m0s", False)
    c = kubetoken.signing_credentials(m, now=NOW)
    assert c is not None and (c.token_id, c.token_secret) == ("abcdef", "0123456789abcdef")
    assert kubetoken.signing_credentials(m, now="2030-01-01T00:00:00Z") is None
    assert kubetoken.cleaner_action(m, now=NOW).action == "requeue"
    gone = kubetoken.cleaner_action(m, now="2030-01-01T00:00:00Z")
    assert (gone.action, gone.name, gone.namespace) == ("delete", m.name, "kube-system")
    assert gone.to_dict() == {"action": "delete", "namespace": "kube-system", "name": m.name, "uid": None}
    listing = kubetoken.list_tokens([m], now=NOW)
    assert TOKEN in listing.output and "hello" in listing.output
    assert listing.errors == []
    assert kubetoken.list_tokens([m], now=NOW, format="json").output.startswith("{")
    spec = kubetoken.parse_secret(m)
    assert kubetoken.render_token_list([spec], now=NOW) == listing.output
    assert kubetoken.delete_token_names(["abcdef", TOKEN]) == ["bootstrap-token-abcdef"] * 2
    with pytest.raises(kubetoken.InvalidOptionsError):
        kubetoken.list_tokens([m], now=NOW, format="xml")


def test_sign_and_verify_cluster_info() -> None:
    cm = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "cluster-info", "namespace": "kube-public"},
        "data": {"kubeconfig": "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://10.0.0.1:6443\n  name: \"\"\n"},
    }
    signed = kubetoken.sign_cluster_info(cm, [_secret()], now=NOW)
    assert signed.changed
    assert "jws-kubeconfig-abcdef" in signed.configmap["data"]
    ok = kubetoken.verify_cluster_info(signed.configmap, TOKEN)
    assert ok.verified and ok.server == "https://10.0.0.1:6443" and ok.pinned is False
    bad = kubetoken.verify_cluster_info(signed.configmap, "abcdef.0123456789abcdez")
    assert not bad.verified and bad.reason == "bad_signature"
    assert "0123456789abcde" not in (bad.message or "")
    sig = signed.configmap["data"]["jws-kubeconfig-abcdef"]
    content = cm["data"]["kubeconfig"]
    assert kubetoken.compute_jws(content, "abcdef", "0123456789abcdef") == sig
    assert kubetoken.compute_jws(content.encode(), "abcdef", b"0123456789abcdef") == sig
    assert kubetoken.verify_jws(sig, content, "abcdef", "0123456789abcdef")
    assert not kubetoken.verify_jws(sig, content + " ", "abcdef", "0123456789abcdef")


def test_join_and_register_commands() -> None:
    assert kubetoken.join_command(TOKEN, server="https://10.0.0.1:6443", ca_cert_hashes=[HASH]) == (
        f"kubeadm join 10.0.0.1:6443 --token {TOKEN} --discovery-token-ca-cert-hash {HASH} "
    )
    assert kubetoken.register_command(TOKEN, server="https://10.0.0.1:6443", ca_cert_hashes=[HASH]) == (
        f"karmadactl register 10.0.0.1:6443 --token {TOKEN} --discovery-token-ca-cert-hash {HASH}"
    )
    with pytest.raises(kubetoken.InvalidOptionsError):
        kubetoken.join_command(TOKEN, server="https://10.0.0.1:6443", ca_cert_hashes=[])
