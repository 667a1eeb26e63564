"""The evidence table of a large JSON claim file, written a group at a time.

:func:`evidence_claims.render.tables.evidence_table` holds the models of every claim and the
whole text of the table. For a claim file that is validated a chunk at a time
(:mod:`evidence_claims.pipeline.stream`), this keeps per claim only its group, its place in
document order and its assessment; then, group by group, it reads that group's claims again,
builds their rows with the same code, and writes them out. The text is the same as the
in-memory table's (Markdown, HTML, CSV; compared in the tests): the same renderers run on
each group's rows, footnotes are numbered on from group to group, and the parts of the page
around the groups come from the same templates.

Memory is then the file's per-claim summary and the largest group's claims, not the file's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Unpack

from ..io.claimset import ClaimSet
from ..model.report import ClaimAssessment
from ..pipeline.discovery import discover
from ..pipeline.stream import Streamed, StreamOptions, stream_file
from .citations import citer
from .presentation import source_label, source_order
from .sliced_html import write_sliced
from .tables import (
    _PASSIVE,
    EvidenceTable,
    Footnote,
    _count,
    _group_name,
    csv_text,
    frame_of,
    markdown_footnotes,
    markdown_group,
    table_rows,
)

Write = Callable[[str], None]
_PLACE = "ecstreamedgroup{}x"


class _Incoming:
    """``incoming`` of :func:`table_rows`: "supported by c5" for each relation to a claim."""

    def __init__(self, by_target: dict[str, list[tuple[str, str]]]) -> None:
        self.by_target = by_target

    def get(self, target: str, default: Any = ()) -> Any:
        found = self.by_target.get(target)
        if found is None:
            return default
        return [f"{_PASSIVE.get(kind, kind)} {source}" for kind, source in found]


@dataclass
class _Kept:
    """What the reading keeps of each claim for the table: its group and place in document
    order (the rows are built again from the file), and its assessment."""

    by: str
    assess: bool
    places: dict[str, list[tuple[int, int, str, int]]] = field(default_factory=dict)
    assessments: dict[str, ClaimAssessment] = field(default_factory=dict)

    def visit(self, part: ClaimSet, assessed: list[ClaimAssessment]) -> None:
        for k, claim in enumerate(part.claims):
            anchor = claim.anchor
            group = _group_name(claim, self.by)
            self.places.setdefault(group, []).append(
                (anchor.start, -anchor.end, claim.id, part.claim_indexes[k])
            )
        if self.assess:
            for assessment in assessed:
                self.assessments[assessment.claim_id] = assessment


@dataclass
class _Groups:
    """The table's groups in order, and each group's rows built when it is written (its
    footnotes numbered on from the groups before it)."""

    table: EvidenceTable
    order: list[str]
    places: dict[str, list[tuple[int, int, str, int]]]
    rows_of: Callable[[str], Any]
    numbers: dict[tuple[str, str | None, int | None], Footnote]
    rows_in: Callable[[str, int, int], Any]  # a slice of a group's rows, in order


def stream_table(
    path: Path,
    write: Write,
    *,
    output_format: str,
    by: str = "topic",
    assess: bool = True,
    keep_formulas: bool = False,
    **options: Unpack[StreamOptions],
) -> bool:
    """Write the evidence table of the claim file at ``path`` (or its folder) with ``write``,
    a group at a time; False (nothing written) when the file is not one validated a chunk at
    a time, or when the table could not be written the same way as whole."""
    path = one_file(Path(path), options.get("root"))
    if path is None:
        return False
    kept = _Kept(by, assess)
    streamed = stream_file(path, visit=kept.visit, checks=False, **options)
    if streamed is None or streamed.header is None or not loads(streamed):
        return False  # a set that does not load: the command reports why, as it does today
    if output_format == "csv" and _may_hold_cr(streamed.header, streamed):
        return False  # every cell is quoted then: known only once all of them are
    groups = _groups(streamed, streamed.header, kept)
    if output_format == "md":
        _write_markdown(groups, write)
    elif output_format == "csv":
        _write_csv(groups, write, keep_formulas)
    else:
        _write_html(groups, write)
    return True


def one_file(path: Path, root: Path | None) -> Path | None:
    """The claim file at ``path``, or the one in the folder ``path``; None for a folder of
    several (the commands read those whole)."""
    if not path.is_dir():
        return path
    files, _ = discover([path], root=root)
    return files[0] if len(files) == 1 else None


def loads(streamed: Streamed) -> bool:
    """Whether the set loads as a whole (no item refused, no finding that stops loading)."""
    return not streamed.summary.invalid and not any(
        f.code.startswith(("file.", "schema.", "limits.", "document.path"))
        for f in streamed.report.errors
    )


def _groups(streamed: Streamed, header: ClaimSet, kept: _Kept) -> _Groups:
    """The groups of the table, their claims to be read again from the file."""
    places, assessments, by = kept.places, kept.assessments, kept.by
    for group in places.values():
        group.sort()
    title = header.document.title or header.document.id
    table = EvidenceTable(
        title=f"Evidence table: {title}", by=by, rows=[], footnotes=[], assessed=bool(assessments)
    )
    citation = citer(header.bibliography)
    incoming = _Incoming(streamed.summary.incoming)
    numbers: dict[tuple[str, str | None, int | None], Footnote] = {}

    def rows_in(group: str, first: int, last: int) -> Any:
        chosen = places[group][first:last]
        claims = list(streamed.claims(index for *_, index in chosen))
        return table_rows(claims, assessments, by, citation, incoming, numbers)  # type: ignore[arg-type]

    def rows_of(group: str) -> Any:
        return rows_in(group, 0, len(places[group]))

    return _Groups(table, _group_order(places, by), places, rows_of, numbers, rows_in)


def _write_markdown(groups: _Groups, write: Write) -> None:
    """The text of :meth:`EvidenceTable.to_markdown`, a group at a time."""
    table = groups.table
    write("\n".join(table.markdown_head()))
    for group in groups.order:
        write("\n" + "\n".join(markdown_group(group, groups.rows_of(group))))
    table.footnotes = list(groups.numbers.values())
    if table.footnotes:
        write("\n" + "\n".join(markdown_footnotes(table.footnotes)))


def _write_csv(groups: _Groups, write: Write, keep_formulas: bool) -> None:
    """The CSV text, a group at a time (the header row with the first)."""
    for i, group in enumerate(groups.order):
        rows = frame_of(groups.rows_of(group))
        write(csv_text(rows, keep_formulas=keep_formulas, header=i == 0))
    if not groups.order:
        write(csv_text(frame_of([]), keep_formulas=keep_formulas))


def _write_html(groups: _Groups, write: Write) -> None:
    """The page of :meth:`EvidenceTable.to_html`, its groups' tables written one by one."""
    from . import display

    body = "ecstreamedbodyx"
    page = display.render_template(
        "page.html.j2", title=groups.table.title, styles=display.stylesheet(), body=body
    )
    before_body, after_body = page.split(body)
    write(before_body)
    write_fragment(groups, write)
    write(after_body)


