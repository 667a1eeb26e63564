from __future__ import annotations

import io
import shutil
from pathlib import Path

from evidence_claims.pipeline.progress import terminal_progress
from evidence_claims.pipeline.validation import validate

from .conftest import MINI, run_cli


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _three_sets(tmp_path: Path) -> Path:
    (tmp_path / ".evidence-claims-root").write_text("")
    for name in ("a", "b", "c"):
        shutil.copytree(MINI, tmp_path / "sets" / name)
    return tmp_path / "sets"


def test_validate_reports_progress_through_a_callback(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    report = validate(
        _three_sets(tmp_path), progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert len(report.files) == 3


def test_validate_without_a_callback_is_unchanged(tmp_path: Path) -> None:
    sets = _three_sets(tmp_path)
    assert validate(sets).to_dict() == validate(sets, progress=lambda d, t: None).to_dict()


def test_terminal_progress_draws_a_bar_on_a_terminal_only() -> None:
    terminal = _Terminal()
    with terminal_progress("Validating", stream=terminal) as progress:
        assert progress is not None
        for done in range(4):
            progress(done, 3)
    drawn = terminal.getvalue()
    assert "Validating" in drawn and "3/3" in drawn

    piped = io.StringIO()
    with terminal_progress("Validating", stream=piped) as progress:
        assert progress is None
    assert piped.getvalue() == ""


def test_a_single_file_draws_no_bar() -> None:
    terminal = _Terminal()
    with terminal_progress("Validating", stream=terminal) as progress:
        assert progress is not None
        progress(0, 1)
        progress(1, 1)
    assert terminal.getvalue() == ""


def test_cli_output_off_a_terminal_has_no_progress_bar(tmp_path: Path) -> None:
    result = run_cli("validate", str(_three_sets(tmp_path)), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "Validating" not in result.output
    assert result.output.lstrip().startswith("{")
