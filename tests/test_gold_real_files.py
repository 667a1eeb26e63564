"""The real-text gold sets stay well formed (never runs the extractor).

``benchmarks/extract_agreement.py`` scores the extractor against the hand annotations of
``benchmarks/gold-real`` (tune half) and of the blind halves ``gold-real-blind`` and
``gold-real-blind-2``, and of the validation half ``gold-real-val`` (aggregate rows only);
``benchmarks/annotator_agreement.py`` compares ``gold-real-iaa`` (a second annotator's labels of
ten of those passages) and ``gold-real-iaa-blind`` (a second annotation of blind passages) with
the first annotation. A
quote that no longer sits at its offsets, a stale digest, a key missing from the bibliography
or a ``SOURCE.md`` without its plain ``genre:`` line would make those figures wrong without
any error, so each passage is checked here, by reading its files only. The blind and
validation halves' annotations are never compared with extractor output in the tests.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml

from evidence_claims.pipeline.validation import validate

from .benchmark_scripts import load_benchmark

ROOT = Path(__file__).resolve().parents[1]
SETS = (
    "gold-real",
    "gold-real-blind",
    "gold-real-blind-2",
    "gold-real-val",
    "gold-real-iaa",
    "gold-real-iaa-blind",
)
BLIND_SETS = ("gold-real-blind", "gold-real-blind-2")
# The line extract_agreement.genre reads (same pattern), plain: "- genre: trial abstract".
GENRE = re.compile(r"^\W*genre:\s*(.+?)\s*$", re.M | re.I)
BIB_KEY = re.compile(r"^@\w+\{([^,\s]+),", re.M)


def _folders() -> list[Path]:
    return sorted(
        p
        for name in SETS
        for p in (ROOT / "benchmarks" / name).glob("*")
        if (p / "claims.yaml").is_file()
    )


FOLDERS = _folders()


def test_every_set_is_present_and_the_second_blind_half_is_large_enough() -> None:
    by_set = {name: [p for p in FOLDERS if p.parent.name == name] for name in SETS}
    # The validation half is filled passage by passage; the others must be there.
    assert all(v for k, v in by_set.items() if k != "gold-real-val"), {
        k: len(v) for k, v in by_set.items()
    }
    second = by_set["gold-real-blind-2"]
    assert len(second) >= 15
    assert len({_genre(p) for p in second}) >= 6


def test_every_validation_passage_has_its_source_and_a_readme() -> None:
    """The validation half says what it is for, and each passage where it comes from."""
    val = [p for p in FOLDERS if p.parent.name == "gold-real-val"]
    if not val:
        pytest.skip("no validation passage yet")
    readme = (ROOT / "benchmarks" / "gold-real-val" / "README.md").read_text("utf-8")
    assert "validation" in readme.lower()
    for folder in val:
        source = (folder / "SOURCE.md").read_text("utf-8")
        assert re.search(r"https?://", source), f"{folder.name}: SOURCE.md names no address"
        assert re.search(r"licen[cs]e", source, re.I), f"{folder.name}: SOURCE.md names no licence"
        for claim in yaml.safe_load((folder / "claims.yaml").read_text("utf-8"))["claims"]:
            assert claim["review"]["by"] == "annotator", claim["id"]


def test_every_second_annotation_mirrors_a_first_one() -> None:
    """Each passage of the agreement study has the first annotation's very text and sources.

    The alignment compares character offsets, so a document that differs by one byte from the
    first annotation's would misalign every unit after it without an error; a bibliography that
    differs would make the attributed-source figure compare different keys.
    """
    iaa = [p for p in FOLDERS if p.parent.name == "gold-real-iaa"]
    assert len(iaa) >= 10
    for folder in iaa:
        firsts = [
            ROOT / "benchmarks" / name / folder.name
            for name in ("gold-real", "gold-real-val")
            if (ROOT / "benchmarks" / name / folder.name / "claims.yaml").is_file()
        ]
        assert len(firsts) == 1, f"{folder.name}: no single first annotation"
        first = firsts[0]
        for name in ("document.txt", "references.bib"):
            assert (folder / name).is_file() == (first / name).is_file(), f"{folder.name}/{name}"
            if (first / name).is_file():
                assert (folder / name).read_bytes() == (first / name).read_bytes(), name
    decided = yaml.safe_load(
        (ROOT / "benchmarks" / "gold-real-iaa" / "decided.yaml").read_text("utf-8")
    )
    assert set(decided) == {p.name for p in iaa}
    for name, numbers in decided.items():
        count = len(
            yaml.safe_load(
                (ROOT / "benchmarks" / "gold-real-iaa" / name / "claims.yaml").read_text("utf-8")
            )["claims"]
        )
        assert all(1 <= n <= count for n in numbers or []), name


def test_every_blind_second_annotation_mirrors_a_blind_first_one() -> None:
    """The second annotation of blind passages has the blind gold's very text and sources.

    As for the earlier study, offsets are compared across the two annotations, so the document
    and bibliography must be byte for byte those of annotator 1's folder (one of the blind
    halves, found by folder name); SOURCE.md is copied too, so the per-genre reading and the
    licence stay those of the first folder.
    """
    second = [p for p in FOLDERS if p.parent.name == "gold-real-iaa-blind"]
    assert len(second) >= 9
    for folder in second:
        firsts = [
            ROOT / "benchmarks" / name / folder.name
            for name in BLIND_SETS
            if (ROOT / "benchmarks" / name / folder.name / "claims.yaml").is_file()
        ]
        assert len(firsts) == 1, f"{folder.name}: no single blind first annotation"
        first = firsts[0]
        for name in ("document.txt", "references.bib", "SOURCE.md"):
            assert (folder / name).is_file() == (first / name).is_file(), f"{folder.name}/{name}"
            if (first / name).is_file():
                assert (folder / name).read_bytes() == (first / name).read_bytes(), name
        for claim in yaml.safe_load((folder / "claims.yaml").read_text("utf-8"))["claims"]:
            assert claim["review"] == {"status": "confirmed", "by": "annotator"}, claim["id"]


def _genre(folder: Path) -> str:
    match = GENRE.search((folder / "SOURCE.md").read_text("utf-8"))
    assert match, f"{folder.name}: SOURCE.md has no genre: line"
    return match.group(1)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_passage_files_agree(folder: Path) -> None:
    text = (folder / "document.txt").read_text("utf-8")
    data = yaml.safe_load((folder / "claims.yaml").read_text("utf-8"))
    document = data["document"]
    assert document["id"] == folder.name
    assert document["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    genre = _genre(folder)
    assert not genre.startswith("*"), f"{folder.name}: genre line in bold: {genre!r}"
    bib = folder / "references.bib"
    keys = set(BIB_KEY.findall(bib.read_text("utf-8"))) if bib.is_file() else set()
    ids = [c["id"] for c in data["claims"]]
    assert len(ids) == len(set(ids))
    previous_end = 0
    for claim in data["claims"]:
        anchor = claim["anchor"]
        start, end = anchor["start"], anchor["end"]
        assert text[start:end] == claim["text"], claim["id"]
        assert text[max(0, start - len(anchor["prefix"])) : start] == anchor["prefix"], claim["id"]
        assert text[end : end + len(anchor["suffix"])] == anchor["suffix"], claim["id"]
        assert start >= previous_end, f"{claim['id']} overlaps the claim before it"
        previous_end = end
        for cue in (claim.get("hedges") or []) + (claim.get("boosters") or []):
            assert start <= cue["start"] < cue["end"] <= end, claim["id"]
            assert text[cue["start"] : cue["end"]] == cue["cue"], claim["id"]
        missing = set(claim["evidence"].get("sources") or []) - keys
        assert not missing, f"{claim['id']}: keys not in references.bib: {missing}"
        assert claim["review"]["status"] == "confirmed"


@pytest.mark.parametrize(
    "folder",
    [p for p in FOLDERS if p.parent.name != "gold-real"],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_blind_passages_validate_without_errors(folder: Path) -> None:
    report = validate(folder / "claims.yaml", jobs=1)
    assert report.ok, [f"{f.code} {f.message}" for f in report.errors]


def _agreement_script():
    """The extraction agreement benchmark, loaded from its file."""
    return load_benchmark("extract_agreement")


def test_genre_rows_group_a_label_with_its_qualified_forms(tmp_path: Path) -> None:
    """A qualifier in brackets after the label does not open a row of its own.

    Otherwise a one-passage row appears for every qualified label, and a per-genre row of an
    aggregate-only half becomes a per-document row.
    """
    script = _agreement_script()
    for line, expected in (
        ("- genre: survey abstract", "survey abstract"),
        (
            "- genre: survey abstract (analysis of a national interview survey; inline labels)",
            "survey abstract",
        ),
        ("- genre: narrative review (numbered references)", "narrative review"),
        ("- genre: agency statement: an FDA notice (copied on a blog)", "agency statement"),
        ("- genre: cohort abstract (case-control study: two designs)", "cohort abstract"),
        ("genre: news report (a post of the NCHS blog)", "news report"),
    ):
        folder = tmp_path / str(abs(hash(line)))
        folder.mkdir()
        (folder / "SOURCE.md").write_text(f"# x\n\n{line}\n", "utf-8")
        assert script.genre(folder) == expected, line
    assert script.genre(tmp_path / "missing") == "unknown"
