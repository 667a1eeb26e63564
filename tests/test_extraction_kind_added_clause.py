"""A finding followed by a remark on its evidence after a semicolon stays a claim.

A result sentence that ends "...; the trial had serious methodological limitations" was read as
a remark about the evidence (meta), so its claim was drafted as meta and left ungraded: the
remark added after the semicolon does not turn the finding into meta, as a trailing
"although" clause does not. A clause that turns against the first ("; however, ... has not
been addressed") carries the sentence's point and is still read.
"""

from __future__ import annotations

import pytest

from evidence_claims.extraction.kinds import classify


@pytest.mark.parametrize(
    "text",
    [
        "Withdrawal symptoms were about the same with either regimen in a single trial of 69"
        " smokers; the trial had serious methodological limitations.",
        "Sleep onset came sooner with the supplement in two small trials; both trials had major"
        " flaws.",
        "Reading scores rose in the tutored classes; this study has several limitations.",
    ],
)
def test_a_finding_with_an_added_remark_on_its_evidence_is_a_claim(text: str) -> None:
    assert classify(text, "sentence") == "claim"


@pytest.mark.parametrize(
    "text",
    [
        "Earlier reviews found benefits for adults; however, the effect in children has not been"
        " addressed.",
        "This study has several limitations; the sample was small.",
    ],
)
def test_a_remark_that_carries_the_point_is_still_meta(text: str) -> None:
    assert classify(text, "sentence") == "meta"
