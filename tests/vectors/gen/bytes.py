#!/usr/bin/env python3
"""Write tests/vectors/kubetoken-bytes.json: our own cases for inputs that are bytes, not
text (issue: k3s hashes the /cacerts file's bytes, and Go's pem.Decode does not require
UTF-8). Bytes travel as {"base64": "<standard base64>"} (tests/vectors/README.md).

Expectations are computed here, independently of kubetoken: the k3s CA hash of a single
certificate (or of a bundle whose chain does not verify) is the SHA-256 of the exact bytes
(k3s hashCA); a verified chain hashes the root's DER, which a comment does not change
(tests/fixtures/k3s/expected.json); kubeadm pins hash the SPKI, also unchanged
(tests/vectors/kubeadm-pin.json); a JWS is HMAC-SHA256 over base64url(header).base64url(
content) (RFC 7515, go-jose's compact detached form).

Usage: python3 tests/vectors/gen/bytes.py
"""
import base64
import hashlib
import hmac
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(ROOT, "tests", "vectors", "kubetoken-bytes.json")
FIX = os.path.join(ROOT, "tests", "fixtures", "k3s")
NOW = "2026-01-01T00:00:00Z"

expected = {f["file"]: f for f in json.load(open(os.path.join(FIX, "expected.json")))["fixtures"]}


def fx(name):
    return open(os.path.join(FIX, name), "rb").read()


def b(data):
    return {"base64": base64.b64encode(data).decode()}


def sha(data):
    return hashlib.sha256(data).hexdigest()


LATIN1 = "# Zertifikat für den Clüster — Größe egal\n".replace("—", "-").encode("latin-1")
assert not LATIN1.decode("latin-1").isascii()
try:
    LATIN1.decode("utf-8")
    raise SystemExit("the comment must not be UTF-8")
except UnicodeDecodeError:
    pass

SINGLE = LATIN1 + fx("cert-root.pem")
CHAIN = LATIN1 + fx("chain.pem").replace(b"-----END CERTIFICATE-----\n",
                                         b"-----END CERTIFICATE-----\n\xe9t\xe9\n", 1)
CHAIN_HASH = expected["chain.pem"]["hash"]
assert expected["chain.pem"]["method"] == "root"
NO_ROOT = fx("no-root.pem") + b"\n# Schl\xfcssel\n"
assert expected["no-root.pem"]["method"] == "raw"

pin_cases = json.load(open(os.path.join(ROOT, "tests", "vectors", "kubeadm-pin.json")))["cases"]
PIN_PEM, PIN = next((c["args"]["pem"], c["expect"]["ok"]) for c in pin_cases
                    if c.get("op") == "ca_cert_hashes" and "ok" in c["expect"]
                    and c["args"]["pem"].startswith("-----BEGIN") and len(c["expect"]["ok"]) == 1)
PIN_BYTES = b"\xa9 Latin-1\n" + PIN_PEM.encode()

out = []


def own(source, op, args, expect):
    out.append({"index": None, "source": "kubetoken: bytes: " + source, "function": None,
                "op": op, "args": args, "expect": expect})


single_hash = sha(SINGLE)
own("one certificate after a Latin-1 comment: SHA-256 of the exact bytes", "k3s_ca_hash",
    {"bundle": b(SINGLE), "now": NOW}, {"ok": {"hash": single_hash, "method": "single"}})
own("a verified chain with Latin-1 text before and between blocks: the root's DER",
    "k3s_ca_hash", {"bundle": b(CHAIN), "now": NOW},
    {"ok": {"hash": CHAIN_HASH, "method": "root"}})
own("a chain that does not verify, with a Latin-1 trailer: SHA-256 of the exact bytes",
    "k3s_ca_hash", {"bundle": b(NO_ROOT), "now": NOW},
    {"ok": {"hash": sha(NO_ROOT), "method": "raw"}})
own("text and bytes of a UTF-8 bundle are the same input", "k3s_ca_hash",
    {"bundle": b(fx("cert-root.pem")), "now": NOW},
    {"ok": {"hash": sha(fx("cert-root.pem")), "method": "single"}})
own("a certificate block whose header holds Latin-1 is skipped (ParseCertsPEM): no certificate",
    "k3s_ca_hash",
    {"bundle": b(fx("cert-root.pem").replace(b"-----\n", b"-----\nComment: gr\xfc\xdf\n\n", 1)),
     "now": NOW},
    {"error": "invalid_pem"})
own("format_k3s_token over a Latin-1 bundle", "format_k3s_token",
    {"credentials": "server:token", "bundle": b(SINGLE), "now": NOW},
    {"ok": f"K10{single_hash}::server:token"})
