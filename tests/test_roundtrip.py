"""Saving never loses data: round trips are byte-identical and writes are atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evidence_claims.io.claim_file import parse_claim_file
from evidence_claims.io.storage import atomic_write
from evidence_claims.io.yaml_style import dump_yaml

from .conftest import KRATOM, MINI


@pytest.mark.parametrize(
    "path", [MINI / "claims.yaml", KRATOM / "claims.yaml"], ids=["mini", "kratom"]
)
def test_yaml_round_trip_is_byte_identical(path: Path) -> None:
    parsed = parse_claim_file(path)
    assert parsed.tree is not None
    assert dump_yaml(parsed.tree, bom=parsed.bom) == path.read_bytes()


def test_a_change_touches_only_its_line(tmp_path: Path) -> None:
    source = (MINI / "claims.yaml").read_bytes()
    parsed = parse_claim_file(MINI / "claims.yaml")
    parsed.tree["claims"][1]["certainty"] = "very_low"
    after = dump_yaml(parsed.tree).decode("utf-8").splitlines()
    before = source.decode("utf-8").splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 1 and after[changed[0]].strip() == "certainty: very_low"


def test_atomic_write_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "claims.yaml"
    target.write_text("old", "utf-8")
    os.chmod(target, 0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["claims.yaml"]


def test_atomic_write_leaves_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "claims.yaml"
    target.write_text("old", "utf-8")

    def boom(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.yaml"]
