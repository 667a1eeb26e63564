"""One big JSON claim file checked by several processes gives the report of one process.

The second reading of a streamed file shares its chunks among worker processes; the parent
joins their results in the file's order. These tests compare the two, finding for finding and
in the same order (not only once sorted), on a file whose duplicates, relations, passages and
suppressions cross chunks, and check how many processes ``--jobs`` picks.
"""

from __future__ import annotations

import concurrent.futures
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from evidence_claims.io.json_stream import Chunk, JsonStream
from evidence_claims.io.limits import Limits
from evidence_claims.model.report import Report
from evidence_claims.pipeline import stream_chunks, validation
from evidence_claims.pipeline.parallel import PARALLEL_MIN_BYTES, cpu_count
from evidence_claims.pipeline.stream import stream_jobs, stream_report
from evidence_claims.testing.synthetic import CorpusShape, write_corpus

from .conftest import run_cli

LIMITS = Limits(max_file_bytes=10**9, max_claims=10**7, max_nodes=10**9)


@pytest.fixture(scope="module")
def crossing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic file of 3,000 claims (its 0.5 % of mistakes) with duplicate ids, relations,
    suppressions and a schema error whose partners sit in other chunks."""
    base = tmp_path_factory.mktemp("parallel")
    source = next(iter(write_corpus(base / "corpus", CorpusShape(3000, 3000), seed=5)))
    folder = base / "set"
    shutil.copytree(source.parent, folder)
    data = json.loads(source.read_text(encoding="utf-8"))
    claims = data["claims"]
    claims[2500]["id"] = claims[7]["id"]  # first in chunk 0, duplicates far later
    claims[2600]["id"] = claims[7]["id"]
    claims[1201]["id"] = claims[1200]["id"]  # both in one chunk
    claims[1800]["relations"] = [
        {"type": "supports", "target": claims[5]["id"] + "x"},
        {"type": "challenges", "target": claims[2999]["id"]},
    ]
    claims[20]["relations"] = [{"type": "supports", "target": claims[2100]["id"]}]
    claims[50]["suppress"] = [
        {"code": "certainty.differs", "reason": "kept"},
        {"code": "anchor.text-mismatch", "reason": "never raised"},
    ]
    claims[2900]["suppress"] = [{"code": "id.duplicate", "reason": "on purpose"}]
    claims[2900]["id"] = claims[9]["id"]
    claims[1500]["kind"] = "claimm"
    path = folder / "claims.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    (base / ".evidence-claims-root").write_text("", encoding="utf-8")
    return path


def streamed(path: Path, jobs: int, chunk_bytes: int = 16_384) -> Report:
    report = stream_report(path, limits=LIMITS, min_bytes=0, chunk_bytes=chunk_bytes, jobs=jobs)
    assert report is not None, "the file was not streamed"
    return report


def assert_same_order(got: Report, expected: Report) -> None:
    """Equal reports, unsorted: the same findings and assessments in the same order."""
    assert [f.to_dict() for f in got.findings] == [f.to_dict() for f in expected.findings]
    assert [a.to_dict() for a in got.assessments] == [a.to_dict() for a in expected.assessments]
    assert (got.files, got.claims) == (expected.files, expected.claims)


def test_processes_give_the_report_of_one(
    crossing: Path, monkeypatch: pytest.MonkeyPatch, forking: None
) -> None:
    used: list[int] = []
    real = stream_chunks.process_pool

    def spy(jobs: int, *args: Any) -> Any:
        used.append(jobs)
        return real(jobs, *args)

    monkeypatch.setattr(stream_chunks, "process_pool", spy)
    serial = streamed(crossing, jobs=1)
    assert used == []  # one process reads the chunks in turn
    two = streamed(crossing, jobs=2)
    assert used == [1]  # one worker, and this process
    assert_same_order(two, serial)
    assert_same_order(streamed(crossing, jobs=3), serial)
    assert used == [1, 2]
    codes = {f.code for f in serial.findings}
    assert {"id.duplicate", "relation.unknown-target", "suppress.unused", "schema.enum"} <= codes
    # the duplicates whose first claim is chunks before name its line, as one process does
    far = [f for f in two.findings if f.code == "id.duplicate" and f.path == "/claims/2500/id"]
    assert len(far) == 1 and "?" not in far[0].message
    # the suppressed duplicate is dropped in its worker, and counted as used
    assert not any(f.path == "/claims/2900/id" for f in two.findings)


def test_more_processes_than_chunks(crossing: Path, forking: None) -> None:
    serial = streamed(crossing, jobs=1, chunk_bytes=400_000)  # 3,000 claims in 2 chunks
    assert_same_order(streamed(crossing, jobs=3, chunk_bytes=400_000), serial)


def test_one_process_where_workers_are_not_forked(
    crossing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spawned workers would need the whole context sent to each: the chunks are read here."""
    import evidence_claims.pipeline.stream as stream_module

    monkeypatch.setattr(stream_module, "forks", lambda: False)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _NoPool)
    assert stream_jobs(2, JsonStream(crossing, LIMITS)) == 1
    assert_same_order(streamed(crossing, jobs=2), streamed(crossing, jobs=1))


