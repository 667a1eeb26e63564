"""The per-file result cache (``validate --cache-dir``): a hit gives the very report a fresh
validation gives, any change to what a result depends on misses, a damaged entry is ignored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence_claims.io.limits import Limits
from evidence_claims.model.report import Report
from evidence_claims.pipeline import result_cache, validation
from evidence_claims.pipeline.result_cache import ResultCache
from evidence_claims.testing.synthetic import CorpusShape, write_corpus

from .conftest import run_cli


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files validated afresh from now on (not taken from the cache)."""
    seen: list[Path] = []
    real = validation.validate_file

    def counting(path: Path, **kwargs: object) -> object:
        seen.append(Path(path))
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "validate_file", counting)
    return seen


def _same(a: Report, b: Report) -> None:
    assert a.findings == b.findings
    assert a.assessments == b.assessments
    assert (a.files, a.claims) == (b.files, b.claims)


def test_a_hit_gives_the_same_report(
    mini_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    fresh = validation.validate(mini_copy, jobs=1)
    cache = ResultCache(tmp_path / "cache")
    cold = validation.validate(mini_copy, jobs=1, cache=cache)
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 1
    seen = _counted(monkeypatch)
    warm = validation.validate(mini_copy, jobs=1, cache=cache)
    assert seen == []  # nothing validated again
    _same(cold, fresh)
    _same(warm, fresh)
    assert (tmp_path / "cache" / ".gitignore").read_text() == "*\n"


def test_a_hit_in_worker_processes_gives_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    list(write_corpus(corpus, CorpusShape(600, 100), seed=3, error_rate=0.05))
    fresh = validation.validate(corpus, jobs=1)
    cache = ResultCache(tmp_path / "cache")
    cold = validation.validate(corpus, jobs=2, cache=cache)
    warm = validation.validate(corpus, jobs=2, cache=cache)
    _same(cold, fresh)
    _same(warm, fresh)
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 6


@pytest.mark.parametrize(
    "change",
    ["claim file", "document", "bibliography", "configuration", "limits", "tool", "root"],
)
def test_any_change_misses(
    change: str, mini_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    salt, limits, root = "config A", Limits(), None
    validation.validate(mini_copy, jobs=1, cache=ResultCache(tmp_path / "cache", salt=salt))
    if change == "claim file":
        claims = mini_copy / "claims.yaml"
        claims.write_text(claims.read_text("utf-8") + "\n# edited\n", "utf-8")
    elif change == "document":
        document = mini_copy / "document.txt"
        document.write_text(document.read_text("utf-8") + " More text.", "utf-8")
    elif change == "bibliography":
        bib = mini_copy / "references.bib"
        bib.write_text(bib.read_text("utf-8") + "\n@misc{extra2024, title = {Extra}}\n", "utf-8")
    elif change == "configuration":
        salt = "config B"
    elif change == "limits":
        limits = Limits(max_claims=12345)
    elif change == "tool":
        monkeypatch.setattr(result_cache, "tool_fingerprint", lambda: "another version")
    elif change == "root":
        root = mini_copy
    cache = ResultCache(tmp_path / "cache", salt=salt)
    expected = validation.validate(mini_copy, jobs=1, limits=limits, root=root)
    seen = _counted(monkeypatch)
    again = validation.validate(mini_copy, jobs=1, cache=cache, limits=limits, root=root)
    assert seen == [mini_copy / "claims.yaml"]  # validated afresh
    _same(again, expected)


def test_a_document_that_leaves_the_root_is_checked_again(
    mini_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dependency is resolved again on every lookup: a document replaced by a symbolic link
    that leaves the repository misses, and the finding says so."""
    monkeypatch.chdir(tmp_path)
    cache = ResultCache(tmp_path / "cache")
    validation.validate(mini_copy, jobs=1, cache=cache)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    document = mini_copy / "document.txt"
    outside.write_bytes(document.read_bytes())
    try:
        document.unlink()
        document.symlink_to(outside)
        again = validation.validate(mini_copy, jobs=1, cache=cache)
    finally:
        outside.unlink()
    assert "document.path" in {f.code for f in again.findings}


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b"not json at all",
        lambda b: b"",
        lambda b: b"\xff\xfe\x00garbage",
        lambda b: b.replace(b"certainty", b"certaintx", 1),
        lambda b: json.dumps({"format": 1, "key": "x", "sha256": "y", "payload": "[]"}).encode(),
        lambda b: json.dumps([1, 2, 3]).encode(),
    ],
)
def test_a_damaged_entry_is_ignored(
    damage: object, mini_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cache = ResultCache(tmp_path / "cache")
    fresh = validation.validate(mini_copy, jobs=1, cache=cache)
    (entry,) = (tmp_path / "cache").rglob("*.json")
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    seen = _counted(monkeypatch)
    again = validation.validate(mini_copy, jobs=1, cache=cache)
    assert seen == [mini_copy / "claims.yaml"]
    _same(again, fresh)
    third = validation.validate(mini_copy, jobs=1, cache=cache)  # the entry was rewritten
    assert seen == [mini_copy / "claims.yaml"]
    _same(third, fresh)


def test_cache_dir_on_the_command_line(mini_copy: Path, tmp_path: Path) -> None:
    plain = run_cli("validate", str(mini_copy), "--format", "json", cwd=tmp_path)
    cold = run_cli(
        "validate", str(mini_copy), "--format", "json", "--cache-dir", "cache", cwd=tmp_path
    )
    warm = run_cli(
        "validate", str(mini_copy), "--format", "json", "--cache-dir", "cache", cwd=tmp_path
    )
    assert plain.output == cold.output == warm.output
    assert plain.exit_code == cold.exit_code == warm.exit_code
    assert list((tmp_path / "cache").rglob("*.json"))


def test_a_hit_shares_repeated_strings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read back from JSON, a file's codes and certainties are one object each, as the worker
    sends them on a miss (a million claims' report would otherwise take twice the memory)."""
    monkeypatch.chdir(tmp_path)
    (path,) = write_corpus(tmp_path / "corpus", CorpusShape(200, 200), seed=1, error_rate=0.05)
    cache, limits = ResultCache(tmp_path / "cache"), Limits()
    validation._cached_file_report(path, None, limits, True, cache)
    _files, _claims, findings, assessments = validation._cached_file_report(
        path, None, limits, True, cache
    )
    assert isinstance(findings[0], list)  # from the cache
    codes = [f[0] for f in findings]
    certainties = [a[1] for a in assessments]
    assert len({id(c) for c in codes}) == len(set(codes)) < len(codes)
    assert len({id(c) for c in certainties}) == len(set(certainties)) < len(certainties)
