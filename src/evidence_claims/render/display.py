"""HTML for people: Jupyter representations, the annotated document and the evidence map.

The models stay plain data; ``Claim``, ``ClaimSet``, ``Report`` and the evidence table get thin
``_repr_html_`` methods that call the functions here. Markup is produced by Jinja2 templates
(``data/templates``) with autoescaping on, tables by pandas' Styler, and the few inline pieces
(table cells, the annotated text) through :func:`markupsafe.escape`, so every value taken from
a claim file or document is escaped exactly once.

The evidence map is drawn on a bare :class:`matplotlib.figure.Figure`, never through pyplot:
no GUI backend is selected, so it works headless (saving uses Agg or the SVG backend), and
matplotlib is imported only when a map is drawn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ..model.records import Claim
from ..model.report import ClaimAssessment, Finding, Report
from .citations import cite, citer
from .presentation import (
    CERTAINTY_COLORS,
    CERTAINTY_ORDER,
    CERTAINTY_SYMBOLS,
    CaveatItem,
    ClaimGrade,
    assessments_by_claim,
    caveat_items,
    certainty_label,
    certainty_word,
    grade_of,
    hex_to_rgba,
    source_color,
    source_label,
    source_order,
    topic_label,
    wording_label,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..io.claimset import ClaimSet
    from .tables import Footnote, TableRow

# --- templates and styles ------------------------------------------------------------------


@cache
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("evidence_claims", "data/templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        certainty_label=certainty_label,
        certainty_word=certainty_word,
        source_label=source_label,
        source_color=source_color,
        topic_label=topic_label,
    )
    return env


def render_template(name: str, **context: Any) -> str:
    return _environment().get_template(name).render(**context)


@cache
def stylesheet() -> str:
    """The CSS shared by every view: one rule per source type and certainty level."""
    from ..model.taxonomy import source_types

    types = [
        {
            "name": name,
            "color": source_color(name),
            "fill": hex_to_rgba(source_color(name), 0.16),
            "fill_nested": hex_to_rgba(source_color(name), 0.30),
        }
        for name in source_types()
    ]
    levels = [{"name": level, "color": CERTAINTY_COLORS[level]} for level in CERTAINTY_ORDER]
    return render_template("style.css.j2", types=types, levels=levels)


def with_styles(fragment: str) -> str:
    """A fragment with the stylesheet in front, for notebooks (one ``<style>`` per output)."""
    return f"<style>{stylesheet()}</style>\n{fragment}"


# --- small pieces, used by table cells and templates ---------------------------------------


def short_id(claim_id: str) -> str:
    """``kratom-addiction-032`` → ``032``: the running number readers refer to."""
    tail = claim_id.rsplit("-", 1)[-1]
    return tail if tail.isdigit() and tail != claim_id else claim_id


def claim_id_html(claim_id: str, *, link: bool = False) -> str:
    ident = escape(claim_id)
    if link:
        return Markup(
            f'<a id="row-{ident}" class="ec-idlink" href="#claim-{ident}" '
            f'title="Show {ident} in the document">{escape(short_id(claim_id))}</a>'
        )
    return Markup(f'<span title="{ident}">{escape(short_id(claim_id))}</span>')


def statement_html(claim: Claim) -> str:
    kind = ""
    if claim.kind != "claim":
        kind = f'<span class="ec-kind ec-kind-{escape(claim.kind)}">{escape(claim.kind)}</span> '
    return Markup(f"{kind}{escape(claim.text)}")


def source_badge_html(source_type: str) -> str:
    return Markup(
        f'<span class="ec-badge ec-st-{escape(source_type)}">'
        f"{escape(source_label(source_type))}</span>"
    )


def sources_html(row: TableRow) -> str:
    if not row.citations:
        return Markup('<span class="ec-muted">None cited</span>')
    items = "".join(f"<li>{escape(c)}</li>" for c in row.citations)
    basis = row.claim.evidence.basis
    note = ""
    if basis == "inferred":
        note = '<div class="ec-basis">inferred by the annotator</div>'
    elif basis == "context":
        note = '<div class="ec-basis">from the surrounding passage</div>'
    return Markup(f'<ul class="ec-cites">{items}</ul>{note}')


def certainty_html(grade: ClaimGrade) -> str:
    level = grade.certainty
    if level is None:
        return Markup('<span class="ec-muted">Not assessed</span>')
    symbols = CERTAINTY_SYMBOLS.get(level, "?")
    differs = ""
    if grade.disagrees:
        differs = (
            f'<div class="ec-differs">file states {escape(certainty_word(grade.stated))}</div>'
        )
    why = f' title="{escape(grade.note)}"' if grade.note else ""
    return Markup(
        f'<span class="ec-symbols" aria-hidden="true">{escape(symbols)}</span> '
        f'<span class="ec-level"{why}>{escape(certainty_word(level))}</span>{differs}'
    )


def caveat_marks_html(caveats: Sequence[tuple[CaveatItem, Footnote]]) -> str:
    if not caveats:
        return Markup('<span class="ec-muted">—</span>')
    items = []
    for item, note in caveats:
        effect = ""
        if item.effect:
            sign = "+" if item.effect > 0 else "−"
            effect = f' <span class="ec-effect">{sign}{abs(item.effect)}</span>'
        detected = ' class="ec-detected"' if item.origin == "detected" else ""
        items.append(
            f'<li><code{detected} title="{escape(item.text())}">{escape(item.code)}</code>'
            f'{effect}<a class="ec-fn" href="#fn-{note.number}">{note.mark}</a></li>'
        )
    return Markup(f'<ul class="ec-caveat-list">{"".join(items)}</ul>')


def wording_html(grade: ClaimGrade) -> str:
    if grade.wording is None:
        return Markup('<span class="ec-muted">—</span>')
    return Markup(
        f'<span class="ec-flag ec-flag-{escape(grade.wording)}">'
        f"{escape(wording_label(grade))}</span>"
    )


def claim_tooltip(
    claim: Claim,
    assessment: ClaimAssessment | None,
    bibliography: Any,
    *,
    citation: Callable[[str], str] | None = None,
) -> str:
    """Plain text for a ``title`` attribute: what a reader needs when hovering over a claim.

    ``citation`` (:func:`~evidence_claims.render.citations.citer`) cites a key once for many
    claims."""
    citation = citation or (lambda key: cite(key, bibliography))
    grade = grade_of(claim, assessment)
    lines = [
        f"{claim.id} · {claim.kind} · {source_label(claim.evidence.type)} · "
        f"{certainty_label(grade.certainty)}"
    ]
    if claim.evidence.sources:
        lines.append("Sources: " + "; ".join(citation(k) for k in claim.evidence.sources))
    if grade.note:
        lines.append(f"Not graded: {grade.note}")
    caveats = caveat_items(claim, assessment)
    if caveats:
        lines.append("Caveats:")
        lines += [f"• {item.text()}" for item in caveats]
    if grade.wording:
        lines.append(f"Wording: {wording_label(grade)}")
    return "\n".join(lines)


# --- the annotated document ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the document to wrap in an element: a claim (layer 0) or a cue (1)."""

    start: int
    end: int
    layer: int
    tag: str
    attrs: tuple[tuple[str, str], ...]
    first_attrs: tuple[tuple[str, str], ...] = ()  # only on the first piece (ids, labels)

    def open(self, *, first: bool) -> str:
        attrs = (*self.attrs, *self.first_attrs) if first else self.attrs
        if not first:
            attrs = tuple(
                (k, f"{v} ec-cont" if k == "class" else v) for k, v in attrs
            )  # a piece reopened after an overlapping span closed
        rendered = "".join(f' {k}="{escape(v)}"' for k, v in attrs)
        return f"<{self.tag}{rendered}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def nest_spans(text: str, spans: Iterable[Span]) -> str:
    """Escaped ``text`` with every span wrapped in its element, correctly nested.

    Spans that nest (a claim inside a claim, a cue inside a claim) become nested elements.
    Spans that cross (one starts inside another and ends after it) cannot nest in HTML: the
    inner element is closed where the outer one ends and reopened right after, its later
    pieces marked ``ec-cont``. The visible text is always exactly ``text``.
    """
    length = len(text)
    clipped = sorted(
        (s for s in spans if 0 <= s.start < s.end <= length),
        key=lambda s: (s.start, -s.end, s.layer),
    )
    bounds = sorted({0, length, *(s.start for s in clipped), *(s.end for s in clipped)})
    out: list[str] = []
    stack: list[Span] = []
    pending = 0
    position = 0
    for bound in bounds:
        out.append(str(escape(text[position:bound])))
        position = bound
        if any(s.end == bound for s in stack):
            reopen: list[Span] = []
            while any(s.end == bound for s in stack):
                span = stack.pop()
                out.append(span.close())
                if span.end != bound:
                    reopen.append(span)
            for span in reversed(reopen):
                out.append(span.open(first=False))
                stack.append(span)
        while pending < len(clipped) and clipped[pending].start == bound:
            span = clipped[pending]
            pending += 1
            out.append(span.open(first=True))
            stack.append(span)
    while stack:  # defensive: every span ends at or before the last bound, so none is left
        out.append(stack.pop().close())
    return "".join(out)


