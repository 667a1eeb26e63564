"""The JSON and SARIF reports written a record at a time, against the text of the whole value
(record lines written field by field against the encoder's text of the records' dicts: any
strings, numbers, missing values, shared tuples of reasons)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.model.report import ClaimAssessment, Finding, Reason, Report
from evidence_claims.pipeline.validation import validate
from evidence_claims.render.ci_formats import sarif_lines, sarif_log
from evidence_claims.render.json_lines import _COMPACT, LazyArray, json_lines
from evidence_claims.render.json_records import AssessmentLines, finding_line
from evidence_claims.render.text_format import json_report_lines

from .conftest import KRATOM

texts = st.text(max_size=12)  # any code point: quotes, controls, surrogates, non-ASCII
maybe_text = st.none() | texts
maybe_int = st.none() | st.integers() | st.booleans()

findings = st.builds(
    Finding,
    code=texts,
    severity=st.sampled_from(["error", "warning", "info"]) | texts,
    message=texts,
    file=maybe_text,
    line=maybe_int,
    column=maybe_int,
    claim_id=maybe_text,
    path=maybe_text,
)
reasons = st.builds(Reason, code=texts, effect=st.integers(-3, 3), note=texts, origin=maybe_text)
assessments = st.builds(
    ClaimAssessment,
    claim_id=texts,
    certainty=texts,
    start=maybe_text,
    stated=maybe_text,
    reasons=st.lists(reasons, max_size=3).map(tuple),
    wording=maybe_text,
    note=maybe_text,
    file=maybe_text,
    line=maybe_int,
    relations=st.lists(texts, max_size=3).map(tuple),
    document=maybe_text,
)


@settings(max_examples=150, deadline=None)
@given(findings)
def test_a_finding_line_is_the_encoders_text_of_its_dict(f: Finding) -> None:
    assert finding_line(f) == _COMPACT(f.to_dict())


@settings(max_examples=150, deadline=None)
@given(st.lists(assessments, max_size=6), st.data())
def test_assessment_lines_are_the_encoders_text_of_their_dicts(
    given_assessments: list[ClaimAssessment], data: st.DataObject
) -> None:
    # claims that share one tuple of reasons (as a large report's do), asked in any order
    shared = tuple(data.draw(st.lists(reasons, max_size=3)))
    some = [*given_assessments]
    some += [ClaimAssessment(f"s{i}", "low", None, None, shared) for i in range(3)]
    order = data.draw(st.permutations(some))
    lines = AssessmentLines()
    for a in [*order, *order]:  # again: the shared texts as remembered
        assert lines(a) == _COMPACT(a.to_dict())


def test_the_fields_written_are_the_records_fields() -> None:
    """A field added to a record changes its dict: the line must follow (this fails first)."""
    f = Finding("c", "error", "m", "f", 1, 2, "id", "/p")
    assert json.loads(finding_line(f)) == f.to_dict()
    a = ClaimAssessment("id", "low", "low", "high", (), "overclaim", "n", "f", 3, ("x",), "d")
    assert json.loads(AssessmentLines()(a)) == a.to_dict()


@settings(max_examples=50, deadline=None)
@given(st.lists(findings, max_size=4), st.lists(assessments, max_size=4))
def test_the_report_is_the_whole_dict_written_as_before(
    some_findings: list[Finding], some_assessments: list[ClaimAssessment]
) -> None:
    report = Report(some_findings, ["a.json"], 3, some_assessments)
    assert list(json_report_lines(report)) == list(json_lines(report.to_dict()))


@settings(max_examples=50, deadline=None)
@given(st.lists(findings, max_size=4), st.lists(assessments, max_size=4))
def test_sarif_is_the_whole_log_written_as_before(
    some_findings: list[Finding], some_assessments: list[ClaimAssessment]
) -> None:
    """The SARIF lines, each result and assessment made as it is written, are those of the
    whole log (none, one, several of each: a lone record is written indented)."""
    report = Report(some_findings, ["a.json"], 3, some_assessments)
    assert list(sarif_lines(report)) == list(json_lines(sarif_log(report)))


def test_sarif_of_the_bundled_set_is_the_whole_log_written_as_before() -> None:
    report = validate(KRATOM)
    assert len(report.findings) > 1 and len(report.assessments) > 1
    assert list(sarif_lines(report)) == list(json_lines(sarif_log(report)))


@given(st.lists(st.integers(), max_size=4), st.booleans())
def test_a_lazy_array_is_written_as_the_list_of_its_values(items: list[int], compact: bool) -> None:
    line = (lambda i: _COMPACT({"n": i})) if compact else None
    lazy = {"a": LazyArray(items, lambda i: {"n": i}, line), "b": 1}
    assert list(json_lines(lazy)) == list(json_lines({"a": [{"n": i} for i in items], "b": 1}))
