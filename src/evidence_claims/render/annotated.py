"""The annotated document: the document's text with every claim's span marked.

Spans are nested into well-formed HTML (a claim inside another claim's span is a child
element), each with its source colour and a tooltip of its grade; every piece of text is
escaped exactly once. :func:`annotate` wraps it for a notebook.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ..model.records import Claim
from ..model.report import ClaimAssessment, Report
from .citations import citer
from .display import claim_tooltip, render_template, short_id, source_legend, with_styles
from .presentation import (
    assessments_by_claim,
    grade_of,
)

if TYPE_CHECKING:
    from ..io.claimset import ClaimSet


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
    return "".join(nested_pieces(text, clipped))


def nested_pieces(text: str, spans: Iterable[Span]) -> Iterator[str]:
    """The text of :func:`nest_spans` in pieces, from spans already clipped to the text and
    sorted by ``(start, -end, layer)``: an iterator of them is read as the text goes, so a
    large document's spans need not all be held at once (the streamed report page).

    The next place where an element opens or closes is the earlier of the next span's start
    and the nearest end among the open ones: the same places, in the same order, as the
    sorted set of every start and end.
    """
    length = len(text)
    upcoming = iter(spans)
    following = next(upcoming, None)
    stack: list[Span] = []
    ends: list[int] = []  # a heap of the open spans' ends
    position = 0
    while True:
        bound = length
        if following is not None and following.start < bound:
            bound = following.start
        if ends and ends[0] < bound:
            bound = ends[0]
        yield str(escape(text[position:bound]))
        position = bound
        if ends and ends[0] == bound:
            reopen: list[Span] = []
            while any(s.end == bound for s in stack):
                span = stack.pop()
                yield span.close()
                if span.end != bound:
                    reopen.append(span)
            for span in reversed(reopen):
                yield span.open(first=False)
                stack.append(span)
            while ends and ends[0] == bound:
                heapq.heappop(ends)
        while following is not None and following.start == bound:
            yield following.open(first=True)
            stack.append(following)
            heapq.heappush(ends, following.end)
            following = next(upcoming, None)
        if bound >= length:
            break
    while stack:  # defensive: every span ends at or before the text's end, so none is left
        yield stack.pop().close()


def document_spans(
    claims: Iterable[Claim],
    assessments: dict[str, ClaimAssessment],
    bibliography: Any,
) -> list[Span]:
    """Claim spans coloured by source type, with hedges and boosters marked inside them."""
    spans: list[Span] = []
    citation = citer(bibliography)
    for claim in claims:
        spans.append(claim_span(claim, assessments.get(claim.id), bibliography, citation))
        for kind, cues in (("hedge", claim.hedges), ("booster", claim.boosters)):
            for cue in cues:
                spans.append(cue_span(claim, kind, cue))
    return spans


def claim_span(
    claim: Claim, assessment: ClaimAssessment | None, bibliography: Any, citation: Any
) -> Span:
    """The span of one claim: its source colour, kind, wording and tooltip."""
    grade = grade_of(claim, assessment)
    classes = f"ec-claim ec-st-{claim.evidence.type} ec-k-{claim.kind}"
    if grade.wording:
        classes += f" ec-w-{grade.wording}"
    return Span(
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


def cue_span(claim: Claim, kind: str, cue: Any) -> Span:
    """The mark of one hedge or booster of ``claim``."""
    return Span(
        cue.start,
        cue.end,
        1,
        "mark",
        (
            ("class", f"ec-{kind}"),
            ("title", f"{kind} “{cue.cue}” ({claim.id})"),
        ),
    )


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
