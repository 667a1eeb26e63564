"""Loading: decoding, parsing with locations, salvage of partly valid files, the public API."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

import evidence_claims as ec
from evidence_claims.io.bib import parse_bibliography
from evidence_claims.io.claim_file import parse_claim_file
from evidence_claims.io.json_index import JsonIndex
from evidence_claims.io.json_locate import JsonLocator
from evidence_claims.io.limits import Limits
from evidence_claims.io.locate import LineIndex
from evidence_claims.io.reading import decode
from evidence_claims.io.schema_errors import findings_from_errors

from .conftest import BAD, MINI, run_cli


def test_load_returns_a_claim_set() -> None:
    cs = ec.load(MINI)
    assert isinstance(cs, ec.ClaimSet)
    assert len(cs) == 5
    assert cs["mini-002"].evidence.sources == ["suwanlert1975"]
    assert cs.document_text is not None and cs.document_text.startswith("Users report")
    assert "suwanlert1975" in cs.bibliography


def test_load_raises_a_value_error_with_the_located_report() -> None:
    with pytest.raises(ec.ClaimFileError) as info:
        ec.load(BAD / "bad-kind.claims.yaml")
    assert isinstance(info.value, ValueError)
    finding = info.value.report.errors[0]
    assert (finding.code, finding.line) == ("schema.enum", 13)
    assert "bad-kind.claims.yaml:13" in str(info.value)


def test_load_of_a_folder_needs_exactly_one_claim_file() -> None:
    with pytest.raises(ec.ClaimFileError, match="claim files"):
        ec.load(BAD)


def test_validate_returns_a_plain_data_report() -> None:
    report = ec.validate(MINI)
    assert report.ok and report.claims == 5 and len(report.files) == 1
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data


def test_report_to_frame_has_one_row_per_finding() -> None:
    report = ec.validate(BAD / "duplicate-id.claims.yaml")
    frame = report.to_frame()
    assert list(frame.columns) == [
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "claim_id",
        "path",
    ]
    assert len(frame) == len(report.findings)
    assert "id.duplicate" in set(frame["code"])


def test_schema_errors_do_not_hide_other_claims_problems(tmp_path: Path, mini_copy: Path) -> None:
    text = (mini_copy / "claims.yaml").read_text("utf-8")
    text = text.replace("    kind: recommendation\n", "    kind: advice\n")
    text = text.replace("{type: challenges, target: mini-001}", "{type: challenges, target: x}")
    (mini_copy / "claims.yaml").write_text(text, "utf-8")
    report = ec.validate(mini_copy)
    assert {"schema.enum", "relation.unknown-target"} <= set(report.codes())


def test_all_schema_errors_of_a_file_are_reported(mini_copy: Path) -> None:
    text = (mini_copy / "claims.yaml").read_text("utf-8")
    text = text.replace("kind: claim\n", "kind: statement\n")
    (mini_copy / "claims.yaml").write_text(text, "utf-8")
    report = ec.validate(mini_copy)
    assert report.codes()["schema.enum"] == text.count("kind: statement")


def test_decode_reports_the_position_of_a_bad_byte() -> None:
    decoded = decode(b"ab\ncd\xffe", file="x", what="document")
    assert decoded.text is None
    (finding,) = decoded.findings
    assert (finding.code, finding.line, finding.column) == ("file.encoding", 2, 3)


def test_decode_keeps_text_after_a_utf8_bom() -> None:
    decoded = decode(codecs.BOM_UTF8 + "é".encode(), file="x", what="document")
    assert decoded.text == "é" and decoded.bom
    assert [f.code for f in decoded.findings] == ["file.bom"]


def test_unreadable_bibliography_is_reported_at_its_line(mini_copy: Path) -> None:
    (mini_copy / "folder.bib").mkdir()
    path = mini_copy / "claims.yaml"
    path.write_text(path.read_text("utf-8").replace("references.bib", "folder.bib"), "utf-8")
    report = ec.validate(path)
    (finding,) = [f for f in report.findings if f.code == "file.unreadable"]
    assert finding.line == 8 and finding.file.endswith("claims.yaml")


def test_folder_without_claim_files_is_an_error(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "file.no-claim-files" in result.output


def test_alias_expansion_is_bounded(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 6)]
    path = tmp_path / "bomb.claims.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    report = ec.validate(path, root=tmp_path, limits=Limits(max_nodes=1000))
    assert "limits.size" in report.codes()


def test_duplicate_bibtex_fields_are_reported() -> None:
    bib = parse_bibliography("@article{a,\n title={x},\n title={y}\n}\n", file="r.bib")
    assert [(f.code, f.line) for f in bib.findings] == [("bib.duplicate-field", 1)]


def test_unknown_pydantic_errors_still_become_located_findings() -> None:
    error = {"type": "something_new", "loc": ("claims", 0, "text"), "msg": "odd", "input": 1}
    (finding,) = findings_from_errors([error], {}, JsonLocator("{}"), "f.json")
    assert finding.code == "schema.invalid" and finding.path == "/claims/0/text"


def test_json_index_locates_keys_values_and_duplicates() -> None:
    text = '{\n  "a": [1, {"b": 2, "b": 3}],\n  "c": NaN\n}'
    index = JsonIndex(text)
    lines = LineIndex(text)
    assert lines.position(index.values[("a", 1, "b")]) == (2, 18)
    assert lines.position(index.keys[("c",)]) == (3, 3)
    assert [lines.position(o) for _p, o in index.duplicates] == [(2, 21)]
    assert [(p, t) for p, _o, t in index.non_finite] == [(("c",), "NaN")]


def test_yaml_locator_points_at_values_and_keys(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a:\n  b: [1, 2]\n  c: hello\n", "utf-8")
    parsed = parse_claim_file(path)
    assert parsed.locator.locate(("a", "c")) == (3, 6)
    assert parsed.locator.locate(("a", "c"), key=True) == (3, 3)
    assert parsed.locator.locate(("a", "b", 1)) == (2, 10)
    assert parsed.locator.locate(("a", "missing")) == (2, 3)


def test_yaml_dates_become_strings(mini_copy: Path) -> None:
    path = mini_copy / "claims.yaml"
    text = path.read_text("utf-8").replace(
        "    certainty: low\n",
        "    certainty: low\n    review: {status: confirmed, by: 2024-05-01}\n",
    )
    path.write_text(text, "utf-8")
    cs = ec.load(path)
    assert cs["mini-002"].review.by == "2024-05-01"


def test_bibtex_protective_braces_are_kept() -> None:
    bib = parse_bibliography(
        "@misc{who2021, author = {{World Health Organization}}, title = {A {Thai} study}}"
    )
    entry = bib["who2021"]
    assert entry.get("author") == "{World Health Organization}"
    assert entry.get("title") == "A {Thai} study"
