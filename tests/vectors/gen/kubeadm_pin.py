#!/usr/bin/env python3
"""Reshape the pubkeypin / parsePEMCerts cases of ../shared/vectors/kubeadm.json into
tests/vectors/kubeadm-pin.json (ops ca_cert_hashes, parse_ca_pins, check_ca_pins).

Usage: python3 tests/vectors/gen/kubeadm_pin.py [/work/shared/vectors/kubeadm.json]
"""
import json
import os
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/vectors/kubeadm.json"
OUT = os.path.join(os.path.dirname(__file__), "..", "kubeadm-pin.json")

cases = json.load(open(SRC))


def case(i, c, op, args, expect):
    return {"index": i, "source": c["source"], "function": c["function"],
            "op": op, "args": args, "expect": expect}


def skip(i, c, reason):
    return {"index": i, "source": c["source"], "function": c["function"], "skip": reason}


# The two PEMs the TestSet steps refer to symbolically.
test_cert = cases[170]["input"]["certPEM"]
test_cert2 = cases[171]["input"]["certPEM"]
assert "kubeadm-keypins-test" in cases[170]["input"]["desc"]

out = []
for i, c in enumerate(cases):
    fn = c["function"]
    exp = c.get("expected")
    if fn == "pubkeypin.Hash":
        out.append(case(i, c, "ca_cert_hashes", {"pem": c["input"]["certPEM"]}, {"ok": [exp]}))
    elif fn == "pubkeypin.Set.NewSet().Empty()":
        out.append(case(i, c, "parse_ca_pins", {"pins": []}, {"ok": []}))
    elif fn == "pubkeypin.Set.Allow":
        args = c["input"]["args"]
        if exp["error"]:
            out.append(case(i, c, "parse_ca_pins", {"pins": args}, {"error": "invalid_hash"}))
        else:
            out.append(case(i, c, "parse_ca_pins", {"pins": args},
                            {"ok": [a.lower() for a in args]}))
    elif fn == "pubkeypin.Set.CheckAny":
        # Sequential TestSet: steps 1-3 fail, so step 4 runs on an empty set; step 5 adds
        # the uppercase hash of testCert; steps 6 and 7 check testCert and testCert2.
        pem = test_cert2 if "testCert2" in c["input"]["args"][0] else test_cert
        step = int(c["source"].split("step ")[1].split(")")[0])
        pins = [] if step == 4 else [cases[177]["input"]["args"][0]]
        if exp["error"]:
            h = exp["message"].split('"')[1]
            expect = {"ok": {"pinned": False, "hashes": [h],
                             "message": exp["message"]}}
        else:
            expect = {"ok": {"pinned": True}}
        out.append(case(i, c, "check_ca_pins", {"pem": pem, "pins": pins}, expect))
    elif fn == "parsePEMCerts":
        name = c["input"]["name"]
        pem = {
            "invalid certificate data": "\u0000",
            "certificate with junk appended": test_cert + "\nABC",
            "multiple certificates": test_cert + "\n" + test_cert,
            "valid": test_cert,
            "empty input": "",
        }[name]
        if name == "certificate with junk appended":
            out.append(skip(i, c, "old kubeadm parsePEMCerts rejected trailing non-PEM text; "
                               "current kubeadm and k3s use client-go ParseCertsPEM, which ignores "
                               "it (our ca_cert_hashes follows ParseCertsPEM; the same input is "
                               "run as a kubetoken: case expecting success)"))
            out.append({"index": None, "source": "kubetoken: ParseCertsPEM ignores trailing text",
                        "function": "cert.ParseCertsPEM", "op": "ca_cert_hashes", "args": {"pem": pem},
                        "expect": {"ok": [cases[170]["expected"]]}})
            continue
        h = cases[170]["expected"]
        if c["expected"]["valid"]:
            n = 2 if name == "multiple certificates" else 1
            out.append(case(i, c, "ca_cert_hashes", {"pem": pem}, {"ok": [h] * n}))
        else:
            out.append(case(i, c, "ca_cert_hashes", {"pem": pem}, {"error": "invalid_pem"}))

doc = {"origin": "kubeadm.json", "cases": out}
with open(OUT, "w") as f:
    json.dump(doc, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"wrote {len(out)} cases to {os.path.normpath(OUT)}")
