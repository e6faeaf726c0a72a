#!/usr/bin/env python3
"""The rendered bootstrap-token Secret as a model of the official `kubernetes` client.

`kubetoken.render_secret()` returns the manifest; the client turns it into a `V1Secret`
with its public `ApiClient.deserialize` (what it does with API responses) or
`V1Secret.from_dict`, and back with `V1Secret.to_json` (the wire form the client sends;
the test also checks `ApiClient.sanitize_for_serialization` agrees). Round-tripping proves the shapes match. `--apply` creates the Secret in the
cluster of your kubeconfig (not used by the tests: no cluster here).
"""

from __future__ import annotations

import argparse
import json
from typing import Any, Mapping

from kubernetes import client, config

import kubetoken


def to_v1_secret(manifest: Mapping[str, Any]) -> client.V1Secret:
    """The manifest as the client's model, parsed like an API response."""
    api = client.ApiClient()
    secret: client.V1Secret = api.deserialize(json.dumps(manifest), "V1Secret", "application/json")
    return secret


def from_v1_secret(secret: client.V1Secret) -> dict[str, Any]:
    """The model as the JSON body the client would send (its wire names, no nulls)."""
    body: dict[str, Any] = json.loads(secret.to_json())
    return body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--description", default="kubernetes client example")
    parser.add_argument("--ttl", default="1h")
    parser.add_argument("--apply", action="store_true", help="create it in the cluster")
    args = parser.parse_args(argv)

    manifest = kubetoken.render_secret(description=args.description, ttl=args.ttl)
    secret = to_v1_secret(manifest)
    assert secret.metadata is not None
    assert from_v1_secret(secret) == manifest
    print(f"V1Secret {secret.metadata.namespace}/{secret.metadata.name} type={secret.type}")
    print(f"data keys: {', '.join(sorted(secret.data or {}))}")
    if args.apply:
        config.load_kube_config()  # type: ignore[no-untyped-call]
        client.CoreV1Api().create_namespaced_secret(
            secret.metadata.namespace or "kube-system", secret
        )
        print("created")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
