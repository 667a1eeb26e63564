"""The evidence map: claims counted by source type and certainty, drawn as a bubble chart.

Drawn on a bare :class:`matplotlib.figure.Figure`, never through pyplot: no GUI backend is
selected, so it works headless (saving uses Agg or the SVG backend), and matplotlib is imported
only when a map is drawn.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from ..model.report import Report
from .presentation import (
    CERTAINTY_ORDER,
    CERTAINTY_SYMBOLS,
    assessments_by_claim,
    certainty_word,
    grade_of,
    source_color,
    source_label,
    source_order,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..io.claimset import ClaimSet


# --- the evidence map ----------------------------------------------------------------------


def evidence_counts(
    claim_set: ClaimSet, report: Report | None = None
) -> dict[tuple[str, str], int]:
    """Claims per (source type, certainty): the data behind the evidence map.

    Certainty is the assessment's suggestion when the report has one for the claim, else the
    claim file's statement; a claim with neither counts as ``ungraded``.
    """
    assessments = assessments_by_claim(report.assessments if report is not None else None)
    counts: Counter[tuple[str, str]] = Counter()
    for claim in claim_set.claims:
        certainty = grade_of(claim, assessments.get(claim.id)).certainty or "ungraded"
        counts[(claim.evidence.type, certainty)] += 1
    return dict(counts)


def evidence_map(
    claim_set: ClaimSet,
    report: Report | None = None,
    *,
    title: str | None = None,
    all_types: bool = False,
) -> Figure:
    """A bubble grid of claims by source type (rows) and certainty (columns).

    Bubble area is proportional to the number of claims; the number is written in each bubble.
    Rows list the source types the set uses (``all_types`` lists the whole taxonomy), strongest
    at the top. Returns a :class:`matplotlib.figure.Figure` that shows itself as an image in
    Jupyter with any backend (no ``%matplotlib inline`` needed; see
    :class:`~evidence_claims.render.figures.DisplayFigure`); elsewhere save it with
    ``fig.savefig("map.svg")``.
    """
    assessed = report is not None and bool(report.assessments)
    return counts_map(
        evidence_counts(claim_set, report), assessed=assessed, title=title, all_types=all_types
    )


def counts_map(
    counts: dict[tuple[str, str], int],
    *,
    assessed: bool,
    title: str | None = None,
    all_types: bool = False,
) -> Figure:
    """:func:`evidence_map` drawn from its counts (:func:`evidence_counts`), for a set whose
    claims are counted as they are read and not held (the streamed report page)."""
    from .figures import DisplayFigure

    used = {t for t, _ in counts}
    order = source_order()
    rows = [t for t in order if all_types or t in used] + sorted(used - set(order))
    columns = list(CERTAINTY_ORDER)
    height = 1.2 + 0.55 * max(len(rows), 1)
    fig = DisplayFigure(figsize=(7.6, height), layout="constrained")
    ax = fig.add_subplot()
    _draw_bubbles(ax, counts, rows, columns)
    _draw_axes(ax, counts, rows, columns)
    total = sum(counts.values())
    ax.set_title(
        title or f"Evidence map: {total} claims by source type and certainty",
        loc="left",
        fontsize=11,
        fontweight="bold",
        pad=12,
    )
    basis = "suggested by the assessment" if assessed else "as the claim file states it"
    fig.text(
        0.01,
        0.005,
        f"Certainty {basis}; bubble area ∝ number of claims",
        fontsize=7.5,
        color="#666666",
    )
    return fig


def _draw_bubbles(
    ax: Any, counts: dict[tuple[str, str], int], rows: list[str], columns: list[str]
) -> None:
    """One bubble per (source type, certainty) with claims, its area by count, the count in it."""
    biggest = max(counts.values(), default=1)
    for y, source_type in enumerate(reversed(rows)):
        for x, level in enumerate(columns):
            n = counts.get((source_type, level), 0)
            if not n:
                continue
            ax.scatter(
                [x],
                [y],
                s=120 + 1300 * n / biggest,
                color=source_color(source_type),
                alpha=0.85,
                edgecolors="white",
                linewidths=1.2,
                zorder=3,
            )
            ax.annotate(
                str(n),
                (x, y),
                ha="center",
                va="center",
                fontsize=9,
                fontweight="bold",
                color="white",
                zorder=4,
            )


def _draw_axes(
    ax: Any, counts: dict[tuple[str, str], int], rows: list[str], columns: list[str]
) -> None:
    """Certainty symbols and words along the top, source types (coloured, counted) down the
    side, a light grid and no frame."""
    ax.set_xticks(range(len(columns)))
    ax.set_xticklabels(
        [f"{CERTAINTY_SYMBOLS[level]}\n{certainty_word(level)}" for level in columns], fontsize=9
    )
    ax.set_yticks(range(len(rows)))
    labels = [f"{source_label(t)}  ({sum(counts.get((t, c), 0) for c in columns)})" for t in rows]
    ax.set_yticklabels(list(reversed(labels)), fontsize=9)
    for tick, source_type in zip(ax.get_yticklabels(), reversed(rows), strict=True):
        tick.set_color(source_color(source_type))
    ax.set_xlim(-0.6, len(columns) - 0.4)
    ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
    ax.grid(True, color="#e5e5e5", linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    ax.xaxis.set_ticks_position("top")


def figure_svg(fig: Figure) -> str:
    """The figure as an ``<svg>`` element to inline in HTML: text kept as text, no metadata."""
    from .figures import figure_svg as svg

    return svg(fig)
