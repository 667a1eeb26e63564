"""benchmarks/grade_agreement.py prints the validation half as aggregate rows only.

The validation half (benchmarks/grade/val.yaml) exists to choose between assessment methods; a
per-item row would invite tuning on it. These tests replace the engine run with fixed rows, so
they check what the script prints, not what the engine says.
"""

from __future__ import annotations

import pytest

from .benchmark_scripts import load_benchmark


@pytest.fixture()
def agreement(monkeypatch: pytest.MonkeyPatch):
    module = load_benchmark("grade_agreement")

    def fake_run(items):
        rows = [
            module.Row(str(item["id"]), item["authors_certainty"], "low", "moderate", "high", "-")
            for item in items
        ]
        return rows, []

    monkeypatch.setattr(module, "run", fake_run)
    return module


def test_val_only_prints_aggregate_validation_rows_and_nothing_else(agreement, capsys) -> None:
    if not (agreement.GOLD / agreement.VAL_FILE).exists():
        pytest.skip("val.yaml not present")
    assert agreement.main(["--val-only"]) == 0
    out = capsys.readouterr().out
    headings = [line for line in out.splitlines() if not line.startswith("  ")]
    assert headings and all(line.startswith("val") for line in headings)
    assert "grade-val-" not in out
    assert "dev" not in out and "blind" not in out
    body = [line for line in out.splitlines() if line.startswith("  ")]
    assert body and all(line.split()[0] in {"auto", "typed", "baseline"} for line in body)


def test_no_blind_keeps_the_validation_rows(agreement, capsys) -> None:
    if not (agreement.GOLD / agreement.VAL_FILE).exists():
        pytest.skip("val.yaml not present")
    assert agreement.main(["--no-blind"]) == 0
    out = capsys.readouterr().out
    assert "val (validation half" in out
    assert "blind" not in out
    assert "grade-val-" not in out


def test_a_held_out_group_too_small_to_hide_its_items_is_counted_not_scored(
    agreement, capsys
) -> None:
    items = [
        {"id": f"grade-val-{n:03}", "authors_certainty": "low", "area": area}
        for n, area in enumerate(["diagnostic", "drug", "drug", "drug", "drug", "drug"], 1)
    ]
    rows, _ = agreement.run(items)
    agreement.report_area("val", rows, items, "diagnostic", agreement.HELD_OUT_MIN_ITEMS)
    out = capsys.readouterr().out
    assert "n=1" in out and "not scored" in out
    assert "exact" not in out


def test_a_held_out_group_large_enough_is_scored(agreement, capsys) -> None:
    items = [
        {"id": f"grade-val-{n:03}", "authors_certainty": "low", "area": "diagnostic"}
        for n in range(1, agreement.HELD_OUT_MIN_ITEMS + 1)
    ]
    rows, _ = agreement.run(items)
    agreement.report_area("val", rows, items, "diagnostic", agreement.HELD_OUT_MIN_ITEMS)
    assert "exact" in capsys.readouterr().out
