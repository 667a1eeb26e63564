"""The first reading of one big JSON claim file, shared among processes, is that of one process.

The calling process cuts the file where the reading in one process first tries and workers
parse and validate the chunks by their byte ranges; the parts are joined in the file's order.
These tests compare the two readings (the summary, the findings of items the models refuse,
the reader's chunks and item offsets) on files built so that ids, relations, suppressions,
schema errors and braces inside strings fall at or across chunk edges, then the whole
command's output, byte for byte, in every format.
"""

from __future__ import annotations

import copy
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_claims.io.json_stream import JsonStream, NotStreamable
from evidence_claims.io.limits import Limits
from evidence_claims.pipeline import stream as stream_module
from evidence_claims.pipeline import stream_first
from evidence_claims.pipeline.parallel import PARALLEL_MIN_BYTES, cpu_count
from evidence_claims.pipeline.stream import first_jobs, stream_report
from evidence_claims.pipeline.stream_first import shared_first_reading
from evidence_claims.pipeline.stream_summary import Summary, first_reading
from evidence_claims.testing.synthetic import CorpusShape, write_corpus

from .conftest import changed_copy, run_cli

LIMITS = Limits(max_file_bytes=10**9, max_claims=10**7, max_nodes=10**9)
BRACES = "a quote with } , and }] and {{ inside"


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic claim file of 400 claims, the material the files below are built from."""
    base = tmp_path_factory.mktemp("first-source")
    return next(iter(write_corpus(base / "corpus", CorpusShape(400, 400), seed=11)))


def build(source: Path, folder: Path, change: Any, indent: int | None = 1) -> Path:
    """A copy of ``source``'s set with its data changed by ``change(data)``."""
    if folder.exists():
        shutil.rmtree(folder)
    path = changed_copy(source, folder, change, indent)
    (folder / ".evidence-claims-root").write_text("", encoding="utf-8")
    return path


def crossing(data: dict[str, Any]) -> None:
    """Duplicates, relations, suppressions and schema errors whose partners are chunks
    apart."""
    claims = data["claims"]
    claims[390]["id"] = claims[3]["id"]
    claims[201]["id"] = claims[200]["id"]
    claims[300]["relations"] = [
        {"type": "supports", "target": claims[5]["id"] + "x"},
        {"type": "challenges", "target": claims[399]["id"]},
    ]
    claims[10]["relations"] = [{"type": "supports", "target": claims[350]["id"]}]
    claims[30]["suppress"] = [{"code": "certainty.differs", "reason": "kept"}]
    claims[330]["suppress"] = [{"code": "certainty.differs", "reason": "later"}]
    claims[31]["suppress"] = [{"code": "id.duplicate", "reason": "never raised"}]
    # the same id and code twice, chunks apart: the last counts, the first keeps its place
    claims[3]["suppress"] = [{"code": "certainty.differs", "reason": "first"}]
    claims[390]["suppress"] = [{"code": "certainty.differs", "reason": "last"}]
    claims[250]["kind"] = "claimm"
    claims[251]["anchor"]["start"] = "12"


def braced(data: dict[str, Any]) -> None:
    """:func:`crossing`, and texts whose braces make cuts that only a parse can refuse."""
    crossing(data)
    for k in range(0, 400, 3):
        data["claims"][k]["text"] = BRACES + data["claims"][k]["text"]


