"""Text that is not Unicode: lone surrogate escapes in claim files, file names not UTF-8."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from evidence_claims import validate
from evidence_claims.cli import cli

from .conftest import MINI


def _mini(folder: Path, claims_name: str = "claims.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("claims.yaml", "document.txt", "references.bib"):
        (folder / name).write_bytes((MINI / name).read_bytes())
    if claims_name != "claims.yaml":
        os.rename(folder / "claims.yaml", folder / claims_name)
    return folder


@pytest.mark.parametrize(
    ("escape", "fmt"),
    [("\\ud800", "json"), ("\\udfff", "json"), ("\\ud800", "yaml"), ("\\U0000DC00", "yaml")],
)
def test_a_lone_surrogate_escape_is_a_located_finding(
    tmp_path: Path, escape: str, fmt: str
) -> None:
    folder = _mini(tmp_path / "set")
    text = (folder / "claims.yaml").read_text("utf-8")
    assert "  - id: mini-001\n" in text
    if fmt == "yaml":
        path = folder / "claims.yaml"
        path.write_text(text.replace("  - id: mini-001\n", f'  - id: "mini-{escape}"\n'), "utf-8")
        line = 1 + text[: text.index("  - id: mini-001")].count("\n")
    else:
        from ruamel.yaml import YAML

        data = YAML(typ="safe", pure=True).load(text)
        data["claims"][0]["id"] = "mini-@"
        raw = json.dumps(data, indent=2).replace("mini-@", f"mini-{escape}")
        (folder / "claims.yaml").unlink()
        path = folder / "claims.json"
        path.write_text(raw, "utf-8")
        line = 1 + raw[: raw.index(escape)].count("\n")
    report = validate(path)
    [finding] = [f for f in report.findings if f.code == "file.lone-surrogate"]
    assert (finding.line, finding.path) == (line, "/claims/0/id")
    assert finding.severity == "error" and not report.ok
    assert report.claims == 0  # the file is not read further


def test_a_surrogate_pair_in_json_is_one_character_and_fine(tmp_path: Path) -> None:
    folder = _mini(tmp_path / "set")
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load((folder / "claims.yaml").read_text("utf-8"))
    data["document"]["title"] = "@"
    raw = json.dumps(data, indent=2).replace('"@"', '"\\ud83d\\ude00"')
    (folder / "claims.yaml").unlink()
    (folder / "claims.json").write_text(raw, "utf-8")
    report = validate(folder / "claims.json")
    assert "file.lone-surrogate" not in report.codes()
    assert report.claims == 5


def test_a_file_name_that_is_not_utf8_is_shown_escaped_by_every_output(tmp_path: Path) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("this file system stores names as Unicode: no undecodable names")
    name = os.fsdecode(b"\xff.claims.yaml")
    try:
        folder = _mini(tmp_path / "set", claims_name=name)
    except OSError as exc:  # pragma: no cover - a file system that refuses such names
        pytest.skip(f"the file system refuses a non-UTF-8 name: {exc}")
    from click.testing import CliRunner

    runner = CliRunner()
    os.chdir(folder)
    try:
        for fmt in ("text", "json", "sarif", "github"):
            out = folder / f"out.{fmt}"
            for extra in ([], ["-o", str(out)]):
                result = runner.invoke(cli, ["validate", ".", "-f", fmt, *extra])
                assert result.exit_code == 0, (fmt, extra, result.output)
            written = out.read_text("utf-8")  # valid UTF-8 throughout
            # github and SARIF locations use "/" for "\\", as for a Windows path
            assert (
                "\\xff.claims.yaml" if fmt in ("text", "json") else "xff.claims.yaml"
            ) in written
        result = runner.invoke(cli, ["validate", ".", "--write-baseline", "baseline.json"])
        assert result.exit_code == 0, result.output
        for command in (["table", "."], ["report", ".", "-o", "r.html"], ["export", "."]):
            result = runner.invoke(cli, command)
            assert result.exit_code == 0, (command, result.output)
        assert "\\xff.claims.yaml" in (folder / "r.html").read_text("utf-8")
    finally:
        os.chdir(tmp_path)
