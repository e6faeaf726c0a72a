"""Token options and Secrets through the Python API: argument forms, round trips, the
YAML rendering against PyYAML on hostile descriptions."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
import pickle

import pytest
import yaml

import kubetoken

TOKEN = "abcdef.0123456789abcdef"
NOW = "2024-05-01T12:00:00Z"

HOSTILE = [
    "",
    "plain",
    "colon: value",
    "- dash",
    "# hash",
    "'single' \"double\"",
    "multi\nline\n",
    "\ttab and trailing space ",
    "yes",
    "no",
    "null",
    "~",
    "0o17",
    "1e3",
    "12:30",
    "2024-01-01",
    "{flow: map}",
    "[flow, seq]",
    "&anchor *alias !tag",
    "%directive",
    "@at `backtick`",
    "---",
    "...",
    "unicode: ünïcødé 🚀 \u2028 \u0085",
    "control \x01\x7f",
    " leading space",
    "? key",
    "| literal",
    "> folded",
    "a" * 2000,
]


def test_render_secret_defaults() -> None:
    m = kubetoken.render_secret(TOKEN, now=NOW)
    d = m
    assert d["metadata"] == {"name": "bootstrap-token-abcdef", "namespace": "kube-system"}
    assert d["type"] == "bootstrap.kubernetes.io/token"
    assert base64.b64decode(d["data"]["expiration"]) == b"2024-05-02T12:00:00Z"
    assert base64.b64decode(d["data"]["token-secret"]) == b"0123456789abcdef"
    assert list(m.keys()) == ["apiVersion", "data", "kind", "metadata", "type"]
    assert "token-secret" in m["data"]
    spec = kubetoken.parse_secret(m)
    assert spec["token"] == TOKEN
    assert spec["groups"] == ["system:bootstrappers:kubeadm:default-node-token"]
    assert spec["usages"] == ["authentication", "signing"]
    assert spec["expires"] == "2024-05-02T12:00:00Z"


def test_manifest_is_a_fresh_dict_per_call() -> None:
    m = kubetoken.render_secret(TOKEN, now=NOW)
    m["metadata"]["name"] = "changed"
    assert kubetoken.render_secret(TOKEN, now=NOW)["metadata"]["name"] == "bootstrap-token-abcdef"
    m = kubetoken.render_secret(TOKEN, now=NOW)
    assert pickle.loads(pickle.dumps(m)) == m
    assert copy.deepcopy(m) == m == copy.copy(m)


def test_generated_token_and_now_default() -> None:
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    m = kubetoken.render_secret(ttl=dt.timedelta(hours=1))
    after = dt.datetime.now(dt.timezone.utc)
    spec = kubetoken.parse_secret(m)
    assert kubetoken.is_valid_token(spec["token"])
    expires = spec["expires"]
    assert expires is not None
    exp = dt.datetime.fromisoformat(expires.replace("Z", "+00:00"))
    assert before + dt.timedelta(hours=1) <= exp <= after + dt.timedelta(hours=1)


def test_native_and_string_forms_agree() -> None:
    a = kubetoken.render_secret(
        TOKEN,
        ttl="90m",
        now=NOW,
        usages="signing,authentication",
        groups="system:bootstrappers:a,system:bootstrappers:b",
    )
    b = kubetoken.render_secret(
        TOKEN,
        ttl=dt.timedelta(minutes=90),
        now=dt.datetime(2024, 5, 1, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        usages=["signing", "authentication"],
        groups=("system:bootstrappers:a", "system:bootstrappers:b"),
    )
    assert a == b
    e1 = kubetoken.render_secret(TOKEN, expires="2030-01-01T00:00:00+01:00", now=NOW)
    e2 = kubetoken.render_secret(
        TOKEN,
        expires=dt.datetime(2030, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        now=NOW,
    )
    assert e1 == e2
    assert base64.b64decode(e1["data"]["expiration"]) == b"2029-12-31T23:00:00Z"


def test_aware_datetimes_read_like_their_isoformat() -> None:
    zones = [dt.timezone(dt.timedelta(hours=-9, minutes=-30)), dt.timezone(dt.timedelta(hours=5))]
    for tz in zones:
        when = dt.datetime(2030, 2, 28, 23, 59, 58, 123456, tzinfo=tz)
        by_dt = kubetoken.render_secret(TOKEN, expires=when, now=NOW)
        by_text = kubetoken.render_secret(TOKEN, expires=when.isoformat(), now=NOW)
        assert by_dt == by_text
    # An offset with seconds has no RFC3339 form: refused as its isoformat text is.
    odd = dt.datetime(2030, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1, seconds=30)))
    with pytest.raises(kubetoken.InvalidOptionsError) as info:
        kubetoken.render_secret(TOKEN, expires=odd, now=NOW)
    assert info.value.code == "invalid_timestamp"


def test_naive_now_and_expires_rejected() -> None:
    for kwargs in ({"now": dt.datetime(2024, 1, 1)}, {"expires": dt.datetime(2030, 1, 1)}):
        with pytest.raises(kubetoken.InvalidOptionsError) as info:
            kubetoken.render_secret(TOKEN, **kwargs)  # type: ignore[arg-type]
        assert info.value.code == "invalid_timestamp"


def test_option_errors() -> None:
    cases = [
        ({"token": "nope"}, kubetoken.InvalidTokenError, "invalid_token"),
        ({"usages": ["bogus"]}, kubetoken.InvalidOptionsError, "invalid_usage"),
        ({"groups": ["admins"]}, kubetoken.InvalidOptionsError, "invalid_group"),
        ({"ttl": "1d"}, kubetoken.InvalidOptionsError, "invalid_duration"),
        ({"flavour": "minikube"}, kubetoken.InvalidOptionsError, "invalid_options"),
        ({"ttl": "1h", "expires": NOW}, kubetoken.InvalidOptionsError, "invalid_options"),
    ]
    for kwargs, cls, code in cases:
        with pytest.raises(cls) as info:
            kubetoken.render_secret(now=NOW, **kwargs)  # type: ignore[arg-type]
        assert info.value.code == code, kwargs
        with pytest.raises(cls):
            kubetoken.validate_token_options(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("flavour", ["kubeadm", "k3s", "rke2", "karmada"])
def test_flavours(flavour: str) -> None:
    spec = kubetoken.parse_secret(kubetoken.render_secret(TOKEN, flavour=flavour, now=NOW))
    assert spec["groups"][0].startswith(f"system:bootstrappers:{flavour}:")


@pytest.mark.parametrize("string_data", [False, True])
@pytest.mark.parametrize("description", HOSTILE)
def test_yaml_equals_json_with_pyyaml(description: str, string_data: bool) -> None:
    kwargs = dict(description=description, now=NOW, string_data=string_data)
    obj = kubetoken.render_secret(TOKEN, **kwargs)  # type: ignore[arg-type]
    text = kubetoken.render_secret_yaml(TOKEN, **kwargs)  # type: ignore[arg-type]
    assert yaml.safe_load(text) == obj
    assert json.loads(json.dumps(obj)) == obj
    # ... and both forms parse back to the same description through the core.
    for form in (text, obj, json.dumps(obj)):
        assert kubetoken.parse_secret(form)["description"] == description


def test_parse_secret_inputs_and_errors() -> None:
    obj = kubetoken.render_secret(TOKEN, now=NOW)
    text = kubetoken.render_secret_yaml(TOKEN, now=NOW)
    want = kubetoken.parse_secret(obj)
    assert kubetoken.parse_secret(text) == want
    assert kubetoken.parse_secret(text.encode()) == want
    assert kubetoken.parse_secret(json.dumps(obj)) == want
    assert kubetoken.parse_secret(yaml.safe_load(text)) == want
    assert "0123456789abcdef" not in repr(want)
    assert repr(want).startswith("{'token': 'abcdef.****************', 'id': 'abcdef'")
    assert want["token"] == TOKEN
    for bad in ["", "[]", "kind: ConfigMap", "{", {"kind": "Secret"}]:
        with pytest.raises(kubetoken.KubetokenError) as info:
            kubetoken.parse_secret(bad)  # type: ignore[arg-type]
        assert info.value.code in {"invalid_secret", "invalid_token"}, bad
    with pytest.raises(TypeError):
        kubetoken.parse_secret(42)  # type: ignore[arg-type]
    with pytest.raises(kubetoken.InputTooLargeError) as info:
        kubetoken.parse_secret("a" * (2 << 20))
    assert info.value.code == "input_too_large"


def test_parse_secret_list_keeps_bad_items_in_place() -> None:
    good = kubetoken.render_secret(TOKEN, now=NOW)
    bad = copy.deepcopy(good)
    bad["metadata"]["name"] = "bootstrap-token-zzzzzz"
    # Distinct objects: PyYAML would write a repeated one as an anchor and alias, which
    # the core refuses (input_too_large: YAML aliases are capped at 0).
    items = {"apiVersion": "v1", "kind": "List", "items": [good, bad, copy.deepcopy(good)]}
    out = kubetoken.parse_secret_list(items)
    assert len(out) == 3
    assert out[0]["token"] == TOKEN and "error" not in out[0]
    assert out[1]["error"] == "invalid_secret" and set(out[1]) == {"error", "message"}
    assert "0123456789abcdef" not in str(out[1])
    assert out[2] == out[0]
    again = kubetoken.parse_secret_list(yaml.safe_dump(items))
    assert again == out
    # A sequence of manifests is the items of a List.
    assert kubetoken.parse_secret_list([good, bad, good]) == out


def test_big_secret_list_from_many_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    items = [kubetoken.render_secret(now=NOW, description=f"node {i}") for i in range(300)]
    text = json.dumps({"apiVersion": "v1", "kind": "List", "items": items})
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(kubetoken.parse_secret_list, [text] * 8))
    for r in results:
        assert [s["description"] for s in r if "token" in s] == [f"node {i}" for i in range(300)]


def test_int_ttl_is_milliseconds() -> None:
    # docs/api.md: a number ttl is milliseconds (the JSON form); timedelta is clearer.
    a = kubetoken.render_secret(TOKEN, ttl=90 * 60 * 1000, now=NOW)
    b = kubetoken.render_secret(TOKEN, ttl=dt.timedelta(minutes=90), now=NOW)
    assert a == b
    # A wrong type is the core's error (invalid_duration for a ttl), as in every door.
    for bad in (True, [1], object()):
        with pytest.raises(kubetoken.InvalidOptionsError) as info:
            kubetoken.render_secret(TOKEN, ttl=bad, now=NOW)  # type: ignore[arg-type]
        assert info.value.code == "invalid_duration"
    assert kubetoken.render_secret(TOKEN, ttl=5400000.0, now=NOW) == a  # a JSON number


def test_option_errors_follow_the_core_precedence() -> None:
    # token before ttl, whatever the keyword order (docs/api.md, token options).
    for kwargs in ({"ttl": "1d"}, {"ttl": "1d", "usages": ["bogus"]}):
        with pytest.raises(kubetoken.InvalidTokenError):
            kubetoken.render_secret("bad", **kwargs, now=NOW)  # type: ignore[arg-type]
    with pytest.raises(kubetoken.InvalidOptionsError) as info:
        kubetoken.render_secret(TOKEN, usages=["bogus"], now="not a time")
    assert info.value.code == "invalid_usage"  # options are checked before now
    with pytest.raises(kubetoken.InputTooLargeError):
        kubetoken.render_secret(TOKEN, description="x" * (10 << 20), now=NOW)


def test_bytes_manifests_and_list_text() -> None:
    text = kubetoken.render_secret_yaml(TOKEN, now=NOW)
    assert kubetoken.parse_secret(text.encode()) == kubetoken.parse_secret(bytearray(text.encode()))
    listed = json.dumps({"kind": "List", "items": [kubetoken.render_secret(TOKEN, now=NOW)]})
    assert kubetoken.parse_secret_list(listed.encode()) == kubetoken.parse_secret_list(listed)


def test_non_utf8_manifest_bytes_are_a_typed_error() -> None:
    text = kubetoken.render_secret_yaml(TOKEN, now=NOW).encode()
    with pytest.raises(kubetoken.KubetokenError) as info:
        kubetoken.parse_secret(text.replace(b"kind: Secret", b"kind: Secr\xe9t"))
    assert info.value.code == "invalid_secret"
