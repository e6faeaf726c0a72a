"""Writes tests/vectors/kubetoken-k3s-join.json: `k3s_join_command` for k3s and rke2.

The expected texts are written out by hand from the upstream install instructions
(k3s-io/k3s install.sh `K3S_URL`/`K3S_TOKEN`, `sh -s - server --server`; rancher/rke2
install.sh `INSTALL_RKE2_TYPE`, `/etc/rancher/rke2/config.yaml` with `server:` on 9345 and
`token:`), not computed by kubetoken.

Run: python3 tests/vectors/gen/k3s_join.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

H = "e6b1f6b2d5c1a0f9e8d7c6b5a49382716f5e4d3c2b1a0f9e8d7c6b5a49382716"
AGENT = f"K10{H}::node:3f2b1c9a8e7d6c5b4a39281706f5e4d3"
SERVER = f"K10{H}::server:3f2b1c9a8e7d6c5b4a39281706f5e4d3"
BOOT = f"K10{H}::9a08jv.c0izixklcxtmnze7"


def join(program: str, role: str, url: str, token_word: str, token_yaml: str) -> dict[str, Any]:
    config = f"server: {url}\ntoken: {token_yaml}\n"
    path = f"/etc/rancher/{program}/config.yaml"
    if program == "k3s":
        install = (
            f"curl -sfL https://get.k3s.io | K3S_URL={url} K3S_TOKEN={token_word} sh -"
            if role == "agent"
            else f"curl -sfL https://get.k3s.io | K3S_TOKEN={token_word} sh -s - server --server {url}"
        )
    else:
        install = (
            f"curl -sfL https://get.rke2.io | INSTALL_RKE2_TYPE={role} sh -\n"
            "mkdir -p /etc/rancher/rke2\n"
            f"cat > {path} <<'EOF'\n{config}EOF\n"
            f"systemctl enable --now rke2-{role}.service\n"
        )
    return {
        "program": program,
        "role": role,
        "server": url,
        "command": f"{program} {role} --server {url} --token {token_word}",
        "install": install,
        "config_path": path,
        "config": config,
    }


OK = [
    ("k3s agent with the node token (default flavour and role)", {"server": "10.0.0.1", "token": AGENT},
     join("k3s", "agent", "https://10.0.0.1:6443", AGENT, AGENT)),
    ("k3s agent with bootstrap-token credentials", {"server": "https://k3s.example:6443/", "token": BOOT, "flavour": "k3s"},
     join("k3s", "agent", "https://k3s.example:6443", BOOT, BOOT)),
    ("k3s server join", {"server": "10.0.0.1:6443", "token": SERVER, "role": "server"},
     join("k3s", "server", "https://10.0.0.1:6443", SERVER, SERVER)),
    ("rke2 agent: supervisor port 9345", {"server": "rke2.example", "token": AGENT, "flavour": "rke2"},
     join("rke2", "agent", "https://rke2.example:9345", AGENT, AGENT)),
    ("rke2 server on IPv6", {"server": "[fd00::10]", "token": "my-shared-secret", "flavour": "rke2", "role": "server"},
     join("rke2", "server", "https://[fd00::10]:9345", "my-shared-secret", "my-shared-secret")),
    ("a password that needs quoting (shell and YAML)", {"server": "h", "token": "pa$s w'rd"},
     join("k3s", "agent", "https://h:6443", "'pa$s w'\\''rd'", "\"pa$s w'rd\"")),
]

ERR = [
    ("a bootstrap token as a server token (k3s#7313)", {"server": "h", "token": "9a08jv.c0izixklcxtmnze7", "role": "server"}, "invalid_k3s_token"),
    ("bootstrap credentials in a K10 server token", {"server": "h", "token": BOOT, "role": "server", "flavour": "rke2"}, "invalid_k3s_token"),
    ("a token with its trailing newline", {"server": "h", "token": AGENT + "\n"}, "invalid_k3s_token"),
    ("a K10 token with a short hash", {"server": "h", "token": "K10e6b1f6::node:pw"}, "invalid_k3s_token"),
    ("an empty token", {"server": "h", "token": ""}, "invalid_k3s_token"),
    ("http:// is refused", {"server": "http://h:6443", "token": AGENT}, "invalid_options"),
    ("a server that would break the command", {"server": "h;reboot", "token": AGENT}, "invalid_options"),
    ("a server with a path", {"server": "https://h:6443/v1-k3s", "token": AGENT}, "invalid_options"),
    ("an empty server", {"server": "", "token": AGENT}, "invalid_options"),
    ("kubeadm is not a k3s flavour", {"server": "h", "token": AGENT, "flavour": "kubeadm"}, "invalid_options"),
    ("an unknown role", {"server": "h", "token": AGENT, "role": "worker"}, "invalid_options"),
]


def main() -> None:
    cases: list[dict[str, Any]] = []
    for source, args, want in OK:
        cases.append({"index": None, "source": f"kubetoken: k3s_join_command: {source}", "function": None,
                      "op": "k3s_join_command", "args": args, "expect": {"ok": want}})
    for source, args, code in ERR:
        cases.append({"index": None, "source": f"kubetoken: k3s_join_command: {source}", "function": None,
                      "op": "k3s_join_command", "args": args, "expect": {"error": code}})
    out = Path(__file__).resolve().parent.parent / "kubetoken-k3s-join.json"
    out.write_text(json.dumps({"origin": None, "cases": cases}, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
