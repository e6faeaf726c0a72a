"""The ``kubetoken`` console script end to end (installed by the wheel), and the same core
function the Rust binary runs: outputs parsed back, errors without secrets."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import kubetoken

TOKEN = "9a08jv.c0izixklcxtmnze7"
FIXTURES = Path(__file__).resolve().parents[2] / "tests/fixtures/k3s"


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which("kubetoken")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "kubetoken._cli", *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, timeout=60, check=False)


def test_the_console_script_is_installed() -> None:
    assert shutil.which("kubetoken") or os.environ.get("KUBETOKEN_NO_SCRIPT"), (
        "no kubetoken on PATH"
    )


def test_generate_and_help() -> None:
    r = run("generate")
    assert r.returncode == 0
    assert kubetoken.is_valid_token(r.stdout.decode().rstrip("\n"))
    h = run("--help")
    assert h.returncode == 0 and b"usage: kubetoken" in h.stdout
    assert run("create", "--help").returncode == 0


def test_create_is_a_secret_two_parsers_agree_and_list_reads_it_back() -> None:
    r = run("create", "--token", TOKEN, "--ttl", "2h", "--description", "ci")
    assert r.returncode == 0, r.stderr
    doc = yaml.safe_load(r.stdout)
    assert doc["kind"] == "Secret" and doc["type"] == "bootstrap.kubernetes.io/token"
    assert doc["metadata"] == {"name": "bootstrap-token-9a08jv", "namespace": "kube-system"}
    parsed = kubetoken.parse_secret(r.stdout)
    assert parsed["token"] == TOKEN and parsed["description"] == "ci"
    j = run("create", "--token", TOKEN, "-o", "json")
    assert (
        json.loads(j.stdout)["data"]
        == yaml.safe_load(run("create", "--token", TOKEN).stdout)["data"]
    )
    listed = run("list", "-o", "json", stdin=r.stdout)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)["token"] == TOKEN


def test_errors_go_to_stderr_with_the_code_and_never_the_secret() -> None:
    r = run("create", "--token", "9a08jv.c0izixklcxtmnzeX")
    assert r.returncode == 1 and r.stdout == b""
    assert b"invalid_token" in r.stderr and b"c0izixklcxtmnze" not in r.stderr
    u = run("join", "--tokn", TOKEN)
    assert u.returncode == 2 and b"c0izixklcxtmnze7" not in u.stderr


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (("redact",), f"kubeadm join 10.0.0.1:6443 --token {TOKEN}\n".encode()),
        (("inspect", "--purpose", "k3s_server"), f"{TOKEN}\n".encode()),
        (("k3s", "hash"), (FIXTURES / "chain.pem").read_bytes()),
        (
            ("k3s", "join", "--server", "10.0.0.1", "--token", "K10::server:pw", "-o", "install"),
            b"",
        ),
    ],
)
def test_script_and_core_agree(args: tuple[str, ...], stdin: bytes) -> None:
    r = run(*args, stdin=stdin)
    out, err, code = kubetoken._native._cli_run(list(args), stdin)
    assert (r.stdout, r.stderr, r.returncode) == (out, err, code)
    assert b"c0izixklcxtmnze7" not in r.stdout + r.stderr
