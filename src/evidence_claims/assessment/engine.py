"""Assess a claim set: per claim, a suggested certainty with its reasons, and evidence findings.

For each claim the engine gathers the caveats the claim file records (the curator's) and those
its detectors find in the record, grades the claim (:func:`certainty.grade`), then checks the
wording against that grade. Detected caveats that a claim suppresses (``suppress`` with a
reason) do not count towards its grade. Findings follow the roles of :mod:`.rules`:

- a limitation (GRADE domain) is reported only when detected and not recorded yet;
- a problem (wording, attribution, recommendation, contradiction) is always reported: at
  ``info`` when the claim file records it (acknowledged), at the rule's severity otherwise;
- a stated ``certainty`` that differs from the suggestion, and caveat or suppression codes that
  are not in the catalogue, are reported too.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import RULES, all_rules
from ..claimset import ClaimSet
from ..model import Claim
from ..report import ClaimAssessment, Finding, Report
from ..taxonomy import source_types
from . import rules as R
from .certainty import Applied, grade, word
from .detect import Detected, SetContext, detect, detect_wording, is_gradable


@dataclass(slots=True)
class Assessment:
    """What assessing one set produced: one assessment per claim, and findings."""

    assessments: list[ClaimAssessment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def assess_claim_set(cs: ClaimSet) -> Assessment:
    """Assess every claim of a loaded set (suppressions are not applied to the findings)."""
    all_rules()  # every code known, so unknown caveat codes can be told apart
    ctx = SetContext.of(cs)
    out = Assessment()
    for index, claim in enumerate(cs.claims):
        assessment, findings = _assess_claim(index, claim, ctx)
        out.assessments.append(assessment)
        out.findings.extend(findings)
    return out


def assess(target: ClaimSet | str | Path) -> Report:
    """Suggested certainty and evidence findings for a claim set (or the path of one).

    A path is loaded with :func:`evidence_claims.load` (which raises ``ClaimFileError`` when the
    file cannot be read). The report's ``assessments`` hold one :class:`ClaimAssessment` per
    claim; its findings are the evidence findings only (run :func:`evidence_claims.validate`
    for the structural checks too), with the claims' suppressions applied.
    """
    if not isinstance(target, ClaimSet):
        from ..validation import load

        target = load(target)
    result = assess_claim_set(target)
    suppressed = {(c.id, s.code) for c in target.claims for s in c.suppress}
    findings = [f for f in result.findings if (f.claim_id, f.code) not in suppressed]
    report = Report(
        findings=findings,
        files=[target.file] if target.file else [],
        claims=len(target.claims),
        assessments=result.assessments,
    )
    return report.sorted()


def _assess_claim(
    index: int, claim: Claim, ctx: SetContext
) -> tuple[ClaimAssessment, list[Finding]]:
    cs = ctx.cs
    findings: list[Finding] = []
    suppressed = {s.code for s in claim.suppress}

    def at(*where: str | int) -> dict[str, object]:
        # By index: locating by claim object would search the list (quadratic on large sets).
        line, column = cs.locate(index, *where)
        return {
            "file": cs.file,
            "line": line,
            "column": column,
            "claim_id": claim.id,
            "path": cs.pointer(index, *where),
        }

    # The curator's caveats, checked against the catalogue.
    recorded: dict[str, tuple[int, str]] = {}
    for i, caveat in enumerate(claim.caveats):
        if R.caveat_rule(caveat.code) is None:
            findings.append(_unknown_code(caveat.code, at("caveats", i, "code")))
        elif caveat.code not in recorded:
            recorded[caveat.code] = (i, (caveat.note or "").strip())
    for i, suppression in enumerate(claim.suppress):
        if suppression.code not in RULES:
            findings.append(_unknown_code(suppression.code, at("suppress", i, "code")))

    detected = detect(claim, ctx)
    start = source_types()[claim.evidence.type].grade_start if is_gradable(claim) else None
    applied = [Applied(code, note or "", "recorded") for code, (_i, note) in recorded.items()]
    applied += [
        Applied(d.code, d.detail, "detected")
        for d in _first_per_code(detected)
        if d.code not in recorded and d.code not in suppressed
    ]
    certainty, reasons = grade(start, applied)

    wording = list(detect_wording(claim, certainty))
    detected += wording
    extra = [
        Applied(d.code, d.detail, "detected")
        for d in wording
        if d.code not in recorded and d.code not in suppressed
    ]
    if extra:
        certainty_after, reasons = grade(start, [*applied, *extra])
        assert certainty_after == certainty  # wording never moves the grade

    # Findings.
    reported: set[str] = set()
    for d in _first_per_code(detected):
        role = R.CAVEATS[d.code].role
        rule = R.CAVEATS[d.code].rule
        if d.code in recorded:
            if role == "problem":
                i, note = recorded[d.code]
                findings.append(
                    rule.finding(
                        **at("caveats", i), severity="info", detail=_recorded(note or d.detail)
                    )
                )
                reported.add(d.code)
            continue
        findings.append(rule.finding(**at(*d.where), detail=d.detail))
        reported.add(d.code)
    for code, (i, note) in recorded.items():
        entry = R.CAVEATS[code]
        if entry.role == "problem" and code not in reported:
            findings.append(
                entry.rule.finding(**at("caveats", i), severity="info", detail=_recorded(note))
            )

    wording_kind = next(
        (
            c.split(".", 1)[1]
            for c in ("wording.overclaim", "wording.underclaim")
            if c in recorded or any(d.code == c for d in wording)
        ),
        None,
    )
    note = None if start is not None else _ungraded_note(claim)
    if claim.certainty is not None and claim.certainty != certainty:
        findings.append(
            R.CERTAINTY_DIFFERS.finding(
                **at("certainty"),
                stated=word(claim.certainty),
                suggested=word(certainty),
                detail=_why(certainty, reasons, note),
            )
        )
    line, _column = cs.locate(index)
    assessment = ClaimAssessment(
        claim_id=claim.id,
        certainty=certainty,
        start=start,
        stated=claim.certainty,
        reasons=reasons,
        wording=wording_kind,
        note=note,
        file=cs.file,
        line=line,
    )
    return assessment, findings


def _first_per_code(detected: list[Detected]) -> list[Detected]:
    seen: set[str] = set()
    out = []
    for d in detected:
        if d.code not in seen:
            seen.add(d.code)
            out.append(d)
    return out


def _recorded(note: str) -> str:
    return f"{note}; recorded in caveats" if note else "recorded in caveats"


def _unknown_code(code: str, where: dict[str, object]) -> Finding:
    match = difflib.get_close_matches(code, list(R.CAVEATS), n=1, cutoff=0.6)
    if match:
        hint = f"; did you mean '{match[0]}'?"
    elif code in RULES:
        hint = f"; it is a {RULES[code].category} rule, not an evidence caveat"
    else:
        hint = "; see `evidence-claims rules`"
    return R.UNKNOWN_CODE.finding(**where, code=code, hint=hint)  # type: ignore[arg-type]


def _ungraded_note(claim: Claim) -> str:
    if claim.kind == "question":
        return "a question: nothing is asserted, so nothing is graded"
    if claim.kind == "meta":
        return "about the text or its evidence, not an outcome: not graded"
    spec = source_types()[claim.evidence.type]
    return f"{spec.label.lower()}: no evidence cited to grade"


def _why(certainty: str, reasons: tuple, note: str | None) -> str:
    if note:
        return note
    moved = [f"{r.code} {r.effect:+d}" for r in reasons if r.effect]
    return "; ".join(moved) if moved else f"start {word(certainty)}, no reason to move it"
