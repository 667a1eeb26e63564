"""Evidence assessment: a GRADE-style certainty suggestion per claim, with its reasons.

The package is named ``assessment`` (not ``assess``) so that it never shadows the public
function :func:`evidence_claims.assess`.

- :mod:`.rules` registers the evidence rules (caveat codes) in the catalogue;
- :mod:`.cues` reads the word lists the detectors match (``data/assessment_cues.yaml``);
- :mod:`.detect` finds caveats in a claim record and its set;
- :mod:`.certainty` turns a starting level and caveats into a grade with reasons;
- :mod:`.engine` runs all of it over a claim set and reports findings.
"""

from __future__ import annotations

from .engine import Assessment, assess, assess_claim_set, assess_claims

__all__ = ["Assessment", "assess", "assess_claim_set", "assess_claims"]
