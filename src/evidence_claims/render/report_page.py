"""One self-contained HTML page about one claim set: a file to send to a colleague.

The page needs nothing but a browser: styles are inline, the evidence map is inline SVG, and
nothing links outside the page (DOIs and PMIDs are text, not links), so it opens offline and
leaks no request. It holds, in reading order: a summary, the evidence map, the evidence table,
the annotated document, the validation findings and the references.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from markupsafe import Markup

from .._version import __version__
from ..io.claimset import ClaimSet
from ..model.records import Claim
from ..model.report import SEVERITY_RANK, ClaimAssessment, Finding, Report
from .citations import cite
from .presentation import assessments_by_claim, grade_of


@dataclass(frozen=True, slots=True)
class SummaryItem:
    value: str
    label: str
    tone: str = ""  # "", "good", "bad"


@dataclass
class Tally:
    """What the page counts over the claims: the summary, the evidence map, the legend of
    the annotated document and the cited keys. Claims are added one by one, so a set read a
    chunk at a time is counted as it is read."""

    claims: int = 0
    cited: int = 0
    overclaims: int = 0
    graded: Counter[str] = field(default_factory=Counter)
    by_cell: Counter[tuple[str, str]] = field(default_factory=Counter)  # the map's counts
    keys: set[str] = field(default_factory=set)

    def add(self, claim: Claim, assessment: ClaimAssessment | None) -> None:
        grade = grade_of(claim, assessment)
        certainty = grade.certainty or "ungraded"
        self.claims += 1
        self.graded[certainty] += 1
        self.by_cell[(claim.evidence.type, certainty)] += 1
        if claim.evidence.sources:
            self.cited += 1
            self.keys.update(claim.evidence.sources)
        if grade.wording == "overclaim":
            self.overclaims += 1


def tally(claim_set: ClaimSet, report: Report) -> Tally:
    """The counts of a set held whole."""
    assessments = assessments_by_claim(report.assessments)
    counted = Tally()
    for claim in claim_set.claims:
        counted.add(claim, assessments.get(claim.id))
    return counted


def summary_items(claim_set: ClaimSet, report: Report) -> list[SummaryItem]:
    """The headline numbers: claims, how many rest on cited evidence, grades, wording, findings."""
    return summary_of(tally(claim_set, report), report)


def summary_of(counted: Tally, report: Report) -> list[SummaryItem]:
    """:func:`summary_items` from the set's counts."""
    graded = counted.graded
    moderate_or_better = graded["high"] + graded["moderate"]
    overclaims = counted.overclaims
    counts = report.counts()
    return [
        SummaryItem(str(counted.claims), "claims"),
        SummaryItem(str(counted.cited), "cite a source"),
        SummaryItem(str(moderate_or_better), "moderate or high certainty"),
        SummaryItem(
            str(graded["very_low"]), "very low certainty", "bad" if graded["very_low"] else ""
        ),
        SummaryItem(str(graded["ungraded"]), "ungraded"),
        SummaryItem(str(overclaims), "worded beyond the evidence", "bad" if overclaims else ""),
        SummaryItem(
            str(counts["error"]),
            "validation errors",
            "bad" if counts["error"] else "good",
        ),
    ]


def report_page(claim_set: ClaimSet, report: Report | None = None, *, by: str = "topic") -> str:
    """The complete HTML page (a string); ``report`` brings findings and assessments."""
    from .annotated import annotated_document_html
    from .evidence_map import evidence_map, figure_svg
    from .tables import evidence_table

    report = report if report is not None else Report()
    table = evidence_table(claim_set, report, by=by, link_claims=True)
    figure = evidence_map(claim_set, report)
    svg = figure_svg(figure)
    cited = {k for c in claim_set.claims for k in c.evidence.sources}
    return render_page(
        PageHead(claim_set, len(claim_set.claims)),
        report,
        summary=summary_items(claim_set, report),
        svg=svg,
        table=table.html_fragment(),
        document=annotated_document_html(claim_set, report, styles=False),
        cited=cited,
    )


def sorted_findings(report: Report) -> list[Finding]:
    """Errors first, then warnings, then infos; by location within each."""
    return sorted(report.findings, key=lambda f: (SEVERITY_RANK.get(f.severity, 9), *f.sort_key()))


@dataclass(frozen=True, slots=True)
class PageHead:
    """The set as the page's head names it: its document and file, and how many claims."""

    header: ClaimSet  # its claims may be left out: ``count`` says how many it has
    count: int


def render_page(
    head: PageHead,
    report: Report,
    *,
    summary: list[SummaryItem],
    svg: str,
    table: str,
    document: str,
    cited: set[str],
    findings_html: str | None = None,
) -> str:
    """The page from its parts (the whole set's, or a streamed set's with placeholders);
    ``findings_html`` stands for the findings' table when there are findings."""
    from .display import findings_table_html, render_template, stylesheet

    claim_set = head.header
    if findings_html is None and report.findings:
        findings_html = findings_table_html(sorted_findings(report), link_claims=True)
    bibliography = claim_set.bibliography
    listed = list(bibliography.keys()) if bibliography is not None else []
    references = [
        {"key": key, "text": cite(key, bibliography, full=True), "cited": key in cited}
        for key in [*listed, *(k for k in sorted(cited) if k not in listed)]
    ]
    title = claim_set.document.title or claim_set.document.id
    return render_template(
        "report.html.j2",
        title=title,
        version=__version__,
        claim_set=claim_set,
        claim_count=head.count,
        report=report,
        styles=Markup(stylesheet()),
        summary=summary,
        evidence_map=Markup(svg),
        table=Markup(table),
        document=Markup(document),
        findings=Markup(findings_html) if report.findings else None,
        counts=report.counts(),
        references=references,
        assessed=bool(report.assessments),
    )
