"""``compose.cleared`` gives its spans in the same order in every run.

The domains a clause clears were read off sets, so their order followed the interpreter's hash
seed: the callers only test membership, but a cache key, a profile or a failing test's message
built from the answer differed from one run to the next.
"""

from __future__ import annotations

import os
import subprocess
import sys

_PRINT = """
from evidence_claims.assessment.compose import cleared
for text in (
    "Some concerns for risk of bias, imprecision and inconsistency; however, we did not downgrade.",
    "Some trials were unblinded and small, but risk of bias and imprecision were not serious.",
):
    print(cleared(text))
"""


def _answer(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", _PRINT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_cleared_does_not_depend_on_the_hash_seed() -> None:
    first = _answer("1")
    assert "inconsistency" in first and "imprecision" in first
    for seed in ("2", "3", "5"):
        assert _answer(seed) == first
