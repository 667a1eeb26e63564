"""Patterns built from sets of phrases are the same in every run.

An alternation lists its phrases longest first; phrases of equal length used to keep the order of
the set they came from, which depends on the interpreter's hash seed, so the compiled pattern
differed between runs (matches did not: equal-length alternatives cannot both match at one place
unless they are the same text). A reproducible pattern makes a profile, a cache key or a failing
test the same from one run to the next.
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


def _patterns(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", _PRINT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_patterns_do_not_depend_on_the_hash_seed() -> None:
    first = _patterns("1")
    assert first.strip()
    for seed in ("2", "3", "4"):
        assert _patterns(seed) == first
