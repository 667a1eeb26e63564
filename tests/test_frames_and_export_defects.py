"""Defects a new user met in exports, frames and the evidence map (each failed before its fix).

- ``export`` exited 0 on a missing path, a YAML syntax error and schema errors, leaving the
  invalid claim out of the Parquet files without a word;
- frames had no ``file``/``document`` column, so claim ids of two files collided;
- ``evidence_map`` showed ``<Figure size 760x450 with 1 Axes>`` in Jupyter without
  ``%matplotlib inline``;
- Parquet certainty columns lost their order;
- ``table`` and ``report`` said a missing path "must end in .yaml" instead of "not found".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import evidence_claims as ec

from .conftest import BAD, KRATOM, MINI, run_cli

SCALE = ["ungraded", "very_low", "low", "moderate", "high"]


def _two_sets(tmp_path: Path) -> tuple[Path, Path]:
    """Two claim files whose claim ids are the same (a copy of the mini set, renamed)."""
    (tmp_path / ".evidence-claims-root").write_text("")
    first = tmp_path / "a"
    second = tmp_path / "b"
    shutil.copytree(MINI, first)
    shutil.copytree(MINI, second)
    text = (second / "claims.yaml").read_text(encoding="utf-8")
    (second / "claims.yaml").write_text(text.replace("id: mini\n", "id: mini-copy\n"))
    return first / "claims.yaml", second / "claims.yaml"


# --- export exit codes ------------------------------------------------------------------


def test_export_of_a_missing_path_exits_1_and_says_not_found(tmp_path: Path) -> None:
    result = run_cli("export", str(tmp_path / "nothing-here"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "not found" in result.output


def test_export_of_a_yaml_syntax_error_exits_1_with_the_finding(tmp_path: Path) -> None:
    broken = tmp_path / "broken.claims.yaml"
    broken.write_text("document: {id: x\nclaims: [\n", encoding="utf-8")
    result = run_cli("export", str(broken), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "broken.claims.yaml:" in result.output  # a located finding


def test_export_never_drops_an_invalid_claim_silently(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    result = run_cli("export", str(BAD / "bad-kind.claims.yaml"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    findings = pq.read_table(tmp_path / "out" / "findings.parquet").to_pylist()
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors
    assert errors[0]["code"] in result.output
    assert "left out" in result.output or "not exported" in result.output


def test_export_of_clean_files_still_exits_0(tmp_path: Path) -> None:
    result = run_cli("export", str(MINI / "claims.yaml"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output


# --- frames -----------------------------------------------------------------------------


def test_claim_frames_of_two_files_have_file_and_document_columns(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    first, second = _two_sets(tmp_path)
    frame = pd.concat([ec.load(first).to_frame(), ec.load(second).to_frame()])
    assert {"file", "document"} <= set(frame.columns)
    assert set(frame["document"]) == {"mini", "mini-copy"}
    assert frame["claim_id"].duplicated().any()  # the ids collide ...
    assert frame.set_index(["file", "claim_id"]).index.is_unique  # ... the key does not


def test_assessments_frame_of_a_two_file_report_has_a_unique_key(tmp_path: Path) -> None:
    first, second = _two_sets(tmp_path)
    report = ec.validate(first, second)
    frame = report.assessments_frame()
    assert {"file", "document"} <= set(frame.columns)
    assert len(frame) == 10
    assert set(frame["document"]) == {"mini", "mini-copy"}
    assert frame.set_index(["file", "claim_id"]).index.is_unique


def test_pandas_certainty_columns_are_ordered_categoricals() -> None:
    cs = ec.load(KRATOM / "claims.yaml")
    report = ec.assess(cs)
    claims = cs.to_frame(report)
    assessments = report.assessments_frame()
    for column in (
        claims["certainty"],
        claims["assessed"],
        assessments["certainty"],
        assessments["stated"],
    ):
        assert column.dtype.name == "category", column.name
        assert column.cat.ordered and list(column.cat.categories) == SCALE, column.name


def test_parquet_certainty_columns_keep_their_order(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    result = run_cli("export", str(KRATOM / "claims.yaml"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    claims = pd.read_parquet(tmp_path / "out" / "claims.parquet")
    assessments = pd.read_parquet(tmp_path / "out" / "assessments.parquet")
    for column in (claims["certainty"], claims["assessed"], assessments["certainty"]):
        assert column.dtype.name == "category", column.name
        assert column.cat.ordered and list(column.cat.categories) == SCALE, column.name
    assert (claims["assessed"] >= "low").sum() == (
        claims["assessed"].isin(["low", "moderate", "high"]).sum()
    )


# --- the evidence map in Jupyter --------------------------------------------------------


def test_evidence_map_displays_itself_with_any_backend() -> None:
    pytest.importorskip("IPython")
    import matplotlib
    from IPython.core.interactiveshell import InteractiveShell

    matplotlib.use("agg")  # not the inline backend: no %matplotlib inline
    fig = ec.evidence_map(ec.load(MINI / "claims.yaml"))
    svg = fig._repr_svg_()
    assert "<svg" in svg
    png = fig._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    formatted, _ = InteractiveShell.instance().display_formatter.format(fig)
    assert {"image/png", "image/svg+xml"} & set(formatted), formatted.keys()
    assert "<Figure" not in formatted.get("text/plain", "") or len(formatted) > 1
    fig.savefig(__import__("io").BytesIO(), format="png")  # still usable as a figure


# --- missing paths ----------------------------------------------------------------------


@pytest.mark.parametrize("command", ["table", "report"])
@pytest.mark.parametrize("name", ["nothing-here", "nothing-here.yaml"])
def test_missing_path_is_not_found(command: str, name: str, tmp_path: Path) -> None:
    args = [command, str(tmp_path / name)]
    if command == "report":
        args += ["-o", str(tmp_path / "report.html")]
    result = run_cli(*args)
    assert result.exit_code == 1, result.output
    assert "not found" in result.output
    assert "must end in" not in result.output
