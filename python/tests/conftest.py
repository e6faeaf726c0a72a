"""Shared fixtures and the vector-count summary."""

from __future__ import annotations

import collections
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"
EXAMPLES = REPO / "examples"

# Filled by test_vectors.py: outcome -> count, and op -> skip reason.
VECTOR_STATS: collections.Counter[str] = collections.Counter()
VECTOR_SKIPS: dict[str, str] = {}


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not VECTOR_STATS:
        return
    tr = terminalreporter
    tr.section("kubetoken vectors (tests/vectors/*.json)")
    tr.write_line(
        "cases: {} ran, {} passed, {} skipped in the vector file, {} skipped here "
        "(op not exposed in Python)".format(
            VECTOR_STATS["ran"],
            VECTOR_STATS["passed"],
            VECTOR_STATS["file_skip"],
            VECTOR_STATS["op_skip"],
        )
    )
    tr.write_line(
        "of the passed cases, {} were run again with `now` as a datetime".format(
            VECTOR_STATS["datetime_variant"]
        )
    )
    for op, reason in sorted(VECTOR_SKIPS.items()):
        tr.write_line(f"  not exposed: {op}: {reason}")


sys.path.insert(0, str(Path(__file__).resolve().parent))
