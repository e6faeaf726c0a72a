#!/usr/bin/env python3
"""The cross-door differential: one behaviour in every door (Rust, Python, Node).

    crossdoor.py gen N SEED > cases.jsonl      deterministic cases, one JSON line each
    crossdoor.py compare cases rust py js      byte-for-byte comparison of the results

A case is ``{"op": ..., "args": {...}}`` in the JSON façade's form (docs/api.md argument
names; bytes as ``{"base64": "..."}``). Seeds are the public ops' cases of
tests/vectors/*.json; each case is a seed, mutated (or not) by the generator below.
Lone surrogates are written as JSON escapes (``"\\ud800"``): Python's ``json`` and JS's
``JSON.parse`` turn them into real lone surrogates in ``str`` / ``string``; Rust text
cannot hold one, so the Rust runner passes the equivalent invalid input, a string argument
that is not UTF-8 text (see core/examples/crossdoor.rs).

Each runner writes one result line per case: ``{"ok": <result>}`` or
``{"error": "<code>", "message": "<text>"}``, bytes results as ``{"base64": ...}``. Wrong
argument types are the façade's ``invalid_options``; Python and JS raise their own
``TypeError`` for them, which the runners write as ``{"error": "invalid_options"}`` with
no message (the message is the language's), so ``invalid_options`` compares by code only.
Every other error's message is the core's ``Display`` and is compared too. ``compare`` re-serialises every line one way (sorted
keys, ASCII escapes, compact) and compares the bytes.
"""

from __future__ import annotations

