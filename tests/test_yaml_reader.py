"""The fast located YAML reader: the values ruamel.yaml gives, positions, and bounded work."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest

from evidence_claims.io import claim_file as files
from evidence_claims.io.limits import Limits
from evidence_claims.io.yaml_fast import read_yaml

KRATOM = Path(__file__).resolve().parents[1] / "claims" / "kratom-addiction" / "claims.yaml"

# (plain scalar, the value ruamel.yaml's round-trip loader gives it for YAML 1.2)
SCALARS = [
    ("no", "no"),
    ("yes", "yes"),
    ("on", "on"),
    ("y", "y"),
    ("true", True),
    ("TRUE", True),
    ("False", False),
    ("null", None),
    ("~", None),
    ("", None),
    ("0o17", 15),
    ("017", 17),
    ("0x1F", 31),
    ("0b101", 5),
    ("1_000", 1000),
    ("+12", 12),
    ("1:20", "1:20"),
    ("1e3", 1000.0),
    ("1.", 1.0),
    ("-.INF", -math.inf),
    (".5", 0.5),
    ("0o8", "0o8"),
    ("1,000", "1,000"),
    ("2024-01-02", "2024-01-02"),
    ("2024-01-02T10:00:00Z", "2024-01-02T10:00:00+00:00"),
    ("2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43.100000-05:00"),
    ("'quoted'", "quoted"),
    ('"017"', "017"),
    ("e3", "e3"),
]


@pytest.mark.parametrize(("scalar", "value"), SCALARS, ids=[s for s, _ in SCALARS])
def test_scalars_read_as_the_round_trip_loader_reads_them(scalar: str, value: object) -> None:
    read = read_yaml(f"k: {scalar}\n", Limits())
    assert read.problems == []
    assert read.data == {"k": value}
    assert type(read.data["k"]) is type(value)


def test_a_yaml_1_1_document_reads_with_the_1_1_rules() -> None:
    read = read_yaml("%YAML 1.1\n---\na: no\nb: 017\nc: 1:20\n", Limits())
    assert read.data == {"a": False, "b": 15, "c": 80}


def test_a_higher_minor_version_reads_as_1_2() -> None:
    read = read_yaml("%YAML 1.3\n---\na: no\n", Limits())
    assert read.problems == [] and read.data == {"a": "no"}


def _codes(text: str, limits: Limits | None = None) -> list[tuple[str, int, int]]:
    read = read_yaml(text, limits or Limits())
    assert read.data is None
    return [(p.code, p.line, p.column) for p in read.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # integers whose decimal form int()/str() refuse, in every base
        ("k: 0x" + "f" * 4000 + "\n", [("limits.size", 1, 4)]),
        ("k: 0o" + "7" * 5000 + "\n", [("limits.size", 1, 4)]),
        ("k: 0b" + "1" * 15000 + "\n", [("limits.size", 1, 4)]),
        ("k: " + "1" * 4301 + "\n", [("limits.size", 1, 4)]),
        # escapes no UTF-8 text can hold, in a key and in a value
        ('k: "\\UFFFFFFFF"\n', [("file.syntax", 1, 7)]),
        ("a: 1\nb: 2\na: 3\n1: x\n'1': y\n", [("file.duplicate-key", 3, 1)] * 1
         + [("file.duplicate-key", 5, 1)]),
        ("a: &x {b: 1}\nc:\n  <<: *x\n", [("file.yaml-merge-key", 3, 3)]),
        ("a: !!python/object:os.system x\n", [("file.yaml-tag", 1, 4)]),
        ("a: &x [1, *x]\n", [("limits.aliases", 1, 11)]),
        ("a: *nope\n", [("file.syntax", 1, 4)]),
        ("a: 1\n---\nb: 2\n", [("file.syntax", 2, 1)]),
        ("? [a, b]\n: 1\n", [("file.syntax", 1, 3)]),
        ("k: 2024-13-45\n", [("file.syntax", 1, 4)]),
        ("k: a\x01b\n", [("file.syntax", 1, 5)]),
    ],
    ids=[
        "hex-digits", "octal-digits", "binary-digits", "decimal-digits",
        "escape-beyond-unicode", "duplicates", "merge-key", "tag", "cycle", "undefined-alias",
        "two-documents", "sequence-key", "no-such-date", "control-character",
    ],
)  # fmt: skip
def test_problems_are_located(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert _codes(text) == expected


def test_positions_match_the_round_trip_tree_on_the_bundled_file() -> None:
    """Every key and value of the bundled file is where ruamel.yaml's ``.lc`` puts it."""
    from evidence_claims.io.locate import YamlLocator

    parsed = files.parse_claim_file(KRATOM)
    tree = YamlLocator(parsed.tree)

    def paths(value: object, path: tuple[object, ...] = ()):  # type: ignore[no-untyped-def]
        yield path
        if isinstance(value, dict):
            for key, item in value.items():
                yield from paths(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from paths(item, (*path, index))

    checked = 0
    for path in paths(parsed.data):
        for key in (False, True):
            assert parsed.locator.locate(path, key=key) == tree.locate(path, key=key), path
            checked += 1
    assert checked > 2000
    assert parsed.locator.locate(("claims", 10**6)) == parsed.locator.locate(("claims",))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("k: [" + "a, " * 350_000 + "]\n", None),  # 1 MB flow sequence: 25-61 s before
        ("a: &x [1, 2, 3]\nb: [" + "*x, " * 999 + "]\n", None),  # many aliases: 12-13 s before
        ("a: &x [1]\nb: [" + "*x, " * 100_000 + "]\n", "limits.aliases"),
        ("k: " + "[" * 1_000_000 + "\n", "limits.depth"),  # no C stack to overflow
        ("k: [" + "[], " * 3_000_000 + "]\n", "limits.size"),  # 12 MB of empty lists
    ],
    ids=["flow-sequence-1MB", "aliases", "alias-count", "deep-flow", "empty-lists"],
)
def test_large_or_hostile_input_is_read_or_refused_in_seconds(text: str, code: str | None) -> None:
    started = time.process_time()  # CPU: the work done, whatever else runs on the machine
    read = read_yaml(text, Limits(max_nodes=500_000))
    assert time.process_time() - started < 5
    assert [p.code for p in read.problems] == ([code] if code else [])


@pytest.mark.parametrize("text", ['"\\ud800": 1\n', 'k: ["a", "\\U0000DC00"]\n'])
def test_a_surrogate_escape_is_read_and_then_reported_with_its_path(text: str) -> None:
    """LibYAML refuses such an escape; it is read as PyYAML reads it, so that the claim-file
    reader reports it as ``file.lone-surrogate`` where it stands, as for JSON."""
    parsed = files.ParsedFile(path=Path("x.yaml"), file="x.yaml", format="yaml")
    files.parse_claim_bytes(parsed, text.encode("utf-8"))
    [finding] = parsed.findings
    assert finding.code == "file.lone-surrogate" and finding.line == 1
    assert finding.path in ("/\\ud800", "/k/1")  # a key is shown escaped
