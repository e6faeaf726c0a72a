#!/usr/bin/env python3
"""Generates tests/vectors/list-printers.json: `list_tokens` cases for each class of
description the printers treat specially (YAML styles and quoting triggers, folding at 80
columns, literal blocks, line separators, control characters, bytes outside UTF-8 and
text/tabwriter's 0xff escape), for every flavour and format.

The expected output is the real upstream printers' (the Go oracle, tests/oracle: kubeadm's
output printer over sigs.k8s.io/yaml, cli-runtime's table printer, encoding/json, go-yaml
v2, text/tabwriter), as text the way docs/api.md says it comes back: each byte outside
UTF-8 as U+FFFD. Where kubeadm stops at a token sigs.k8s.io/yaml refuses, the expected
output is ours (docs/differences.md): upstream's output without that token, and the token
reported in `errors`.

Run from the repository root after `make oracle-build`:
    python3 tests/vectors/gen/list_printers.py
"""
import base64
import codecs
import json
import os
import subprocess

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
ORACLE = os.path.join(ROOT, "tests", "oracle", "oracle")
OUT = os.path.join(ROOT, "tests", "vectors", "list-printers.json")
NOW = "2025-01-01T00:00:00Z"
GROUP = "system:bootstrappers:kubeadm:default-node-token"

# Each byte outside UTF-8 becomes one U+FFFD (Go's `for range`; Python's "replace" would
# merge a truncated sequence into one).
codecs.register_error("go_fffd", lambda e: ("\ufffd" * (e.end - e.start), e.end))


def go_text(b):
    return b.decode("utf-8", errors="go_fffd")


def secret(token, description=None, expires=None, usages=("signing", "authentication")):
    tid, tsecret = token.split(".")
    data = {"token-id": tid.encode(), "token-secret": tsecret.encode(),
            "auth-extra-groups": GROUP.encode()}
    for u in usages:
        data["usage-bootstrap-" + u] = b"true"
    if description is not None:
        data["description"] = description
    if expires:
        data["expiration"] = expires.encode()
    return {
        "apiVersion": "v1", "kind": "Secret",
        "metadata": {"name": "bootstrap-token-" + tid, "namespace": "kube-system"},
        "type": "bootstrap.kubernetes.io/token",
        "data": {k: base64.b64encode(v).decode() for k, v in data.items()},
    }


LONG = ("kubetoken lists bootstrap tokens exactly as kubeadm does, folding long "
        "descriptions where go-yaml folds them, at the first space past column eighty")

