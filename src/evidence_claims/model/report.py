"""Findings and reports: plain data, with no knowledge of how they are printed.

Formatters (:mod:`evidence_claims.render.formats`) and tables read these objects; nothing here
formats for a terminal or a browser.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .frozen import fast_init
from .views import view

if TYPE_CHECKING:
    import pandas as pd

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@fast_init
@dataclass(frozen=True, slots=True)
class Finding:
    """One problem or observation, located as precisely as the input allows.

    ``line`` and ``column`` are 1-based; ``path`` is a JSON Pointer into the claim file
    (``/claims/3/anchor/start``) when the finding is about a value of it.
    """

    code: str
    severity: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    claim_id: str | None = None
    path: str | None = None

    @property
    def location(self) -> str:
        """``file:line:column`` as compilers and editors print it (parts that are known)."""
        parts = [self.file or "-"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def sort_key(self) -> tuple[Any, ...]:
        return (
            self.file or "",
            self.line or 0,
            self.column or 0,
            SEVERITY_RANK.get(self.severity, 9),
            self.code,
            self.message,
        )

    def to_dict(self) -> dict[str, Any]:
        # not dataclasses.asdict, which copies every value recursively (7x slower)
        return {name: getattr(self, name) for name in FINDING_COLUMNS}


FINDING_COLUMNS: tuple[str, ...] = tuple(Finding.__dataclass_fields__)


@fast_init
@dataclass(frozen=True, slots=True)
class Reason:
    """One step of a certainty assessment: a caveat code and how it moved the grade."""

    code: str  # a rule code of the catalogue, e.g. "indirectness.animal"
    effect: int  # levels moved: -1 or -2 rate down, +1 rate up, 0 noted without a change
    note: str  # why, in words a reader can check against the claim
    origin: str | None = None  # "recorded" (the claim's caveats) | "detected" (by the engine)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "effect": self.effect, "note": self.note, "origin": self.origin}


@fast_init
@dataclass(frozen=True, slots=True)
class ClaimAssessment:
    """The suggested GRADE-style certainty of one claim, with its reasons in order.

    A suggestion, never a verdict: GRADE rates bodies of evidence per outcome, and this rates one
    claim from the evidence it cites, showing every step so a reader can disagree.
    """

    claim_id: str
    certainty: str  # high | moderate | low | very_low | ungraded
    start: str | None  # the source type's starting certainty (None when ungraded)
    stated: str | None  # the certainty the claim file states, if any
    reasons: tuple[Reason, ...] = ()
    wording: str | None = None  # "overclaim" | "underclaim" | None
    note: str | None = None  # why a claim is ungraded, when it is
    file: str | None = None  # the claim file, as findings show it
    line: int | None = None  # the claim's line in that file
    # the claim's relations in its set, both ways: "challenges c3", "challenged by c5"
    relations: tuple[str, ...] = ()
    document: str | None = None  # the document id of that file (claim ids repeat across files)

    @property
    def disagrees(self) -> bool:
        return self.stated is not None and self.stated != self.certainty

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in _ASSESSMENT_FIELDS}
        data["reasons"] = [r.to_dict() for r in self.reasons]
        data["relations"] = list(self.relations)
        return data


_ASSESSMENT_FIELDS: tuple[str, ...] = tuple(ClaimAssessment.__dataclass_fields__)


@dataclass(slots=True)
class Report:
    """The outcome of validating one or more claim files."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    claims: int = 0
    assessments: list[ClaimAssessment] = field(default_factory=list)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    def merge(self, other: Report) -> None:
        self.findings.extend(other.findings)
        self.files.extend(other.files)
        self.claims += other.claims
        self.assessments.extend(other.assessments)

    def sorted(self) -> Report:
        return Report(
            sorted(self.findings, key=Finding.sort_key),
            list(self.files),
            self.claims,
            list(self.assessments),
        )

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when no finding is an error (warnings and infos may remain)."""
        return not any(f.severity == "error" for f in self.findings)

    def codes(self) -> Counter[str]:
        return Counter(f.code for f in self.findings)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": list(self.files),
            "claims": self.claims,
            "summary": self.counts(),
            "findings": [f.to_dict() for f in sorted(self.findings, key=Finding.sort_key)],
            "assessments": [a.to_dict() for a in self.assessments],
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per finding, columns as :data:`FINDING_COLUMNS`."""
        return view("findings_frame")(self)

    def assessments_frame(self) -> pd.DataFrame:
        """One row per assessed claim: suggested certainty, stated, wording, reason codes.

        Columns as :data:`evidence_claims.render.frames.ASSESSMENT_COLUMNS`;
        :func:`evidence_claims.render.frames.reasons_frame` gives one row per reason.
        """
        return view("assessments_frame")(self)

    def _repr_html_(self) -> str:
        """Counts, the findings as a table and the certainty counts (Jupyter)."""
        return view("report_html")(self)