import base64
import collections
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Ops with random results (no two calls agree), and the test ops of docs/api.md (Rust
# runner only, or built by each runner from public functions).
SKIP = {
    "generate_token",
    "k3s_token_generate",
    "check_generate_token",
    "check_random_chars",
    "check_secret_roundtrip",
    "get_secret_data",
    "token_from_json",
    "token_to_json",
    "token_json_reencode",
    "token_json_roundtrip",
    "inspect_token_codes",
    "explain_k3s_ca_hash_summary",
}

# Ops that draw a random token when none is given.
RANDOM_TOKEN = {
    "validate_token_options",
    "render_secret",
    "render_secret_yaml",
    "encode_token_secret",
}

# Relative weight of an op's seeds: the option / Secret / list / k3s paths first.
WEIGHTS = collections.defaultdict(
    lambda: 1.0,
    {
        "validate_token_options": 4,
        "render_secret": 4,
        "render_secret_yaml": 3,
        "encode_token_secret": 3,
        "parse_secret": 3,
        "parse_secret_list": 3,
        "list_tokens": 3,
        "render_token_list": 2,
        "authenticate": 2,
        "parse_k3s_token": 3,
        "format_k3s_token": 2,
        "k3s_token_string": 2,
        "k3s_ca_hash": 1.5,
        "verify_k3s_ca": 2,
        "k3s_credentials": 2,
        "k3s_decrypt": 1.5,
        "k3s_encrypt": 1.5,
        "parse_token": 2,
        "token_from_parts": 2,
    },
)

LONE = ["\ud800", "\udfff", "a\udc00b", "\udbff\udbff"]
HOSTILE = [
    "",
    " ",
    "line\nbreak",
    "cr\r\nlf",
    'quote"d',
    "single'q",
    "back\\slash",
    "tab\there",
    "nul\x00byte",
    "\x7f\x1b[31m",
    "ünïcødé",
    "日本語",
    "emoji 🔑",
    "\u2028\u2029",
    "\ufeffbom",
    "z\u0301",
    "a" * 300,
    "x" * 5000,
    "{{.Token}}",
    "%s%n",
    "- item",
    "key: value",
    "#comment",
    "&anchor",
    "*alias",
    "!!binary",
    "null",
    "true",
    "0x10",
    "1e3",
    "~",
    "---",
    "abcdef.0123456789abcdef",
    "ABCDEF.0123456789ABCDEF",
    "abcdef.0123456789abcde",
    "abcdef:0123456789abcdef",
    "abcdef.0123456789abcdef\n",
    " abcdef.0123456789abcdef",
    "K10" + "a" * 64 + "::server:secret",
    "K10::server:secret",
    "K10" + "0" * 64 + "::node:",
    "server:pa:ss",
    "system:bootstrappers:kubeadm:default-node-token",
    "system:bootstrappers:",
    "signing,authentication",
    *LONE,
]
DURATIONS = [
    "0",
    "1h",
    "24h",
    "-1s",
    "1.5h",
    "90m",
    "1h30m",
    "2562047h",
    "2562048h",
    "1e3s",
    "abc",
    "1 h",
    "+5m",
    "00:10",
    ".5s",
    "9223372036854775807ns",
    "9223372036854775808ns",
    0,
    1,
    -1,
    90000,
    1.5,
    -0.0,
    1e20,
    9007199254740993,
    2**63,
    True,
]
TIMES = [
    "2026-01-01T00:00:00Z",
    "2026-01-01T00:00:00+02:00",
    "2026-01-01T00:00:00.123456789Z",
    "2026-01-01 00:00:00Z",
    "2026-13-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "10000-01-01T00:00:00Z",
    "2026-01-01T00:00:00z",
    "2026-02-30T00:00:00Z",
    "",
    1700000000,
]
WRONG = [None, 0, -7, 3.25, True, False, [], ["a"], [1, 2], {}, {"a": 1}, {"base64": "AA=="}]
BYTES = [
    {"base64": ""},
    {"base64": "AP8="},
    {"base64": base64.b64encode(b"\xff\xfe\x00k\x00").decode()},
    {"base64": base64.b64encode("ünï".encode("latin-1")).decode()},
    {"base64": base64.b64encode(b"abcdef.0123456789abcdef").decode()},
]

ARG_POOLS = {
    "ttl": DURATIONS,
    "duration": DURATIONS,
    "now": TIMES,
    "expiration": TIMES,
    "timestamp": TIMES,
    "description": HOSTILE,
}


def load_seeds() -> dict[str, list[dict]]:
    seeds: dict[str, list[dict]] = collections.defaultdict(list)
    # The public ops: the first cells of docs/api.md's tables.
    doc = (ROOT / "docs/api.md").read_text(encoding="utf-8")
    api_ops = set(re.findall(r"^\| `([a-z][a-z0-9_]*)` \|", doc, re.M))
    for path in sorted((ROOT / "tests/vectors").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            op = case.get("op")
            if op in api_ops and op not in SKIP and isinstance(case.get("args"), dict):
                seeds[op].append(case["args"])
    return seeds


def mutate_value(rng: random.Random, key: str, value, seeds_pool):
    roll = rng.random()
    pool = ARG_POOLS.get(key)
    if pool is not None and roll < 0.5:
        return rng.choice(pool)
    if roll < 0.62:
        return rng.choice(WRONG)
    if roll < 0.7:
        return rng.choice(BYTES)
    if roll < 0.9:
        if isinstance(value, str) and value and rng.random() < 0.5:
            i = rng.randrange(len(value) + 1)
            return value[:i] + rng.choice(HOSTILE[:16] + LONE) + value[i:]
        return rng.choice(HOSTILE)
    # A value of the same key from another seed (valid, but mixed).
    others = [a[key] for a in seeds_pool if key in a]
    return rng.choice(others) if others else value


def mutate_deep(rng: random.Random, value):
    """A hostile change somewhere inside a manifest / list argument."""
    if isinstance(value, dict) and value and list(value) != ["base64"]:
        k = rng.choice(list(value))
        out = dict(value)
        if rng.random() < 0.6:
            out[k] = mutate_deep(rng, value[k])
        elif rng.random() < 0.5:
            del out[k]
        else:
            out[rng.choice(HOSTILE[:20])] = rng.choice(HOSTILE + WRONG)
        return out
    if isinstance(value, list) and value:
        out = list(value)
        i = rng.randrange(len(out))
        r = rng.random()
        if r < 0.5:
            out[i] = mutate_deep(rng, out[i])
        elif r < 0.75:
            out.append(out[i])
        else:
            del out[i]
        return out
    if isinstance(value, str):
        r = rng.random()
        if r < 0.4:
            return rng.choice(HOSTILE)
        i = rng.randrange(len(value) + 1)
        return value[:i] + rng.choice(HOSTILE[:16] + LONE) + value[i:]
    return rng.choice(HOSTILE + WRONG)


def generate(n: int, seed: int):
    rng = random.Random(seed)
    seeds = load_seeds()
    ops = sorted(seeds)
    weights = [WEIGHTS[op] for op in ops]
    now_ops = {op for op in ops if any("now" in a for a in seeds[op])}
    for _ in range(n):
        op = rng.choices(ops, weights)[0]
        seed = rng.choice(seeds[op])
        args = dict(seed)
        r = rng.random()
        if r < 0.15:
            pass  # the seed as it is (valid or invalid)
        elif r < 0.55 and args:
            k = rng.choice(list(args))
            args[k] = mutate_value(rng, k, args[k], seeds[op])
            if rng.random() < 0.3:
                k2 = rng.choice(list(args))
                args[k2] = mutate_value(rng, k2, args[k2], seeds[op])
        elif r < 0.8 and args:
            k = rng.choice(list(args))
            args[k] = mutate_deep(rng, args[k])
        elif r < 0.88 and args:
            del args[rng.choice(list(args))]
        elif r < 0.93:
            # An argument from the pools the op may or may not take.
            k = rng.choice(list(ARG_POOLS) + ["bogus", "tokenId", "token_id"])
            args[k] = rng.choice(ARG_POOLS.get(k, HOSTILE))
        else:
            args[rng.choice(list(args) or ["token"])] = None
        if op in now_ops and args.get("now") is None:
            # The bindings read their clock when `now` is absent or null; the façade has
            # none (docs/api.md). Not one behaviour by design: every case gives `now`.
            args["now"] = seed.get("now", TIMES[0])
        if op in RANDOM_TOKEN and args.get("token") in (None, "", {"base64": ""}):
            # No token (an empty one too, as kubeadm's empty flag): a random one, which no
            # two doors share.
            args["token"] = seed.get("token") or "abcdef.0123456789abcdef"
        if op == "k3s_encrypt" and args.get("salt") is None and args.get("nonce") is None:
            # Neither: a random salt and nonce, which no two doors share.
            args["salt"], args["nonce"] = "0" * 8, "0" * 24
        if op == "k3s_rotate" and args.get("random") is None:
            # No random source given: the OS one, which no two doors share.
            args["random"] = "5a" * 36
        yield {"op": op, "args": args}


def canonical(line: str) -> str:
    result = json.loads(line)
    if result.get("error") == "invalid_options":
        # A wrong type or unknown argument: the façade's message, the bindings' TypeError
        # (the language's own text). Codes only.
        result.pop("message", None)
    return json.dumps(result, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def compare(cases_path: str, *outs: str) -> int:
    cases = Path(cases_path).read_text(encoding="utf-8").split("\n")[:-1]
    names = ["rust", "python", "node"]
    lines = [Path(p).read_text(encoding="utf-8").split("\n")[:-1] for p in outs]
    for name, ls in zip(names, lines, strict=True):
        if len(ls) != len(cases):
            print(f"crossdoor: {name} wrote {len(ls)} results for {len(cases)} cases")
            return 1
    per_op: collections.Counter[str] = collections.Counter()
    errors: collections.Counter[str] = collections.Counter()
    diffs = []
    for i, case in enumerate(cases):
        op = json.loads(case)["op"]
        per_op[op] += 1
        got = [canonical(ls[i]) for ls in lines]
        if len(set(got)) > 1:
            diffs.append((i, case, got))
        else:
            errors["ok" if got[0].startswith('{"ok"') else "error"] += 1
    print(
        f"crossdoor: {len(cases)} cases, {len(per_op)} ops, {errors['ok']} ok / "
        f"{errors['error']} errors alike in rust, python and node; {len(diffs)} differences"
    )
    print("  per op: " + ", ".join(f"{op} {n}" for op, n in sorted(per_op.items())))
    for i, case, got in diffs[:10]:
        print(f"\n  case {i}: {case[:600]}")
        for name, g in zip(names, got, strict=True):
            print(f"    {name:6} {g[:600]}")
    return 1 if diffs else 0


def main() -> int:
    if sys.argv[1:2] == ["gen"]:
        n, seed = int(sys.argv[2]), int(sys.argv[3])
        out = sys.stdout
        for case in generate(n, seed):
            out.write(json.dumps(case, ensure_ascii=True, separators=(",", ":")) + "\n")
        return 0
    if sys.argv[1:2] == ["compare"]:
        return compare(*sys.argv[2:6])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
