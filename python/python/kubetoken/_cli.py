"""The ``kubetoken`` console script: the I/O around the core's ``cli::run``.

Arguments, stdin (only for the commands that read it), the clock and the OS random
source go in; stdout, stderr and the exit status come out. Every rule is in the core.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

# The extension module (its private CLI entry points are not part of the typed API).
_native: Any = importlib.import_module("kubetoken._native")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    stdin = sys.stdin.buffer.read() if _native._cli_reads_stdin(args) else b""
    out, err, code = _native._cli_run(args, stdin)
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
    sys.stderr.buffer.write(err)
    sys.stderr.buffer.flush()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
