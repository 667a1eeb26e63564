"""GRADE-style evidence tables (the frames of claims and assessments are in :mod:`.frames`).

:class:`EvidenceTable` is the reader's view, in the style of a GRADE Summary of Findings table:
statement, source type, formatted citations, certainty as symbols and word, caveats as
footnotes with their codes, and the wording check; grouped by topic or by source type, and
rendered to Markdown (pandas + tabulate), HTML (pandas Styler) or CSV. Over 400 lines
because the table's rows, its grouping and footnotes, and its three renderers are one model:
apart, each renderer would have to rebuild the rows.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..io.claimset import ClaimSet
from ..model.records import Claim
from ..model.report import ClaimAssessment, Report
from .citations import citer
from .escape import csv_cell, markdown_cell
from .frames import document_order
from .presentation import (
    CERTAINTY_ORDER,
    CERTAINTY_SYMBOLS,
    CERTAINTY_WORDS,
    CaveatItem,
    ClaimGrade,
    assessments_by_claim,
    caveat_items,
    certainty_label,
    certainty_word,
    grade_of,
    source_label,
    source_order,
    topic_label,
    wording_label,
)

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler

GroupBy = Literal["topic", "source"]
TableFormat = Literal["md", "html", "csv"]
TABLE_FORMATS: tuple[str, ...] = ("md", "html", "csv")
GROUP_BY: tuple[str, ...] = ("topic", "source")

TABLE_COLUMNS: tuple[str, ...] = (
    "Group",
    "Claim",
    "Kind",
    "Statement",
    "Source type",
    "Sources",
    "Certainty",
    "Caveats",
    "Wording",
    "Relations",
)
"""Columns of :attr:`EvidenceTable.frame` (and of its CSV)."""


# --- the evidence table ------------------------------------------------------------------

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(number: int) -> str:
    return str(number).translate(_SUPERSCRIPT)


@dataclass(frozen=True, slots=True)
class Footnote:
    """A numbered caveat note; claims with the same code and note share one footnote."""

    number: int
    caveat: CaveatItem

    @property
    def mark(self) -> str:
        return superscript(self.number)


@dataclass(frozen=True, slots=True)
class TableRow:
    """One claim of an evidence table, with everything its renderers need."""

    group: str
    claim: Claim
    citations: tuple[str, ...]
    grade: ClaimGrade
    caveats: tuple[tuple[CaveatItem, Footnote], ...]
    relations: tuple[str, ...] = ()  # both ways: "challenges c3", "challenged by c5"

    @property
    def statement(self) -> str:
        return self.claim.text

    def sources_text(self) -> str:
        if not self.citations:
            return "None cited"
        text = "; ".join(self.citations)
        basis = self.claim.evidence.basis
        if basis == "inferred":
            text += " [inferred by the annotator]"
        elif basis == "context":
            text += " [from the surrounding passage]"
        return text

    def caveats_marked(self) -> str:
        return " · ".join(f"{item.code}{note.mark}" for item, note in self.caveats) or "—"

    def caveats_full(self) -> str:
        return "; ".join(item.text() for item, _ in self.caveats) or "—"

    def relations_text(self) -> str:
        return "; ".join(self.relations) or "—"

    def certainty_text(self) -> str:
        text = certainty_label(self.grade.certainty)
        if self.grade.disagrees:
            text += f" (file states {certainty_word(self.grade.stated)})"
        return text


@dataclass(slots=True)
class EvidenceTable:
    """A Summary-of-Findings-style table of one claim set; shows itself in Jupyter.

    ``frame`` is the plain-text table (one row per claim, :data:`TABLE_COLUMNS`, caveats in
    full); Markdown and HTML put the caveats in numbered footnotes, as GRADE tables do.
    """

    title: str
    by: str
    rows: list[TableRow]
    footnotes: list[Footnote]
    assessed: bool
    link_claims: bool = False
    _frame: Any = field(default=None, repr=False)

    @property
    def groups(self) -> list[tuple[str, list[TableRow]]]:
        groups: dict[str, list[TableRow]] = {}
        for row in self.rows:
            groups.setdefault(row.group, []).append(row)
        return list(groups.items())

    @property
    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            self._frame = frame_of(self.rows)
        return self._frame.copy()

    def __len__(self) -> int:
        return len(self.rows)

    def legend(self) -> str:
        levels = " · ".join(
            f"{CERTAINTY_SYMBOLS[level]} {CERTAINTY_WORDS[level]}" for level in CERTAINTY_ORDER
        )
        origin = (
            "suggested from the evidence each claim cites; a suggestion, not a verdict"
            if self.assessed
            else "as the claim file states it; not assessed"
        )
        return f"Certainty per claim ({origin}): {levels} (no evidence cited)."

    # -- renderers -------------------------------------------------------------------------

    def render(self, format: str, *, keep_formulas: bool = False) -> str:
        """The table as ``md``, ``html`` (a complete page) or ``csv`` text."""
        if format == "md":
            return self.to_markdown()
        if format == "html":
            return self.to_html(full_page=True)
        if format == "csv":
            return self.to_csv(keep_formulas=keep_formulas)
        raise ValueError(f"unknown table format {format!r}; choose one of {TABLE_FORMATS}")

    def to_csv(self, *, keep_formulas: bool = False) -> str:
        """CSV of :attr:`frame` (UTF-8 text; one row per claim, caveats in full).

        A cell that a spreadsheet would run as a formula (one that begins with ``=``, ``+``,
        ``-``, ``@``, TAB or CR) gets a leading ``'``, unless ``keep_formulas``: the text is
        the claim file's, and claim files come from strangers (see :func:`.escape.csv_cell`).
        """
        return csv_text(self.frame, keep_formulas=keep_formulas)

    def to_markdown(self) -> str:
        """GitHub-flavoured Markdown: a heading and a table per group, then the footnotes."""
        lines = self.markdown_head()
        for group, rows in self.groups:
            lines += markdown_group(group, rows)
        lines += markdown_footnotes(self.footnotes)
        return "\n".join(lines)

    def markdown_head(self) -> list[str]:
        """The lines of the Markdown before the groups."""
        return [f"## {markdown_cell(self.title)}", "", markdown_cell(self.legend()), ""]

    def styler(self, rows: list[TableRow]) -> Styler:
        """A pandas Styler of some rows (one group), escaping every value for HTML."""
        import pandas as pd

        frame = pd.DataFrame(
            {
                "Claim": [row.claim.id for row in rows],
                "Statement": [row.claim for row in rows],
                "Source type": [row.claim.evidence.type for row in rows],
                "Sources": list(rows),
                "Certainty": [row.grade for row in rows],
                "Caveats": [row.caveats for row in rows],
                "Wording": [row.grade for row in rows],
                "Relations": [row.relations_text() for row in rows],
            }
        )
        from . import display

        classes = pd.DataFrame(
            {
                "Claim": "ec-id",
                "Statement": "ec-statement",
                "Source type": "ec-source",
                "Sources": "ec-sources",
                "Certainty": [f"ec-certainty ec-c-{row.grade.certainty}" for row in rows],
                "Caveats": "ec-caveats",
                "Wording": [
                    f"ec-wording ec-w-{row.grade.wording}" if row.grade.wording else "ec-wording"
                    for row in rows
                ],
                "Relations": "ec-relations",
            },
            index=frame.index,
        )
        styler = frame.style.hide(axis="index")
        styler = styler.format(
            {
                "Claim": lambda v: display.claim_id_html(v, link=self.link_claims),
                "Statement": display.statement_html,
                "Source type": display.source_badge_html,
                "Sources": display.sources_html,
                "Certainty": display.certainty_html,
                "Caveats": display.caveat_marks_html,
                "Wording": display.wording_html,
                "Relations": _html_text,
            }
        )
        styler = styler.set_td_classes(classes)
        styler = styler.set_table_attributes('class="ec-table"')
        return styler

    def html_fragment(self) -> str:
        """The groups' tables, legend and footnotes, for embedding (no <html> wrapper)."""
        from . import display
        from .sliced_html import styler_html

        groups = [
            (group, len(rows), styler_html(self.styler(rows), f"ec{i}"))
            for i, (group, rows) in enumerate(self.groups)
        ]
        return display.render_template(
            "evidence_table.html.j2",
            table=self,
            groups=groups,
            count=_count,
        )

    def to_html(self, *, full_page: bool = True) -> str:
        """The table as HTML; ``full_page`` wraps it in a standalone page with its styles."""
        from . import display

        fragment = self.html_fragment()
        if not full_page:
            return display.with_styles(fragment)
        return display.render_template(
            "page.html.j2", title=self.title, styles=display.stylesheet(), body=fragment
        )

    def _repr_html_(self) -> str:
        return self.to_html(full_page=False)

    def __repr__(self) -> str:
        return f"<EvidenceTable {self.title!r}: {len(self.rows)} claims by {self.by}>"

    def __str__(self) -> str:
        return self.to_markdown()


