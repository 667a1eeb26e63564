"""Paths inside claim files, and claim files found by walking, cannot leave the repository."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import evidence_claims as ec
from evidence_claims.io.loader import find_root, resolve_inside
from evidence_claims.pipeline.discovery import discover

from .conftest import MINI

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository root holding the mini set under claims/mini, and a secret outside it."""
    root = tmp_path / "repo"
    (root / "claims").mkdir(parents=True)
    (root / ".evidence-claims-root").write_text("")
    target = root / "claims" / "mini"
    target.mkdir()
    for name in ("claims.yaml", "document.txt", "references.bib"):
        (target / name).write_bytes((MINI / name).read_bytes())
    (tmp_path / "secret.yaml").write_text("token: s3cr3t-value\n", "utf-8")
    (tmp_path / "secret.txt").write_text("s3cr3t-value\n", "utf-8")
    return root


def _claims(repo: Path) -> Path:
    return repo / "claims" / "mini" / "claims.yaml"


def _with_document_path(repo: Path, value: str) -> Path:
    path = _claims(repo)
    text = path.read_text("utf-8").replace("  path: document.txt\n", f"  path: {value}\n")
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("../../../secret.txt", "leaves the repository"),
        ("/etc/hostname", "is absolute"),
        ('"C:\\\\Windows\\\\win.ini"', "is absolute"),
        ("'c:doc.txt'", "is absolute"),
        ('"\\\\\\\\server\\\\share\\\\doc.txt"', "is absolute"),
        ('"..\\\\..\\\\..\\\\secret.txt"', "uses '\\'"),
        ('"docu\\0ment.txt"', "NUL byte"),
        ("file:///etc/hostname", "is a URL"),
        ("https://example.invalid/doc.txt", "is a URL"),
    ],
    ids=[
        "dotdot",
        "absolute",
        "drive",
        "drive-relative",
        "unc",
        "backslash",
        "nul",
        "file-url",
        "url",
    ],
)
def test_document_paths_that_could_escape_are_refused(repo: Path, value: str, problem: str) -> None:
    report = ec.validate(_with_document_path(repo, value))
    hits = [f for f in report.findings if f.code == "document.path"]
    assert len(hits) == 1 and problem in hits[0].message, report.findings
    assert (hits[0].line, hits[0].path) == (6, "/document/path")
    assert "s3cr3t" not in str(report.to_dict())


@needs_symlinks
def test_a_document_symlink_out_of_the_repository_is_refused(repo: Path) -> None:
    os.symlink(repo.parent / "secret.txt", repo / "claims" / "mini" / "linked.txt")
    report = ec.validate(_with_document_path(repo, "linked.txt"))
    (hit,) = [f for f in report.findings if f.code == "document.path"]
    assert "leaves the repository" in hit.message


@needs_symlinks
def test_a_symlinked_folder_out_of_the_repository_is_refused(repo: Path) -> None:
    os.symlink(repo.parent, repo / "claims" / "mini" / "up")
    report = ec.validate(_with_document_path(repo, "up/secret.txt"))
    assert "document.path" in report.codes()


@needs_symlinks
def test_a_symlink_inside_the_repository_is_followed(repo: Path) -> None:
    os.symlink("document.txt", repo / "claims" / "mini" / "same.txt")
    report = ec.validate(_with_document_path(repo, "same.txt"))
    assert report.ok and "document.path" not in report.codes()


@needs_symlinks
def test_a_symlink_loop_is_a_finding_not_a_crash(repo: Path) -> None:
    folder = repo / "claims" / "mini"
    os.symlink("loop-b", folder / "loop-a")
    os.symlink("loop-a", folder / "loop-b")
    report = ec.validate(_with_document_path(repo, "loop-a"))
    (hit,) = [f for f in report.findings if f.code == "document.path"]
    assert "cannot be resolved" in hit.message


@needs_symlinks
def test_a_bibliography_symlink_out_of_the_repository_is_refused(repo: Path) -> None:
    folder = repo / "claims" / "mini"
    (folder / "references.bib").unlink()
    os.symlink(repo.parent / "secret.txt", folder / "references.bib")
    report = ec.validate(_claims(repo))
    (hit,) = [f for f in report.findings if f.code == "document.path"]
    assert hit.path == "/document/bibliography" and hit.line == 8


@needs_symlinks
def test_a_claim_file_linked_to_a_file_outside_is_not_read(repo: Path) -> None:
    link = repo / "claims" / "stolen.claims.yaml"
    os.symlink(repo.parent / "secret.yaml", link)
    report = ec.validate(repo / "claims")
    (hit,) = [f for f in report.findings if f.file and f.file.endswith("stolen.claims.yaml")]
    assert hit.code == "file.outside-root" and hit.line == 1
    assert "s3cr3t" not in str(report.to_dict())


@needs_symlinks
def test_the_root_is_found_from_where_the_link_is(repo: Path) -> None:
    link = repo / "claims" / "stolen.claims.yaml"
    os.symlink(repo.parent / "secret.yaml", link)
    assert find_root(link) == repo.resolve()


@needs_symlinks
def test_a_folder_loop_does_not_make_the_walk_endless(repo: Path) -> None:
    folder = repo / "claims" / "mini"
    for name in ("up1", "up2", "up3"):  # three links to a parent: 3**40 paths if followed
        os.symlink("..", folder / name)
    started = time.process_time()
    found, findings = discover([repo / "claims"])
    assert time.process_time() - started < 2
    assert [p.name for p in found] == ["claims.yaml"] and not findings


def test_an_unlistable_folder_is_skipped(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = repo / "claims" / "locked"
    locked.mkdir()
    real_iterdir = Path.iterdir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self.name == "locked":  # as permissions would, even for root
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    found, _findings = discover([repo / "claims"])
    assert [p.name for p in found] == ["claims.yaml"]


def test_resolve_inside_accepts_a_plain_relative_path(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    path, problem = resolve_inside(tmp_path / "a", "b/../c.txt", tmp_path)
    assert problem is None and path == (tmp_path / "a" / "c.txt").resolve()


def test_a_missing_document_is_named_as_the_reader_sees_it(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The message names the missing file relative to the working directory, not by an
    absolute path that differs on every machine (and leaks the runner's folders into logs)."""
    _with_document_path(repo, "missing.txt")
    monkeypatch.chdir(repo)
    report = ec.validate(Path("claims"))
    [finding] = [f for f in report.findings if f.code == "file.not-found"]
    expected = os.path.join("claims", "mini", "missing.txt")
    assert finding.message == f"document not found: {expected}"
    assert (finding.file, finding.path) == (
        os.path.join("claims", "mini", "claims.yaml"),
        "/document/path",
    )
