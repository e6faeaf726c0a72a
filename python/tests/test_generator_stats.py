"""Statistics of ``generate_token()`` and its behaviour when the OS random source fails.

Chi-square goodness of fit against the uniform distribution over the 36 characters
(df = 35) for 1,000,000 tokens: once over all 22 token characters together and once per
position, 23 tests. Bonferroni: each test gets 1e-9 / 23 = 4.35e-11; the chi-square(35)
quantile there is 119.03 (regularised upper incomplete gamma Q(17.5, x/2), mpmath at 40
digits). The threshold is 120: Q(17.5, 60) = 3.06e-11, so the whole test fails by chance
with probability <= 23 * 3.06e-11 = 7.0e-10 < 1e-9. (The same numbers as
core/tests/generator_stats.rs and wasm/test/generator-stats.test.mjs.)
"""

from __future__ import annotations

import collections
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import kubetoken

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
TOKENS = 1_000_000
CRITICAL = 120.0
POSITIONS = [*range(6), *range(7, 23)]  # the 22 characters around the "."


def chi_square(counts: collections.Counter[str], n: int) -> float:
    expected = n / 36
    return sum((counts.get(c, 0) - expected) ** 2 / expected for c in ALPHABET)


def test_generated_tokens_are_uniform_overall_and_per_position() -> None:
    tokens = [kubetoken.generate_token() for _ in range(TOKENS)]
    assert all(len(t) == 23 for t in tokens)
    joined = "".join(tokens)
    assert joined[6::23] == "." * TOKENS
    per_position = []
    overall: collections.Counter[str] = collections.Counter()
    for i in POSITIONS:
        counts = collections.Counter(joined[i::23])
        assert set(counts) <= set(ALPHABET), f"position {i}: {set(counts) - set(ALPHABET)}"
        overall.update(counts)
        per_position.append(chi_square(counts, TOKENS))
    x_overall = chi_square(overall, TOKENS * 22)
    print(
        f"chi-square (df 35) over {TOKENS} tokens: overall {x_overall:.1f}, "
        f"worst position {max(per_position):.1f}, critical {CRITICAL}"
    )
    assert x_overall < CRITICAL
    for i, x in zip(POSITIONS, per_position, strict=True):
        assert x < CRITICAL, f"position {i}: chi-square {x}"
    # The ID and secret halves, as parse_token sees them.
    parts = kubetoken.parse_token(tokens[0])
    assert len(parts["id"]) == 6 and len(parts["secret"]) == 16


def test_the_statistic_rejects_a_biased_source() -> None:
    # Characters drawn with 'z' at 6/251 and the others at 7/251 (what a generator fed
    # only bytes 0..=250 would produce): the statistic must exceed the threshold.
    import random

    rng = random.Random(20261201)
    weights = [7] * 35 + [6]
    sample = "".join(rng.choices(ALPHABET, weights=weights, k=300_000))
    assert chi_square(collections.Counter(sample), len(sample)) > CRITICAL


# A failing OS random source. The extension draws from the OS through the Rust
# `getrandom` crate, which on Linux looks up libc's getrandom(3) with dlsym at first use;
# an LD_PRELOAD library can therefore make that one function fail with EIO when an
# environment variable is set (and behave normally before, so Python starts as usual).
# This exercises the real wheel end to end; it needs a C compiler and Linux, else skips.
SHIM = r"""
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
long getrandom(void *buf, size_t len, unsigned int flags) {
    if (getenv("KUBETOKEN_TEST_FAIL_GETRANDOM")) { errno = EIO; return -1; }
    return syscall(SYS_getrandom, buf, len, flags);
}
"""

CHILD = textwrap.dedent(
    """
    import os, kubetoken
    print("before", kubetoken.is_valid_token(kubetoken.generate_token()))
    # Also before arming: Rust's std draws this thread's HashMap keys from the same
    # getrandom(3) once, on first use, and treats a failure there as fatal (a panic).
    kubetoken.k3s_token_generate()
    os.environ["KUBETOKEN_TEST_FAIL_GETRANDOM"] = "1"
    for op in ("generate_token", "k3s_token_generate"):
        fn = getattr(kubetoken, op)
        try:
            out = fn()
        except kubetoken.KubetokenError as e:
            assert isinstance(e, ValueError)
            print(op, "raised", type(e).__name__, e.code)
        else:
            print(op, "returned", type(out).__name__)
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="LD_PRELOAD shim: Linux only")
def test_a_failing_random_source_raises_never_returns_a_token(tmp_path: Path) -> None:
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler for the getrandom(3) LD_PRELOAD shim")
    src = tmp_path / "failrandom.c"
    lib = tmp_path / "failrandom.so"
    src.write_text(SHIM)
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(lib), str(src)], check=True)
    env = {**os.environ, "LD_PRELOAD": str(lib)}
    env.pop("KUBETOKEN_TEST_FAIL_GETRANDOM", None)
    out = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "before True"
    assert "generate_token raised CryptoError random_failure" in lines
    assert "k3s_token_generate raised CryptoError random_failure" in lines
    assert not any("returned" in line for line in lines), lines