def in_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers as threads of this process: the same joining, cheap enough for many cases."""

    def pool(jobs: int, initializer: Any, initargs: tuple[Any, ...]) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(jobs, initializer=initializer, initargs=initargs)

    monkeypatch.setattr(stream_first, "process_pool", pool)


def readings(path: Path, chunk_bytes: int, jobs: int = 2, limits: Limits = LIMITS) -> Any:
    """The first reading in one process and shared by ``jobs``: (reader, summary, findings)
    of each, or the exception each raised."""
    out = []
    for shared in (False, True):
        reader = JsonStream(path, limits, chunk_bytes=chunk_bytes)
        try:
            if shared:
                summary, findings = shared_first_reading(reader, limits, "claims.json", jobs)
            else:
                summary, findings = first_reading(reader, limits, "claims.json")
        except NotStreamable as exc:
            out.append(type(exc))
            continue
        out.append((reader, summary, findings))
    return out


def assert_same_reading(one: Any, shared: Any) -> None:
    if not isinstance(one, tuple) or not isinstance(shared, tuple):
        assert one == shared
        return
    (r1, s1, f1), (r2, s2, f2) = one, shared
    for field in fields(Summary):
        a, b = getattr(s1, field.name), getattr(s2, field.name)
        if isinstance(a, dict):  # the same entries in the same order
            a, b = list(a.items()), list(b.items())
        assert a == b, field.name
    assert [f.to_dict() for f in f1] == [f.to_dict() for f in f2]
    for field in fields(JsonStream):
        if field.name != "header_locator":
            assert getattr(r1, field.name) == getattr(r2, field.name), field.name


@pytest.mark.parametrize(
    ("chunk_bytes", "jobs"), [(600, 2), (4096, 2), (4096, 4), (16_384, 3), (10**7, 2)]
)
def test_shared_first_reading_is_that_of_one_process(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk_bytes: int, jobs: int
) -> None:
    in_threads(monkeypatch)
    path = build(source, tmp_path / "set", crossing)
    # every cut here is sound: the parts come from the workers and are joined, no restart
    monkeypatch.setattr(stream_first, "first_reading", _no_restart)
    one, shared = readings(path, chunk_bytes, jobs)
    assert_same_reading(one, shared)
    _, summary, findings = one
    assert summary.duplicated and summary.invalid and summary.wanted
    assert {f.path for f in findings} >= {"/claims/250/kind", "/claims/251/anchor/start"}


def test_cuts_a_parse_refuses_are_left_to_one_process(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A string holding ``} ,`` balances the braces counted before it: the cut there is the
    first one tried, a parse refuses it, and the reading starts again in one process."""
    in_threads(monkeypatch)
    path = build(source, tmp_path / "set", braced)
    restarted: list[bool] = []
    real = stream_first.first_reading

    def spy(*args: Any) -> Any:
        restarted.append(True)
        return real(*args)

    monkeypatch.setattr(stream_first, "first_reading", spy)
    one, shared = readings(path, 4096)
    assert restarted  # the file's braces did make an unsound cut
    assert_same_reading(one, shared)


