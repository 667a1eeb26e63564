"""Claim files that name one bibliography: parsed once per process, reported for each file."""

from __future__ import annotations

import shutil
from pathlib import Path

import evidence_claims.io.bib as bib_module
from evidence_claims.pipeline.validation import validate

from .conftest import MINI


def _repo(tmp_path: Path, sets: int) -> Path:
    root = tmp_path / "repo"
    (root / "claims").mkdir(parents=True)
    (root / ".evidence-claims-root").write_text("")
    shutil.copy(MINI / "references.bib", root / "claims" / "references.bib")
    text = (MINI / "claims.yaml").read_text("utf-8")
    text = text.replace("bibliography: references.bib", "bibliography: ../references.bib")
    for i in range(sets):
        folder = root / "claims" / f"set{i}"
        folder.mkdir()
        (folder / "claims.yaml").write_text(text, "utf-8")
        shutil.copy(MINI / "document.txt", folder / "document.txt")
    return root


def test_a_shared_bibliography_is_parsed_once_and_its_problems_reported_for_every_file(
    tmp_path: Path, monkeypatch
) -> None:
    root = _repo(tmp_path, 3)
    bib = root / "claims" / "references.bib"
    bib.write_text(bib.read_text("utf-8") + "\n@article{broken,\n  title = {no end\n", "utf-8")
    parsed = []
    real = bib_module.parse_bibliography

    def counting(text: str, *, file: str | None = None) -> bib_module.Bibliography:
        parsed.append(file)
        return real(text, file=file)

    monkeypatch.setattr(bib_module, "parse_bibliography", counting)
    bib_module._parse_shared.cache_clear()
    report = validate(root / "claims", jobs=1)
    assert len(parsed) == 1
    syntax = [f for f in report.findings if f.code == "bib.syntax"]
    assert len(syntax) == 3  # one per claim file that names it, as without sharing
    bib_module._parse_shared.cache_clear()
    monkeypatch.setattr(bib_module, "_parse_shared", lambda text, file: real(text, file=file))
    unshared = validate(root / "claims", jobs=1)
    assert report.findings == unshared.findings and report.assessments == unshared.assessments


def test_an_edited_bibliography_is_parsed_again(tmp_path: Path) -> None:
    root = _repo(tmp_path, 1)
    before = validate(root / "claims", jobs=1)
    assert "cite.unknown-key" not in before.codes()
    bib = root / "claims" / "references.bib"
    bib.write_text(bib.read_text("utf-8").replace("@article{matsumoto2005", "@article{renamed"))
    after = validate(root / "claims", jobs=1)
    assert "cite.unknown-key" in after.codes()