class _NoPool:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise AssertionError("a process pool was started")


def test_validate_command_output_is_the_same_bytes(
    crossing: Path, monkeypatch: pytest.MonkeyPatch, forking: None
) -> None:
    import evidence_claims.io.json_stream as json_stream
    import evidence_claims.pipeline.stream as stream_module

    monkeypatch.setattr(stream_module, "STREAM_BYTES", 0)
    monkeypatch.setattr(json_stream, "CHUNK_BYTES", 16_384)
    monkeypatch.setattr(json_stream.JsonStream, "chunk_bytes", 16_384)
    config = crossing.parent / "pyproject.toml"
    config.write_text(
        "[tool.evidence-claims.limits]\nmax-file-bytes = 1_000_000_000\n", encoding="utf-8"
    )
    outputs = {}
    for jobs in ("1", "2"):
        result = run_cli("validate", "-f", "json", "--jobs", jobs, str(crossing))
        assert result.exit_code == 1, result.output
        outputs[jobs] = result.output
    assert outputs["1"] == outputs["2"]
    assert '"id.duplicate"' in outputs["1"]


def _reader(chunks: int, size: int) -> JsonStream:
    reader = JsonStream(Path("claims.json"), LIMITS)
    step = size // chunks
    reader.chunks = [Chunk(i, 1, i * step, (i + 1) * step, 1, 1) for i in range(chunks)]
    return reader


def test_jobs_picks_one_process_on_small_input(forking: None) -> None:
    small = _reader(chunks=40, size=PARALLEL_MIN_BYTES - 1)
    assert stream_jobs(0, small) == 1
    assert stream_jobs(None, small) == 1
    big = _reader(chunks=40, size=PARALLEL_MIN_BYTES)
    assert stream_jobs(0, big) == min(cpu_count(), 40)
    assert stream_jobs(0, _reader(chunks=1, size=10**9)) == 1  # one chunk: nothing to share
    assert stream_jobs(3, small) == 3  # as asked
    assert stream_jobs(1, big) == 1
    assert stream_jobs(64, _reader(chunks=2, size=10**9)) == 2
    with pytest.raises(ValueError):
        stream_jobs(-1, big)


def test_validate_starts_no_pool_on_small_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The automatic ``--jobs`` keeps a few small files, and a small streamed file, in this
    process: starting a pool would cost more than it saves."""
    import evidence_claims.pipeline.stream as stream_module

    list(write_corpus(tmp_path, CorpusShape(claims=400, per_file=100), error_rate=0.01))

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _NoPool)
    monkeypatch.setattr(stream_module, "STREAM_BYTES", 0)  # every file streamed
    report = validation.validate(tmp_path, limits=LIMITS, jobs=0)
    assert report.claims == 400
