"""The examples/ clients, run for real: an ansible-playbook run, the Terraform external
program fed like the provider feeds it, and the official kubernetes client's models."""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import kubetoken
from conftest import EXAMPLES

HASH = "sha256:7f5d0a6b7b8c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c"
BIN = Path(sys.executable).parent


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---- Ansible --------------------------------------------------------------------------


def _playbook(tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    exe = BIN / "ansible-playbook"
    if not exe.exists():
        found = shutil.which("ansible-playbook")
        if found is None:
            pytest.fail("ansible-playbook not installed (python/requirements-test.txt)")
        exe = Path(found)
    env = dict(
        os.environ,
        ANSIBLE_HOME=str(tmp / "ansible-home"),
        ANSIBLE_LOCAL_TEMP=str(tmp / "ansible-tmp"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_LOCALHOST_WARNING="false",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
        ANSIBLE_RETRY_FILES_ENABLED="false",
        LC_ALL="C.UTF-8",
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return subprocess.run(
        [
            str(exe),
            "-v",
            "-i",
            "localhost,",
            str(EXAMPLES / "ansible" / "playbook.yml"),
            "-e",
            f"out_dir={tmp / 'out'}",
            *extra,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _recap(out: str) -> str:
    lines = [line for line in out.splitlines() if line.startswith("localhost ")]
    assert lines, out
    return lines[-1]


def test_ansible_playbook_creates_reuses_and_hides_the_token(tmp_path: Path) -> None:
    first = _playbook(tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    token = (tmp_path / "out" / "token").read_text().strip()
    assert kubetoken.is_valid_token(token)
    assert oct((tmp_path / "out" / "token").stat().st_mode & 0o777) == "0o600"
    tid = token.split(".")[0]
    secret_part = token.split(".")[1]
    log = first.stdout + first.stderr
    assert f"token {tid} (Secret bootstrap-token-{tid}) expires" in log
    assert "created=True" in log
    assert "the output has been hidden" in log  # no_log tasks
    assert secret_part not in log, "the token secret leaked into Ansible's output"
    assert "changed=" in _recap(log) and "failed=0" in _recap(log)

    # The written manifest is the token's Secret; the join command uses it.
    manifest = (tmp_path / "out" / "secret.yaml").read_text()
    spec = kubetoken.parse_secret(manifest)
    assert spec["token"] == token
    assert spec["description"] == "ansible: worker nodes"
    assert spec["usages"] == ["authentication", "signing"]
    assert yaml.safe_load(manifest)["metadata"]["name"] == f"bootstrap-token-{tid}"
    join = (tmp_path / "out" / "join.sh").read_text()
    assert (
        join
        == f"kubeadm join 10.0.0.1:6443 --token {token} --discovery-token-ca-cert-hash {HASH} \n"
    )

    # Second run: the token is reused, nothing is created.
    second = _playbook(tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    assert (tmp_path / "out" / "token").read_text().strip() == token
    assert "created=False" in second.stdout
    assert secret_part not in second.stdout + second.stderr


def test_ansible_check_mode_writes_nothing(tmp_path: Path) -> None:
    run = _playbook(tmp_path, "--check")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "created=True" in run.stdout
    assert not (tmp_path / "out" / "token").exists()
    assert not (tmp_path / "out" / "secret.yaml").exists()


def test_ansible_module_error_is_reported_without_secret(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    run = _playbook(tmp_path, "-e", "api_server=https://bad host:6443")
    assert run.returncode != 0
    token = (tmp_path / "out" / "token").read_text().strip()
    assert token.split(".")[1] not in run.stdout + run.stderr


# ---- Terraform external data source ----------------------------------------------------


def _external(query: Any) -> subprocess.CompletedProcess[str]:
    """Runs the program the way hashicorp/external does: the query as JSON on stdin."""
    return subprocess.run(
        [sys.executable, str(EXAMPLES / "terraform" / "kubetoken_external.py")],
        input=json.dumps(query),
        capture_output=True,
        text=True,
        cwd=EXAMPLES / "terraform",
        timeout=60,
    )


def test_terraform_external_program() -> None:
    token = "abcdef.0123456789abcdef"
    query = {
        "token": token,
        "description": "terraform: worker nodes",
        "ttl": "24h",
        "now": "2024-05-01T12:00:00Z",
        "api_server": "https://10.0.0.1:6443",
        "ca_cert_hashes": HASH,
    }
    run = _external(query)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    result = json.loads(run.stdout)
    assert all(isinstance(v, str) for v in result.values())  # the provider's contract
    assert result["token"] == token
    assert result["token_id"] == "abcdef"
    assert result["secret_name"] == "bootstrap-token-abcdef"
    assert result["expiration"] == "2024-05-02T12:00:00Z"
    assert json.loads(result["secret_json"]) == yaml.safe_load(result["secret_yaml"])
    assert kubetoken.parse_secret(result["secret_yaml"])["token"] == token
    assert result["join_command"] == (
        f"kubeadm join 10.0.0.1:6443 --token {token} --discovery-token-ca-cert-hash {HASH} "
    )
    # Same query, same answer (a data source runs on every plan).
    assert json.loads(_external(query).stdout) == result


def test_terraform_external_generates_when_no_token() -> None:
    run = _external({"api_server": "https://k8s.example:6443", "ca_cert_hashes": HASH})
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert kubetoken.is_valid_token(result["token"])


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        (
            {"api_server": "https://x:6443", "ca_cert_hashes": HASH, "tll": "1h"},
            "unknown query key",
        ),
        ({"api_server": "https://x:6443", "ca_cert_hashes": HASH, "ttl": 5}, "must be a string"),
        ({"ca_cert_hashes": HASH}, "api_server is required"),
        ({"api_server": "https://x:6443"}, "invalid_options"),
        ({"api_server": "https://x:6443", "ca_cert_hashes": HASH, "ttl": "1d"}, "invalid_duration"),
        (
            {
                "api_server": "https://x:6443",
                "ca_cert_hashes": HASH,
                "token": "abcdef.0123456789ABCDEF",
            },
            "invalid_token",
        ),
        ([], "must be a JSON object"),
    ],
)
def test_terraform_external_errors(query: Any, needle: str) -> None:
    run = _external(query)
    assert run.returncode != 0
    assert run.stdout == ""
    assert needle in run.stderr
    assert "0123456789ABCDEF" not in run.stderr


# ---- the official kubernetes client ------------------------------------------------------


def test_kubernetes_client_model_round_trip() -> None:
    from kubernetes import client

    mod = _load(EXAMPLES / "kubernetes-client" / "secret_model.py")
    for kwargs in ({}, {"string_data": True}, {"description": "x: 'y'\n- z", "ttl": "0"}):
        manifest = kubetoken.render_secret(**kwargs)  # type: ignore[arg-type]
        secret = mod.to_v1_secret(manifest)
        assert isinstance(secret, client.V1Secret)
        assert secret.type == "bootstrap.kubernetes.io/token"
        assert secret.metadata.namespace == "kube-system"
        assert secret.metadata.name == manifest["metadata"]["name"]
        if "data" in manifest:
            assert secret.data == manifest["data"]
            tid = base64.b64decode(secret.data["token-id"]).decode()
            assert secret.metadata.name == f"bootstrap-token-{tid}"
        else:
            assert secret.string_data == manifest["stringData"]
        assert mod.from_v1_secret(secret) == manifest
        assert client.ApiClient().sanitize_for_serialization(secret) == manifest
        assert client.V1Secret.from_dict(manifest) == secret
        assert kubetoken.parse_secret(mod.from_v1_secret(secret)) == kubetoken.parse_secret(
            manifest
        )


def test_kubernetes_client_example_main(capsys: pytest.CaptureFixture[str]) -> None:
    mod = _load(EXAMPLES / "kubernetes-client" / "secret_model.py")
    assert mod.main(["--ttl", "2h"]) == 0
    out = capsys.readouterr().out
    assert "V1Secret kube-system/bootstrap-token-" in out
    assert "token-secret" in out
