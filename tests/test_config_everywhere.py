"""Every command that reads claim files reads the configuration ``validate`` reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cli


@pytest.mark.parametrize("command", ["validate", "table", "report", "export", "reanchor"])
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
