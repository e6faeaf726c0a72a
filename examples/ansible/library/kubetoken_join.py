#!/usr/bin/python
"""Ansible module: create or reuse a Kubernetes bootstrap token with kubetoken."""

from __future__ import annotations

import os
from typing import Any

from ansible.module_utils.basic import AnsibleModule  # type: ignore[import-untyped]

DOCUMENTATION = r"""
---
module: kubetoken_join
short_description: Create or reuse a kubeadm/k3s bootstrap token; return its Secret and join command
description:
  - Keeps a bootstrap token in I(token_file) on the controller-side host (created with mode
    0600 when missing or invalid, reused otherwise) and returns the C(kube-system) Secret
    manifest to create and the C(kubeadm join) command for it. Needs no cluster access.
  - Rules are those of C(kubeadm token create), via the C(kubetoken) Python package.
  - The result contains the token. Put C(no_log: true) on the task (the example playbook
    does) and on every task that prints or writes the token.
options:
  token_file:
    description: File holding the token; reused when it holds a valid token.
    type: path
  token:
    description:
      - Use this token instead of a file. Marked C(no_log), so Ansible censors it in the
        returned values too; prefer I(token_file) to get usable results.
    type: str
    no_log: true
  description: {type: str, default: ""}
  ttl: {type: str, default: 24h, description: Go duration, C(0) for never}
  usages: {type: list, elements: str}
  groups: {type: list, elements: str}
  flavour: {type: str, default: kubeadm, choices: [kubeadm, k3s, rke2, karmada]}
  api_server: {type: str, required: true, description: C(https://host:port) of the API server}
  ca_cert_hashes: {type: list, elements: str, description: C(sha256:...) CA pins}
  ca_pem: {type: str, description: CA bundle (PEM) to pin instead of I(ca_cert_hashes)}
  now: {type: str, description: RFC3339 time to render at (default the current time)}
"""

RETURN = r"""
token_id: {description: The public token ID, type: str}
secret_name: {description: "bootstrap-token-<id>", type: str}
expiration: {description: RFC3339 expiry or empty, type: str}
secret: {description: The Secret manifest (base64 data, contains the token), type: dict}
secret_yaml: {description: The same manifest as YAML, type: str}
join_command: {description: The kubeadm join command (contains the token), type: str}
token: {description: The full token, type: str}
"""


def _read_token(path: str, kubetoken: Any) -> str | None:
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read().strip()
    except FileNotFoundError:
        return None
    return text if kubetoken.is_valid_token(text) else None


def _write_token(path: str, token: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token + "\n")


def run(module: AnsibleModule) -> dict[str, Any]:
    import kubetoken

    p = module.params
    changed = False
    token = p["token"]
    if token is None and p["token_file"]:
        token = _read_token(p["token_file"], kubetoken)
        if token is None:
            token = kubetoken.generate_token()
            changed = True
            if not module.check_mode:
                _write_token(p["token_file"], token)
    if token is None:
        token = kubetoken.generate_token()
        changed = True
    options: dict[str, Any] = dict(
        flavour=p["flavour"],
        description=p["description"],
        ttl=p["ttl"],
        usages=p["usages"],
        groups=p["groups"],
        now=p["now"],
    )
    manifest = kubetoken.render_secret(token, **options)
    spec = kubetoken.parse_secret(manifest)
    if p["ca_pem"]:
        join = kubetoken.join_command(token, server=p["api_server"], ca_pem=p["ca_pem"])
    else:
        join = kubetoken.join_command(
            token, server=p["api_server"], ca_cert_hashes=p["ca_cert_hashes"] or []
        )
    return dict(
        changed=changed,
        token=token,
        token_id=spec["id"],
        secret_name=manifest["metadata"]["name"],
        expiration=spec["expires"] or "",
        secret=manifest,
        secret_yaml=kubetoken.render_secret_yaml(token, **options),
        join_command=join,
    )


def main() -> None:
    module = AnsibleModule(
        argument_spec=dict(
            token_file=dict(type="path"),
            token=dict(type="str", no_log=True),
            description=dict(type="str", default=""),
            ttl=dict(type="str", default="24h"),
            usages=dict(type="list", elements="str"),
            groups=dict(type="list", elements="str"),
            flavour=dict(
                type="str", default="kubeadm", choices=["kubeadm", "k3s", "rke2", "karmada"]
            ),
            api_server=dict(type="str", required=True),
            ca_cert_hashes=dict(type="list", elements="str", no_log=False),
            ca_pem=dict(type="str"),
            now=dict(type="str"),
        ),
        mutually_exclusive=[["token", "token_file"], ["ca_pem", "ca_cert_hashes"]],
        supports_check_mode=True,
    )
    try:
        import kubetoken
    except ImportError:
        module.fail_json(msg="the kubetoken Python package is required (pip install kubetoken)")
    try:
        module.exit_json(**run(module))
    except kubetoken.KubetokenError as e:
        # kubetoken messages never contain the token secret.
        module.fail_json(msg=str(e), code=e.code)


if __name__ == "__main__":
    main()
