"""Every command that reads claim files reads the configuration ``validate`` reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cli


@pytest.mark.parametrize(
    "command", ["validate", "table", "report", "export", "reanchor", "extract", "import"]
)
def test_every_reading_command_takes_config(command: str) -> None:
    assert "--config FILE" in run_cli(command, "--help").output


def test_reanchor_reads_the_limits(mini_copy: Path, tmp_path: Path) -> None:
    config = tmp_path / "limits.toml"
    config.write_text("[tool.evidence-claims.limits]\nmax-file-bytes = 10\n", encoding="utf-8")
    result = run_cli("reanchor", str(mini_copy), "--dry-run", "--config", str(config))
    assert result.exit_code == 1
    assert "limits.size" in result.output
    assert "limits.size" not in run_cli("reanchor", str(mini_copy), "--dry-run").output


def test_export_refuses_a_missing_config(mini_copy: Path, tmp_path: Path) -> None:
    result = run_cli(
        "export",
        str(mini_copy),
        "-f",
        "web-annotation",
        "-o",
        str(tmp_path / "out"),
        "--config",
        str(tmp_path / "missing.toml"),
    )
    assert result.exit_code == 2
    assert "no such file" in result.output


def _limits(tmp_path: Path, **limits: int) -> Path:
    config = tmp_path / "limits.toml"
    lines = [f"{name.replace('_', '-')} = {value}" for name, value in limits.items()]
    config.write_text("[tool.evidence-claims.limits]\n" + "\n".join(lines) + "\n", "utf-8")
    return config


def test_extract_reads_the_document_limit(tmp_path: Path) -> None:
    document = tmp_path / "document.txt"
    document.write_text("Kratom is a tree. Users report that it helps.\n", encoding="utf-8")
    config = _limits(tmp_path, max_file_bytes=10)
    result = run_cli("extract", str(document), "--config", str(config))
    assert result.exit_code == 1
    assert "limits.size" in result.output and "max-file-bytes" in result.output
    assert run_cli("extract", str(document)).exit_code == 0


def test_extract_reads_the_bibliography_limit(tmp_path: Path) -> None:
    document = tmp_path / "document.txt"
    document.write_text("Smith (2020) found that it helps.\n", encoding="utf-8")
    bib = tmp_path / "references.bib"
    bib.write_text("@article{smith2020, author = {Smith, A.}, year = {2020}}\n", "utf-8")
    config = _limits(tmp_path, max_bib_bytes=10)
    result = run_cli("extract", str(document), "--bib", str(bib), "--config", str(config))
    assert result.exit_code == 1
    assert "max-bib-bytes" in result.output
    assert run_cli("extract", str(document), "--bib", str(bib)).exit_code == 0


def test_extract_reads_the_nearest_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.evidence-claims.limits]\nmax-file-bytes = 10\n", encoding="utf-8"
    )
    document = tmp_path / "document.txt"
    document.write_text("Kratom is a tree. Users report that it helps.\n", encoding="utf-8")
    result = run_cli("extract", str(document))
    assert result.exit_code == 1
    assert "limits.size" in result.output


def test_import_reads_the_limits(tmp_path: Path) -> None:
    from .interchange_helpers import ASTRAL, copy_set

    claims = copy_set(ASTRAL, tmp_path / "astral")
    out = tmp_path / "out"
    assert run_cli("export", "-f", "web-annotation", str(claims), "-o", str(out)).exit_code == 0
    exported = next(out.glob("*.jsonld"))
    config = _limits(tmp_path, max_file_bytes=100)
    args = ("import", "--from", "web-annotation", str(exported), "-o", str(claims))
    result = run_cli(*args, "--config", str(config))
    assert result.exit_code == 1
    assert "max-file-bytes" in result.output
    assert run_cli(*args).exit_code == 0
