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

from dataclasses import dataclass, field

from ..io.claimset import ClaimSet
from ..model.records import Claim
from ..model.report import ClaimAssessment, Finding, Report
from ..rules import all_rules
from ..rules import assessment as R
from ..rules.catalogue import RULES, Rule, Severity
from ..rules.suggest import closest
from . import body as B
from . import compose as K
from .calibration import MODES, Signal, calibrate, shifted, signals
from .certainty import UNGRADED, Applied, grade, word
from .context import SetContext
from .detect import (
    Detected,
    composed,
    detect,
    detect_wording,
    grade_starts,
    relations_of,
    type_labels,
)


@dataclass(slots=True)
class Assessment:
    """What assessing one set produced: one assessment per claim, and findings."""

    assessments: list[ClaimAssessment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def assess_claim_set(cs: ClaimSet, certainty: str = "rules") -> Assessment:
    """Assess every claim of a loaded set (suppressions are not applied to the findings);
    ``certainty="learned"``: the rules' level calibrated (:mod:`.calibration`)."""
    return assess_claims(cs, SetContext.of(cs, _mode(certainty)))


def _mode(certainty: str) -> str:
    if certainty not in MODES:
        raise ValueError(f"certainty must be one of {', '.join(MODES)}, not {certainty!r}")
    return certainty


def assess_claims(cs: ClaimSet, ctx: SetContext) -> Assessment:
    """Assess the claims of ``cs`` in the context ``ctx`` of their whole set: ``cs`` may be a
    part of a set read a part at a time, with a context that knows every part."""
    all_rules()  # every code known, so unknown caveat codes can be told apart
    out = Assessment()
    place = _Place(cs)
    assessments = out.assessments
    pending: list[_Pending] = []
    for index, claim in enumerate(cs.claims):
        assessments.append(_assess_claim(index, claim, ctx, place, pending))
    out.findings = place.resolve(pending)
    return out


def assess(target: ClaimSet, certainty: str = "rules") -> Report:
    """Suggested certainty and evidence findings for a loaded claim set (``certainty``: from
    the rules alone, or ``"learned"``: the rules' level calibrated, :mod:`.calibration`).

    The report's ``assessments`` hold one :class:`ClaimAssessment` per claim; its findings are
    the evidence findings only, with the claims' suppressions applied. The public
    :func:`evidence_claims.assess` also takes a path (it loads the set first).
    """
    result = assess_claim_set(target, certainty)
    suppressed = {(c.id, s.code) for c in target.claims for s in c.suppress}
    findings = [f for f in result.findings if (f.claim_id, f.code) not in suppressed]
    report = Report(
        findings=findings,
        files=[target.file] if target.file else [],
        claims=len(target.claims),
        assessments=result.assessments,
    )
    return report.sorted()


_Pending = tuple[str, Severity, str, int, str, tuple[str | int, ...]]
"""A finding before it is located: (code, severity, message, claim index, claim id, field)."""


class _Place:
    """Where the findings of one set's claims point: file, line, column and JSON Pointer.

    By claim index: locating by claim object would search the list (quadratic on large sets).
    Findings are located all together once the set is assessed (:meth:`resolve`), and the
    claims' lines before (:meth:`line`): one pass over the claim file for all of them, where
    locating each in turn was about a sixth of the assessment.
    """

    __slots__ = ("_lines", "cs", "file", "pointer")

    def __init__(self, cs: ClaimSet) -> None:
        self.cs = cs
        self.file = cs.file
        self.pointer = cs.pointer  # bound once: every finding asks
        self._lines: list[int | None] | None = None

    def finding(
        self,
        rule: Rule,
        index: int,
        claim_id: str,
        where: tuple[str | int, ...],
        severity: Severity | None = None,
        **params: object,
    ) -> _Pending:
        """``rule.finding(...)`` at a field of the claim at ``index``, to be located by
        :meth:`resolve`."""
        return (
            rule.code,
            severity or rule.severity,
            rule.message.format(**params),
            index,
            claim_id,
            where,
        )

    def resolve(self, pending: list[_Pending]) -> list[Finding]:
        """The findings of :meth:`finding`, located, in the same order."""
        positions = self.cs.locate_many([(p[3], p[5]) for p in pending])
        file, pointer = self.file, self.pointer
        return [
            Finding(code, severity, message, file, line, column, claim_id, pointer(index, *where))
            for (code, severity, message, index, claim_id, where), (line, column) in zip(
                pending, positions, strict=True
            )
        ]

    def line(self, index: int) -> int | None:
        lines = self._lines
        if lines is None:
            lines = self._lines = self.cs.claim_lines()
        return lines[index]


_NONE: frozenset[str] = frozenset()
_WORDING_CODES = ("wording.overclaim", "wording.underclaim")


def _assess_claim(
    index: int, claim: Claim, ctx: SetContext, place: _Place, findings: list[_Pending]
) -> ClaimAssessment:
    """One claim's assessment; its findings are appended to ``findings``."""
    claim_id = claim.id
    suppress = claim.suppress
    suppressed = {s.code for s in suppress} if suppress else _NONE
    recorded = _recorded_caveats(index, claim, place, findings)
    start, certainty, reasons, first, wording = _grade_claim(claim, ctx, recorded, suppressed)
    if ctx.certainty == "learned" and start is not None and certainty != UNGRADED:
        moved = calibrate(signals(claim, ctx, start, certainty, reasons), certainty)
        if moved is not None:
            certainty = shifted(certainty, moved.effect)
            reasons = (*reasons, moved)
    _caveat_findings(index, claim_id, first, recorded, place, findings)
    note = None if start is not None else _ungraded_note(claim)
    stated = claim.certainty
    if stated is not None and stated != certainty:
        findings.append(
            place.finding(
                R.CERTAINTY_DIFFERS,
                index,
                claim_id,
                ("certainty",),
                stated=word(stated),
                suggested=word(certainty),
                detail=_why(certainty, reasons, note),
            )
        )
    return ClaimAssessment(
        claim_id=claim_id,
        certainty=certainty,
        start=start,
        stated=stated,
        reasons=reasons,
        wording=_wording_kind(recorded, wording),
        note=note,
        file=place.file,
        line=place.line(index),
        relations=relations_of(claim, ctx),
        document=place.cs.document.id,
    )


def _recorded_caveats(
    index: int, claim: Claim, place: _Place, findings: list[_Pending]
) -> dict[str, tuple[int, str]]:
    """The curator's caveats, checked against the catalogue: code -> (position, note) of the
    first record of each known code; unknown caveat and suppression codes become findings."""
    caveats = R.CAVEATS
    claim_id = claim.id
    recorded: dict[str, tuple[int, str]] = {}
    for i, caveat in enumerate(claim.caveats):
        if caveat.code not in caveats:
            where = ("caveats", i, "code")
            findings.append(_unknown_code(caveat.code, place, index, claim_id, where))
        elif caveat.code not in recorded:
            recorded[caveat.code] = (i, (caveat.note or "").strip())
    for i, suppression in enumerate(claim.suppress):
        if suppression.code not in RULES:
            where = ("suppress", i, "code")
            findings.append(_unknown_code(suppression.code, place, index, claim_id, where))
    return recorded


def _grade_claim(
    claim: Claim,
    ctx: SetContext,
    recorded: dict[str, tuple[int, str]],
    suppressed: frozenset[str] | set[str],
) -> tuple[str | None, str, tuple, list[Detected], list[Detected]]:
    """(start, certainty, reasons, first detection of each code, wording detections): the
    recorded caveats and the detected ones not recorded or suppressed, graded from the start."""
    start, detected = _start(claim, ctx)
    detected += detect(claim, ctx)
    # a domain term judged in the same clause, for the domains nothing above or in the file rated
    detected += composed(claim, ctx, [*(d.code for d in detected), *recorded])
    if B.observational(claim, start, detected):
        detected += B.upgrades(claim, ctx)
    applied = [Applied(code, note or "", "recorded") for code, (_i, note) in recorded.items()]
    first = _first_per_code(detected)
    applied += [_applied(d) for d in first if d.code not in recorded and d.code not in suppressed]
    stated = _stated_reasons(claim) if start is not None else ()
    certainty, reasons = grade(start, applied, stated)

    wording = list(detect_wording(claim, certainty))
    if wording:
        detected += wording
        first = _first_per_code(detected)
        extra = [
            _applied(d) for d in wording if d.code not in recorded and d.code not in suppressed
        ]
        if extra:
            certainty_after, reasons = grade(start, [*applied, *extra], stated)
            assert certainty_after == certainty  # wording never moves the grade
    return start, certainty, reasons, first, wording


def _applied(detected: Detected) -> Applied:
    """A detected caveat as the grade weighs it: whether it was read in a cited entry (an
    entry's words speak of the whole review, :attr:`.certainty.Applied.from_entry`)."""
    from_entry = detected.where[:2] == ("evidence", "sources")
    return Applied(detected.code, detected.detail, "detected", from_entry)


def _stated_reasons(claim: Claim) -> tuple[tuple[str, int], ...]:
    """(domain, levels) of each domain the claim's own words say its evidence was rated down
    for, in GRADE's judgement words (:func:`.compose.rated_down_in_words`); empty when it names
    none. Only the claim's text: a cited entry's abstract rates other outcomes too."""
    return tuple((d, levels) for d, levels, _words in K.rated_down_in_words(claim.text))


def _caveat_findings(
    index: int,
    claim_id: str,
    first: list[Detected],
    recorded: dict[str, tuple[int, str]],
    place: _Place,
    findings: list[_Pending],
) -> None:
    """Append a finding per detected caveat the claim does not record, and one at ``info`` per
    recorded problem (detected or not: the curator has acknowledged it)."""
    caveats = R.CAVEATS
    reported: set[str] = set()
    for d in first:
        entry = caveats[d.code]
        if d.code in recorded:
            if entry.role == "problem":
                i, note = recorded[d.code]
                findings.append(
                    place.finding(
                        entry.rule,
                        index,
                        claim_id,
                        ("caveats", i),
                        "info",
                        detail=_recorded(note or d.detail),
                    )
                )
                reported.add(d.code)
            continue
        findings.append(place.finding(entry.rule, index, claim_id, d.where, detail=d.detail))
        reported.add(d.code)
    for code, (i, note) in recorded.items():
        entry = caveats[code]
        if entry.role == "problem" and code not in reported:
            findings.append(
                place.finding(
                    entry.rule, index, claim_id, ("caveats", i), "info", detail=_recorded(note)
                )
            )


def _wording_kind(recorded: dict[str, tuple[int, str]], wording: list[Detected]) -> str | None:
    """The wording problem the claim records or shows ("overclaim", "underclaim"), if any."""
    if recorded or wording:
        for c in _WORDING_CODES:
            if c in recorded or any(d.code == c for d in wording):
                return c.split(".", 1)[1]
    return None


def _start(claim: Claim, ctx: SetContext) -> tuple[str | None, list[Detected]]:
    """Where the claim's rating starts, with the design reasons read from its evidence."""
    if claim.kind not in ("claim", "recommendation"):
        return None, []
    base = grade_starts()[claim.evidence.type]
    start, design = B.start_of(claim, base, ctx)
    if claim.kind == "recommendation":
        # advice citing nothing is reported by recommendation.no_evidence already
        design = [d for d in design if d.code != R.OPINION_NOT_EVIDENCE.code]
    return start, design


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


def _unknown_code(
    code: str, place: _Place, index: int, claim_id: str, where: tuple[str | int, ...]
) -> _Pending:
    match = closest(code, list(R.CAVEATS))
    if match:
        hint = f"; did you mean '{match[0]}'?"
    elif code in RULES:
        hint = f"; it is a {RULES[code].category} rule, not an evidence caveat"
    else:
        hint = "; see `evidence-claims rules`"
    return place.finding(R.UNKNOWN_CODE, index, claim_id, where, code=code, hint=hint)


def _ungraded_note(claim: Claim) -> str:
    if claim.kind == "question":
        return "a question: nothing is asserted, so nothing is graded"
    if claim.kind == "meta":
        return "about the text or its evidence, not an outcome: not graded"
    if B.is_bare_opinion(claim):
        return (
            f"{type_labels()[claim.evidence.type]} citing no evidence: opinion is not evidence, "
            "so there is nothing to grade"
        )
    return f"{type_labels()[claim.evidence.type]}: no evidence cited to grade"


def _why(certainty: str, reasons: tuple, note: str | None) -> str:
    if note:
        return note
    moved = [f"{r.code} {r.effect:+d}" for r in reasons if r.effect]
    return "; ".join(moved) if moved else f"start {word(certainty)}, no reason to move it"


def calibration_signals(cs: ClaimSet) -> list[tuple[str, list[Signal]] | None]:
    """Per claim of ``cs``, the rules' certainty and the calibration's features of it (None for
    a claim the rules leave ungraded): what the calibration model is trained on
    (benchmarks/train_grade_model.py), computed exactly as :func:`assess` computes them."""
    all_rules()
    ctx = SetContext.of(cs)
    place = _Place(cs)
    out: list[tuple[str, list[Signal]] | None] = []
    for index, claim in enumerate(cs.claims):
        recorded = _recorded_caveats(index, claim, place, [])
        suppressed = {s.code for s in claim.suppress}
        start, certainty, reasons, _first, _wording = _grade_claim(claim, ctx, recorded, suppressed)
        if start is None or certainty == UNGRADED:
            out.append(None)
        else:
            out.append((certainty, signals(claim, ctx, start, certainty, reasons)))
    return out
