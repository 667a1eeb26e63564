"""Hostile claim files: bounded, refused before construction, reported at a line, never raised."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

import evidence_claims as ec
from evidence_claims.io.claim_file import parse_claim_file
from evidence_claims.io.limits import Limits
from evidence_claims.io.reading import read_bytes
from evidence_claims.model.report import Report

from .conftest import MINI


def _validate(path: Path, root: Path, limits: Limits | None = None) -> Report:
    return ec.validate(path, root=root, limits=limits)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def _located(report: Report, code: str) -> list[tuple[int | None, int | None]]:
    return [(f.line, f.column) for f in report.findings if f.code == code]


@pytest.fixture
def mini_text() -> str:
    return (MINI / "claims.yaml").read_text("utf-8")


# --- aliases -----------------------------------------------------------------------------------


def _bomb(levels: int, width: int) -> str:
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    # 10**12 values once expanded: anything that expands it would not finish
    path = _write(tmp_path, "bomb.claims.yaml", _bomb(12, 10))
    started = time.process_time()
    report = _validate(path, tmp_path)
    assert time.process_time() - started < 2
    assert _located(report, "limits.size") and len(report.findings) == 1
    line, _column = _located(report, "limits.size")[0]
    assert line is not None and 2 <= line <= 12


def test_alias_count_is_bounded_by_the_configured_limit(tmp_path: Path) -> None:
    text = "a: &a x\nb: [*a, *a, *a, *a]\n"
    path = _write(tmp_path, "aliases.claims.yaml", text)
    assert _located(_validate(path, tmp_path, Limits(max_aliases=3)), "limits.aliases") == [(2, 17)]
    assert "limits.aliases" not in _validate(path, tmp_path, Limits(max_aliases=4)).codes()


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "cycle.claims.yaml", "a: &a {b: [1, *a]}\n")
    assert _located(_validate(path, tmp_path), "limits.aliases") == [(1, 15)]


def test_a_redefined_anchor_keeps_the_size_of_its_latest_definition(tmp_path: Path) -> None:
    # YAML allows redefining an anchor; *a then names the inner, completed node: no cycle
    path = _write(tmp_path, "redefined.claims.yaml", "a: &a [&a x, *a]\n")
    report = _validate(path, tmp_path)
    assert "limits.aliases" not in report.codes()
    assert "schema.required" in report.codes()


def test_ordinary_anchors_and_aliases_still_load(mini_copy: Path, mini_text: str) -> None:
    text = mini_text.replace(
        "    evidence:\n      type: anecdotal_report\n      sources: []\n      basis: explicit\n",
        "    evidence: &anecdote\n      type: anecdotal_report\n      sources: []\n"
        "      basis: explicit\n",
        1,
    )
    assert text.count("&anecdote") == 1
    path = _write(mini_copy, "claims.yaml", text)
    assert ec.validate(path).ok
    assert ec.load(path)["mini-001"].evidence.type == "anecdotal_report"


# --- depth, size, strings, claims -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: " + "[" * 20_000 + "]" * 20_000 + "\n", (1, 67)),
        ("".join(" " * i + "a:\n" for i in range(200)), (64, 64)),
    ],
    ids=["flow", "block"],
)
def test_deep_yaml_is_refused_at_the_first_level_too_deep(
    tmp_path: Path, text: str, where: tuple[int, int]
) -> None:
    path = _write(tmp_path, "deep.claims.yaml", text)
    started = time.process_time()
    report = _validate(path, tmp_path)
    assert time.process_time() - started < 5
    assert _located(report, "limits.depth") == [where]


def test_deep_json_is_refused_at_a_located_bracket(tmp_path: Path) -> None:
    text = '{\n "claims": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path = _write(tmp_path, "deep.claims.json", text)
    report = _validate(path, tmp_path)
    assert _located(report, "limits.depth") == [(2, 12 + 62)]


@pytest.mark.parametrize("name", ["claims.yaml", "claims.json"])
def test_depth_limit_is_configurable(mini_copy: Path, name: str) -> None:
    path = _to_format(mini_copy, name)
    assert ec.validate(path).ok
    report = ec.validate(path, limits=Limits(max_depth=3))
    assert [f.code for f in report.findings] == ["limits.depth"]
    assert report.findings[0].line is not None and report.findings[0].line > 1


def _to_format(folder: Path, name: str) -> Path:
    if name.endswith(".yaml"):
        return folder / "claims.yaml"
    data = parse_claim_file(folder / "claims.yaml").data
    (folder / "claims.yaml").unlink()
    path = folder / name
    path.write_text(json.dumps(data, indent=2), "utf-8")
    return path


@pytest.mark.parametrize("name", ["claims.yaml", "claims.json"])
def test_long_strings_are_refused_at_their_line(mini_copy: Path, name: str) -> None:
    path = _to_format(mini_copy, name)
    report = ec.validate(path, limits=Limits(max_string_length=80))
    hits = [f for f in report.findings if f.code == "limits.string-length"]
    assert hits and all(f.line and f.line > 2 for f in hits)
    assert "92 characters" in hits[0].message or "limit of 80" in hits[0].message


@pytest.mark.parametrize("name", ["claims.yaml", "claims.json"])
def test_claim_count_is_bounded(mini_copy: Path, name: str) -> None:
    path = _to_format(mini_copy, name)
    report = ec.validate(path, limits=Limits(max_claims=4))
    (finding,) = report.findings
    assert finding.code == "limits.claims" and finding.path == "/claims"
    assert "5 claims" in finding.message
    assert finding.line == (10 if name.endswith(".yaml") else 9)


def test_node_count_is_bounded_for_json(mini_copy: Path) -> None:
    path = _to_format(mini_copy, "claims.json")
    assert [f.code for f in ec.validate(path, limits=Limits(max_nodes=50)).findings] == [
        "limits.size"
    ]


def test_file_size_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.claims.yaml"
    with path.open("wb") as handle:  # a sparse file: 20 GB that take no space
        handle.truncate(20 * 1024**3)
    started = time.process_time()
    report = _validate(path, tmp_path)
    assert time.process_time() - started < 1
    assert _located(report, "limits.size") == [(1, 1)]
    assert "max-yaml-bytes" in report.findings[0].message


def test_file_size_limit_is_configurable(mini_copy: Path) -> None:
    report = ec.validate(mini_copy / "claims.yaml", limits=Limits(max_file_bytes=1000))
    assert [f.code for f in report.findings] == ["limits.size"]


def test_the_document_is_bounded_too_and_reported_where_it_is_named(mini_copy: Path) -> None:
    (mini_copy / "document.txt").write_text("x" * 5000, "utf-8")
    report = ec.validate(mini_copy / "claims.yaml", limits=Limits(max_file_bytes=4000))
    (finding,) = [f for f in report.findings if f.code == "limits.size"]
    assert finding.file is not None and finding.file.endswith("claims.yaml")
    assert finding.line == 6 and finding.path == "/document/path"


def test_reading_stops_past_the_limit_when_the_size_is_not_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "grows.claims.yaml"
    path.write_bytes(b"a: 1\n" * 100)
    real_fstat = os.fstat

    class Zero:
        def __init__(self, info: os.stat_result) -> None:
            self.st_mode, self.st_size = info.st_mode, 0

    monkeypatch.setattr(os, "fstat", lambda fd: Zero(real_fstat(fd)))
    raw, findings = read_bytes(path, file="f", what="claim file", max_bytes=100)
    assert raw is None and [f.code for f in findings] == ["limits.size"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.claims.yaml"
    os.mkfifo(path)
    started = time.process_time()
    report = _validate(path, tmp_path)
    assert time.process_time() - started < 1
    (finding,) = report.findings
    assert finding.code == "file.unreadable" and "not a regular file" in finding.message


def test_a_directory_named_like_a_claim_file_is_unreadable(tmp_path: Path) -> None:
    raw, findings = read_bytes(tmp_path, file="d", what="claim file")
    assert raw is None and "directory" in findings[0].message


# --- tags, merge keys, duplicates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/object/apply:os.system ['touch {marker}']", "!!python/object/apply:os.system"),
        ("!!python/object/new:os.system ['touch {marker}']", "!!python/object/new:os.system"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!python/module:os", "!!python/module:os"),
        ("!custom {{a: 1}}", "!custom"),
        ("!<tag:example.com,2024:x> 1", "tag:example.com,2024:x"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {{a, b}}", "!!set"),
        ("!!str 1", "!!str"),
    ],
)
def test_explicit_tags_are_refused_before_construction(
    mini_copy: Path, mini_text: str, value: str, shown: str
) -> None:
    marker = mini_copy / "pwned"
    text = mini_text.replace(
        "  title: A small test document\n", f"  title: {value.format(marker=marker)}\n"
    )
    path = _write(mini_copy, "claims.yaml", text)
    report = ec.validate(path)
    assert [(f.code, f.line, f.column) for f in report.findings] == [("file.yaml-tag", 5, 10)]
    assert shown in report.findings[0].message
    assert not marker.exists()


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "m.claims.yaml", "a: &a {x: 1}\nb:\n  <<: *a\n  y: 2\n")
    assert _located(_validate(path, tmp_path), "file.yaml-merge-key") == [(3, 3)]


def test_every_duplicate_yaml_key_is_reported(tmp_path: Path) -> None:
    text = "a: 1\nb: 2\na: 3\nc: {d: 1, d: 2}\nb: 4\n"
    report = _validate(_write(tmp_path, "d.claims.yaml", text), tmp_path)
    assert [(f.code, f.line, f.column) for f in report.findings] == [
        ("file.duplicate-key", 3, 1),
        ("file.duplicate-key", 4, 11),
        ("file.duplicate-key", 5, 1),
    ]


def test_keys_equal_only_as_strings_are_duplicates(tmp_path: Path) -> None:
    report = _validate(_write(tmp_path, "k.claims.yaml", "1: a\n'1': b\n"), tmp_path)
    assert [(f.code, f.line) for f in report.findings] == [("file.duplicate-key", 2)]


def test_every_duplicate_json_key_is_reported(tmp_path: Path) -> None:
    text = '{"a": 1,\n "a": 2,\n "b": {"c": 1, "c": 2}}'
    report = _validate(_write(tmp_path, "d.claims.json", text), tmp_path)
    assert [(f.code, f.line) for f in report.findings] == [
        ("file.duplicate-key", 2),
        ("file.duplicate-key", 3),
    ]


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_json_non_finite_numbers_are_refused(tmp_path: Path, token: str) -> None:
    text = '{"document": {},\n "claims": [' + token + "]}"
    report = _validate(_write(tmp_path, "n.claims.json", text), tmp_path)
    (finding,) = report.findings
    assert finding.code == "file.non-finite"
    assert finding.line == (1 if token == "1e400" else 2)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_integers_too_long_for_python_are_a_located_finding(tmp_path: Path, suffix: str) -> None:
    digits = "7" * (sys.get_int_max_str_digits() + 1)
    text = f'{{"a": 1,\n "b": {digits}}}'
    report = _validate(_write(tmp_path, "i.claims" + suffix, text), tmp_path)
    assert _located(report, "limits.size") == [(2, 7)]


def test_an_impossible_date_is_a_located_syntax_error(mini_copy: Path, mini_text: str) -> None:
    text = mini_text.replace(
        "    certainty: low\n",
        "    certainty: low\n    review: {status: confirmed, by: 2024-13-45}\n",
    )
    report = ec.validate(_write(mini_copy, "claims.yaml", text))
    (finding,) = report.findings
    assert (finding.code, finding.line) == ("file.syntax", 29)
    assert "2024-13-45" in finding.message


# --- encodings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code", "where"),
    [
        ("a: 1\n".encode("utf-16"), "file.encoding", (1, 1)),
        ("a: 1\n".encode("utf-32"), "file.encoding", (1, 1)),
        (b"a: 1\nb: caf\xe9\n", "file.encoding", (2, 7)),
        (b"a: 1\nb: \xed\xa0\x80\n", "file.encoding", (2, 4)),  # an encoded surrogate
        (b"a: 1\nb: \x00x\n", "file.syntax", (2, 4)),
    ],
    ids=["utf16", "utf32", "latin1", "surrogate", "nul"],
)
def test_bad_encodings_and_characters_are_located(
    tmp_path: Path, raw: bytes, code: str, where: tuple[int, int]
) -> None:
    path = tmp_path / "e.claims.yaml"
    path.write_bytes(raw)
    assert _located(_validate(path, tmp_path), code) == [where]


def test_a_utf8_bom_is_a_warning_and_the_file_still_loads(mini_copy: Path) -> None:
    path = mini_copy / "claims.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    report = ec.validate(path)
    assert report.ok and report.codes()["file.bom"] == 1
    assert not [f for f in report.findings if f.code.startswith(("file.", "schema."))][1:]


# --- configuration ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem", "line"),
    [
        ("x = " + "[" * 50_000 + "]" * 50_000, "nested too deeply", 1),
        ("x = " + "{a=" * 5_000 + "1" + "}" * 5_000, "nested too deeply", 1),
        ("[tool.evidence-claims.limits]\nmax-depth = " + "9" * 5_000, "digits", 1),
        ("tool = 1\n", None, None),
        ("[tool.evidence-claims.limits]\nmax-file-bytes = " + "9" * 30, "at most", 2),
        ("[tool]\nevidence-claims = 3\n", "must be a table", 1),
        ("a = 1\n[tool.evidence-claims]\nunknown = 1\n", "unknown key", 3),
    ],
    ids=["deep-array", "deep-table", "long-int", "tool-not-table", "huge", "not-table", "key"],
)
def test_configuration_problems_are_located_findings(
    tmp_path: Path, text: str, problem: str | None, line: int | None
) -> None:
    from evidence_claims.pipeline.config import load_config

    path = tmp_path / "pyproject.toml"
    path.write_text(text, "utf-8")
    config, findings = load_config(path)
    if problem is None:
        assert findings == []
        return
    (finding,) = findings
    assert finding.code == "config.invalid" and problem in finding.message
    assert finding.line == line
    assert config.limits.max_file_bytes <= 2**62


@pytest.mark.parametrize(
    ("name", "text", "code"),
    [
        ("c.claims.yaml", "# only a comment\n", "file.empty"),
        ("c.claims.yaml", "%YAML 1.2\n--- # nothing\n", "file.empty"),
        ("c.claims.yaml", "null\n", "schema.type"),
        ("c.claims.yaml", "--- ~\n", "schema.type"),
        ("c.claims.json", " null\n", "schema.type"),
    ],
)
def test_a_file_that_parses_to_nothing_is_an_error(
    tmp_path: Path, name: str, text: str, code: str
) -> None:
    # these once validated with exit code 0: no data, and no finding either
    report = _validate(_write(tmp_path, name, text), tmp_path)
    assert not report.ok
    assert [f.code for f in report.findings] == [code]


def test_yaml_files_have_their_own_smaller_size_limit(tmp_path: Path, mini_text: str) -> None:
    # the round-trip YAML parser reads a few hundred kB/s: a large YAML file is refused
    # before it is read, where the same data as JSON is fine
    limits = Limits(max_yaml_bytes=1000)
    path = _write(tmp_path, "big.claims.yaml", mini_text)
    (finding,) = _validate(path, tmp_path, limits).findings
    assert finding.code == "limits.size" and "max-yaml-bytes" in finding.message
    data = parse_claim_file(MINI / "claims.yaml").data
    as_json = _write(tmp_path, "big.claims.json", json.dumps(data, indent=2))
    assert "limits.size" not in _validate(as_json, tmp_path, limits).codes()
    assert Limits().max_yaml_bytes <= Limits().max_file_bytes


def test_a_bibliography_has_its_own_size_limit(mini_copy: Path) -> None:
    # bibtexparser slows down more than linearly on hostile input: a .bib is bounded apart
    report = ec.validate(mini_copy / "claims.yaml", limits=Limits(max_bib_bytes=100))
    (finding,) = [f for f in report.findings if f.code == "limits.size"]
    assert "max-bib-bytes" in finding.message and "bibliography" in finding.message
    assert finding.path == "/document/bibliography" and finding.line == 8