def write_fragment(groups: _Groups, write: Write) -> None:
    """The text of :meth:`EvidenceTable.html_fragment`, its groups' tables written one by one."""
    from . import display

    table, order = groups.table, groups.order
    marks = [_PLACE.format(i) for i in range(len(order))]
    listed = [
        (group, len(groups.places[group]), mark) for group, mark in zip(order, marks, strict=True)
    ]
    fragment = display.render_template(
        "evidence_table.html.j2", table=table, groups=listed, count=_count
    )
    for i, (group, mark) in enumerate(zip(order, marks, strict=True)):
        head, fragment = fragment.split(mark, 1)
        write(head)
        write_sliced(
            lambda first, last, group=group: table.styler(groups.rows_in(group, first, last)),
            len(groups.places[group]),
            f"ec{i}",
            write,
        )
    table.footnotes = list(groups.numbers.values())
    end = display.render_template(
        "evidence_table.html.j2", table=table, groups=listed, count=_count
    )
    write(end.rsplit(marks[-1], 1)[1] if marks else end)


def _group_order(places: dict[str, list[tuple[int, int, str, int]]], by: str) -> list[str]:
    """The groups in the order of :func:`evidence_claims.render.tables._group_order`."""
    if by == "source":
        types = {label: i for i, label in enumerate(source_label(t) for t in source_order())}
        return sorted(places, key=lambda g: types.get(g, len(types)))
    return sorted(places, key=lambda g: places[g][0][:3])  # where the document first raises it


def _may_hold_cr(header: ClaimSet, streamed: Streamed) -> bool:
    """Whether a cell could hold a carriage return (written ``\\r`` in the claim file, or in
    the bibliography)."""
    if streamed.reader.cr_escape:
        return True
    bib = header.bibliography
    if bib is not None and bib.path is not None:
        try:
            return b"\r" in Path(bib.path).read_bytes()
        except OSError:
            return True
    return False
