"""The report page of a large JSON claim file, written as it is read.

:func:`evidence_claims.render.report_page.report_page` holds the models of every claim, the
text of every part of the page and the page itself. For a claim file that is validated a chunk
at a time (:mod:`evidence_claims.pipeline.stream`), this keeps of each claim only what the page
counts (the summary, the evidence map, the legend, the cited keys: :class:`.report_page.Tally`),
its group and place for the evidence table, and its spans' places in the document; the report
(findings and assessments) is the one ``validate`` makes of the file. Every total is known once
the file has been validated, before anything is written, so the page keeps its order. Then the
parts that grow with the set are written a piece at a time, their claims read again from the
file: the evidence table a group at a time (:mod:`.table_stream`), and the annotated document
in order of its spans, a batch of claims at a time. The parts around them come from the same
template, rendered once with placeholders. The text is the same as the page built whole
(compared in the tests).

Memory is then the report and the per-claim summaries, not the claims' models or the page.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Unpack

from markupsafe import Markup

from ..io.claimset import ClaimSet
from ..model.report import ClaimAssessment, Report
from ..pipeline.stream import Streamed, StreamOptions, stream_file
from .display import FINDINGS_UUID, findings_styler
from .presentation import assessments_by_claim
from .report_page import PageHead, Tally, render_page, sorted_findings, summary_of
from .sliced_html import write_sliced
from .table_stream import _groups, _Kept, loads, one_file, write_fragment

Write = Callable[[str], None]
_TABLE = "ecstreamedtablex"
_DOCUMENT = "ecstreameddocumentx"
_TEXT = "ecstreamedtextx"
_FINDINGS = "ecstreamedfindingsx"
_BATCH = 4096
"""Spans of the annotated document made at a time (their claims read again together)."""
_FLUSH = 1 << 16
"""Characters of the annotated document gathered before they are written."""


@dataclass
class _Gathered:
    """What the reading keeps of each claim for the page: its counts, and the place of its
    span and its cues' spans in the document, as numbers (file index and part: 0 the claim,
    then its hedges, then its boosters, the order :func:`.annotated.document_spans` makes them).
    """

    tally: Tally = field(default_factory=Tally)
    types: Counter[str] = field(default_factory=Counter)
    starts: array[int] = field(default_factory=lambda: array("q"))
    ends: array[int] = field(default_factory=lambda: array("q"))
    layers: array[int] = field(default_factory=lambda: array("b"))
    indexes: array[int] = field(default_factory=lambda: array("q"))
    parts: array[int] = field(default_factory=lambda: array("q"))

    def visit(self, part: ClaimSet, assessed: list[ClaimAssessment]) -> None:
        by_id = assessments_by_claim(assessed)
        for k, claim in enumerate(part.claims):
            self.tally.add(claim, by_id.get(claim.id))
            self.types[claim.evidence.type] += 1
            index = part.claim_indexes[k]
            self._span(claim.anchor.start, claim.anchor.end, 0, index, 0)
            for n, cue in enumerate((*claim.hedges, *claim.boosters), start=1):
                self._span(cue.start, cue.end, 1, index, n)

    def _span(self, start: int, end: int, layer: int, index: int, part: int) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.layers.append(layer)
        self.indexes.append(index)
        self.parts.append(part)

    def order(self, length: int) -> Any:
        """The spans within a text of ``length`` in the order :func:`.annotated.nest_spans`
        sorts them (a stable sort of the claims' spans in file order): rows of (layer, file
        index, part)."""
        import numpy as np

        starts = np.frombuffer(self.starts, dtype=np.int64)
        ends = np.frombuffer(self.ends, dtype=np.int64)
        inside = (starts >= 0) & (starts < ends) & (ends <= length)
        keys = [
            np.frombuffer(a, dtype=a.typecode)[inside]
            for a in (self.parts, self.indexes, self.layers)
        ]
        sort = np.lexsort((*keys, -ends[inside], starts[inside]))
        return np.stack([keys[2][sort], keys[1][sort], keys[0][sort]], axis=1)


def stream_report_page(
    path: Path,
    write: Write,
    *,
    by: str = "topic",
    apply: Callable[[Report], Report] | None = None,
    **options: Unpack[StreamOptions],
) -> bool:
    """Write the report page of the claim file at ``path`` (or its folder) with ``write``, its
    large parts a piece at a time; False (nothing written) when the file is not one validated
    a chunk at a time, or when the page could not be written the same way as whole. ``apply``
    is the configuration's selection of findings (:meth:`.pipeline.config.Config.apply`)."""
    found = one_file(Path(path), options.get("root"))
    if found is None:
        return False
    kept, gathered = _Kept(by, assess=False), _Gathered()

    def visit(part: ClaimSet, assessed: list[ClaimAssessment]) -> None:
        kept.visit(part, assessed)
        gathered.visit(part, assessed)

    streamed = stream_file(found, visit=visit, **options)
    if streamed is None or streamed.header is None or not loads(streamed):
        return False  # a set that does not load: the command reports why, as it does today
    if streamed.summary.duplicated:
        return False  # claims sharing an id share one assessment on the page built whole
    report = streamed.report.sorted()
    report = apply(report) if apply is not None else report
    kept.assessments = assessments_by_claim(report.assessments)
    _write_page(streamed, streamed.header, report, kept, gathered, write)
    return True