def document_spans(
    claims: Iterable[Claim],
    assessments: dict[str, ClaimAssessment],
    bibliography: Any,
) -> list[Span]:
    """Claim spans coloured by source type, with hedges and boosters marked inside them."""
    spans: list[Span] = []
    citation = citer(bibliography)
    for claim in claims:
        assessment = assessments.get(claim.id)
        grade = grade_of(claim, assessment)
        classes = f"ec-claim ec-st-{claim.evidence.type} ec-k-{claim.kind}"
        if grade.wording:
            classes += f" ec-w-{grade.wording}"
        spans.append(
            Span(
                claim.anchor.start,
                claim.anchor.end,
                0,
                "span",
                (
                    ("class", classes),
                    ("data-claim", claim.id),
                    ("data-certainty", grade.certainty or "none"),
                    ("title", claim_tooltip(claim, assessment, bibliography, citation=citation)),
                ),
                (("id", f"claim-{claim.id}"), ("data-label", short_id(claim.id))),
            )
        )
        for kind, cues in (("hedge", claim.hedges), ("booster", claim.boosters)):
            for cue in cues:
                spans.append(
                    Span(
                        cue.start,
                        cue.end,
                        1,
                        "mark",
                        (
                            ("class", f"ec-{kind}"),
                            ("title", f"{kind} “{cue.cue}” ({claim.id})"),
                        ),
                    )
                )
    return spans


