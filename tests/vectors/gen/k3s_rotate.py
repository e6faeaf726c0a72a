"""Writes tests/vectors/kubetoken-k3s-rotate.json: `k3s_rotate` and `k3s_which_token_opens`.

Expectations are computed here independently of kubetoken, with the `cryptography`
package (PBKDF2-HMAC-SHA1 4096 rounds, AES-256-GCM: k3s pkg/cluster/encrypt.go) and
hashlib (storage key `/bootstrap/` + 12 hex of SHA-256): the random source is given as
hex (`random`), consumed in order: 16 bytes for a generated token, then 8 (salt) and
12 (nonce) for the re-encryption.

Run: python3 tests/vectors/gen/k3s_rotate.py  (needs `cryptography`)
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

H = "e6b1f6b2d5c1a0f9e8d7c6b5a49382716f5e4d3c2b1a0f9e8d7c6b5a49382716"
OLD = f"K10{H}::server:oldsecretoldsecret"
OLD_PASS = "oldsecretoldsecret"
PLAIN = b'{"ServerCA":{"Timestamp":"2026-01-01T00:00:00Z","Content":"eA=="}}\n'


def seal(passphrase: str, plaintext: bytes, salt: str, nonce: bytes) -> str:
    key = hashlib.pbkdf2_hmac("sha1", passphrase.encode(), salt.encode(), 4096, 32)
    return salt + ":" + base64.b64encode(nonce + AESGCM(key).encrypt(nonce, plaintext, None)).decode()


def th(p: str) -> str:
    return hashlib.sha256(p.encode()).hexdigest()[:12]


BLOB = seal(OLD_PASS, PLAIN, "00112233aabbccdd", bytes(range(12)))


def rotation(new_pass: str, generated: bool, value: Any) -> dict[str, Any]:
    return {"generated": generated, "new_token": f"K10{H}::server:{new_pass}", "new_passphrase": new_pass,
            "old_storage_key": "/bootstrap/" + th(OLD_PASS), "new_storage_key": "/bootstrap/" + th(new_pass),
            "old_token_hash": th(OLD_PASS), "new_token_hash": th(new_pass), "value": value}


def main() -> None:
    gen = bytes(range(0x10, 0x20))
    salt, nonce = bytes(range(0xa0, 0xa8)), bytes(range(0xb0, 0xbc))
    new_gen = gen.hex()
    cases: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
        ("a given password; no blob", "k3s_rotate", {"token": OLD, "new_token": "newsecretnewsecret"},
         {"ok": rotation("newsecretnewsecret", False, None)}),
        ("a given K10 token: its password part is the new passphrase", "k3s_rotate",
         {"token": OLD, "new_token": f"K10{H}::server:newsecretnewsecret", "random": (salt + nonce).hex(),
          "value": BLOB},
         {"ok": rotation("newsecretnewsecret", False, seal("newsecretnewsecret", PLAIN, salt.hex(), nonce))}),
        ("none given: 16 random bytes as hex, as the server does; the blob re-encrypted", "k3s_rotate",
         {"token": OLD, "random": (gen + salt + nonce).hex(), "value": BLOB},
         {"ok": rotation(new_gen, True, seal(new_gen, PLAIN, salt.hex(), nonce))}),
        ("a bootstrap token as the new server token is refused first (k3s#12982)", "k3s_rotate",
         {"token": "not-a-valid::", "new_token": "9a08jv.c0izixklcxtmnze7", "value": "garbage"},
         {"error": "invalid_k3s_token"}),
        ("the old token must open the blob", "k3s_rotate",
         {"token": "K10::server:wrongwrongwrong", "new_token": "n3wn3wn3w", "value": BLOB},
         {"error": "decryption_failed"}),
        ("a value that is not salt:base64", "k3s_rotate", {"token": OLD, "new_token": "n3w", "value": "nocolon"},
         {"error": "invalid_ciphertext"}),
        ("the random bytes run out", "k3s_rotate", {"token": OLD, "random": "00"}, {"error": "random_failure"}),
        ("which token opens the blob: the second", "k3s_which_token_opens",
         {"tokens": ["9a08jv.c0izixklcxtmnze7", OLD, "other"], "value": BLOB}, {"ok": 1}),
        ("which token opens the blob: none", "k3s_which_token_opens",
         {"tokens": ["a", "b"], "value": BLOB}, {"ok": None}),
    ]
    out_cases = [{"index": None, "source": f"kubetoken: {op}: {src}", "function": None, "op": op,
                  "args": args, "expect": expect} for src, op, args, expect in cases]
    out = Path(__file__).resolve().parent.parent / "kubetoken-k3s-rotate.json"
    out.write_text(json.dumps({"origin": None, "cases": out_cases}, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
