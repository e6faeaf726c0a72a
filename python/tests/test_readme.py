"""The README's Python example, run as written, so the README stays true."""

from __future__ import annotations

import re
from pathlib import Path


def test_readme_python_example_runs(repo: Path) -> None:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    m = re.search(r"```python\n(.*?)```", readme, re.S)
    assert m, "README has a python block"
    ns: dict[str, object] = {
        "ca_pem": (repo / "tests/fixtures/k3s/cert-ed25519-root.pem").read_text(),
    }
    exec(compile(m.group(1), "README.md", "exec"), ns)
    token = ns["token"]
    assert isinstance(token, str) and re.fullmatch(r"[a-z0-9]{6}\.[a-z0-9]{16}", token)
    manifest = ns["manifest"]
    assert isinstance(manifest, str)
    assert f"name: bootstrap-token-{token[:6]}\n" in manifest
    assert "description: cmFjayA3\n" in manifest  # "rack 7"
    join = ns["join"]
    assert isinstance(join, str)
    assert join.startswith(
        f"kubeadm join 10.0.0.10:6443 --token {token} --discovery-token-ca-cert-hash sha256:"
    )