def annotated_document_html(
    claim_set: ClaimSet, report: Report | None = None, *, styles: bool = True
) -> str:
    """The document with each claim highlighted by source type, cues marked, tooltips on hover.

    ``styles`` puts the stylesheet in front (for a notebook cell); the report page leaves it
    out because it carries the stylesheet once for the whole page.
    """
    if claim_set.document_text is None:
        body = render_template("annotated.html.j2", text=None, legend=[], document=None)
    else:
        assessments = assessments_by_claim(report.assessments if report is not None else None)
        spans = document_spans(claim_set.claims, assessments, claim_set.bibliography)
        text = Markup(nest_spans(claim_set.document_text, spans))
        body = render_template(
            "annotated.html.j2",
            text=text,
            legend=source_legend(claim_set.claims),
            document=claim_set.document,
        )
    return with_styles(body) if styles else body


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """The annotated view as an object Jupyter shows (``display(ec.annotate(cs))``)."""

    html: str
    claims: int = 0

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<AnnotatedDocument: {self.claims} claims highlighted>"

    def __str__(self) -> str:
        return self.html


def annotate(claim_set: ClaimSet, report: Report | None = None) -> AnnotatedDocument:
    """The annotated document for a notebook; ``report`` adds assessed grades to the tooltips."""
    return AnnotatedDocument(annotated_document_html(claim_set, report), len(claim_set.claims))


