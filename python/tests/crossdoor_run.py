"""The Python door of the cross-door differential (tests/crossdoor/crossdoor.py).

Reads cases (``{"op", "args"}`` JSON lines) on stdin and writes one result line per case:
``{"ok": <result>}`` or ``{"error": "<code>", "message": "<text>"}``. Arguments become
keyword arguments as the vector runner passes them (``test_vectors.python_args``); bytes
results are written as ``{"base64": ...}``. A ``TypeError`` (a wrong type, an unknown
keyword) is the façade's ``invalid_options``, written without a message.
"""

from __future__ import annotations

import base64
import json
import sys
from typing import Any

import kubetoken
from test_vectors import python_args


def _json(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode()}
    return value


def run(case: dict[str, Any]) -> dict[str, Any]:
    fn = getattr(kubetoken, case["op"])
    try:
        return {"ok": _json(fn(**python_args(case["args"])))}
    except kubetoken.KubetokenError as e:
        return {"error": e.code, "message": str(e)}
    except TypeError:
        return {"error": "invalid_options"}
    except Exception as e:  # noqa: BLE001 - any other exception is a difference to show
        return {"error": f"uncaught {type(e).__name__}", "message": str(e)}


def main() -> None:
    out = sys.stdout
    for line in sys.stdin:
        result = run(json.loads(line))
        out.write(json.dumps(result, ensure_ascii=True, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