# (name, description bytes, [(flavour, format), ...])
CLASSES = [
    ("multi-line: literal block |-", b"line one\nline two", [("kubeadm", "yaml"), ("k3s", "yaml")]),
    ("trailing newline: literal block |", b"one line\n", [("kubeadm", "yaml")]),
    ("leading space + newline: |2- with an indentation hint", b"  indented\nnext", [("kubeadm", "yaml")]),
    ("space before a newline: double-quoted", b"a \nb", [("kubeadm", "yaml")]),
    ("long line: plain, folded at 80 columns", LONG.encode(), [("kubeadm", "yaml"), ("k3s", "yaml")]),
    ("long line with quotes: single-quoted, folded", ("it's " + LONG).encode(), [("kubeadm", "yaml")]),
    ("long line with a tab: double-quoted, folded", ("tab\t" + LONG).encode(), [("kubeadm", "yaml")]),
    ("merge key << stays plain", b"<<", [("kubeadm", "yaml")]),
    ("YAML 1.1 boolean", b"yes", [("kubeadm", "yaml"), ("k3s", "yaml")]),
    ("YAML 1.1 int with _", b"1_000", [("kubeadm", "yaml")]),
    ("float out of range stays plain", b"1e999", [("kubeadm", "yaml")]),
    ("base 60 float", b"190:20:30", [("kubeadm", "yaml")]),
    ("timestamp", b"2025-01-02", [("kubeadm", "yaml")]),
    ("not a date", b"2025-02-30", [("kubeadm", "yaml")]),
    ("': ' and ' #'", b"key: value # comment", [("kubeadm", "yaml")]),
    ("leading indicator", b"- item", [("kubeadm", "yaml")]),
    ("leading and trailing spaces", b" padded ", [("kubeadm", "yaml")]),
    ("U+2028 raw in a single-quoted scalar", "a\u2028b".encode(), [("kubeadm", "yaml"), ("k3s", "yaml")]),
    ("U+2029 and NEL: kubeadm's JSON step folds NEL", "p\u2029q\u0085r".encode(), [("kubeadm", "yaml"), ("k3s", "yaml")]),
    ("U+FEFF first: every character escaped", "\ufeffbom".encode(), [("kubeadm", "yaml")]),
    ("astral character: \\U escape", "emoji \U0001F600".encode(), [("kubeadm", "yaml")]),
    ("C0 controls: escaped", b"bell\x07 esc\x1b", [("kubeadm", "yaml"), ("kubeadm", "json"), ("karmada", "text")]),
    ("not UTF-8 (caf\\xe9)", b"caf\xe9", [("kubeadm", "text"), ("kubeadm", "json"), ("kubeadm", "yaml"),
                                           ("karmada", "text"), ("k3s", "text"), ("k3s", "json"), ("k3s", "yaml")]),
    ("0xff 0xfe: text/tabwriter's escape shifts the columns", b"\xff\xfe",
     [("kubeadm", "text"), ("karmada", "text"), ("k3s", "text")]),
    ("an escaped run holding a tab", b"\xffa\tb\xff", [("karmada", "text"), ("k3s", "text")]),
    ("multi-line in a table: cut with ...", b"first\nsecond", [("karmada", "text")]),
    ("DEL: kubeadm's YAML printer refuses the token", b"del\x7f", [("kubeadm", "yaml"), ("kubeadm", "text")]),
]

OTHER = secret("zzzzzz.0123456789abcdef", b"a second token", "2025-01-02T00:00:00Z")


def oracle(reqs):
    p = subprocess.run([ORACLE], input="".join(json.dumps(r) + "\n" for r in reqs),
                       capture_output=True, text=True, check=True)
    return [json.loads(line) for line in p.stdout.splitlines()]


def main():
    cases, reqs = [], []
    for name, desc, outs in CLASSES:
        first = secret("abcdef.0123456789abcdef", desc)
        for flavour, fmt in outs:
            args = {"secrets": [first, OTHER], "now": NOW, "format": fmt, "flavour": flavour}
            cases.append((name, args))
            reqs.append(dict(args, fn="list_tokens"))
            # The same list without the first token (what we print when it is refused).
            reqs.append(dict(args, fn="list_tokens", secrets=[OTHER]))
    answers = oracle(reqs)
    out = []
    for i, (name, args) in enumerate(cases):
        full, rest = answers[2 * i], answers[2 * i + 1]
        assert "ok" in full, (name, full)
        errors = []
        if full["ok"].get("failed"):
            output = base64.b64decode(rest["ok"]["output"])
            errors = [{"code": "invalid_secret", "message":
                       'token "abcdef" cannot be printed as YAML: its description contains a '
                       "control character the YAML reader refuses (U+007F-U+009F but U+0085, "
                       "U+FFFE, U+FFFF); kubeadm token list -o yaml stops there"}]
            note = "kubeadm stops at this token (exit 1); we report it and list the rest"
        else:
            output = base64.b64decode(full["ok"]["output"])
            note = None
        case = {
            "index": None,
            "source": "kubetoken: tests/vectors/gen/list_printers.py, expected output from "
                      "the Go oracle (k8s.io/kubernetes v1.36.3, sigs.k8s.io/yaml v1.6.0, "
                      "go.yaml.in/yaml/v2 v2.4.3, k8s.io/cli-runtime v0.36.3)",
            "function": f"{args['flavour']} token list -o {args['format']}: {name}",
            "op": "list_tokens",
            "args": args,
            "expect": {"ok": {"output": go_text(output), "errors": errors}},
        }
        if note:
            case["note"] = note
        out.append(case)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"origin": None, "cases": out}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(out)} cases to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