own("k3s_token_create_output over a Latin-1 bundle", "k3s_token_create_output",
    {"token": "abcdef.0123456789abcdef", "bundle": b(SINGLE), "now": NOW},
    {"ok": f"K10{single_hash}::abcdef.0123456789abcdef\n"})
own("k3s_token_string over a Latin-1 bundle", "k3s_token_string",
    {"token": "K10::server:token", "bundle": b(SINGLE), "now": NOW, "user": None},
    {"ok": f"K10{single_hash}::server:token"})
own("verify_k3s_ca: the token's hash of the exact bytes matches", "verify_k3s_ca",
    {"token": f"K10{single_hash}::server:token", "bundle": b(SINGLE), "now": NOW,
     "user": None},
    {"ok": {"ok": True, "status": "match", "token_hash": single_hash,
            "computed_hash": single_hash, "warning": None, "message": None,
            "username": "server"}})
utf8_hash = sha(SINGLE.decode("latin-1").encode("utf-8"))
own("verify_k3s_ca: the hash of the bundle re-encoded as UTF-8 does not match", "verify_k3s_ca",
    {"token": f"K10{utf8_hash}::server:token", "bundle": b(SINGLE), "now": NOW, "user": None},
    {"ok": {"ok": False, "status": "mismatch", "token_hash": utf8_hash,
            "computed_hash": single_hash, "warning": None,
            "message": "token CA hash does not match the Cluster CA certificate hash: "
                       f"{utf8_hash} != {single_hash}",
            "username": "server"}})
own("kubeadm pins of a bundle with a Latin-1 comment (SPKI unchanged)", "ca_cert_hashes",
    {"pem": b(PIN_BYTES)}, {"ok": PIN})
own("check_ca_pins over a bundle with a Latin-1 comment", "check_ca_pins",
    {"pem": b(PIN_BYTES), "pins": PIN}, {"ok": {"pinned": True}})

CONTENT = b"apiVersion: v1\n# caf\xe9\n"
SECRET = "0123456789abcdef"
header = '{"alg":"HS256","kid":"abcdef"}'
h64 = base64.urlsafe_b64encode(header.encode()).rstrip(b"=")
p64 = base64.urlsafe_b64encode(CONTENT).rstrip(b"=")
sig = base64.urlsafe_b64encode(hmac.new(SECRET.encode(), h64 + b"." + p64,
                                        hashlib.sha256).digest()).rstrip(b"=")
JWS = (h64 + b".." + sig).decode()
own("compute_jws over non-UTF-8 content", "compute_jws",
    {"content": b(CONTENT), "token_id": "abcdef", "token_secret": SECRET}, {"ok": JWS})
own("verify_jws over non-UTF-8 content, secret as bytes", "verify_jws",
    {"signature": JWS, "content": b(CONTENT), "token_id": "abcdef",
     "token_secret": b(SECRET.encode())}, {"ok": True})

SECRET_YAML = (b"apiVersion: v1\nkind: Secret\nmetadata:\n  name: bootstrap-token-abcdef\n"
               b"  namespace: kube-system\ntype: bootstrap.kubernetes.io/token\nstringData:\n"
               b"  token-id: abcdef\n  token-secret: 0123456789abcdef\n")
own("a Secret manifest as UTF-8 bytes parses like the text", "parse_secret",
    {"secret": b(SECRET_YAML)},
    {"ok": {"token": "abcdef.0123456789abcdef", "id": "abcdef", "description": "",
            "expires": None, "usages": [], "groups": []}})
own("a Secret manifest that is not UTF-8: invalid_secret, not a lossy parse", "parse_secret",
    {"secret": b(SECRET_YAML + b"  description: caf\xe9\n")}, {"error": "invalid_secret"})
own("a Secret list that is not UTF-8", "parse_secret_list",
    {"secrets": b(b"apiVersion: v1\nkind: List\nitems: []\n# \xff\n")},
    {"error": "invalid_secret"})
own("a kubeconfig that is not UTF-8", "parse_kubeconfig",
    {"kubeconfig": b(b"apiVersion: v1\nkind: Config\n# \xfe\xff\n")},
    {"error": "invalid_kubeconfig"})
own("UTF-16 (with a BOM) is not UTF-8 either", "parse_kubeconfig",
    {"kubeconfig": b("apiVersion: v1\nkind: Config\n".encode("utf-16"))},
    {"error": "invalid_kubeconfig"})
own("a ConfigMap that is not UTF-8", "verify_cluster_info",
    {"configmap": b(b"apiVersion: v1\nkind: ConfigMap\n# \x80\n"),
     "token": "abcdef.0123456789abcdef", "ca_cert_hashes": []},
    {"error": "invalid_configmap"})

json.dump({"origin": None, "cases": out}, open(OUT, "w"), indent=1, ensure_ascii=False)
open(OUT, "a").write("\n")
print(f"{OUT}: {len(out)} cases")
