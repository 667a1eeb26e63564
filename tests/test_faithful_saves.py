"""Round trips keep every byte, and an edit changes only its own lines, whatever the style."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from evidence_claims.io.claim_file import ParsedFile, parse_claim_file
from evidence_claims.io.storage import render_claim_file, transplant
from evidence_claims.io.yaml_style import dump_yaml, make_yaml

from .conftest import BAD, KRATOM, MINI

BUNDLED = [MINI / "claims.yaml", KRATOM / "claims.yaml", *sorted(BAD.glob("*.claims.*"))]
SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _parse_bytes(raw: bytes, tmp_path: Path, suffix: str = ".yaml") -> ParsedFile:
    path = tmp_path / f"variant.claims{suffix}"
    path.write_bytes(raw)
    return parse_claim_file(path)


def _changed_lines(before: bytes, after: bytes) -> list[tuple[str, str]]:
    old = before.decode("utf-8-sig").splitlines()
    new = after.decode("utf-8-sig").splitlines()
    assert len(old) == len(new), (len(old), len(new))
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


# --- bundled files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [p for p in BUNDLED if parse_claim_file(p).ok or parse_claim_file(p).data is not None],
    ids=lambda p: p.name,
)
def test_rendering_an_unchanged_bundled_file_is_byte_identical(path: Path) -> None:
    parsed = parse_claim_file(path)
    assert render_claim_file(parsed) == path.read_bytes()


@pytest.mark.parametrize(
    "path", [MINI / "claims.yaml", KRATOM / "claims.yaml"], ids=["mini", "kratom"]
)
def test_the_bundled_files_dump_byte_identically(path: Path) -> None:
    parsed = parse_claim_file(path)
    assert dump_yaml(parsed.tree, bom=parsed.bom, newline=parsed.newline) == path.read_bytes()


def test_an_edit_to_the_kratom_set_changes_one_line() -> None:
    path = KRATOM / "claims.yaml"
    parsed = parse_claim_file(path)
    claim = parsed.tree["claims"][20]
    claim["anchor"]["start"] = claim["anchor"]["start"] + 1
    ((before, after),) = _changed_lines(path.read_bytes(), render_claim_file(parsed))
    assert "anchor:" in before and "anchor:" in after


# --- generated variants of the mini set ----------------------------------------------------------

INDENTS = [(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (3, 5, 3)]


@st.composite
def yaml_variants(draw: st.DrawFn) -> tuple[bytes, tuple[int, int, int]]:
    """The mini set re-spelled: indentation, quoting, comments, CRLF, BOM, final newline."""
    tree = make_yaml().load((MINI / "claims.yaml").read_text("utf-8"))
    for claim in tree["claims"]:
        style = draw(st.sampled_from(["keep", "single", "double"]))
        if style == "single":
            claim["text"] = SingleQuotedScalarString(str(claim["text"]))
        elif style == "double":
            claim["text"] = DoubleQuotedScalarString(str(claim["text"]))
    indent = draw(st.sampled_from(INDENTS))
    buffer = io.StringIO()
    make_yaml(indent).dump(tree, buffer)
    lines = buffer.getvalue().splitlines()
    out: list[str] = []
    for line in lines:
        if draw(st.integers(0, 9)) == 0:
            out.append(" " * draw(st.integers(0, 6)) + "# a note" + "!" * draw(st.integers(0, 3)))
        if draw(st.integers(0, 9)) == 0 and not line.rstrip().endswith(":"):
            line += "   # trailing"
        out.append(line)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(out) + (newline if draw(st.booleans()) else "")
    raw = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + raw if draw(st.booleans()) else raw), indent


EDITS: list[tuple[tuple[Any, ...], Any]] = [
    (("claims", 0, "certainty"), "low"),
    (("claims", 1, "kind"), "question"),
    (("claims", 2, "evidence", "basis"), "explicit"),
    (("claims", 3, "text"), "an edited quote, with: a colon"),
    (("claims", 4, "anchor", "end"), 288),
    (("document", "title"), "A renamed document"),
    (("document", "sha256"), "0" * 64),
]


def _set(node: Any, path: tuple[Any, ...], value: Any) -> None:
    for item in path[:-1]:
        node = node[item]
    node[path[-1]] = value


@SETTINGS
@given(variant=yaml_variants())
def test_an_unchanged_variant_renders_byte_identically(
    tmp_path: Path, variant: tuple[bytes, tuple[int, int, int]]
) -> None:
    raw, _indent = variant
    parsed = _parse_bytes(raw, tmp_path)
    assert parsed.data is not None, parsed.findings
    assert render_claim_file(parsed) == raw


@SETTINGS
@given(variant=yaml_variants(), edit=st.sampled_from(EDITS))
def test_an_edit_of_a_variant_changes_only_its_line(
    tmp_path: Path, variant: tuple[bytes, tuple[int, int, int]], edit: tuple[Any, Any]
) -> None:
    raw, _indent = variant
    parsed = _parse_bytes(raw, tmp_path)
    expected = copy.deepcopy(parsed.data)
    path, value = edit
    _set(parsed.tree, path, value)
    _set(expected, path, value)
    after = render_claim_file(parsed)
    changed = _changed_lines(raw, after)
    assert len(changed) == 1, changed
    old_line, new_line = changed[0]
    assert str(value) in new_line and str(path[-1]) in new_line
    if "# trailing" in old_line:
        assert new_line.endswith("# trailing")
    assert after.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")
    body = after.decode("utf-8-sig")
    assert ("\r\n" in body) == ("\r\n" in raw.decode("utf-8-sig"))
    assert body.endswith("\n") == raw.endswith(b"\n")
    assert _parse_bytes(after, tmp_path).data == expected


@SETTINGS
@given(variant=yaml_variants())
def test_claim_style_variants_dump_byte_identically(
    tmp_path: Path, variant: tuple[bytes, tuple[int, int, int]]
) -> None:
    # the dumper itself keeps comments, quoting, CRLF and BOM of a file in the claim style
    raw, indent = variant
    parsed = _parse_bytes(raw, tmp_path)
    dumped = dump_yaml(parsed.tree, bom=parsed.bom, newline=parsed.newline, indent=indent)
    if raw.endswith(b"\n"):
        assert dumped == raw
    else:
        assert dumped == raw + parsed.newline.encode()


@SETTINGS
@given(
    indent=st.sampled_from([None, 2, 4, "\t"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    edit=st.sampled_from(EDITS),
)
def test_json_round_trips_and_edits_touch_one_line(
    tmp_path: Path, indent: Any, newline: str, edit: tuple[Any, Any]
) -> None:
    data = parse_claim_file(MINI / "claims.yaml").data
    text = json.dumps(data, indent=indent, ensure_ascii=False).replace("\n", newline) + newline
    raw = text.encode("utf-8")
    parsed = _parse_bytes(raw, tmp_path, ".json")
    assert render_claim_file(parsed) == raw
    path, value = edit
    _set(parsed.data, path, value)
    after = render_claim_file(parsed)
    expected = copy.deepcopy(data)
    _set(expected, path, value)
    assert json.loads(after) == expected
    if indent == 2:
        assert len(_changed_lines(raw, after)) == 1


# --- the line carrier itself ---------------------------------------------------------------------


def test_transplant_keeps_lines_outside_the_change() -> None:
    original = "a:   1   # odd spacing\r\nb: 2\r\nc: 3"
    base = "a: 1  # odd spacing\nb: 2\nc: 3\n"
    new = "a: 1  # odd spacing\nb: 5\nc: 3\n"
    assert transplant(original, base, new, "\r\n") == "a:   1   # odd spacing\r\nb: 5\r\nc: 3"


def test_transplant_gives_up_when_the_change_has_no_place() -> None:
    # the original has a line ("z") the base lacks, right where "c" is inserted: before or
    # after it? The caller falls back to a full dump instead of guessing.
    assert transplant("a\nz\nb\n", "a\nb\n", "a\nc\nb\n") is None


def test_a_carried_over_edit_that_lost_the_change_falls_back_to_a_full_dump(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import evidence_claims.io.storage as storage

    parsed = _parse_bytes((MINI / "claims.yaml").read_bytes(), tmp_path)
    parsed.tree["claims"][1]["certainty"] = "high"
    monkeypatch.setattr(storage, "transplant", lambda original, *_args: original)
    after = render_claim_file(parsed)
    assert _parse_bytes(after, tmp_path).data["claims"][1]["certainty"] == "high"
