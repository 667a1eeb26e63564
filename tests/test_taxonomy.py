"""The source-type crosswalk (data/taxonomy.yaml) is complete, well-formed and unambiguous."""

from __future__ import annotations

import re

import pytest

from evidence_claims.model.taxonomy import CERTAINTY_LEVELS, source_types

TYPES = source_types()
REQUIRED_TYPES = {
    "anecdotal_report",
    "case_report",
    "observational_study",
    "clinical_trial",
    "systematic_review",
    "animal_study",
    "in_vitro",
    "expert_opinion",
    "authority_statement",
    "unsourced_assertion",
    "cross_reference",
}
# ECO terms checked against eco.obo of ECO release 2024-07-19 (exact labels).
ECO_LABELS = {
    "ECO:0006153": "self-reported individual's statement evidence",
    "ECO:0006152": "medical practitioner statement evidence",
    "ECO:0000180": "clinical study evidence",
    "ECO:0000179": "animal model system study evidence",
    "ECO:0000181": "in vitro assay evidence",
    "ECO:0006185": "author inference",
    "ECO:0000033": "author statement supported by traceable reference",
    "ECO:0000034": "author statement without traceable support",
    "ECO:0000204": "author statement",
}


def test_every_needed_type_is_present() -> None:
    assert set(TYPES) >= REQUIRED_TYPES


@pytest.mark.parametrize("name", sorted(TYPES))
def test_crosswalk_is_complete(name: str) -> None:
    t = TYPES[name]
    assert t.label and t.description
    assert t.grade_start in (*CERTAINTY_LEVELS, None)
    assert t.extra.get("grade_note"), "every starting level says where it comes from"
    assert t.ocebm_level in (1, 2, 3, 4, 5, None)
    assert t.extra.get("ocebm_note"), "every OCEBM level (or its absence) is explained"
    if t.eco is None:
        assert t.extra.get("eco_note"), "a type without an ECO term says why"
    else:
        assert re.fullmatch(r"ECO:\d{7}", t.eco)
        assert t.eco_label == ECO_LABELS[t.eco]
        assert t.eco_match in ("exact", "close", "broad")
    assert all(c == c.lower() and c.strip() == c for c in t.cues)
    if name != "unsourced_assertion":
        assert t.cues, "every type that has a signal lists its cues"


def test_eco_codes_are_unique() -> None:
    codes = [t.eco for t in TYPES.values() if t.eco]
    assert len(codes) == len(set(codes))


def test_cues_do_not_point_at_two_types() -> None:
    seen: dict[str, str] = {}
    for name, t in TYPES.items():
        for cue in t.cues:
            assert cue not in seen, f"{cue!r} is a cue of {seen[cue]} and {name}"
            seen[cue] = name


def test_grade_starting_levels_follow_grade() -> None:
    # Balshem et al. 2011: randomized trials start high, observational studies low;
    # Cochrane Handbook 5.1 Table 12.2.a: case reports and series very low.
    assert TYPES["clinical_trial"].grade_start == "high"
    assert TYPES["observational_study"].grade_start == "low"
    assert TYPES["case_report"].grade_start == "very_low"
    assert TYPES["unsourced_assertion"].grade_start is None
    assert TYPES["cross_reference"].grade_start is None
