"""A large JSON claim file validated a chunk at a time gives the report of reading it whole.

Every case runs both paths on the same file: the whole file (``stream_bytes`` above its size)
and the chunked reading (every file streamed, in small chunks so that a few thousand claims
make many chunks and relations, duplicates and passages cross them).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from evidence_claims.io.claim_file import parse_claim_file
from evidence_claims.io.limits import Limits
from evidence_claims.model.report import Report
from evidence_claims.pipeline.stream import stream_report
from evidence_claims.pipeline.validation import validate_file
from evidence_claims.testing.synthetic import CorpusShape, write_corpus

from .conftest import changed_copy

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "claims" / "kratom-addiction"
LIMITS = Limits(max_file_bytes=10**9, max_claims=10**7, max_nodes=10**9)


def whole(path: Path) -> Report:
    return validate_file(path, limits=LIMITS, stream_bytes=10**12)[1].sorted()


def streamed(path: Path, chunk_bytes: int = 8192) -> Report | None:
    report = stream_report(path, limits=LIMITS, min_bytes=0, chunk_bytes=chunk_bytes)
    return report.sorted() if report is not None else None


def assert_same(path: Path, chunk_bytes: int = 8192) -> Report:
    expected = whole(path)
    got = streamed(path, chunk_bytes)
    assert got is not None, "the file was not streamed"
    assert [f.to_dict() for f in got.findings] == [f.to_dict() for f in expected.findings]
    assert got.assessments == expected.assessments
    assert (got.files, got.claims) == (expected.files, expected.claims)
    return got


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One synthetic claim file of 5,200 claims (the generator's 0.5 % of mistakes in it)."""
    base = tmp_path_factory.mktemp("stream")
    return next(iter(write_corpus(base / "corpus", CorpusShape(5200, 5200), seed=3)))


def rewrite(source: Path, target_dir: Path, change: Any, indent: int | None = 1) -> Path:
    """A copy of ``source``'s set with its claim data changed by ``change(data)``."""
    return changed_copy(source, target_dir / "set", change, indent)


def test_synthetic_corpus(corpus: Path) -> None:
    report = assert_same(corpus)
    assert report.claims == 5200 and len(report.assessments) == 5200
    assert "relation.unknown-target" in {f.code for f in report.findings}


def test_bundled_set_as_json(tmp_path: Path) -> None:
    folder = tmp_path / "kratom"
    shutil.copytree(BUNDLED, folder)
    data = parse_claim_file(folder / "claims.yaml").data
    (folder / "claims.yaml").unlink()
    path = folder / "claims.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    report = assert_same(path, chunk_bytes=2048)  # not ASCII: “quotes” and dashes
    assert report.claims == len(data["claims"])
    assert report.findings  # the bundled set has its info and warning findings


def test_one_line_file(corpus: Path, tmp_path: Path) -> None:
    """Columns on a single line of several megabytes (a minified file)."""
    assert_same(rewrite(corpus, tmp_path, lambda data: None, indent=None))


def test_duplicate_ids_and_bad_relations_across_chunks(corpus: Path, tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        claims = data["claims"]
        claims[4000]["id"] = claims[10]["id"]
        claims[4100]["id"] = claims[10]["id"]
        claims[3000]["relations"] = [
            {"type": "supports", "target": claims[5]["id"] + "x"},
            {"type": "challenges", "target": claims[4999]["id"]},
        ]
        claims[20]["relations"] = [{"type": "supports", "target": claims[5100]["id"]}]
        claims[50]["suppress"] = [
            {"code": "certainty.differs", "reason": "kept"},
            {"code": "anchor.text-mismatch", "reason": "never raised"},
        ]

    report = assert_same(rewrite(corpus, tmp_path, change))
    duplicates = [f for f in report.findings if f.code == "id.duplicate"]
    assert len([f for f in duplicates if f.path in ("/claims/4000/id", "/claims/4100/id")]) == 2
    assert any(f.code == "suppress.unused" for f in report.findings)


def test_schema_errors_in_item_5000(corpus: Path, tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        claim = data["claims"][5000]
        claim["anchor"]["start"] = "twelve"
        claim["kind"] = "claimm"
        claim["unknown"] = 1
        data["claims"][5001]["anchor"]["end"] = 1.5
        data["claims"][17]["relations"] = [{"type": "supports", "target": claim["id"]}]

    report = assert_same(rewrite(corpus, tmp_path, change))
    located = {(f.code, f.path) for f in report.findings if f.code.startswith("schema.")}
    assert ("schema.type", "/claims/5000/anchor/start") in located
    assert ("schema.enum", "/claims/5000/kind") in located
    assert ("schema.unknown-field", "/claims/5000/unknown") in located
    assert report.claims == 5198  # the two that failed are not claims of the set
    # an incomplete set is not checked for coverage
    assert not any(f.code == "coverage.uncovered-text" for f in report.findings)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda text: text[: len(text) * 3 // 5], id="truncated"),
        pytest.param(lambda text: text.replace('"kind"', '"kind": 1, "kind"', 1), id="dup-key"),
        pytest.param(lambda text: "\ufeff" + text, id="bom"),
        pytest.param(lambda text: text.replace("\n", "\r", 1), id="lone-cr"),
    ],
)
def test_files_it_cannot_follow_are_read_whole(corpus: Path, tmp_path: Path, damage: Any) -> None:
    path = rewrite(corpus, tmp_path, lambda data: None)
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert streamed(path) is None
    # and validate gives the whole file's report (validate_file streams only large files)
    assert validate_file(path, limits=LIMITS, stream_bytes=0)[1].sorted() == whole(path)


def test_crlf_file(corpus: Path, tmp_path: Path) -> None:
    """Lines that end in CRLF (a file written on Windows) are followed, lines and columns
    included."""
    path = rewrite(corpus, tmp_path, lambda data: None)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert_same(path)


def test_too_many_claims(corpus: Path) -> None:
    limits = Limits(max_file_bytes=10**9, max_claims=1000, max_nodes=10**9)
    expected = validate_file(corpus, limits=limits, stream_bytes=10**12)[1].sorted()
    got = stream_report(corpus, limits=limits, min_bytes=0, chunk_bytes=8192)
    assert got is not None
    assert [f.code for f in expected.findings] == ["limits.claims"]
    assert got.sorted() == expected


def test_small_files_are_not_streamed(corpus: Path) -> None:
    assert stream_report(corpus, limits=LIMITS) is None  # below STREAM_BYTES


def test_validate_streams_large_files_and_validate_file_keeps_the_set(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``validate`` (every command's path) streams a file at least ``STREAM_BYTES`` large;
    ``validate_file`` without ``stream_bytes`` loads the set whole and returns it (export
    writes the claims themselves)."""
    import evidence_claims.pipeline.stream as stream_module
    from evidence_claims.pipeline import validation

    calls: list[Path] = []
    real = stream_module.stream_report

    def spy(path: Path, **kwargs: Any) -> Report | None:
        calls.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(stream_module, "stream_report", spy)
    monkeypatch.setattr(stream_module, "STREAM_BYTES", 0)
    report = validation.validate(corpus, limits=LIMITS, jobs=1)
    assert calls == [corpus]
    assert [f.to_dict() for f in report.findings] == [f.to_dict() for f in whole(corpus).findings]
    claim_set, _ = validate_file(corpus, limits=LIMITS)
    assert claim_set is not None and len(claim_set.claims) == 5200
