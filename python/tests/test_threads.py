"""The binding is usable from many threads at once (and releases the GIL on heavy work)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import kubetoken


def _work(i: int) -> tuple[str, str]:
    token = kubetoken.generate_token()
    parsed = kubetoken.parse_token(token)
    assert f"{parsed['id']}.{parsed['secret']}" == token
    try:
        kubetoken.parse_token(f"bad{i}")
    except kubetoken.InvalidTokenError as e:
        assert e.code == "invalid_token"
    else:  # pragma: no cover - would be a bug
        raise AssertionError("no error")
    return token, kubetoken.parse_duration(f"{i}m")


def test_many_threads() -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(_work, range(400)))
    tokens = [t for t, _ in results]
    assert len(set(tokens)) == 400
    assert results[90][1] == "1h30m0s"
