"""Build small in-memory claim sets for the assessment tests."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st

from evidence_claims.assessment import assess
from evidence_claims.io.bib import parse_bibliography
from evidence_claims.io.claimset import ClaimSet
from evidence_claims.model.records import ClaimFile
from evidence_claims.model.report import ClaimAssessment, Report
from evidence_claims.rules.assessment import caveat_rule


def claim_set(*specs: dict[str, Any], bib: str | None = None) -> ClaimSet:
    """A set whose document is the claims' texts joined by spaces.

    Each spec has ``text`` and optionally ``id``, ``kind``, ``type``, ``sources``, ``basis``,
    ``hedges``/``boosters`` (cue strings found in the text), ``caveats`` (codes or
    ``{code, note}``), ``relations`` (``(type, target)``), ``certainty`` and ``suppress``.
    """
    document = " ".join(s["text"] for s in specs)
    claims = []
    offset = 0
    for n, spec in enumerate(specs, 1):
        text = spec["text"]
        start, end = offset, offset + len(text)
        offset = end + 1

        def cues(words: list[str], text: str = text, start: int = start) -> list[dict]:
            return [
                {"cue": w, "start": start + text.index(w), "end": start + text.index(w) + len(w)}
                for w in words
            ]

        sources = spec.get("sources", [])
        claim: dict[str, Any] = {
            "id": spec.get("id", f"c{n}"),
            "text": text,
            "anchor": {"start": start, "end": end},
            "kind": spec.get("kind", "claim"),
            "evidence": {
                "type": spec.get("type", "observational_study"),
                "sources": sources,
                "basis": spec.get("basis", "explicit" if sources else "none"),
            },
            "hedges": cues(spec.get("hedges", [])),
            "boosters": cues(spec.get("boosters", [])),
            "caveats": [c if isinstance(c, dict) else {"code": c} for c in spec.get("caveats", [])],
            "relations": [{"type": t, "target": g} for t, g in spec.get("relations", [])],
            "suppress": [
                {"code": c, "reason": "checked by hand"} for c in spec.get("suppress", [])
            ],
        }
        if spec.get("note"):
            claim["evidence"]["note"] = spec["note"]
        if "certainty" in spec:
            claim["certainty"] = spec["certainty"]
        claims.append(claim)
    model = ClaimFile.model_validate(
        {
            "document": {
                "id": "test",
                "path": "document.txt",
                "sha256": hashlib.sha256(document.encode()).hexdigest(),
            },
            "claims": claims,
        }
    )
    bibliography = parse_bibliography(bib, file="test.bib") if bib is not None else None
    return ClaimSet.from_model(model, document_text=document, bibliography=bibliography)


def assessed(*specs: dict[str, Any], bib: str | None = None, certainty: str = "rules") -> Report:
    return assess(claim_set(*specs, bib=bib), certainty)


def assessment_of(report: Report, claim_id: str = "c1") -> ClaimAssessment:
    return next(a for a in report.assessments if a.claim_id == claim_id)


def codes_of(report: Report, claim_id: str = "c1") -> set[str]:
    """Every code that touches a claim: its reasons and its findings."""
    reasons = {r.code for r in assessment_of(report, claim_id).reasons}
    return reasons | {f.code for f in report.findings if f.claim_id == claim_id}


def domains_moved(text: str, upgrades: Mapping[str, str] | None = None) -> dict[str, int]:
    """Domain -> levels the grade of ``text``, a claim citing a systematic review, moved by
    (negative down, positive up): what a wording test asserts, whichever rule moved it.

    A code is counted under its rule's GRADE domain, or under the domain ``upgrades`` names for
    it (the rating-up codes), else under the code itself.
    """
    out: dict[str, int] = {}
    for reason in assessment_of(assessed({"text": text, "type": "systematic_review"})).reasons:
        if not reason.effect:
            continue
        rule = caveat_rule(reason.code)
        named = upgrades.get(reason.code) if upgrades is not None else None
        domain = named or (rule.domain if rule else reason.code)
        out[domain] = out.get(domain, 0) + reason.effect
    return out


TRIALS = "In 12 randomized trials with 9,000 adults, X reduced relapse"
"""A finding of a body of randomized trials, the frame a wording test adds its reason to."""


def moved_in_trials(phrase: str) -> dict[str, int]:
    """:func:`domains_moved` of :data:`TRIALS` with ``phrase`` as a clause after it."""
    return domains_moved(f"{TRIALS}; {phrase}.")


# Noise for texts built from a word list: punctuation, a line break, and letters that only case
# folding joins to ASCII ones (long s, Kelvin sign) or that are digits in another script.
TEXT_NOISE = ["a", "the", "-", "–", " ", ".", ",", ";", "(", ")", "\n", "É", "ſ", "K", "²"]


@st.composite
def texts_from(draw: st.DrawFn, words: list[str], noise: tuple[str, ...] = ()) -> str:
    """A text of up to eight of ``words`` and noise, joined in several ways, in one of three cases:
    the shortcut tests compare a fast path with the plain scan on such texts."""
    pool = words + TEXT_NOISE + list(noise)
    parts = draw(st.lists(st.sampled_from(pool), max_size=8))
    joiners = draw(st.lists(st.sampled_from([" ", "", "-", ", ", "\t"]), min_size=len(parts)))
    text = "".join(p + j for p, j in zip(parts, joiners, strict=False))
    case = draw(st.sampled_from([str, str.upper, str.title]))
    return case(text)
