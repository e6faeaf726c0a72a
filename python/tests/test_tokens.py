"""Token functions, argument forms (datetime/timedelta/str/bytes), dict results."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

import kubetoken

TOKEN = "abcdef.0123456789abcdef"


def test_generate_token_is_valid_and_random() -> None:
    tokens = {kubetoken.generate_token() for _ in range(200)}
    assert len(tokens) == 200
    for t in tokens:
        assert kubetoken.is_valid_token(t)
        parts = kubetoken.parse_token(t)
        assert kubetoken.token_from_parts(parts["id"], parts["secret"]) == t


def test_parse_token_result() -> None:
    t = kubetoken.parse_token(TOKEN)
    assert (t["id"], t["secret"]) == ("abcdef", "0123456789abcdef")
    assert t == {"id": "abcdef", "secret": "0123456789abcdef"}
    assert isinstance(t, dict) and isinstance(t, kubetoken.SecretDict)
    assert list(t.keys()) == ["id", "secret"]
    assert str(t) == repr(t) == "{'id': 'abcdef', 'secret': ****************}"
    assert t == kubetoken.parse_token(TOKEN)


def test_token_from_parts() -> None:
    assert kubetoken.token_from_parts("abcdef", "0123456789abcdef") == TOKEN
    for id_, secret in [("abcde", "0123456789abcdef"), ("abcdef", "0123456789abcdeX"), ("", "")]:
        with pytest.raises(kubetoken.InvalidTokenError) as info:
            kubetoken.token_from_parts(id_, secret)
        assert info.value.code == "invalid_token"
        assert "0123456789abcde" not in str(info.value)


@pytest.mark.parametrize(
    "bad",
    ["", ".", TOKEN + "\n", TOKEN.upper(), "abcdef:0123456789abcdef", TOKEN[:-1], TOKEN + "0"],
)
def test_parse_token_rejects(bad: str) -> None:
    with pytest.raises(kubetoken.InvalidTokenError) as info:
        kubetoken.parse_token(bad)
    assert info.value.code == "invalid_token"
    assert "0123456789abcde" not in str(info.value)
    assert not kubetoken.is_valid_token(bad)


def test_wrong_argument_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        kubetoken.parse_token(123)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        kubetoken.parse_duration(90)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        kubetoken.parse_rfc3339(dt.date(2024, 1, 1))  # type: ignore[arg-type]


def test_names() -> None:
    assert kubetoken.is_valid_token_id("abcdef")
    assert not kubetoken.is_valid_token_id("abcdeF")
    assert kubetoken.secret_name("abcdef") == "bootstrap-token-abcdef"
    assert kubetoken.parse_secret_name("bootstrap-token-abcdef") == "abcdef"
    assert kubetoken.parse_secret_name("bootstrap-token-abc") is None


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("24h", "24h0m0s"),
        ("90m", "1h30m0s"),
        ("0", "0s"),
        (dt.timedelta(hours=24), "24h0m0s"),
        (dt.timedelta(minutes=90), "1h30m0s"),
        (dt.timedelta(0), "0s"),
        (dt.timedelta(seconds=-1, microseconds=500), "-999.5ms"),
        (dt.timedelta(microseconds=1), "1µs"),
    ],
)
def test_duration_forms(value: kubetoken.Duration, want: str) -> None:
    assert kubetoken.parse_duration(value) == want


def test_duration_errors() -> None:
    for bad in ["", "1d", "abc", "9999999999h"]:
        with pytest.raises(kubetoken.InvalidOptionsError) as info:
            kubetoken.parse_duration(bad)
        assert info.value.code == "invalid_duration"
    with pytest.raises(kubetoken.InvalidOptionsError) as info:
        kubetoken.parse_duration(dt.timedelta(days=300 * 366))
    assert info.value.code == "invalid_duration"
    assert kubetoken.short_human_duration(dt.timedelta(hours=23, minutes=59)) == "23h"


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("2024-01-02T03:04:05Z", "2024-01-02T03:04:05Z"),
        ("2024-01-02T03:04:05.5+02:00", "2024-01-02T03:04:05+02:00"),
        (dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc), "2024-01-02T03:04:05Z"),
        (
            dt.datetime(2024, 1, 2, 3, 4, 5, 999999, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
            "2024-01-02T03:04:05-07:00",
        ),
    ],
)
def test_time_forms(value: kubetoken.Time, want: str) -> None:
    assert kubetoken.parse_rfc3339(value) == want


def test_naive_datetime_is_invalid_timestamp() -> None:
    with pytest.raises(kubetoken.InvalidOptionsError) as info:
        kubetoken.parse_rfc3339(dt.datetime(2024, 1, 1))
    assert info.value.code == "invalid_timestamp"
    assert isinstance(info.value, ValueError)
    with pytest.raises(kubetoken.InvalidOptionsError) as info:
        kubetoken.parse_rfc3339("2024-01-01 00:00:00")
    assert info.value.code == "invalid_timestamp"


def test_result_pickles() -> None:
    t = kubetoken.parse_token(TOKEN)
    again = pickle.loads(pickle.dumps(t))
    assert again == t and type(again) is kubetoken.SecretDict
