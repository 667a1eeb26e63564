from __future__ import annotations

import io
import re
from collections import Counter
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import evidence_claims as ec
from evidence_claims.render.frames import (
    ASSESSMENT_COLUMNS,
    CLAIM_COLUMNS,
    REASON_COLUMNS,
    assessments_frame,
    reasons_frame,
)
from evidence_claims.render.tables import TABLE_COLUMNS, evidence_table

from .conftest import KRATOM
from .views_helpers import assessed, make_set


@pytest.fixture(scope="module")
def kratom():
    return ec.load(KRATOM)


class _Cells(HTMLParser):
    """Counts body rows and collects text per row of the evidence tables in HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.in_body = False
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append([])

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False

    def handle_data(self, data):
        if self.in_body and self.rows:
            self.rows[-1].append(data)


# --- frames --------------------------------------------------------------------------------


def test_claims_frame_has_one_row_per_claim_in_document_order(kratom) -> None:
    frame = kratom.to_frame()
    assert tuple(frame.columns) == CLAIM_COLUMNS
    assert len(frame) == len(kratom) == 41
    assert list(frame["start"]) == sorted(c.anchor.start for c in kratom)
    assert frame["claim_id"].is_unique
    assert frame.loc[frame.claim_id == "kratom-addiction-032", "citations"].item() == (
        "Matsumoto K et al. (2005) Life Sciences 78(1):2–7",
    )


def test_claims_frame_works_with_ordinary_pandas(kratom) -> None:
    frame = kratom.to_frame()
    by_type = frame.groupby("source_type", observed=True).size()
    assert by_type.to_dict() == dict(Counter(c.evidence.type for c in kratom))
    # categories come strongest first, so groupby lists observational before anecdotal
    assert list(by_type.index).index("observational_study") < list(by_type.index).index(
        "anecdotal_report"
    )
    by_certainty = frame.groupby("certainty", observed=True).size()
    assert by_certainty.to_dict() == dict(Counter(c.certainty for c in kratom))
    # ordered weakest to strongest: ">= low" keeps low, moderate and high only
    assert (frame.certainty >= "low").sum() == sum(
        c.certainty in ("low", "moderate", "high") for c in kratom
    )
    animal = frame[frame.source_type == "animal_study"]
    assert set(animal.explode("sources")["sources"]) == {"matsumoto2005"}
    assert frame["assessed"].isna().all()  # no report given


def test_claims_frame_takes_the_assessment_from_a_report() -> None:
    cs = make_set(
        "Users say it works. Mice got tolerant.",
        {"id": "a", "span": (0, 19), "certainty": "low"},
        {"id": "b", "span": (20, 38), "type": "animal_study"},
    )
    report = assessed(
        ("a", "very_low", "low", [("risk_of_bias.self_report", -1, "self-report")], None),
        ("b", "low", None, [], "overclaim"),
    )
    frame = cs.to_frame(report)
    assert list(frame["assessed"].astype(str)) == ["very_low", "low"]
    assert list(frame["certainty"].astype(object).fillna("-")) == ["low", "-"]
    assert list(frame["wording"].fillna("-")) == ["-", "overclaim"]

    table = assessments_frame(report)
    assert tuple(table.columns) == ASSESSMENT_COLUMNS
    assert list(table["disagrees"]) == [True, False]
    assert list(table["rating"]) == [-1, 0]
    assert table.loc[0, "reasons"] == ("risk_of_bias.self_report",)

    reasons = reasons_frame(report)
    assert tuple(reasons.columns) == REASON_COLUMNS
    assert reasons.to_dict("records") == [
        {
            "claim_id": "a",
            "order": 1,
            "code": "risk_of_bias.self_report",
            "effect": -1,
            "origin": None,
            "note": "self-report",
        }
    ]


def test_empty_frames_keep_their_columns() -> None:
    cs = make_set("Nothing.")
    assert tuple(cs.to_frame().columns) == CLAIM_COLUMNS
    assert len(cs.to_frame()) == 0
    assert tuple(assessments_frame(ec.Report()).columns) == ASSESSMENT_COLUMNS
    assert tuple(reasons_frame(ec.Report()).columns) == REASON_COLUMNS


# --- the evidence table --------------------------------------------------------------------


def test_markdown_table_shows_certainty_symbols_and_every_claim(kratom) -> None:
    table = evidence_table(kratom)
    md = table.to_markdown()
    assert "⊕◯◯◯ Very low" in md
    assert "—  Ungraded" in md
    table_rows = [
        line for line in md.splitlines() if line.startswith("| ") and "kratom-addiction-" in line
    ]
    assert len(table_rows) == len(kratom)
    for claim in kratom:
        # each claim has its own row (other rows may name it among their relations)
        assert sum(row.split("|")[1].strip() == claim.id for row in table_rows) == 1
    # a heading per topic, each with its claim count
    topics = Counter((c.topic or "").replace("_", " ").capitalize() for c in kratom)
    for topic, n in topics.items():
        assert f"### {topic} ({n} claim" in md
    assert "Matsumoto K et al. (2005) Life Sciences 78(1):2–7" in md


def test_every_caveat_has_a_footnote_with_its_code(kratom) -> None:
    table = evidence_table(kratom)
    md = table.to_markdown()
    notes = {note.mark: note for note in table.footnotes}
    for row in table.rows:
        recorded = [c.code for c in row.claim.caveats]
        assert [item.code for item, _ in row.caveats] == recorded
        for item, note in row.caveats:
            assert notes[note.mark].caveat.code == item.code
            assert f"{item.code}{note.mark}" in md
    for note in table.footnotes:
        assert f"- {note.mark} {note.caveat.code}" in md
    # claims sharing a caveat and its note share one footnote
    assert len(table.footnotes) == len(
        {(i.code, i.note, i.effect) for r in table.rows for i, _ in r.caveats}
    )


def test_wording_column_names_the_cues(kratom) -> None:
    frame = evidence_table(kratom).frame
    row = frame[frame.Claim == "kratom-addiction-032"].iloc[0]
    assert row["Wording"] == "Overclaim: “have demonstrated”"
    row = frame[frame.Claim == "kratom-addiction-007"].iloc[0]
    assert row["Wording"] == "Underclaim: “apparently”"


def test_csv_loads_back_into_pandas_with_the_same_rows(kratom) -> None:
    table = evidence_table(kratom, by="source")
    back = pd.read_csv(io.StringIO(table.to_csv()), keep_default_na=False, dtype=str)
    assert tuple(back.columns) == TABLE_COLUMNS
    pd.testing.assert_frame_equal(back, table.frame.astype(str))
    assert len(back) == 41
    assert set(back["Claim"]) == set(kratom.ids())


def test_grouping_by_source_puts_the_strongest_types_first(kratom) -> None:
    table = evidence_table(kratom, by="source")
    groups = [name for name, _ in table.groups]
    assert groups[0] == "Observational study"
    assert groups[-2:] == ["Unsourced assertion", "Cross-reference"]
    assert sum(len(rows) for _, rows in table.groups) == 41
    with pytest.raises(ValueError, match="cannot group by"):
        evidence_table(kratom, by="colour")


def test_html_table_has_one_row_per_claim(kratom) -> None:
    html = evidence_table(kratom).to_html()
    parser = _Cells()
    parser.feed(html)
    assert len(parser.rows) == 41
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html


def test_values_from_the_claim_file_are_escaped_everywhere() -> None:
    text = 'A <script>alert("x")</script> | pipe & more.'
    cs = make_set(
        text,
        {
            "id": "x1",
            "span": (0, len(text)),
            "topic": "tricky",
            "caveats": [{"code": "attribution.vague", "note": "<b>bold</b> | note"}],
        },
    )
    table = evidence_table(cs)
    html = table.to_html()
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    md = table.to_markdown()
    row = next(line for line in md.splitlines() if line.startswith("| x1"))
    assert "\\| pipe" in row  # a pipe in a cell cannot split the Markdown row
    assert "\\| note" in md


def test_assessment_replaces_the_stated_certainty_and_says_when_they_differ() -> None:
    cs = make_set(
        "Mice did it. People said so.",
        {
            "id": "m",
            "span": (0, 12),
            "type": "animal_study",
            "certainty": "low",
            "caveats": [
                {"code": "indirectness.animal", "note": "mice"},
                {"code": "attribution.vague", "note": "who?"},
            ],
        },
        {"id": "p", "span": (13, 28)},
    )
    report = assessed(
        (
            "m",
            "very_low",
            "low",
            [
                ("indirectness.animal", -1, "mice", "recorded"),
                ("replication.not_in_humans", 0, "no human study", "detected"),
            ],
            None,
        ),
        ("p", "ungraded", None, [], None),
    )
    table = evidence_table(cs, report)
    assert table.assessed
    frame = table.frame.set_index("Claim")
    assert frame.loc["m", "Certainty"] == "⊕◯◯◯ Very low (file states Low)"
    # the assessment's reasons in order, with their effect and whether they were detected;
    # a recorded caveat that no reason carries still shows
    assert frame.loc["m", "Caveats"] == (
        "indirectness.animal (−1): mice; replication.not_in_humans (detected): no human study; "
        "attribution.vague: who?"
    )
    assert frame.loc["p", "Certainty"] == "—  Ungraded"
    assert "suggested from the evidence" in table.legend()


def test_a_set_without_assessment_shows_the_stated_certainty() -> None:
    cs = make_set(
        "One. Two.",
        {"id": "a", "span": (0, 4), "certainty": "moderate"},
        {"id": "b", "span": (5, 9)},
    )
    frame = evidence_table(cs).frame.set_index("Claim")
    assert frame.loc["a", "Certainty"] == "⊕⊕⊕◯ Moderate"
    assert frame.loc["b", "Certainty"] == "Not assessed"


def test_table_function_is_public_and_loads_paths() -> None:
    table = ec.table(KRATOM, by="topic", assess=False)
    assert len(table) == 41
    assert "<table" in table._repr_html_()
    assert str(table) == table.to_markdown()
    assert table.render("csv") == table.to_csv()
    with pytest.raises(ValueError, match="unknown table format"):
        table.render("xlsx")


def test_bundled_table_follows_the_assessment(kratom) -> None:
    report = ec.assess(kratom)
    table = ec.table(kratom)
    assert table.assessed
    frame = table.frame.set_index("Claim")
    by_id = {a.claim_id: a for a in report.assessments}
    for claim_id, row in frame.iterrows():
        level = by_id[claim_id].certainty
        assert row["Certainty"].startswith("—  Ungraded" if level == "ungraded" else "⊕")
        for reason in by_id[claim_id].reasons:
            assert reason.code in row["Caveats"]
    assert frame.loc["kratom-addiction-032", "Certainty"].startswith("⊕◯◯◯ Very low")
    assert "indirectness.animal (−1): mice" in frame.loc["kratom-addiction-032", "Caveats"]
    md = table.to_markdown()
    assert "(detected)" in md  # caveats the assessment found, not only the recorded ones

    assessments = report.assessments_frame()
    assert tuple(assessments.columns) == ASSESSMENT_COLUMNS
    assert len(assessments) == 41
    merged = kratom.to_frame(report)
    assert merged["assessed"].notna().all()
    counts = merged.groupby(["source_label", "assessed"], observed=True).size()
    assert counts.sum() == 41
    reasons = reasons_frame(report)
    assert set(reasons["origin"]) <= {"recorded", "detected"}
    assert len(reasons) == sum(len(a.reasons) for a in report.assessments)


_cell_text = st.text(alphabet="ab |\\\n\t,\"'<>&*_`#-é⊕", min_size=1, max_size=30).filter(
    lambda s: s.strip()
)


@settings(max_examples=150, deadline=None)
@given(statement=_cell_text, note=_cell_text)
def test_any_text_keeps_markdown_rows_whole_and_csv_lossless(statement: str, note: str) -> None:
    text = f"{statement}. Next."
    cs = make_set(
        text,
        {
            "id": "x1",
            "span": (0, len(statement) + 1),
            "caveats": [{"code": "attribution.vague", "note": note}],
        },
    )
    table = evidence_table(cs)
    rows = [line for line in table.to_markdown().splitlines() if line.startswith("| x1")]
    assert len(rows) == 1  # a newline in the text cannot break the row
    cells = re.split(r"(?<!\\)\|", rows[0].replace("\\\\", ""))
    assert len(cells) == 10  # 8 columns between 9 pipes: no pipe in the text splits a cell
    # lossless when formulas are kept; by default a cell a spreadsheet would run as a formula
    # gets a leading quote, and only such a cell changes
    back = pd.read_csv(
        io.StringIO(table.to_csv(keep_formulas=True)), keep_default_na=False, dtype=str
    )
    pd.testing.assert_frame_equal(back, table.frame.astype(str))
    safe = pd.read_csv(io.StringIO(table.to_csv()), keep_default_na=False, dtype=str)
    formula = back.apply(lambda column: column.str.match(r"[=+\-@\t\r]"))
    pd.testing.assert_frame_equal(safe.where(~formula, safe.apply(lambda c: c.str[1:])), back)