def frame_of(rows: list[TableRow]) -> pd.DataFrame:
    """The plain-text table of some rows (:data:`TABLE_COLUMNS`)."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "Group": row.group,
                "Claim": row.claim.id,
                "Kind": row.claim.kind,
                "Statement": row.statement,
                "Source type": source_label(row.claim.evidence.type),
                "Sources": row.sources_text(),
                "Certainty": row.certainty_text(),
                "Caveats": row.caveats_full(),
                "Wording": wording_label(row.grade),
                "Relations": row.relations_text(),
            }
            for row in rows
        ],
        columns=list(TABLE_COLUMNS),
    )


def csv_text(frame: pd.DataFrame, *, keep_formulas: bool = False, header: bool = True) -> str:
    """CSV of a table's frame (see :meth:`EvidenceTable.to_csv`); ``header``: the column
    names first (a table written a group at a time has them once)."""
    frame = frame if keep_formulas else frame.map(csv_cell)
    # the csv module quotes a cell that holds a LF (the line end) but not one that holds a
    # bare CR, which most readers take for a line end too: then every cell is quoted
    bare_cr = frame.map(lambda v: isinstance(v, str) and "\r" in v).to_numpy().any()
    return frame.to_csv(
        index=False,
        header=header,
        lineterminator="\n",
        quoting=csv.QUOTE_ALL if bare_cr else None,
    )


def markdown_group(group: str, rows: list[TableRow]) -> list[str]:
    """The Markdown lines of one group: its heading and its table."""
    import pandas as pd

    lines = [f"### {markdown_cell(group)} ({_count(len(rows))})", ""]
    frame = pd.DataFrame(
        [
            {
                "Claim": row.claim.id,
                "Statement": markdown_cell(_statement_with_kind(row.claim)),
                "Source type": source_label(row.claim.evidence.type),
                "Sources": markdown_cell(row.sources_text()),
                "Certainty": row.certainty_text(),
                "Caveats": markdown_cell(row.caveats_marked()),
                "Wording": markdown_cell(wording_label(row.grade)),
                "Relations": markdown_cell(row.relations_text()),
            }
            for row in rows
        ]
    )
    return [*lines, frame.to_markdown(index=False, tablefmt="pipe"), ""]


def markdown_footnotes(footnotes: list[Footnote]) -> list[str]:
    """The Markdown lines of the footnotes, after the groups."""
    if not footnotes:
        return []
    lines = ["**Caveats**", ""]
    lines += [f"- {note.mark} {markdown_cell(note.caveat.text())}" for note in footnotes]
    lines.append("")
    return lines


def _html_text(value: str) -> str:
    import html

    return html.escape(value)


def _count(n: int) -> str:
    return f"{n} claim" if n == 1 else f"{n} claims"


def _statement_with_kind(claim: Claim) -> str:
    return claim.text if claim.kind == "claim" else f"[{claim.kind.capitalize()}] {claim.text}"


def _group_name(claim: Claim, by: str) -> str:
    if by == "topic":
        return topic_label(claim.topic)
    return source_label(claim.evidence.type)


def _group_order(claims: list[Claim], by: str) -> list[str]:
    if by == "source":
        order = source_order()
        types = sorted(
            {c.evidence.type for c in claims},
            key=lambda t: order.index(t) if t in order else len(order),
        )
        return [source_label(t) for t in types]
    names: list[str] = []
    for claim in claims:  # topics in the order the document first raises them
        name = _group_name(claim, by)
        if name not in names:
            names.append(name)
    return names


_PASSIVE = {"supports": "supported by", "challenges": "challenged by", "qualifies": "qualified by"}


def evidence_table(
    claim_set: ClaimSet,
    report: Report | None = None,
    *,
    by: str = "topic",
    link_claims: bool = False,
) -> EvidenceTable:
    """Build the evidence table of a claim set; ``report`` supplies assessments, if any."""
    if by not in GROUP_BY:
        raise ValueError(f"cannot group by {by!r}; choose one of {GROUP_BY}")
    assessments = assessments_by_claim(report.assessments if report is not None else None)
    citation = citer(claim_set.bibliography)
    claims = document_order(claim_set.claims)
    order = _group_order(claims, by)
    claims.sort(key=lambda c: order.index(_group_name(c, by)))  # stable: document order within

    incoming: dict[str, list[str]] = {}
    for claim in claim_set.claims:
        for relation in claim.relations:
            passive = _PASSIVE.get(relation.type, relation.type)
            incoming.setdefault(relation.target, []).append(f"{passive} {claim.id}")
    numbers: dict[tuple[str, str | None, int | None], Footnote] = {}
    rows = table_rows(claims, assessments, by, citation, incoming, numbers)
    title = claim_set.document.title or claim_set.document.id
    return EvidenceTable(
        title=f"Evidence table: {title}",
        by=by,
        rows=rows,
        footnotes=list(numbers.values()),
        assessed=bool(assessments),
        link_claims=link_claims,
    )


def table_rows(
    claims: list[Claim],
    assessments: dict[str, ClaimAssessment],
    by: str,
    citation: Any,
    incoming: dict[str, list[str]],
    numbers: dict[tuple[str, str | None, int | None], Footnote],
) -> list[TableRow]:
    """The rows of ``claims`` in the order given; footnotes are numbered on in ``numbers``
    (a table built a group at a time passes the same dict to every group)."""
    rows: list[TableRow] = []
    for claim in claims:
        assessment: ClaimAssessment | None = assessments.get(claim.id)
        marked = []
        for item in caveat_items(claim, assessment):
            key = (item.code, item.note, item.effect)
            if key not in numbers:
                numbers[key] = Footnote(len(numbers) + 1, item)
            marked.append((item, numbers[key]))
        rows.append(
            TableRow(
                group=_group_name(claim, by),
                claim=claim,
                citations=tuple(citation(k) for k in claim.evidence.sources),
                grade=grade_of(claim, assessment),
                caveats=tuple(marked),
                relations=(
                    *(f"{r.type} {r.target}" for r in claim.relations),
                    *incoming.get(claim.id, ()),
                ),
            )
        )
    return rows


def table(
    source: ClaimSet | str | Path,
    *,
    by: str = "topic",
    report: Report | None = None,
    assess: bool = True,
) -> EvidenceTable:
    """The evidence table of a claim set (or of the claim file or folder at a path).

    Unless a ``report`` is given, the set is assessed first (``assess=False`` shows the
    certainty the claim file states instead). Render it with ``.to_markdown()``,
    ``.to_html()``, ``.to_csv()``, or look at ``.frame``; in Jupyter it shows itself.
    """
    claim_set = source if isinstance(source, ClaimSet) else _load(source)
    if report is None and assess:
        from ..assessment import assess as run_assessment

        report = run_assessment(claim_set)
    return evidence_table(claim_set, report, by=by)


def _load(path: str | Path) -> ClaimSet:
    from ..pipeline.validation import load

    return load(path)
