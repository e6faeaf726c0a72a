"""Writes tests/vectors/kubetoken-explain-ca-hash.json: `explain_k3s_ca_hash` on the k3s
fixtures (tests/fixtures/k3s/*.pem).

Independent sources: hash and method from tests/fixtures/k3s/expected.json (checked against
Go's crypto/x509); subjects, SHA-256 fingerprints and kubeadm pins (SHA-256 of the SPKI DER)
from `openssl`; the chain and the fallback reason codes written by hand from each fixture's
construction (its description). Uses the test op `explain_k3s_ca_hash_summary`; one case
checks the whole result.

Run: python3 tests/vectors/gen/explain_ca_hash.py
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
FIX = ROOT / "tests/fixtures/k3s"
NOW = "2026-01-01T00:00:00Z"

# file → (chain or None, fallback reason codes, hashed_certificate)
HAND: dict[str, tuple[Any, list[str], Any]] = {
    "chain.pem": ([0, 1, 2], [], 2),
    "chain-crlf.pem": ([0, 1, 2], [], 2),
    "two-level.pem": ([0, 1], [], 1),
    "root-root.pem": ([0], [], 0),
    "chain-p256.pem": ([0, 1, 2], [], 2),
    "chain-ed25519.pem": ([0, 1, 2], [], 2),
    "serverauth-intermediate.pem": ([0, 1, 2], [], 2),
    # [root, intermediate]: the root's issuer (itself) is in no pool.
    "root-first.pem": (None, ["no_issuer"], None),
    # [server-ca, intermediate]: the intermediate's issuer (the root) is missing.
    "no-root.pem": (None, ["no_issuer"], None),
    "expired-intermediate.pem": (None, ["expired"], None),
    "intermediate-not-ca.pem": (None, ["issuer_not_ca"], None),
    "forged-leaf.pem": (None, ["bad_signature"], None),
    "forged-intermediate.pem": (None, ["bad_signature"], None),
    "clientauth-intermediate.pem": (None, ["no_server_auth"], None),
    "root-pathlen0.pem": (None, ["path_length"], None),
    "leaf-expired.pem": (None, ["expired"], None),
    "leaf-not-yet-valid.pem": (None, ["not_yet_valid"], None),
    "leaf-clientauth.pem": (None, ["no_server_auth"], None),
}


def pem_blocks(text: str) -> list[str]:
    return re.findall(r"-----BEGIN CERTIFICATE-----\r?\n.*?-----END CERTIFICATE-----", text, re.S)


def openssl(args: list[str], data: bytes) -> bytes:
    return subprocess.run(["openssl", *args], input=data, capture_output=True, check=True).stdout


def cert_facts(block: str) -> tuple[str | None, str, str]:
    der = openssl(["x509", "-outform", "DER"], block.encode())
    spki = openssl(["pkey", "-pubin", "-outform", "DER"], openssl(["x509", "-noout", "-pubkey"], block.encode()))
    subject = openssl(["x509", "-noout", "-subject", "-nameopt", "multiline"], block.encode()).decode()
    cn = re.search(r"commonName\s*=\s*(.*)", subject)
    return (cn.group(1).strip() if cn else None, hashlib.sha256(der).hexdigest(),
            "sha256:" + hashlib.sha256(spki).hexdigest())


def pool(block: str) -> str:
    """k3s's pool rule, from openssl's view of the key IDs: AKID empty or equal to SKID → root."""
    text = openssl(["x509", "-noout", "-ext", "subjectKeyIdentifier,authorityKeyIdentifier"], block.encode()).decode()
    ids = re.findall(r"Key Identifier:\s*\n?\s*(?:keyid:)?([0-9A-F:]+)", text)
    skid = re.search(r"Subject Key Identifier:\s*\n\s*([0-9A-F:]+)", text)
    akid = re.search(r"Authority Key Identifier:\s*\n\s*(?:keyid:)?([0-9A-F:]+)", text)
    del ids
    if akid is None or (skid is not None and akid.group(1) == skid.group(1)):
        return "root"
    return "intermediate"


def main() -> None:
    expected = {f["file"]: f for f in json.loads((FIX / "expected.json").read_text())["fixtures"]}
    cases: list[dict[str, Any]] = []
    for name, (chain, reasons, hashed_cert) in HAND.items():
        text = (FIX / name).read_text()
        facts = [cert_facts(b) for b in pem_blocks(text)]
        exp = expected[name]
        method = exp["method"]
        multi = len(facts) > 1
        pools = ["leaf"] + [pool(b) for b in pem_blocks(text)[1:]] if multi else ["only"]
        summary = {
            "hash": exp["hash"], "method": method,
            "hashed": "root_der" if method == "root" else "file_bytes",
            "hashed_certificate": hashed_cert, "chain": chain, "reasons": reasons,
            "kubeadm_pins": [f[2] for f in facts], "fingerprints": [f[1] for f in facts],
            "subjects": [f[0] for f in facts], "pools": pools,
        }
        cases.append({"index": None, "source": f"kubetoken: explain_k3s_ca_hash: {name}: {exp['description']}",
                      "function": None, "op": "explain_k3s_ca_hash_summary",
                      "args": {"bundle": text, "now": NOW}, "expect": {"ok": summary}})
    out = ROOT / "tests/vectors/kubetoken-explain-ca-hash.json"
    out.write_text(json.dumps({"origin": None, "cases": cases}, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
