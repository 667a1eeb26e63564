"""Indented JSON written line by line: the same value, readable, one record per line."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.pipeline.validation import validate
from evidence_claims.render.formats import format_report, report_chunks
from evidence_claims.render.json_lines import json_lines, json_text

from .conftest import KRATOM

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(values)
def test_the_text_parses_to_the_same_value(value: object) -> None:
    assert json.loads(json_text(value)) == value


@settings(max_examples=200, deadline=None)
@given(values)
def test_without_long_arrays_the_text_is_what_indent_2_writes(value: object) -> None:
    def has_long_array(v: object) -> bool:
        if isinstance(v, list):
            return len(v) > 1 or any(has_long_array(i) for i in v)
        if isinstance(v, dict):
            return any(has_long_array(i) for i in v.values())
        return False

    if not has_long_array(value):
        assert json_text(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_records_of_a_long_array_are_one_per_line() -> None:
    value = {"findings": [{"code": "a", "line": 1}, {"code": "b", "line": 2}], "claims": 2}
    assert list(json_lines(value)) == [
        "{",
        '  "findings": [',
        '    {"code": "a", "line": 1},',
        '    {"code": "b", "line": 2}',
        "  ],",
        '  "claims": 2',
        "}",
    ]


def test_json_and_sarif_reports_stream_to_the_same_text_with_a_finding_per_line() -> None:
    report = validate(KRATOM)
    for name in ("json", "sarif"):
        text = format_report(report, name)
        assert "".join(report_chunks(report, name, lines_per_chunk=7)) == text
        assert json.loads(text)  # whole and valid
    lines = format_report(report, "json").splitlines()
    finding_lines = [line for line in lines if line.startswith('    {"code": ')]
    assert len(finding_lines) == len(report.findings)
    parsed = [json.loads(line.rstrip(",")) for line in finding_lines]
    assert parsed == [f.to_dict() for f in report.sorted().findings]


def test_report_lines_are_the_report_dict_written_whole() -> None:
    """The JSON report is written record by record; its lines are those of the whole dict,
    for a report in order, one out of order, one assessment, and an empty one."""
    from evidence_claims.model.report import Report
    from evidence_claims.render.text_format import json_report_lines

    report = validate(KRATOM, jobs=1)
    shuffled = Report(
        findings=list(reversed(report.findings)),
        files=report.files,
        claims=report.claims,
        assessments=report.assessments[:1],
    )
    for each in (report, shuffled, Report()):
        assert list(json_report_lines(each)) == list(json_lines(each.to_dict()))
