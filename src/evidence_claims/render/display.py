"""HTML for people: templates, the small pieces of table cells, and the Jupyter representations.

The models stay plain data; ``Claim``, ``ClaimSet``, ``Report`` and the evidence table get thin
``_repr_html_`` methods that call the functions here. Markup is produced by Jinja2 templates
(``data/templates``) with autoescaping on, tables by pandas' Styler, and the few inline pieces
(table cells, the annotated text) through :func:`markupsafe.escape`, so every value taken from
a claim file or document is escaped exactly once.

The annotated document is in :mod:`.annotated`, the evidence map in :mod:`.evidence_map`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ..model.records import Claim
from ..model.report import ClaimAssessment, Finding, Report
from .citations import cite
from .presentation import (
    CERTAINTY_COLORS,
    CERTAINTY_ORDER,
    CERTAINTY_SYMBOLS,
    CaveatItem,
    ClaimGrade,
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


def source_legend(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    return legend_of(Counter(c.evidence.type for c in claims))


def legend_of(counts: Counter[str]) -> list[dict[str, Any]]:
    """:func:`source_legend` from the claims counted per source type."""
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
    from .sliced_html import styler_html

    return styler_html(findings_styler(findings, link_claims=link_claims), FINDINGS_UUID)


FINDINGS_UUID = "ecfindings"


def findings_styler(findings: Sequence[Finding], *, link_claims: bool = False) -> Any:
    """The Styler of :func:`findings_table_html` (of some findings: a slice of a long list)."""
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
    return styler


def _claim_link(claim_id: str) -> str:
    ident = escape(claim_id)
    return Markup(f'<a href="#claim-{ident}">{escape(short_id(claim_id))}</a>')


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
