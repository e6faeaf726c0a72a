"""`import kubetoken` stays light: no typing/dataclasses/re machinery on the import path
(the types live in __init__.pyi). The cost itself is measured by bench.py."""

from __future__ import annotations

import ast
import subprocess
import sys

HEAVY = {"typing", "dataclasses", "re", "copy", "json", "inspect", "enum", "datetime", "yaml"}


def test_import_loads_nothing_heavy() -> None:
    code = (
        "import sys; before = set(sys.modules); import kubetoken; "
        "print(sorted(set(sys.modules) - before))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(ast.literal_eval(out.stdout.strip().splitlines()[-1]))
    assert not loaded & HEAVY, sorted(loaded & HEAVY)
    own = {"kubetoken", "kubetoken._native", "kubetoken._errors", "kubetoken._secret"}
    assert loaded <= own | {"__future__"}, sorted(loaded - own)
