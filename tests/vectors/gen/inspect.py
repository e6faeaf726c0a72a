"""Writes tests/vectors/kubetoken-inspect.json: `inspect_token` classifications.

Expectations are written by hand from the rules (docs/api.md, "Inspect and redact"), not
computed by kubetoken. Most cases use the test op `inspect_token_codes` (the result with
each finding reduced to its code); a few use `inspect_token` itself with whole messages.

Run: python3 tests/vectors/gen/inspect.py
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

H = "e6b1f6b2d5c1a0f9e8d7c6b5a49382716f5e4d3c2b1a0f9e8d7c6b5a49382716"
GOOD = "9a08jv.c0izixklcxtmnze7"  # a token with repeats, no small alphabet
SHUFFLED = "qwerty.uiopasdfghjklzxc"  # 22 distinct characters


def summary(kind: str, *, token_id: Any = None, ca_hash: Any = None, username: Any = None,
            credentials: Any = None, purpose: Any = None, usable: Any = None,
            reasons: tuple[str, ...] = (), warnings: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"kind": kind, "token_id": token_id, "ca_hash": ca_hash, "username": username,
            "credentials": credentials, "purpose": purpose, "usable": usable,
            "reasons": list(reasons), "warnings": list(warnings)}


NH = "no_ca_hash"
CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("a kubeadm bootstrap token", {"text": GOOD}, summary("bootstrap_token", token_id="9a08jv")),
    ("usable for kubeadm join", {"text": GOOD, "purpose": "kubeadm_join"},
     summary("bootstrap_token", token_id="9a08jv", purpose="kubeadm_join", usable=True)),
    ("as a k3s server token: refused (k3s#7313, #12982)", {"text": GOOD, "purpose": "k3s_server"},
     summary("bootstrap_token", token_id="9a08jv", purpose="k3s_server", usable=False,
             reasons=("bootstrap_token_as_server_token",), warnings=(NH,))),
    ("as an rke2 server token (hyphenated purpose accepted)", {"text": GOOD, "purpose": "rke2-server"},
     summary("bootstrap_token", token_id="9a08jv", purpose="rke2_server", usable=False,
             reasons=("bootstrap_token_as_server_token",), warnings=(NH,))),
    ("as a k3s agent token: works, but pins no CA", {"text": GOOD, "purpose": "k3s_agent"},
     summary("bootstrap_token", token_id="9a08jv", purpose="k3s_agent", usable=True, warnings=(NH,))),
    ("a trailing newline (file read without trimming)", {"text": GOOD + "\n", "purpose": "kubeadm_join"},
     summary("invalid", token_id="9a08jv", purpose="kubeadm_join", usable=False,
             reasons=("trailing_newline",))),
    ("leading space", {"text": " " + GOOD},
     summary("invalid", token_id="9a08jv", reasons=("whitespace",))),
    ("whitespace inside", {"text": "9a08jv. c0izixklcxtmnze7"},
     summary("invalid", reasons=("inner_whitespace",),
             warnings=("not_a_bootstrap_token", "secret_length", "invalid_characters"))),
    ("empty", {"text": "", "purpose": "k3s_agent"},
     summary("invalid", purpose="k3s_agent", usable=False, reasons=("empty",))),
    ("uppercase: a k3s password, not a kubeadm token", {"text": "9A08JV.c0izixklcxtmnze7", "purpose": "kubeadm_join"},
     summary("password", purpose="kubeadm_join", usable=False, reasons=("uppercase",),
             warnings=("not_a_bootstrap_token",))),
    ("uppercase, no purpose: warnings explain", {"text": "9A08JV.c0izixklcxtmnze7"},
     summary("password", warnings=("not_a_bootstrap_token", "uppercase"))),
    ("Cyrillic look-alike letters", {"text": "9a08jv.c0izixklcxtmnzе7", "purpose": "kubeadm_join"},
     summary("password", purpose="kubeadm_join", usable=False, reasons=("lookalike_characters",),
             warnings=("not_a_bootstrap_token",))),
    ("too short: the \"%0x.%0x\" generator without zero-padding",
     {"text": "9a08f.c0a1b2c3d4e5f6a", "purpose": "kubeadm_join"},
     summary("password", purpose="kubeadm_join", usable=False, reasons=("id_length", "secret_length"),
             warnings=("not_a_bootstrap_token",))),
    ("hex-only secret (a hex generator): 64 bits", {"text": "9a08fe.0a1b2c3d4e5f6a7b"},
     summary("bootstrap_token", token_id="9a08fe", warnings=("hex_only_secret",))),
    ("digits-only secret", {"text": "9a08jv.0123456789012345"},
     summary("bootstrap_token", token_id="9a08jv", warnings=("digits_only_secret",))),
    ("few distinct characters", {"text": "9a08jv.xxxxyyyyxxxxyyyy"},
     summary("bootstrap_token", token_id="9a08jv", warnings=("few_distinct_characters",))),
    ("no character repeats (random_shuffle)", {"text": SHUFFLED},
     summary("bootstrap_token", token_id="qwerty", warnings=("no_repeated_characters",))),
    ("K10 server token", {"text": f"K10{H}::server:3f2b1c9a8e7d6c5b4a39281706f5e4d3", "purpose": "k3s_server"},
     summary("k3s_token", ca_hash=H, username="server", credentials="password", purpose="k3s_server",
             usable=True)),
    ("K10 agent token used for a server join", {"text": f"K10{H}::node:3f2b1c9a8e7d6c5b4a39281706f5e4d3",
                                               "purpose": "rke2_server"},
     summary("k3s_token", ca_hash=H, username="node", credentials="password", purpose="rke2_server",
             usable=True, warnings=("agent_token_for_server",))),
    ("K10 with bootstrap-token credentials as a server token",
     {"text": f"K10{H}::{GOOD}", "purpose": "k3s_server"},
     summary("k3s_token", token_id="9a08jv", ca_hash=H, credentials="bootstrap", purpose="k3s_server",
             usable=False, reasons=("bootstrap_token_as_server_token",))),
    ("K10 token given to kubeadm", {"text": f"K10{H}::{GOOD}", "purpose": "kubeadm_join"},
     summary("k3s_token", token_id="9a08jv", ca_hash=H, credentials="bootstrap", purpose="kubeadm_join",
             usable=False, reasons=("k3s_token_for_kubeadm",))),
    ("K10 password token given to karmadactl", {"text": f"K10{H}::server:pw", "purpose": "karmada_register"},
     summary("k3s_token", ca_hash=H, username="server", credentials="password", purpose="karmada_register",
             usable=False, reasons=("password_for_kubeadm",))),
    ("K10 with a short hash (cut when copied)", {"text": "K10e6b1f6b2d5c1::server:pw", "purpose": "k3s_agent"},
     summary("invalid", purpose="k3s_agent", usable=False, reasons=("ca_hash_length",))),
    ("K10 hash of 64 characters that are not lowercase hex", {"text": f"K10{H.upper()}::node:pw", "purpose": "k3s_agent"},
     summary("k3s_token", ca_hash=H.upper(), username="node", credentials="password", purpose="k3s_agent",
             usable=False, reasons=("ca_hash_not_hex",), warnings=("ca_hash_not_hex",))),
    ("K10 without a hash", {"text": "K10::server:pw"},
     summary("k3s_token", ca_hash="", username="server", credentials="password", warnings=(NH,))),
    ("K10 with an empty password", {"text": f"K10{H}::server:"},
     summary("invalid", reasons=("k10_credentials",))),
    ("K10 without :: (k3s reads the part before the first ':' as the user)", {"text": "K10abc:server:pw"},
     summary("k3s_token", ca_hash="", username="abc", credentials="password",
             warnings=("k10_separator", NH))),
    ("k10 in lower case is a password to k3s", {"text": f"k10{H}::server:pw"},
     summary("password", warnings=("k10_prefix_case",))),
    ("a bare password (k3s short token) as a server token",
     {"text": "3f2b1c9a8e7d6c5b4a39281706f5e4d3", "purpose": "k3s_server"},
     summary("password", purpose="k3s_server", usable=True, warnings=(NH,))),
    ("a short bare password", {"text": "hunter2"}, summary("password", warnings=("short_password",))),
    ("a bare password for kubeadm", {"text": "hunter2hunter2", "purpose": "kubeadm_join"},
     summary("password", purpose="kubeadm_join", usable=False, reasons=("not_id_dot_secret",))),
]


def main() -> None:
    cases: list[dict[str, Any]] = []
    for source, args, want in CASES:
        cases.append({"index": None, "source": f"kubetoken: inspect_token: {source}", "function": None,
                      "op": "inspect_token_codes", "args": args, "expect": {"ok": want}})
    full = [
        ("whole result, no purpose", {"text": "9a08fe.0a1b2c3d4e5f6a7b"},
         {"kind": "bootstrap_token", "token_id": "9a08fe", "ca_hash": None, "username": None,
          "credentials": None, "purpose": None, "usable": None, "reasons": [],
          "warnings": [{"code": "hex_only_secret", "message":
                        "the secret uses only hexadecimal digits: 64 bits instead of about 82.7 "
                        "(a hex-only generator; a uniform draw from [a-z0-9] does this about once "
                        "in 430,000)"}]}),
        ("whole result, a short hash", {"text": "K10e6b1f6b2d5c1::server:pw", "purpose": "k3s_agent"},
         {"kind": "invalid", "token_id": None, "ca_hash": None, "username": None, "credentials": None,
          "purpose": "k3s_agent", "usable": False,
          "reasons": [{"code": "ca_hash_length", "message":
                       "the CA hash after K10 has 12 characters; 64 hex characters expected "
                       "(a hash cut short when copied)"}], "warnings": []}),
    ]
    for source, args, want in full:
        cases.append({"index": None, "source": f"kubetoken: inspect_token: {source}", "function": None,
                      "op": "inspect_token", "args": args, "expect": {"ok": want}})
    cases.append({"index": None, "source": "kubetoken: inspect_token: bytes that are not UTF-8",
                  "function": None, "op": "inspect_token",
                  "args": {"text": {"base64": base64.b64encode(b"9a08jv.\xffizixklcxtmnze7").decode()}},
                  "expect": {"ok": {"kind": "invalid", "token_id": None, "ca_hash": None, "username": None,
                                    "credentials": None, "purpose": None, "usable": None,
                                    "reasons": [{"code": "not_utf8", "message":
                                                 "not UTF-8 text (a binary file or the wrong encoding)"}],
                                    "warnings": []}}})
    for source, args, code in [
        ("an unknown purpose", {"text": GOOD, "purpose": "kubeadm"}, "invalid_options"),
        ("over 64 KiB", {"text": "a" * 65537}, "input_too_large"),
    ]:
        cases.append({"index": None, "source": f"kubetoken: inspect_token: {source}", "function": None,
                      "op": "inspect_token", "args": args, "expect": {"error": code}})
    out = Path(__file__).resolve().parent.parent / "kubetoken-inspect.json"
    out.write_text(json.dumps({"origin": None, "cases": cases}, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
