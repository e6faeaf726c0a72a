"""The exception hierarchy: one class per core error family, each with ``.code``."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any, Callable

import pytest

import kubetoken

FAMILIES = [
    "InvalidTokenError",
    "InvalidOptionsError",
    "InvalidSecretError",
    "InvalidManifestError",
    "InvalidCertificateError",
    "CryptoError",
    "InputTooLargeError",
    "UnsupportedError",
]


def test_every_core_family_has_a_class() -> None:
    families = {family for _code, family in kubetoken.ERROR_CODES}
    assert families == set(FAMILIES)
    codes = [code for code, _family in kubetoken.ERROR_CODES]
    assert len(codes) == len(set(codes))
    for name in FAMILIES:
        cls = getattr(kubetoken, name)
        assert issubclass(cls, kubetoken.KubetokenError)
        assert issubclass(cls, ValueError)
        assert name in kubetoken.__all__


@pytest.mark.parametrize(("code", "family"), list(map(tuple, kubetoken.ERROR_CODES)))
def test_class_carries_code(code: str, family: str) -> None:
    cls = getattr(kubetoken, family)
    err = cls("message", code)
    assert err.code == code
    assert str(err) == "message"
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is cls and again.code == code and str(again) == "message"
    with pytest.raises(kubetoken.KubetokenError):
        raise err


BAD_CERT = "-----BEGIN CERTIFICATE-----\nAAECAwQ=\n-----END CERTIFICATE-----\n"
SEALED = (
    "0123456789abcdef:AAECAwQFBgcICQoLw/IS8tpcX6KWtNJyfom6avkE38NG82jatPQKEZwvjU6iX2zvD4AWBPK8"
    "+NEzEjiN63YGWDQYp+4snR//Yx7o87aK8P8XaeW25p4SxAbV3cENVdoJywun"
)
KUBECONFIG_WITH_CA_FILE = """apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /etc/kubernetes/pki/ca.crt
    server: https://10.0.0.1:6443
  name: c
contexts:
- context: {cluster: c, user: u}
  name: x
current-context: x
"""

# One real call per error code through the public API (random_failure needs a broken
# OS random source and is only covered by the class test above).
TRIGGERS: dict[str, Callable[[], Any]] = {
    "invalid_token": lambda: kubetoken.parse_token("nope"),
    "invalid_k3s_token": lambda: kubetoken.parse_k3s_token(""),
    "invalid_group": lambda: kubetoken.validate_group("admins"),
    "invalid_usage": lambda: kubetoken.validate_usages(["bogus"]),
    "invalid_duration": lambda: kubetoken.parse_duration("1d"),
    "invalid_timestamp": lambda: kubetoken.parse_rfc3339(dt.datetime(2020, 1, 1)),
    "invalid_options": lambda: kubetoken.validate_token_groups(
        ["signing"], ["system:bootstrappers:x"]
    ),
    "invalid_secret": lambda: kubetoken.parse_secret({"kind": "Secret"}),
    "invalid_configmap": lambda: kubetoken.verify_cluster_info("[]", "abcdef.0123456789abcdef"),
    "invalid_kubeconfig": lambda: kubetoken.parse_kubeconfig("[]"),
    "invalid_pem": lambda: kubetoken.ca_cert_hashes("not pem"),
    "invalid_certificate": lambda: kubetoken.k3s_ca_hash(BAD_CERT, now="2026-01-01T00:00:00Z"),
    "invalid_hash": lambda: kubetoken.parse_ca_pins(["sha256:zz"]),
    "invalid_ciphertext": lambda: kubetoken.k3s_decrypt("token", "nocolon"),
    "decryption_failed": lambda: kubetoken.k3s_decrypt("tokenx", SEALED),
    "input_too_large": lambda: kubetoken.parse_secret("a" * (2 << 20)),
    "unsupported": lambda: kubetoken.join_command(
        "abcdef.0123456789abcdef", kubeconfig=KUBECONFIG_WITH_CA_FILE
    ),
}


def test_every_code_is_triggered_or_explained() -> None:
    codes = {code for code, _ in kubetoken.ERROR_CODES}
    untriggered = codes - set(TRIGGERS)
    # invalid_token_id: every public function taking a bare ID answers with a bool/None
    # (is_valid_token_id, parse_secret_name) rather than raising.
    assert untriggered <= {"random_failure", "invalid_token_id"}, untriggered


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_real_errors_from_the_core(code: str) -> None:
    family = dict(kubetoken.ERROR_CODES)[code]
    with pytest.raises(getattr(kubetoken, family)) as info:
        TRIGGERS[code]()
    assert info.value.code == code, str(info.value)
    assert type(info.value).__name__ == family
    assert isinstance(info.value, kubetoken.KubetokenError)
    assert isinstance(info.value, ValueError)


def _deep_secret(levels: int) -> dict:
    x: object = 0
    for _ in range(1, levels):
        x = [x]
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "bootstrap-token-abcdef", "namespace": "kube-system"},
        "type": "bootstrap.kubernetes.io/token",
        "stringData": {"token-id": "abcdef", "token-secret": "0123456789abcdef"},
        "x": x,
    }


def test_nesting_past_the_cap_is_input_too_large() -> None:
    """MAX_NESTING (64) in every form, as in the other doors: dicts, lists, tuples, a
    cycle, JSON and YAML text (a list item's own mapping is level 3 in text)."""
    import json

    def too_large(f, *args: object) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(kubetoken.InputTooLargeError) as e:
            f(*args)
        assert e.value.code == "input_too_large"
        assert "64" in str(e.value)

    assert kubetoken.parse_secret(_deep_secret(64))["id"] == "abcdef"
    too_large(kubetoken.parse_secret, _deep_secret(65))
    cyclic = _deep_secret(2)
    cyclic["x"] = cyclic
    too_large(kubetoken.parse_secret, cyclic)
    tupled = _deep_secret(2)
    tupled["x"] = ((((0,),),),)
    assert kubetoken.parse_secret(tupled)["id"] == "abcdef"
    assert len(kubetoken.parse_secret_list([_deep_secret(63)])) == 1
    too_large(kubetoken.parse_secret_list, [_deep_secret(64)])
    for prefix in ("", "#\n"):
        assert kubetoken.parse_secret(prefix + json.dumps(_deep_secret(64)))["id"] == "abcdef"
        too_large(kubetoken.parse_secret, prefix + json.dumps(_deep_secret(65)))
        ok, deep = json.dumps(_deep_secret(62)), json.dumps(_deep_secret(63))
        listed = kubetoken.parse_secret_list(f'{prefix}{{"kind": "List", "items": [{ok}]}}')
        assert len(listed) == 1
        too_large(kubetoken.parse_secret_list, f'{prefix}{{"kind": "List", "items": [{deep}]}}')


def test_jws_caps_as_in_every_door() -> None:
    """MAX_JWS_BYTES (1 MiB) on content and secret, str or bytes (was only in the façade)."""
    big = b"x" * ((1 << 20) + 1)
    for content, secret in ((big, b"s"), (big.decode(), "s"), (b"c", big)):
        with pytest.raises(kubetoken.InputTooLargeError):
            kubetoken.compute_jws(content, "abcdef", secret)
        with pytest.raises(kubetoken.InputTooLargeError):
            kubetoken.verify_jws("x..y", content, "abcdef", secret)
    at_cap = b"x" * (1 << 20)
    sig = kubetoken.compute_jws(at_cap, "abcdef", "s")
    assert kubetoken.verify_jws(sig, at_cap, "abcdef", "s") is True
