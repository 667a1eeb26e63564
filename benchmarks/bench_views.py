"""How fast claim sets turn into frames, evidence tables, the annotated document and the report.

The corpus is the bundled kratom document repeated (separated by blank lines), with its claims,
cues and relations shifted and renamed per copy, so the annotated view has real nesting and the
table real caveats and citations. Prints the median time of each view and claims per second.
Usage: python benchmarks/bench_views.py [--copies 50] [--repeat 5]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from timing import median_seconds

import evidence_claims as ec
from evidence_claims.io.claimset import ClaimSet
from evidence_claims.model.report import Report
from evidence_claims.render.annotated import annotated_document_html
from evidence_claims.render.evidence_map import evidence_map, figure_svg
from evidence_claims.render.report_page import report_page
from evidence_claims.render.tables import evidence_table

ROOT = Path(__file__).resolve().parents[1]
KRATOM = ROOT / "claims" / "kratom-addiction"
SEPARATOR = "\n\n"


def repeated(cs: ClaimSet, report: Report, copies: int) -> tuple[ClaimSet, Report]:
    """The set's document and claims ``copies`` times over, offsets and ids shifted per copy."""
    text = cs.document_text or ""
    step = len(text) + len(SEPARATOR)
    claims, assessments = [], []
    by_id = {a.claim_id: a for a in report.assessments}
    for n in range(copies):
        shift = n * step
        for claim in cs.claims:
            claims.append(
                claim.model_copy(
                    update={
                        "id": f"{claim.id}-{n}",
                        "anchor": claim.anchor.model_copy(
                            update={
                                "start": claim.anchor.start + shift,
                                "end": claim.anchor.end + shift,
                            }
                        ),
                        "hedges": [
                            h.model_copy(update={"start": h.start + shift, "end": h.end + shift})
                            for h in claim.hedges
                        ],
                        "boosters": [
                            b.model_copy(update={"start": b.start + shift, "end": b.end + shift})
                            for b in claim.boosters
                        ],
                        "relations": [
                            r.model_copy(update={"target": f"{r.target}-{n}"})
                            for r in claim.relations
                        ],
                    }
                )
            )
            if claim.id in by_id:
                assessments.append(replace(by_id[claim.id], claim_id=f"{claim.id}-{n}"))
    big = ClaimSet(
        document=cs.document,
        claims=claims,
        document_text=SEPARATOR.join([text] * copies),
        bibliography=cs.bibliography,
        claim_indexes=list(range(len(claims))),
    )
    return big, Report(claims=len(claims), assessments=assessments)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    base = ec.load(KRATOM)
    cs, report = repeated(base, ec.assess(base), args.copies)
    n = len(cs.claims)
    print(f"corpus: {n} claims, {len(cs.document_text or ''):,} characters ({args.copies} copies)")
    views: dict[str, Callable[[], object]] = {
        "claims frame": lambda: cs.to_frame(report),
        "evidence table (md)": lambda: evidence_table(cs, report).to_markdown(),
        "evidence table (html)": lambda: evidence_table(cs, report).to_html(),
        "evidence table (csv)": lambda: evidence_table(cs, report).to_csv(),
        "annotated document": lambda: annotated_document_html(cs, report),
        "evidence map (svg)": lambda: figure_svg(evidence_map(cs, report)),
        "report page": lambda: report_page(cs, report),
    }
    for name, func in views.items():
        seconds = median_seconds(func, args.repeat)
        print(f"{name:24} median {seconds * 1000:9.1f} ms  {n / seconds:10,.0f} claims/s")
    size = len(report_page(cs, report).encode("utf-8"))
    print(f"report page size: {size / 1e6:.1f} MB ({size / n / 1e3:.1f} kB per claim)")


if __name__ == "__main__":
    main()
