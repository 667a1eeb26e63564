"""One self-contained HTML page about one claim set: a file to send to a colleague.

The page needs nothing but a browser: styles are inline, the evidence map is inline SVG, and
nothing links outside the page (DOIs and PMIDs are text, not links), so it opens offline and
leaks no request. It holds, in reading order: a summary, the evidence map, the evidence table,
the annotated document, the validation findings and the references.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

from .._version import __version__
from ..io.claimset import ClaimSet
from ..model.report import SEVERITY_RANK, Report
from .citations import cite
from .presentation import assessments_by_claim, grade_of


@dataclass(frozen=True, slots=True)
class SummaryItem:
    value: str
    label: str
    tone: str = ""  # "", "good", "bad"


def summary_items(claim_set: ClaimSet, report: Report) -> list[SummaryItem]:
    """The headline numbers: claims, how many rest on cited evidence, grades, wording, findings."""
    assessments = assessments_by_claim(report.assessments)
    grades = [grade_of(c, assessments.get(c.id)) for c in claim_set.claims]
    cited = sum(1 for c in claim_set.claims if c.evidence.sources)
    graded = Counter(g.certainty or "ungraded" for g in grades)
    moderate_or_better = graded["high"] + graded["moderate"]
    overclaims = sum(1 for g in grades if g.wording == "overclaim")
    counts = report.counts()
    return [
        SummaryItem(str(len(claim_set.claims)), "claims"),
        SummaryItem(str(cited), "cite a source"),
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
    from .display import findings_table_html, render_template, stylesheet
    from .evidence_map import evidence_map, figure_svg
    from .tables import evidence_table

    report = report if report is not None else Report()
    table = evidence_table(claim_set, report, by=by, link_claims=True)
    figure = evidence_map(claim_set, report)
    svg = figure_svg(figure)
    # errors first, then warnings, then infos; by location within each
    findings = sorted(
        report.findings, key=lambda f: (SEVERITY_RANK.get(f.severity, 9), *f.sort_key())
    )
    bibliography = claim_set.bibliography
    cited = sorted({k for c in claim_set.claims for k in c.evidence.sources})
    listed = list(bibliography.keys()) if bibliography is not None else []
    references = [
        {"key": key, "text": cite(key, bibliography, full=True), "cited": key in cited}
        for key in [*listed, *(k for k in cited if k not in listed)]
    ]
    title = claim_set.document.title or claim_set.document.id
    return render_template(
        "report.html.j2",
        title=title,
        version=__version__,
        claim_set=claim_set,
        report=report,
        styles=Markup(stylesheet()),
        summary=summary_items(claim_set, report),
        evidence_map=Markup(svg),
        table=Markup(table.html_fragment()),
        document=Markup(annotated_document_html(claim_set, report, styles=False)),
        findings=Markup(findings_table_html(findings, link_claims=True)) if findings else None,
        counts=report.counts(),
        references=references,
        assessed=bool(report.assessments),
    )
