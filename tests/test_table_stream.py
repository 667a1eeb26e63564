"""The evidence table of a large JSON claim file, written a group at a time, is the table
built whole: Markdown, HTML and CSV, by topic and by source, assessed and as stated."""

from __future__ import annotations

from pathlib import Path

import pytest

import evidence_claims.pipeline.stream as stream_module
from evidence_claims.io.limits import Limits
from evidence_claims.pipeline.validation import load
from evidence_claims.render.table_stream import stream_table
from evidence_claims.render.tables import table
from evidence_claims.testing.synthetic import CorpusShape, write_corpus

from .conftest import bundled_set_as_json, run_cli, unloadable_copy

ROOT = Path(__file__).resolve().parents[1]
LIMITS = Limits(max_file_bytes=10**9, max_claims=10**7, max_nodes=10**9)


@pytest.fixture(scope="module")
def bundled_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled set with its claim file written as JSON (not ASCII: quotes, dashes)."""
    return bundled_set_as_json(tmp_path_factory.mktemp("table") / "kratom")


def streamed(path: Path, output_format: str, by: str, assess: bool) -> str | None:
    parts: list[str] = []
    done = stream_table(
        path,
        parts.append,
        output_format=output_format,
        by=by,
        assess=assess,
        limits=LIMITS,
        min_bytes=0,
        chunk_bytes=4096,
    )
    return "".join(parts) if done else None


@pytest.mark.parametrize("output_format", ["md", "html", "csv"])
@pytest.mark.parametrize("by", ["topic", "source"])
@pytest.mark.parametrize("assess", [True, False])
def test_bundled_set(bundled_json: Path, output_format: str, by: str, assess: bool) -> None:
    whole = table(load(bundled_json, limits=LIMITS), by=by, assess=assess).render(output_format)
    assert streamed(bundled_json, output_format, by, assess) == whole


def test_synthetic_corpus(tmp_path: Path) -> None:
    path = next(iter(write_corpus(tmp_path / "corpus", CorpusShape(1500, 1500), seed=5)))
    for output_format in ("md", "csv"):
        whole = table(load(path, limits=LIMITS)).render(output_format)
        assert streamed(path, output_format, "topic", True) == whole


def test_a_set_that_does_not_load_is_left_to_the_whole_reading(
    bundled_json: Path, tmp_path: Path
) -> None:
    assert streamed(unloadable_copy(bundled_json, tmp_path / "set"), "md", "topic", True) is None


@pytest.fixture
def stream_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every JSON claim file counts as large."""
    monkeypatch.setattr(stream_module, "STREAM_BYTES", 0)


@pytest.mark.usefixtures("stream_everything")
def test_table_command_streams(bundled_json: Path, tmp_path: Path) -> None:
    printed = run_cli("table", str(bundled_json.parent), "-f", "md")
    assert printed.exit_code == 0, printed.output
    whole = table(load(bundled_json)).render("md")
    assert printed.stdout == whole + ("" if whole.endswith("\n") else "\n")
    target = tmp_path / "table.csv"
    written = run_cli("table", str(bundled_json), "-f", "csv", "-o", str(target))
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == table(load(bundled_json)).render("csv")


@pytest.mark.usefixtures("stream_everything")
def test_table_command_reads_the_configuration(bundled_json: Path, tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text("[tool.evidence-claims.limits]\nmax-claims = 5\n", encoding="utf-8")
    result = run_cli("table", str(bundled_json), "--config", str(config))
    assert result.exit_code == 1
    assert "limits.claims" in result.output
