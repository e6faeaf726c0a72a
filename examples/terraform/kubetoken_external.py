#!/usr/bin/env python3
"""Terraform `external` data source program: a bootstrap token Secret and join command.

Protocol (hashicorp/external): the query is one JSON object of strings on stdin; the
result is one JSON object of strings on stdout; on error, a message on stderr and a
non-zero exit status.

Query keys (all optional except api_server):
  token            reuse this token ("" = generate one; see main.tf for stable tokens)
  description, ttl (Go duration, "0" = never), usages, groups (comma-separated),
  flavour          kubeadm | k3s | rke2 | karmada
  api_server       https://host:port of the API server
  ca_cert_hashes   comma-separated sha256:<hex> CA pins
  now              RFC3339 time to render at (default: the current time)

Result keys: token, token_id, secret_name, expiration, secret_json, secret_yaml,
join_command.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import kubetoken

KEYS = {
    "token",
    "description",
    "ttl",
    "usages",
    "groups",
    "flavour",
    "api_server",
    "ca_cert_hashes",
    "now",
}


class QueryError(Exception):
    pass


def read_query(text: str) -> dict[str, str]:
    try:
        query: Any = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as e:
        raise QueryError(f"query is not JSON: {e}") from None
    if not isinstance(query, dict):
        raise QueryError("query must be a JSON object")
    for k, v in query.items():
        if k not in KEYS:
            raise QueryError(f"unknown query key {k!r}; expected one of {', '.join(sorted(KEYS))}")
        if not isinstance(v, str):
            raise QueryError(f"query value {k!r} must be a string")
    return query


def run(query: dict[str, str]) -> dict[str, str]:
    def opt(k: str) -> str | None:
        return query.get(k) or None

    token = opt("token") or kubetoken.generate_token()
    options: dict[str, Any] = dict(
        description=opt("description"),
        ttl=opt("ttl"),
        usages=opt("usages"),
        groups=opt("groups"),
        flavour=opt("flavour"),
        now=opt("now"),
    )
    manifest = kubetoken.render_secret(token, **options)
    spec = kubetoken.parse_secret(manifest)
    server = opt("api_server")
    if server is None:
        raise QueryError("api_server is required")
    hashes = [h.strip() for h in (opt("ca_cert_hashes") or "").split(",") if h.strip()]
    return {
        "token": token,
        "token_id": spec["id"],
        "secret_name": manifest["metadata"]["name"],
        "expiration": spec["expires"] or "",
        "secret_json": json.dumps(manifest, sort_keys=True),
        "secret_yaml": kubetoken.render_secret_yaml(token, **options),
        "join_command": kubetoken.join_command(token, server=server, ca_cert_hashes=hashes),
    }


def main() -> int:
    try:
        result = run(read_query(sys.stdin.read()))
    except QueryError as e:
        print(f"kubetoken: {e}", file=sys.stderr)
        return 1
    except kubetoken.KubetokenError as e:
        # Messages never contain the token secret.
        print(f"kubetoken: {e.code}: {e}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
