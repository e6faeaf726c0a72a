"""The exception hierarchy: one class per core error family, each with ``.code``."""

from __future__ import annotations

import pickle

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


def _raise_for(code: str) -> None:
    """Triggers a real error with the given code through the public API, if we know how."""
    import datetime as dt

    triggers = {
        "invalid_token": lambda: kubetoken.parse_token("nope"),
        "invalid_duration": lambda: kubetoken.parse_duration("1d"),
        "invalid_timestamp": lambda: kubetoken.parse_rfc3339(dt.datetime(2020, 1, 1)),
    }
    triggers[code]()


@pytest.mark.parametrize("code", ["invalid_token", "invalid_duration", "invalid_timestamp"])
def test_real_errors_from_the_core(code: str) -> None:
    family = dict(kubetoken.ERROR_CODES)[code]
    with pytest.raises(getattr(kubetoken, family)) as info:
        _raise_for(code)
    assert info.value.code == code
    assert type(info.value).__name__ == family