def test_items_the_models_refuse_are_read_in_their_place(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without braces in strings every cut is sound: the parts come from the workers, and
    the chunks with schema errors are read again by the caller, their findings located."""
    in_threads(monkeypatch)

    def errors_only(data: dict[str, Any]) -> None:
        data["claims"][250]["kind"] = "claimm"
        data["claims"][399]["evidence"]["basis"] = 3

    path = build(source, tmp_path / "set", errors_only)
    monkeypatch.setattr(stream_first, "first_reading", _no_restart)
    one, shared = readings(path, 4096)
    assert_same_reading(one, shared)
    assert [f.path for f in shared[2]] == ["/claims/250/kind", "/claims/399/evidence/basis"]


def _no_restart(*args: Any) -> Any:
    raise AssertionError("the reading started again in one process")


@pytest.mark.parametrize("limit", [1, 150, 399, 400])
def test_too_many_claims(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    in_threads(monkeypatch)
    path = build(source, tmp_path / "set", crossing)
    limits = Limits(max_file_bytes=10**9, max_claims=limit, max_nodes=10**9)
    assert_same_reading(*readings(path, 4096, limits=limits))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda t: t[: len(t) * 4 // 5], id="truncated"),
        pytest.param(lambda t: _later(t, '"id"', ',"id"'), id="syntax"),
        pytest.param(lambda t: _later(t, '"kind"', '"kind": 1, "kind"'), id="dup-key"),
        pytest.param(lambda t: t[:-5000] + "\r" + t[-5000:], id="lone-cr"),
    ],
)
def test_bad_json_in_a_later_chunk(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Any
) -> None:
    in_threads(monkeypatch)
    path = build(source, tmp_path / "set", crossing)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    one, shared = readings(path, 4096)
    assert one is NotStreamable and shared is NotStreamable


def _later(text: str, old: str, new: str) -> str:
    """``text`` with the first ``old`` after four fifths of it replaced by ``new``."""
    at = text.index(old, len(text) * 4 // 5)
    return text[:at] + new + text[at + len(old) :]


def test_jobs_for_the_first_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream_module, "forks", lambda: True)
    mb = 1 << 20
    assert first_jobs(0, PARALLEL_MIN_BYTES - 1, mb) == 1  # small: one process
    assert first_jobs(None, PARALLEL_MIN_BYTES - 1, mb) == 1
    assert first_jobs(0, 100 * mb, mb) == min(cpu_count(), 100)
    assert first_jobs(1, 100 * mb, mb) == 1
    assert first_jobs(3, 100 * mb, mb) == 3  # as asked
    assert first_jobs(8, 2 * mb, mb) == 2  # never more than the chunks
    with pytest.raises(ValueError):
        first_jobs(-1, 100 * mb, mb)
    monkeypatch.setattr(stream_module, "forks", lambda: False)
    assert first_jobs(4, 100 * mb, mb) == 1  # workers would not inherit the reader


def test_forked_workers_give_the_report_of_one_process(
    source: Path, tmp_path: Path, forking: None
) -> None:
    path = build(source, tmp_path / "set", crossing)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # CRLF lines followed too
    reports = [
        stream_report(path, limits=LIMITS, min_bytes=0, chunk_bytes=4096, jobs=jobs)
        for jobs in (1, 2)
    ]
    one, two = reports
    assert one is not None and two is not None
    assert [f.to_dict() for f in two.findings] == [f.to_dict() for f in one.findings]
    assert [a.to_dict() for a in two.assessments] == [a.to_dict() for a in one.assessments]


@pytest.mark.parametrize("damage", [None, "braces", "syntax"])
def test_validate_output_is_the_same_bytes_in_every_format(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forking: None, damage: Any
) -> None:
    import evidence_claims.io.json_stream as json_stream

    monkeypatch.setattr(stream_module, "STREAM_BYTES", 0)
    monkeypatch.setattr(json_stream.JsonStream, "chunk_bytes", 4096)
    path = build(source, tmp_path / "set", braced if damage == "braces" else crossing)
    if damage == "syntax":  # a syntax error far into the file: read whole, the error located
        text = path.read_text(encoding="utf-8")
        at = text.index('"id"', len(text) * 4 // 5)
        path.write_text(text[:at] + "," + text[at:], encoding="utf-8")
    (path.parent / "pyproject.toml").write_text(
        "[tool.evidence-claims.limits]\nmax-file-bytes = 1_000_000_000\n", encoding="utf-8"
    )
    for output_format in ("text", "json", "github", "sarif"):
        results = [
            run_cli("validate", "-f", output_format, "--jobs", jobs, str(path))
            for jobs in ("1", "2")
        ]
        assert results[0].exit_code == results[1].exit_code == 1
        assert results[0].output == results[1].output
    if damage == "syntax":
        assert "json.syntax" in results[0].output or "file.syntax" in results[0].output


_CLAIMS: list[dict[str, Any]] = []


@st.composite
def claim_files(draw: st.DrawFn) -> tuple[list[dict[str, Any]], int, int | None]:
    """Claims drawn from the synthetic file, some of them changed the ways that cross chunks:
    an id taken from another claim, a relation to another claim, a suppression, a schema
    error, braces and non-ASCII text in a string; a chunk size; a claim limit."""
    count = draw(st.integers(1, 60))
    picks = draw(st.lists(st.integers(0, len(_CLAIMS) - 1), min_size=count, max_size=count))
    claims = [copy.deepcopy(_CLAIMS[k]) for k in picks]
    changes = draw(
        st.lists(
            st.tuples(st.integers(0, 5), st.integers(0, count - 1), st.integers(0, count - 1)),
            max_size=12,
        )
    )
    for kind, k, other in changes:
        claim = claims[k]
        if kind == 0:
            claim["id"] = claims[other]["id"]
        elif kind == 1:
            claim["relations"] = [{"type": "supports", "target": claims[other]["id"]}]
        elif kind == 2:
            claim["suppress"] = [{"code": "certainty.differs", "reason": "r"}]
        elif kind == 3:
            claim["kind"] = "claimm"
        elif kind == 4:
            claim["text"] = draw(st.sampled_from(["}, {", "}]", "é } ,\n", "{{]"])) + claim["text"]
        else:
            claim["anchor"]["end"] = -1
    chunk_bytes = draw(st.integers(200, 6000))
    limit = draw(st.none() | st.integers(1, count))
    return claims, chunk_bytes, limit


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=claim_files(), indent=st.sampled_from([None, 1]))
def test_shared_reading_on_open_input(
    source: Path, tmp_path_factory: pytest.TempPathFactory, case: Any, indent: int | None
) -> None:
    claims, chunk_bytes, limit = case
    data = json.loads(source.read_text(encoding="utf-8"))
    data["claims"] = claims
    path = tmp_path_factory.mktemp("open") / "claims.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=indent), encoding="utf-8")
    limits = LIMITS if limit is None else Limits(max_file_bytes=10**9, max_claims=limit)
    with pytest.MonkeyPatch.context() as monkeypatch:
        in_threads(monkeypatch)
        assert_same_reading(*readings(path, chunk_bytes, limits=limits))


@pytest.fixture(autouse=True, scope="module")
def _claims(source: Path) -> None:
    if not _CLAIMS:
        _CLAIMS.extend(json.loads(source.read_text(encoding="utf-8"))["claims"][:80])