def source_legend(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    counts = Counter(c.evidence.type for c in claims)
    return [
        {"name": name, "label": source_label(name), "count": counts[name]}
        for name in [*source_order(), *sorted(set(counts) - set(source_order()))]
        if counts[name]
    ]


# --- Jupyter representations ---------------------------------------------------------------


def claim_html(claim: Claim, assessment: ClaimAssessment | None = None) -> str:
    """A compact card: id, kind, topic, source type, certainty, quote, sources, cues, caveats."""
    grade = grade_of(claim, assessment)
    body = render_template(
        "claim.html.j2",
        claim=claim,
        grade=grade,
        certainty=Markup(certainty_html(grade)),
        wording=Markup(wording_html(grade)),
        caveats=caveat_items(claim, assessment),
    )
    return with_styles(body)


def claim_set_html(claim_set: ClaimSet, *, limit: int = 200) -> str:
    """A header with counts by source type and certainty, then one compact row per claim."""
    import pandas as pd

    claims = sorted(claim_set.claims, key=lambda c: (c.anchor.start, -c.anchor.end))
    shown = claims[:limit]
    frame = pd.DataFrame(
        {
            "Claim": [c.id for c in shown],
            "Kind": [c.kind for c in shown],
            "Source type": [c.evidence.type for c in shown],
            "Certainty": [grade_of(c) for c in shown],
            "Statement": [c.text for c in shown],
        }
    )
    styler = (
        frame.style.hide(axis="index")
        .format(
            {
                "Claim": lambda v: claim_id_html(v),
                "Kind": lambda v: str(escape(v)),
                "Source type": source_badge_html,
                "Certainty": certainty_html,
                "Statement": lambda v: str(escape(_truncate(v, 160))),
            }
        )
        .set_td_classes(
            pd.DataFrame(
                {
                    "Claim": "ec-id",
                    "Kind": "ec-kind-cell",
                    "Source type": "ec-source",
                    "Certainty": [f"ec-certainty ec-c-{grade_of(c).certainty}" for c in shown],
                    "Statement": "ec-statement",
                },
                index=frame.index,
            )
        )
        .set_table_attributes('class="ec-table ec-compact"')
    )
    certainty_counts = Counter(grade_of(c).certainty or "none" for c in claims)
    body = render_template(
        "claimset.html.j2",
        claim_set=claim_set,
        legend=source_legend(claims),
        certainty_counts=[
            (certainty_label(level), certainty_counts[level])
            for level in CERTAINTY_ORDER
            if certainty_counts[level]
        ],
        kinds=Counter(c.kind for c in claims).most_common(),
        table=Markup(styler.to_html(table_uuid="ecset")),
        hidden=len(claims) - len(shown),
    )
    return with_styles(body)


def report_html(report: Report, *, limit: int = 200) -> str:
    """Counts by severity, the findings as a table, and the assessments' certainty counts."""
    findings = sorted(report.findings, key=Finding.sort_key)
    table = findings_table_html(findings[:limit]) if findings else None
    certainty_counts = Counter(a.certainty for a in report.assessments)
    body = render_template(
        "report_repr.html.j2",
        report=report,
        counts=report.counts(),
        table=Markup(table) if table else None,
        hidden=max(0, len(findings) - limit),
        certainty_counts=[
            (certainty_label(level), certainty_counts[level])
            for level in CERTAINTY_ORDER
            if certainty_counts[level]
        ],
        disagreements=sum(1 for a in report.assessments if a.disagrees),
        wording=Counter(a.wording for a in report.assessments if a.wording).most_common(),
    )
    return with_styles(body)


def findings_table_html(findings: Sequence[Finding], *, link_claims: bool = False) -> str:
    """Findings as an HTML table (pandas Styler): severity, code, location, claim, message."""
    import pandas as pd

    frame = pd.DataFrame(
        {
            "Severity": [f.severity for f in findings],
            "Code": [f.code for f in findings],
            "Location": [f.location for f in findings],
            "Claim": [f.claim_id or "" for f in findings],
            "Message": [f.message for f in findings],
        }
    )
    classes = pd.DataFrame(
        {
            "Severity": [f"ec-sev ec-sev-{f.severity}" for f in findings],
            "Code": "ec-code",
            "Location": "ec-loc",
            "Claim": "ec-id",
            "Message": "ec-message",
        },
        index=frame.index,
    )
    styler = (
        frame.style.hide(axis="index")
        .format(
            {
                "Severity": lambda v: str(escape(v)),
                "Code": lambda v: Markup(f"<code>{escape(v)}</code>"),
                "Location": lambda v: str(escape(v)),
                "Claim": lambda v: (
                    (claim_id_html(v, link=False) if not link_claims else _claim_link(v))
                    if v
                    else ""
                ),
                "Message": lambda v: str(escape(v)),
            }
        )
        .set_td_classes(classes)
        .set_table_attributes('class="ec-table ec-findings"')
    )
    return styler.to_html(table_uuid="ecfindings")


def _claim_link(claim_id: str) -> str:
    ident = escape(claim_id)
    return Markup(f'<a href="#claim-{ident}">{escape(short_id(claim_id))}</a>')


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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
    from .figures import DisplayFigure

    counts = evidence_counts(claim_set, report)
    used = {t for t, _ in counts}
    order = source_order()
    rows = [t for t in order if all_types or t in used] + sorted(used - set(order))
    columns = list(CERTAINTY_ORDER)
    height = 1.2 + 0.55 * max(len(rows), 1)
    fig = DisplayFigure(figsize=(7.6, height), layout="constrained")
    ax = fig.add_subplot()
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
    total = sum(counts.values())
    ax.set_title(
        title or f"Evidence map: {total} claims by source type and certainty",
        loc="left",
        fontsize=11,
        fontweight="bold",
        pad=12,
    )
    assessed = report is not None and bool(report.assessments)
    basis = "suggested by the assessment" if assessed else "as the claim file states it"
    fig.text(
        0.01,
        0.005,
        f"Certainty {basis}; bubble area ∝ number of claims",
        fontsize=7.5,
        color="#666666",
    )
    return fig


def figure_svg(fig: Figure) -> str:
    """The figure as an ``<svg>`` element to inline in HTML: text kept as text, no metadata."""
    from .figures import figure_svg as svg

    return svg(fig)
