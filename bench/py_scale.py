"""Scaling child of `make bench`: one `parse_list` or `list` over a Secret list file, in a
fresh interpreter so the driver reads this process's peak RSS (os.wait4).

    python bench/py_scale.py LIST.json parse_list|list NOW

The JSON text is parsed with json.loads (kubetoken caps text input at 1 MiB) and the
value handed to kubetoken; the time covers both. Prints {"ns_per_op": ...}.
"""

import json
import sys
import time

import kubetoken

path, op, now = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
t0 = time.perf_counter_ns()
value = json.loads(text)
if op == "parse_list":
    result = kubetoken.parse_secret_list(value)
else:
    result = kubetoken.list_tokens(value["items"], now=now, format="text")
print(json.dumps({"ns_per_op": time.perf_counter_ns() - t0}))
