"""Patterns built from sets of phrases are the same in every run.

An alternation lists its phrases longest first; phrases of equal length used to keep the order of
the set they came from, which depends on the interpreter's hash seed, so the compiled pattern
differed between runs (matches did not: equal-length alternatives cannot both match at one place
unless they are the same text). A reproducible pattern makes a profile, a cache key or a failing
test the same from one run to the next. The same holds for answers read off sets:
``compose.cleared`` gave the domains a clause clears in the set's order (its callers only test
membership, but a message or a key built from the answer changed from run to run).
"""

from __future__ import annotations

import os
import subprocess
import sys

_PRINT = """
from evidence_claims.assessment import cues, estimates
from evidence_claims.extraction import abstract_labels, corporate
print(cues.phrase_pattern(["aa", "bb", "cc", "dd", "ee", "ff", "gg"]))
print(estimates._POINT.pattern)
print(abstract_labels._NAMES)
print(corporate._pattern(["Alpha Beta", "Gamma Delt", "Epsil Zeta"], ["ABC", "DEF", "GHI"]).pattern)
"""


_CLEARED = """
from evidence_claims.assessment.compose import cleared
for text in (
    "Some concerns for risk of bias, imprecision and inconsistency; however, we did not downgrade.",
    "Some trials were unblinded and small, but risk of bias and imprecision were not serious.",
):
    print(cleared(text))
"""


def _printed(script: str, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_patterns_do_not_depend_on_the_hash_seed() -> None:
    first = _printed(_PRINT, "1")
    assert first.strip()
    for seed in ("2", "3", "4"):
        assert _printed(_PRINT, seed) == first


def test_cleared_domains_do_not_depend_on_the_hash_seed() -> None:
    first = _printed(_CLEARED, "1")
    assert "inconsistency" in first and "imprecision" in first
    for seed in ("2", "3", "5"):
        assert _printed(_CLEARED, seed) == first
