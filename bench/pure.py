"""What a competent Python user writes by hand instead of kubetoken (the peers of the
Python table in bench/RESULTS.md): stdlib `secrets`, `re`, `base64`, `json`, `hmac`, and
`cryptography` for the CA pin. bench/py_ops.py checks once that each gives the same
answer as kubetoken."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from datetime import datetime, timezone
from typing import Any, Optional

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
TOKEN_RE = re.compile(r"\A([a-z0-9]{6})\.([a-z0-9]{16})\Z")
SECRET_TYPE = "bootstrap.kubernetes.io/token"


def generate_token() -> str:
    s = "".join(secrets.choice(ALPHABET) for _ in range(22))
    return f"{s[:6]}.{s[6:]}"


def is_valid_token(token: str) -> bool:
    return TOKEN_RE.match(token) is not None


def _b64(s: str) -> str:
    return base64.b64encode(s.encode()).decode()


def render_secret(token: str, description: str, expires: str, usages: list[str], groups: list[str]) -> dict[str, Any]:
    m = TOKEN_RE.match(token)
    if m is None:
        raise ValueError("invalid token")
    data = {"token-id": m.group(1), "token-secret": m.group(2), "expiration": expires}
    if description:
        data["description"] = description
    for u in usages:
        data[f"usage-bootstrap-{u}"] = "true"
    if groups:
        data["auth-extra-groups"] = ",".join(groups)
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": f"bootstrap-token-{m.group(1)}", "namespace": "kube-system"},
        "type": SECRET_TYPE,
        "data": {k: _b64(v) for k, v in sorted(data.items())},
    }


def render_secret_json(*args: Any) -> str:
    return json.dumps(render_secret(*args), indent=4, sort_keys=True)


def parse_secret(secret: dict[str, Any]) -> dict[str, Any]:
    data = {k: base64.b64decode(v).decode() for k, v in (secret.get("data") or {}).items()}
    tid, tsec = data.get("token-id", ""), data.get("token-secret", "")
    if secret.get("metadata", {}).get("name") != f"bootstrap-token-{tid}":
        raise ValueError("name does not match the token id")
    token = f"{tid}.{tsec}"
    if not is_valid_token(token):
        raise ValueError("invalid token")
    exp = data.get("expiration") or None
    if exp is not None:
        datetime.fromisoformat(exp.replace("Z", "+00:00"))  # validate
    groups = data.get("auth-extra-groups", "")
    return {
        "token": token,
        "id": tid,
        "description": data.get("description", ""),
        "expires": exp,
        "usages": sorted(k[len("usage-bootstrap-") :] for k, v in data.items() if k.startswith("usage-bootstrap-") and v == "true"),
        "groups": groups.split(",") if groups else [],
    }


def parse_secret_json(text: str) -> dict[str, Any]:
    return parse_secret(json.loads(text))


def short_human(seconds: float) -> str:
    """apimachinery ShortHumanDuration."""
    s = int(seconds)
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 60:
        return f"{s}s"
    if int(seconds / 60) < 60:
        return f"{int(seconds / 60)}m"
    hours = int(seconds / 3600)
    if hours < 24:
        return f"{hours}h"
    if hours < 24 * 365:
        return f"{hours // 24}d"
    return f"{int(seconds / 3600 / 24 / 365)}y"


def _table(rows: list[list[str]]) -> str:
    """Go tabwriter (minwidth 10, padding 3, spaces); the last cell is not padded."""
    widths = [max(10, max(len(r[c]) for r in rows) + 3) for c in range(len(rows[0]) - 1)]
    return "".join("".join(cell.ljust(w) for cell, w in zip(r, widths)) + r[-1] + "\n" for r in rows)


def list_tokens(items: list[dict[str, Any]], now: datetime) -> str:
    """`kubeadm token list` text over the API server's list items: one tabwriter per
    token (the header with the first)."""
    out = []
    header: Optional[list[str]] = ["TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS"]
    for s in items:
        if s.get("type") != SECRET_TYPE:
            continue
        t = parse_secret(s)
        if t["expires"]:
            exp = datetime.fromisoformat(t["expires"].replace("Z", "+00:00"))
            ttl, expires = short_human((exp - now).total_seconds()), t["expires"]
        else:
            ttl, expires = "<forever>", "<never>"
        row = [
            t["token"],
            ttl.ljust(9),
            expires,
            (",".join(t["usages"]) or "<none>").ljust(22),
            (t["description"] or "<none>").ljust(56),
            ",".join(t["groups"]) or "<none>",
        ]
        out.append(_table([header, row] if header else [row]))
        header = None
    return "".join(out)


def _b64url(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def compute_jws(content: str, token_id: str, token_secret: str) -> str:
    header = _b64url(json.dumps({"alg": "HS256", "kid": token_id}, separators=(",", ":")).encode())
    payload = _b64url(content.encode())
    sig = hmac.new(token_secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}..{_b64url(sig)}"


def verify_jws(signature: str, content: str, token_id: str, token_secret: str) -> bool:
    return hmac.compare_digest(signature, compute_jws(content, token_id, token_secret))


def ca_cert_hashes(pem: bytes) -> list[str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    out = []
    for cert in x509.load_pem_x509_certificates(pem):
        spki = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        out.append("sha256:" + hashlib.sha256(spki).hexdigest())
    return out


def utc(s: str) -> datetime:
    return datetime.fromisoformat(s.replace("Z", "+00:00")).astimezone(timezone.utc)
