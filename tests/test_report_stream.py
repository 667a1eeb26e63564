"""The report page of a large JSON claim file, written as it is read, is the page built whole;
the command writes it to a temporary file that replaces the target only when it is complete."""

from __future__ import annotations

import contextlib
import errno
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import evidence_claims.io.storage as storage
import evidence_claims.pipeline.stream as stream_module
import evidence_claims.render.report_stream as report_stream
import evidence_claims.render.sliced_html as sliced_html
from evidence_claims.io.limits import Limits
from evidence_claims.pipeline.validation import check_loaded, load
from evidence_claims.render.report_page import report_page
from evidence_claims.render.report_stream import stream_report_page
from evidence_claims.testing.synthetic import CorpusShape, write_corpus

from .conftest import bundled_set_as_json, run_cli, unloadable_copy

ROOT = Path(__file__).resolve().parents[1]
LIMITS = Limits(max_file_bytes=10**9, max_claims=10**7, max_nodes=10**9)


@pytest.fixture(scope="module")
def bundled_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled set with its claim file written as JSON (not ASCII: quotes, dashes)."""
    return bundled_set_as_json(tmp_path_factory.mktemp("report") / "kratom")


def whole(path: Path, by: str = "topic") -> str:
    claim_set = load(path, limits=LIMITS)
    return report_page(claim_set, check_loaded(claim_set).sorted(), by=by)


def streamed(path: Path, by: str = "topic", chunk_bytes: int = 4096) -> str | None:
    parts: list[str] = []
    done = stream_report_page(
        path, parts.append, by=by, limits=LIMITS, min_bytes=0, chunk_bytes=chunk_bytes
    )
    return "".join(parts) if done else None


@pytest.mark.parametrize("by", ["topic", "source"])
def test_bundled_set(bundled_json: Path, by: str) -> None:
    assert streamed(bundled_json, by) == whole(bundled_json, by)


def test_synthetic_corpus_of_many_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hundreds of chunks, and the annotated document's spans made in many batches."""
    path = next(iter(write_corpus(tmp_path / "corpus", CorpusShape(1500, 1500), seed=5)))
    monkeypatch.setattr(report_stream, "_BATCH", 7)
    monkeypatch.setattr(report_stream, "_FLUSH", 100)
    monkeypatch.setattr(sliced_html, "SLICE_ROWS", 7)  # tables written 7 rows at a time
    page = streamed(path)
    assert page is not None
    assert page == whole(path)
    assert path.stat().st_size > 100 * 4096
    assert page.count(" ec-sev ec-sev-") > 7  # the findings' table too was written in slices


def test_a_table_beyond_the_styler_cell_limit_keeps_every_row(bundled_json: Path) -> None:
    """pandas trims a Styler beyond ``styler.render.max_elements`` cells by default; the
    page and its streamed form show every claim and every finding."""
    claim_set = load(bundled_json, limits=LIMITS)
    report = check_loaded(claim_set).sorted()
    with pd.option_context("styler.render.max_elements", 40):
        page = report_page(claim_set, report)
        assert streamed(bundled_json) == page
    assert page.count(" ec-sev ec-sev-") == len(report.findings) > 8
    assert page.count('class="data row') == 8 * len(claim_set.claims) + 5 * len(report.findings)


def test_crossing_and_clipped_spans(bundled_json: Path, tmp_path: Path) -> None:
    """Claims whose spans cross, share a start, or reach past the document: the same page."""
    data = json.loads(bundled_json.read_text(encoding="utf-8"))
    claims = data["claims"]
    first, second = claims[0]["anchor"], claims[1]["anchor"]
    claims[2]["anchor"] = {**claims[2]["anchor"], "start": first["start"] + 3}
    claims[3]["anchor"] = {**claims[3]["anchor"], "start": first["start"], "end": second["end"]}
    claims[4]["anchor"] = {**claims[4]["anchor"], "end": 10**7}
    folder = tmp_path / "set"
    shutil.copytree(bundled_json.parent, folder)
    (folder / "claims.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    page = streamed(folder / "claims.json", chunk_bytes=2048)
    assert page is not None
    assert page == whole(folder / "claims.json")


def test_a_set_that_does_not_load_is_left_to_the_whole_reading(
    bundled_json: Path, tmp_path: Path
) -> None:
    assert streamed(unloadable_copy(bundled_json, tmp_path / "set")) is None


@pytest.fixture
def stream_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every JSON claim file counts as large."""
    monkeypatch.setattr(stream_module, "STREAM_BYTES", 0)


@pytest.mark.usefixtures("stream_everything")
def test_report_command_streams(bundled_json: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = run_cli("report", str(bundled_json.parent), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == whole(bundled_json)


@pytest.fixture
def old_report(tmp_path: Path) -> Path:
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    target.write_text("the old report", encoding="utf-8")
    return target


def _unchanged(target: Path) -> bool:
    """The old report as it was, and no temporary file beside it."""
    return target.read_text(encoding="utf-8") == "the old report" and sorted(
        p.name for p in target.parent.iterdir()
    ) == ["report.html"]


@pytest.mark.usefixtures("stream_everything")
def test_a_full_disk_while_writing_leaves_no_partial_file(
    bundled_json: Path, old_report: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills after the page's first parts were written: the command says it could
    not write (exit 2), the old report stays as it was, the temporary file is removed."""
    real = storage.atomic_file

    class Full:
        def __init__(self, handle: Any) -> None:
            self.handle, self.written = handle, 0

        def write(self, data: bytes) -> int:
            self.written += len(data)
            if self.written > 20_000:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.handle.write(data)

    @contextlib.contextmanager
    def filling(path: Path) -> Iterator[Any]:
        with real(path) as handle:
            yield Full(handle)

    monkeypatch.setattr(storage, "atomic_file", filling)
    result = run_cli("report", str(bundled_json), "-o", str(old_report))
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output
    assert f"{old_report} is unchanged" in result.output
    assert _unchanged(old_report)


@pytest.mark.usefixtures("stream_everything")
def test_a_failure_while_rendering_leaves_no_partial_file(
    bundled_json: Path, old_report: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error after the page's first parts were written (here, in the annotated document)
    reaches the command's handler; the old report stays, no temporary file is left."""

    def broken(*args: Any) -> None:
        args[-1]("<section>")  # the first bytes of the part, then the failure
        raise RuntimeError("broken")

    monkeypatch.setattr(report_stream, "_write_document", broken)
    with pytest.raises(RuntimeError, match="broken"):
        run_cli("report", str(bundled_json), "-o", str(old_report))
    assert _unchanged(old_report)


@pytest.mark.usefixtures("stream_everything")
def test_report_command_reads_the_configuration(bundled_json: Path, tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.evidence-claims.limits]\nmax-claims = 5\n", encoding="utf-8")
    target = tmp_path / "report.html"
    result = run_cli("report", str(bundled_json), "--config", str(config), "-o", str(target))
    assert result.exit_code == 1
    assert "limits.claims" in result.output
    assert not target.exists()
