#!/usr/bin/env python3
"""Generates tests/vectors/kubeadm-authn.json and tests/vectors/k3s-list.json from the
shared upstream vectors (/work/shared/vectors/{kubeadm,k3s}.json, or $SHARED_VECTORS).

Each owned upstream case becomes a call of kubetoken's public API (ops and shapes in
docs/api.md, section "API server, controllers, listing, delete"), or a skip with a reason.
Relative times in upstream tests ("now+1h") are resolved against a fixed NOW. Secrets are
passed as Kubernetes manifest objects with base64 `data`.

Run from the repository root: python3 tests/vectors/gen/authn_list.py
Error messages expected in list_tokens results are ours (authn_list_messages.json);
regenerate after changing their wording.
"""
import base64
import json
import os
import re
from datetime import datetime, timedelta, timezone

SHARED = os.environ.get("SHARED_VECTORS", "/work/shared/vectors")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

NOW = datetime(2025, 1, 1, tzinfo=timezone.utc)


def rfc(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


NOW_S = rfc(NOW)


def rel(v):
    """'now+1h (RFC3339)' -> absolute RFC3339 relative to NOW; other strings unchanged."""
    m = re.fullmatch(r"now([+-])(\d+)([hms]) \(RFC3339\)", v)
    if not m:
        return v
    n = int(m.group(2)) * {"h": 3600, "m": 60, "s": 1}[m.group(3)]
    return rfc(NOW + timedelta(seconds=n if m.group(1) == "+" else -n))


def manifest(s, default_ns=None):
    """Upstream secret description -> Secret manifest object (base64 data)."""
    meta = {"name": s["name"]}
    ns = s.get("namespace", default_ns)
    if ns is not None:
        meta["namespace"] = ns
    if "uid" in s:
        meta["uid"] = s["uid"]
    if "deletionTimestamp" in s:
        meta["deletionTimestamp"] = NOW_S if s["deletionTimestamp"] == "now" else s["deletionTimestamp"]
    m = {"apiVersion": "v1", "kind": "Secret", "metadata": meta}
    if "type" in s:
        m["type"] = s["type"]
    if s.get("data") is not None:
        m["data"] = {k: base64.b64encode(rel(v).encode()).decode() for k, v in s["data"].items()}
    return m


TYPE = "bootstrap.kubernetes.io/token"


def token_secret(id_, secret, *, expiration=None, description="", usages=("signing", "authentication"),
                 groups=("system:bootstrappers:k3s:default-node-token",)):
    """The Secret `token create` writes (BootstrapTokenToSecret)."""
    data = {"token-id": id_, "token-secret": secret}
    if description:
        data["description"] = description
    if expiration:
        data["expiration"] = expiration
    for u in usages:
        data["usage-bootstrap-" + u] = "true"
    if groups:
        data["auth-extra-groups"] = ",".join(groups)
    return manifest({"name": "bootstrap-token-" + id_, "namespace": "kube-system", "type": TYPE, "data": data})


def tabwriter(lines, minwidth, padding):
    """Go tabwriter for tables whose lines all have the same number of cells."""
    ncol = len(lines[0]) - 1
    widths = [max(minwidth, max(len(l[j]) + padding for l in lines)) for j in range(ncol)]
    out = ""
    for l in lines:
        out += "".join(c + " " * (widths[j] - len(c)) for j, c in enumerate(l[:-1])) + l[-1] + "\n"
    return out


HEADER = ["TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS"]


def case(src, i, op=None, args=None, ok=None, error=None, skip=None, note=None):
    c = {"index": i, "source": src["source"], "function": src["function"]}
    if skip:
        c["skip"] = skip
        return c
    c["op"] = op
    c["args"] = args
    c["expect"] = {"error": error} if error else {"ok": ok}
    if note:
        c["note"] = note
    return c


def own(fn, i, op, args, ok=None, error=None, note=None):
    c = {"index": None, "source": "kubetoken: " + fn, "function": fn, "op": op, "args": args,
         "expect": {"error": error} if error else {"ok": ok}}
    if note:
        c["note"] = note
    return c


def denied(reason):
    return {"authenticated": False, "user": None, "reason": reason}


def allowed(id_, groups):
    return {"authenticated": True, "user": {"name": "system:bootstrap:" + id_, "groups": groups}, "reason": None}


def kubeadm():
    src = json.load(open(os.path.join(SHARED, "kubeadm.json")))
    out = []
    auth_reasons = {
        "invalid group": "invalid_groups",
        "invalid secret name": "not_found",
        "no usage": "not_for_authentication",
        "wrong token": "not_found",
        "deleted token": "deleted",
        "expired token": "expired",
        "token id wrong length": "malformed_token",
    }
    for i, c in enumerate(src):
        f = c["function"]
        inp, exp = c.get("input"), c.get("expected")
        if f == "GetGroups":
            data = {k: v for k, v in inp.get("data", inp).items() if k != "name"}
            sec = manifest({"name": "bootstrap-token-abcdef", "namespace": "kube-system", "type": TYPE, "data": data})
            if exp["error"]:
                out.append(case(c, i, "get_groups", {"secret": sec}, error="invalid_group"))
            else:
                out.append(case(c, i, "get_groups", {"secret": sec}, ok=exp["groups"]))
        elif f == "GetExpiration":
            sec = manifest({"name": "bootstrap-token-abcdef", "type": TYPE, "data": {"expiration": NOW_S}})
            out.append(case(c, i, "token_expiration", {"secret": sec, "now": NOW_S},
                            ok={"remaining": "0s", "expired": True}))
        elif f == "TokenAuthenticator.AuthenticateToken":
            secs = [manifest(s, "kube-system") for s in inp["secrets_in_kube_system"]]
            args = {"token": inp["token"], "secrets": secs, "now": NOW_S}
            if exp["found"]:
                ok = allowed(exp["user"]["name"].split(":")[-1], exp["user"]["groups"])
            else:
                ok = denied(auth_reasons[inp["name"]])
            out.append(case(c, i, "authenticate", args, ok=ok))
        elif f == "validateSecretForSigning":
            sec = manifest(inp["secret"])
            ok = {"token_id": exp["tokenID"], "token_secret": exp["tokenSecret"]} if exp["ok"] else None
            out.append(case(c, i, "signing_credentials", {"secret": sec, "now": NOW_S}, ok=ok))
        elif f == "TokenCleaner.evalSecret":
            s = dict(inp["secret"], uid="8c0aa9ec-1111-4222-8333-944455556666")
            sec = manifest(s)
            if exp["actions"]:
                ok = {"action": "delete", "namespace": "kube-system", "name": s["name"], "uid": s["uid"]}
            elif "expiration" in s["data"]:
                ok = {"action": "requeue", "after": "1h0m0s"}
            else:
                ok = {"action": "none"}
            out.append(case(c, i, "cleaner_action", {"secret": sec, "now": NOW_S}, ok=ok,
                            note="upstream asserts no API actions; the re-queue is what evalSecret does instead"
                            if ok["action"] == "requeue" else None))
        elif f == "TokenCleaner.processNextWorkItem (queue)":
            s = dict(inp["secret"], uid="8c0aa9ec-1111-4222-8333-944455556666")
            sec = manifest(s)
            out.append(case(c, i, "cleaner_action", {"secret": sec, "now": NOW_S},
                            ok={"action": "requeue", "after": "2s"},
                            note="first pass; the second pass (2s later) is the next kubetoken case"))
            out.append(own(f + " second pass", None, "cleaner_action",
                           {"secret": sec, "now": rfc(NOW + timedelta(seconds=2))},
                           ok={"action": "delete", "namespace": "kube-system", "name": s["name"], "uid": s["uid"]}))
        elif f == "tokenTextPrinter/outputFlags.PrintObj (one token)":
            fmt = inp["outputFormat"]
            if fmt not in ("text", "json", "yaml"):
                out.append(case(c, i, skip=f"output format {fmt.split('=')[0]} (Go templates / JSONPath) is not "
                                          "implemented: kubetoken renders text, json and yaml only"))
                continue
            tok = {"token": inp["id"] + "." + inp["secret"], "description": inp["description"],
                   "usages": inp["usages"], "groups": inp["groups"]}
            out.append(case(c, i, "render_token_list",
                            {"tokens": [tok], "now": NOW_S, "format": fmt, "flavour": "kubeadm"}, ok=exp))
        elif f == "runListTokens":
            secs = [manifest(s, "kube-system") for s in inp["secrets"]]
            args = {"secrets": secs, "now": NOW_S, "format": "text", "flavour": "karmada"}
            if "rows_derived" in exp:
                text = tabwriter([HEADER] + exp["rows_derived"], 6, 3)
                out.append(case(c, i, "list_tokens", args, ok={"output": text, "errors": []}))
            else:
                out.append(case(c, i, "list_tokens", args, ok={"output": "", "errors": [
                    {"code": "invalid_secret", "message": KARMADA_BAD_SECRET_MESSAGE}]},
                    note="upstream's message echoes the bad token-secret; ours names only the Secret"))
        elif f in ("RunDeleteTokens", "runDeleteTokens"):
            flavour = "kubeadm" if f == "RunDeleteTokens" else "karmada"
            args = {"args": inp["args"], "flavour": flavour}
            if exp["error"] and "didn't match" in exp["message_derived"]:
                out.append(case(c, i, "delete_token_names", args, error="invalid_token"))
            else:
                ids = [a.split(".")[0] for a in inp["args"]]
                note = None
                if exp["error"]:
                    note = ("the NotFound error comes from the API server; kubetoken resolves the argument to the "
                            "Secret name to delete")
                out.append(case(c, i, "delete_token_names", args, ok=["bootstrap-token-" + x for x in ids], note=note))
        elif f == "token delete (no args)":
            out.append(case(c, i, "delete_token_names", {"args": [], "flavour": "kubeadm"}, error="invalid_options"))
    # kubetoken's own cases: namespace rule, constant-time compare path, expiry edge.
    good = {"token-id": "foobar", "token-secret": "circumnavigation", "usage-bootstrap-authentication": "true"}
    out.append(own("AuthenticateToken: empty namespace counts as kube-system", None, "authenticate",
                   {"token": "foobar.circumnavigation", "now": NOW_S,
                    "secrets": [manifest({"name": "bootstrap-token-foobar", "type": TYPE, "data": good})]},
                   ok=allowed("foobar", ["system:bootstrappers"])))
    out.append(own("AuthenticateToken: other namespaces are invisible", None, "authenticate",
                   {"token": "foobar.circumnavigation", "now": NOW_S,
                    "secrets": [manifest({"name": "bootstrap-token-foobar", "namespace": "default", "type": TYPE,
                                          "data": good})]}, ok=denied("not_found")))
    out.append(own("AuthenticateToken: wrong secret", None, "authenticate",
                   {"token": "foobar.circumnavigatioo", "now": NOW_S,
                    "secrets": [manifest({"name": "bootstrap-token-foobar", "type": TYPE, "data": good})]},
                   ok=denied("secret_mismatch")))
    out.append(own("AuthenticateToken: Opaque Secret", None, "authenticate",
                   {"token": "foobar.circumnavigation", "now": NOW_S,
                    "secrets": [manifest({"name": "bootstrap-token-foobar", "type": "Opaque", "data": good})]},
                   ok=denied("wrong_type")))
    out.append(own("AuthenticateToken: token-id differs", None, "authenticate",
                   {"token": "foobar.circumnavigation", "now": NOW_S,
                    "secrets": [manifest({"name": "bootstrap-token-foobar", "type": TYPE,
                                          "data": dict(good, **{"token-id": "barfoo"})})]},
                   ok=denied("token_id_mismatch")))
    out.append(own("AuthenticateToken: expiring exactly now", None, "authenticate",
                   {"token": "foobar.circumnavigation", "now": NOW_S,
                    "secrets": [manifest({"name": "bootstrap-token-foobar", "type": TYPE,
                                          "data": dict(good, expiration=NOW_S)})]}, ok=denied("expired")))
    out.append(own("GetExpiration: one hour left", None, "token_expiration",
                   {"secret": manifest({"name": "x", "data": {"expiration": rfc(NOW + timedelta(hours=1))}}),
                    "now": NOW_S}, ok={"remaining": "1h0m0s", "expired": False}))
    out.append(own("GetExpiration: unparseable", None, "token_expiration",
                   {"secret": manifest({"name": "x", "data": {"expiration": "garbage"}}), "now": NOW_S},
                   ok={"remaining": "0s", "expired": True}))
    out.append(own("GetExpiration: none", None, "token_expiration",
                   {"secret": manifest({"name": "x", "data": {}}), "now": NOW_S},
                   ok={"remaining": "0s", "expired": False}))
    out.append(own("kubeadm token list, two tokens, mixed expiry (misaligned like upstream)", None, "list_tokens",
                   {"secrets": [token_secret("abcdef", "0123456789abcdef", expiration="2025-01-02T02:00:00+02:00",
                                             groups=("system:bootstrappers:kubeadm:default-node-token",)),
                                token_secret("ghijkl", "0123456789abcdef", description="ノード ✓",
                                             groups=("system:bootstrappers:kubeadm:default-node-token",))],
                    "now": NOW_S, "format": "text", "flavour": "kubeadm"},
                   ok={"output": KUBEADM_MIXED, "errors": []}))
    return out


KARMADA_BAD_SECRET_MESSAGE = None  # filled in below
def pad(s, n):
    return s + " " * max(0, n - len(s))


def kubeadm_text(rows):
    """kubeadm's printer: one tabwriter per row, header before the first, %-9s/%-22s/%-56s."""
    out = ""
    for i, (tok, ttl, exp, usages, desc, groups) in enumerate(rows):
        lines = [HEADER] if i == 0 else []
        lines.append([tok, pad(ttl, 9), exp, pad(usages, 22), pad(desc, 56), groups])
        out += tabwriter(lines, 10, 3)
    return out


KG = "system:bootstrappers:kubeadm:default-node-token"
KUBEADM_MIXED = kubeadm_text([
    ["abcdef.0123456789abcdef", "1d", "2025-01-02T02:00:00+02:00", "authentication,signing", "<none>", KG],
    ["ghijkl.0123456789abcdef", "<forever>", "<never>", "authentication,signing", "ノード ✓", KG],
])


def k3s():
    src = json.load(open(os.path.join(SHARED, "k3s.json")))
    out = []
    G = "system:bootstrappers:k3s:default-node-token"
    for i, c in enumerate(src):
        f = c["function"]
        inp, exp = c.get("input"), c.get("expected")
        if f.startswith("k3s token create --ttl=") and "k3s token list" in f:
            id_, sec = inp.split(".")
            ttl = re.search(r"--ttl=(\w+)", f).group(1)
            secs = {"0": None, "20s": 20, "10m": 600}[ttl]
            exp_t = rfc(NOW + timedelta(seconds=secs)) if secs else None
            now = NOW + timedelta(seconds=2 if "sleep 2" in f else 0)
            ttl_cell = {"0": "<forever>", "20s": "20s", "10m": "9m"}[ttl]
            text = tabwriter([HEADER, [id_, ttl_cell, exp_t or "<never>", "authentication,signing", "<none>", G]], 10, 3)
            assert re.search(exp["list_stdout_matches_regex"], text), (text, exp)
            note = "the list half; the secret is what `k3s token create` writes"
            if "after_25s" in exp:
                note += "; deletion after expiry is the TokenCleaner's (cleaner_action), not list's"
            out.append(case(c, i, "list_tokens", {"secrets": [token_secret(id_, sec, expiration=exp_t)],
                                                  "now": rfc(now), "format": "text", "flavour": "k3s"},
                            ok={"output": text, "errors": []}, note=note))
        elif f == "k3s token delete <arg>":
            out.append(case(c, i, "delete_token_names", {"args": [inp], "flavour": "k3s"},
                            ok=["bootstrap-token-" + inp]))
        elif f.startswith("k3s token delete <arg> (full id.secret form"):
            out.append(case(c, i, "delete_token_names", {"args": [inp], "flavour": "k3s"},
                            ok=["bootstrap-token-" + inp.split(".")[0]],
                            note="deliberate difference: upstream k3s fails here (it re-parses the empty --token "
                                 "flag); kubetoken accepts the full token as its docs promise"))
        elif f == "k3s token delete (no args)":
            out.append(case(c, i, "delete_token_names", {"args": [], "flavour": "k3s"}, error="invalid_options"))
        elif f == "k3s token list -o xml":
            out.append(case(c, i, "list_tokens", {"secrets": [], "now": NOW_S, "format": "xml", "flavour": "k3s"},
                            error="invalid_options"))
        elif f == "AuthenticateToken(bearer)":
            base = {"token-id": "abcdef", "token-secret": "0123456789abcdef",
                    "usage-bootstrap-authentication": "true", "auth-extra-groups": G}
            sd = inp["secret_data"]
            if isinstance(sd, dict):
                data, ok = sd, allowed("abcdef", exp["groups"])
            elif sd.startswith("usage-bootstrap-authentication"):
                data, ok = {k: v for k, v in base.items() if k != "usage-bootstrap-authentication"}, denied(
                    "not_for_authentication")
            elif sd.startswith("expiration"):
                data, ok = dict(base, expiration="2024-12-31T23:59:59Z"), denied("expired")
                out.append(own("AuthenticateToken(bearer): unparseable expiration", None, "authenticate",
                               {"token": "abcdef.0123456789abcdef", "now": NOW_S,
                                "secrets": [manifest({"name": "bootstrap-token-abcdef", "namespace": "kube-system",
                                                      "type": TYPE, "data": dict(base, expiration="tomorrow")})]},
                               ok=denied("expired")))
            else:
                data, ok = dict(base, **{"auth-extra-groups": G + ",k3s:server"}), denied("invalid_groups")
            sec = manifest({"name": "bootstrap-token-abcdef", "namespace": "kube-system", "type": TYPE, "data": data})
            out.append(case(c, i, "authenticate", {"token": "abcdef.0123456789abcdef", "secrets": [sec],
                                                   "now": NOW_S}, ok=ok))
        elif f.startswith("k3s token list (text)") or f.startswith("k3s token list -o json"):
            now = "2025-01-01T00:00:01Z"
            secs = [token_secret("abcdef", "0123456789abcdef", expiration="2025-01-02T00:00:00Z", description="Test"),
                    token_secret("perage", "s0xt4u0hl5guoyi6")]
            if "json" in f:
                want = exp["stdout"].replace('"token":{}', '"token":{"id":"abcdef"}', 1)
                want = want.replace('"token":{}', '"token":{"id":"perage"}', 1)
                out.append(case(c, i, "list_tokens", {"secrets": secs, "now": now, "format": "json", "flavour": "k3s"},
                                ok={"output": want, "errors": []},
                                note='deliberate difference: upstream prints "token":{} (its BootstrapTokenString '
                                     'has only json:"-" fields); kubetoken prints the token ID, never the secret'))
            else:
                out.append(case(c, i, "list_tokens", {"secrets": secs, "now": now, "format": "text", "flavour": "k3s"},
                                ok={"output": exp["stdout"], "errors": []}))
                out.append(own("rke2 token list (text): same as k3s", None, "list_tokens",
                               {"secrets": secs, "now": now, "format": "text", "flavour": "rke2"},
                               ok={"output": exp["stdout"], "errors": []}))
                bad = manifest({"name": "bootstrap-token-broken", "namespace": "kube-system", "type": TYPE,
                                "data": {"token-id": "broken", "token-secret": "short"}})
                out.append(own("k3s token list with an undecodable Secret: reported and skipped, no crash", None,
                               "list_tokens", {"secrets": [bad] + secs, "now": now, "format": "text",
                                               "flavour": "k3s"},
                               ok={"output": exp["stdout"], "errors": [
                                   {"code": "invalid_secret", "message": K3S_BAD_SECRET_MESSAGE}]},
                               note="upstream k3s prints the error without a newline and then panics"))
        elif f == "ShortHumanDuration(expires - now)":
            out.append(case(c, i, "short_human_duration", {"duration": inp}, ok=exp))
    return out


K3S_BAD_SECRET_MESSAGE = None


def main():
    msgs = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "authn_list_messages.json")))
    global KARMADA_BAD_SECRET_MESSAGE, K3S_BAD_SECRET_MESSAGE
    KARMADA_BAD_SECRET_MESSAGE = msgs["karmada_bad_secret"]
    K3S_BAD_SECRET_MESSAGE = msgs["k3s_bad_secret"]
    for name, origin, cases in (("kubeadm-authn.json", "kubeadm.json", kubeadm()),
                                ("k3s-list.json", "k3s.json", k3s())):
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as fh:
            json.dump({"origin": origin, "cases": cases}, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
        print(name, len(cases), "cases,", sum(1 for c in cases if "skip" in c), "skipped")


if __name__ == "__main__":
    main()
