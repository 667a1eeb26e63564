"""The fast paths change no result: the JSON fast path, parallel validation, the coverage scan."""

from __future__ import annotations

import gc
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_claims.checks.cross_field import uncovered_spans
from evidence_claims.io import fastjson
from evidence_claims.io.limits import Limits
from evidence_claims.io.locate import LineIndex
from evidence_claims.model.records import json_schema
from evidence_claims.pipeline.parallel import auto_jobs, cpu_count, gc_paused, resolve_jobs
from evidence_claims.pipeline.validation import validate, validate_file
from evidence_claims.testing.synthetic import CorpusShape, make_set, write_corpus

from .conftest import run_cli

# --- the JSON fast path ----------------------------------------------------------------------


def _schema_facts() -> tuple[int, set[str], int]:
    """(deepest nesting, unbounded string fields, largest maxLength) read from the schema."""
    schema = json_schema()
    defs = schema.get("$defs", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        ref = node.get("$ref")
        return defs[ref.rsplit("/", 1)[1]] if ref else node

    unbounded: set[str] = set()
    longest = 0

    def depth(node: dict[str, Any], owner: str, name: str) -> int:
        nonlocal longest
        node = resolve(node)
        options = node.get("anyOf") or node.get("oneOf")
        if options:
            return max(depth(option, owner, name) for option in options)
        kind = node.get("type")
        if kind == "object":
            title = node.get("title", owner)
            props = node.get("properties", {})
            return 1 + max((depth(v, title, k) for k, v in props.items()), default=0)
        if kind == "array":
            return 1 + depth(node.get("items", {}), owner, name)
        if kind == "string" and "enum" not in node and "const" not in node:
            if "maxLength" in node:
                longest = max(longest, node["maxLength"])
            else:
                unbounded.add(f"{owner}.{name}")
        return 1

    return depth(schema, "ClaimFile", ""), unbounded, longest


def test_fast_path_assumptions_hold_for_the_models() -> None:
    deepest, unbounded, longest = _schema_facts()
    assert deepest <= fastjson.MODEL_DEPTH
    assert unbounded == set(fastjson.UNBOUNDED_STRINGS)
    assert longest <= fastjson.BOUNDED_STRING_MAX


def _claim_file(tmp_path: Path, text: str) -> Path:
    document, _data, bib = make_set(0, 4, error_rate=0.0)
    (tmp_path / ".evidence-claims-root").touch()
    (tmp_path / "document.txt").write_text(document, encoding="utf-8")
    (tmp_path / "references.bib").write_text(bib, encoding="utf-8")
    path = tmp_path / "claims.json"
    path.write_text(text, encoding="utf-8")
    return path


def _report(path: Path, limits: Limits | None = None) -> dict[str, Any]:
    _cs, report = validate_file(path, limits=limits)
    return report.to_dict()


# Edits of a valid claim file's JSON text that the exact reader reports in its own way.
_EDITS = [
    lambda t: t.replace('"kind": "', '"kind": "x", "kind": "', 1),  # duplicate key
    lambda t: re.sub(r'"start": \d+', '"start": NaN', t, count=1),
    lambda t: re.sub(r'"start": \d+', '"start": Infinity', t, count=1),
    lambda t: re.sub(r'"start": \d+', '"start": 1e400', t, count=1),
    lambda t: re.sub(r'"start": (\d+)', r'"start": \1.0', t, count=1),  # integral float: valid
    lambda t: re.sub(r'"start": (\d+)', r'"start": \1.5', t, count=1),
    lambda t: re.sub(r'"start": (\d+)', r'"start": 1\1' + "0" * 30, t, count=1),
    lambda t: t.replace('"topic": "', '"topic": "\\ud800', 1),  # lone surrogate
    lambda t: t.replace(
        '"review": {', '"review": {"why": [[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]],', 1
    ),
    lambda t: t.replace('"text": "', '"text": "' + "long " * 300, 1),
    lambda t: t.replace('"kind": "', '"kindd": 1, "kind": "', 1),
    lambda t: t.replace("}", "},", 1),
    lambda t: t + " x",
    lambda t: t.replace('"claims": [', '"claims": ["\\u003a",', 1),
    lambda t: t,
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(st.sampled_from(range(len(_EDITS))), min_size=1, max_size=3),
    small_limits=st.booleans(),
)
def test_fast_path_reports_what_the_exact_reader_reports(
    tmp_path_factory: pytest.TempPathFactory, edits: list[int], small_limits: bool
) -> None:
    tmp_path = tmp_path_factory.mktemp("fast")
    _document, data, _bib = make_set(0, 4, error_rate=0.0)
    text = json.dumps(data, indent=1)
    for i in edits:
        text = _EDITS[i](text)
    path = _claim_file(tmp_path, text)
    limits = Limits(max_string_length=400, max_nodes=90, max_depth=5) if small_limits else None
    fast = _report(path, limits)
    original = fastjson.accept
    try:
        fastjson.accept = lambda text, limits, raw=None: None  # type: ignore[assignment]
        exact = _report(path, limits)
    finally:
        fastjson.accept = original
    assert fast == exact


def test_fast_path_takes_valid_files_and_refuses_the_rest() -> None:
    _document, data, _bib = make_set(0, 5, error_rate=0.0)
    text = json.dumps(data)
    accepted = fastjson.accept(text, Limits())
    assert accepted is not None
    assert accepted[0] == json.loads(text)
    assert len(accepted[1].claims) == 5
    assert fastjson.accept(text.replace('"kind": "', '"kind": "x", "kind": "', 1), Limits()) is None
    assert fastjson.accept(text, Limits(max_depth=4)) is None
    assert fastjson.accept(text, Limits(max_nodes=10)) is None
    assert fastjson.accept("[]", Limits()) is None


# --- parallel validation ---------------------------------------------------------------------


def test_parallel_validation_gives_the_same_report(tmp_path: Path) -> None:
    list(write_corpus(tmp_path, CorpusShape(claims=1200, per_file=100), error_rate=0.03))
    one = validate(tmp_path, jobs=1)
    two = validate(tmp_path, jobs=2)
    assert one.to_dict() == two.to_dict()
    assert one.files == two.files
    assert one.codes()["anchor.text-mismatch"] > 0


def test_jobs_option_on_the_command_line(tmp_path: Path) -> None:
    list(write_corpus(tmp_path, CorpusShape(claims=300, per_file=100), error_rate=0.0))
    single = run_cli("validate", str(tmp_path), "-f", "json", "--jobs", "1")
    double = run_cli("validate", str(tmp_path), "-f", "json", "-j", "2")
    assert single.exit_code == double.exit_code
    assert single.output == double.output
    assert run_cli("validate", str(tmp_path), "--jobs", "-1").exit_code == 2


def test_job_counts(tmp_path: Path) -> None:
    small = [tmp_path / f"{i}.claims.json" for i in range(3)]
    for path in small:
        path.write_text("{}", encoding="utf-8")
    assert auto_jobs(small) == 1
    assert auto_jobs(small[:1]) == 1
    assert resolve_jobs(5, small) == 3
    assert resolve_jobs(1, small) == 1
    big = tmp_path / "big.claims.json"
    big.write_bytes(b" " * 2_000_000)
    # 50 copies of the bundled set (3 MB) ran slower on two processes than on one
    assert auto_jobs([big, *small]) == 1
    big.write_bytes(b" " * 5_000_000)
    assert auto_jobs([big, *small]) == min(cpu_count(), 4)
    with pytest.raises(ValueError):
        resolve_jobs(-1, small)


def test_gc_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off before: stays off
    finally:
        gc.enable()


# --- the coverage scan and line index --------------------------------------------------------


def _uncovered_reference(document: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The per-character scan the merged-interval version replaced."""
    covered = bytearray(len(document))
    for start, end in spans:
        start, end = max(0, start), min(len(document), end)
        if end > start:
            covered[start:end] = b"\x01" * (end - start)
    gaps, i, n = [], 0, len(document)
    while i < n:
        if covered[i]:
            i += 1
            continue
        j = i
        while j < n and not covered[j]:
            j += 1
        chunk = document[i:j]
        if any(ch.isalnum() for ch in chunk):
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            gaps.append((i + lead, j - trail))
        i = j
    return gaps


@settings(max_examples=300, deadline=None)
@given(
    document=st.text(alphabet="ab _\n.é٣²①\u2028\t", max_size=40),
    spans=st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45)), max_size=6),
)
def test_uncovered_spans_match_the_character_scan(
    document: str, spans: list[tuple[int, int]]
) -> None:
    assert uncovered_spans(document, spans) == _uncovered_reference(document, spans)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab\n\r ", max_size=30))
def test_line_index_matches_the_regular_expression(text: str) -> None:
    expected = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    assert list(LineIndex(text)._starts) == expected


def test_streamed_report_is_the_formatted_report(mini_copy: Path) -> None:
    from evidence_claims.render.formats import FORMATTERS, format_report, report_chunks

    bad = Path(__file__).parent / "data" / "bad"
    reports = [validate(mini_copy), validate(bad), validate(mini_copy / "missing")]
    for report in reports:
        for name in FORMATTERS:
            for size in (1, 2, 10_000):
                assert "".join(report_chunks(report, name, size)) == format_report(report, name)


def test_validate_prints_the_streamed_report(mini_copy: Path) -> None:
    from evidence_claims.render.formats import format_report

    result = run_cli("validate", str(mini_copy))
    assert result.output == format_report(validate(mini_copy), "text") + "\n"


@settings(max_examples=300, deadline=None)
@given(document=st.text(alphabet="ab.*\n", max_size=30), text=st.text(alphabet="ab.*", max_size=4))
def test_quote_occurrences_are_those_of_the_regular_expression(document: str, text: str) -> None:
    from evidence_claims.checks.cross_field import _occurrences

    expected = [m.start() for m in re.finditer(re.escape(text), document)] if text else []
    assert _occurrences(document, text) == expected