def _write_page(
    streamed: Streamed,
    header: ClaimSet,
    report: Report,
    kept: _Kept,
    gathered: _Gathered,
    write: Write,
) -> None:
    """The page: its template around the evidence table and the annotated document."""
    from .evidence_map import counts_map, figure_svg

    tally = gathered.tally
    svg = figure_svg(counts_map(dict(tally.by_cell), assessed=bool(report.assessments)))
    page = render_page(
        PageHead(header, tally.claims),
        report,
        summary=summary_of(tally, report),
        svg=svg,
        table=_TABLE,
        document=_DOCUMENT,
        cited=tally.keys,
        findings_html=_FINDINGS,
    )
    before_table, rest = _split_once(page, _TABLE)
    before_document, rest = _split_once(rest, _DOCUMENT)
    write(before_table)
    groups = _groups(streamed, header, kept)
    groups.table.link_claims = True
    write_fragment(groups, write)
    write(before_document)
    _write_document(streamed, header, kept.assessments, gathered, write)
    if not report.findings:
        write(rest)
        return
    before_findings, after_findings = _split_once(rest, _FINDINGS)
    write(before_findings)
    findings = sorted_findings(report)
    write_sliced(
        lambda first, last: findings_styler(findings[first:last], link_claims=True),
        len(findings),
        FINDINGS_UUID,
        write,
    )
    write(after_findings)


def _split_once(text: str, mark: str) -> tuple[str, str]:
    """The text before and after the one placeholder ``mark``."""
    if text.count(mark) != 1:
        raise ValueError(f"the page holds its placeholder {mark!r} {text.count(mark)} times")
    before, after = text.split(mark)
    return before, after


def _write_document(
    streamed: Streamed,
    header: ClaimSet,
    assessments: dict[str, ClaimAssessment],
    gathered: _Gathered,
    write: Write,
) -> None:
    """The text of :func:`.annotated.annotated_document_html` (without styles), its spans
    made a batch at a time in the order they open."""
    from .annotated import nested_pieces
    from .display import legend_of, render_template

    text = header.document_text
    if text is None:
        write(render_template("annotated.html.j2", text=None, legend=[], document=None))
        return
    body = render_template(
        "annotated.html.j2",
        text=Markup(_TEXT),
        legend=legend_of(gathered.types),
        document=header.document,
    )
    before, after = _split_once(body, _TEXT)
    write(before)
    spans = _spans(streamed, header, assessments, gathered.order(len(text)))
    pieces: list[str] = []
    size = 0
    for piece in nested_pieces(text, spans):
        pieces.append(piece)
        size += len(piece)
        if size >= _FLUSH:
            write("".join(pieces))
            pieces, size = [], 0
    write("".join(pieces))
    write(after)


def _spans(
    streamed: Streamed,
    header: ClaimSet,
    assessments: dict[str, ClaimAssessment],
    rows: Any,
) -> Iterator[Any]:
    """The spans of :func:`.annotated.document_spans` in the order of ``rows`` (layer, file
    index, part), their claims read again from the file a batch at a time."""
    from .annotated import claim_span, cue_span
    from .citations import citer

    bibliography = header.bibliography
    citation = citer(bibliography)
    for first in range(0, len(rows), _BATCH):
        batch = rows[first : first + _BATCH].tolist()
        wanted = sorted({index for _, index, _ in batch})
        claims = dict(zip(wanted, streamed.claims(wanted), strict=True))
        for layer, index, part in batch:
            claim = claims[index]
            if layer == 0:
                yield claim_span(claim, assessments.get(claim.id), bibliography, citation)
            elif part <= len(claim.hedges):
                yield cue_span(claim, "hedge", claim.hedges[part - 1])
            else:
                yield cue_span(claim, "booster", claim.boosters[part - 1 - len(claim.hedges)])
