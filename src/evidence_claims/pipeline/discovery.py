"""Finding claim files: the paths given, and claim files inside the directories given.

A directory is walked once per real folder (symlink loops are followed at most once), skipping
virtual environments and VCS folders. A folder reached through a symbolic link is entered only
when the link stays inside the repository (:func:`evidence_claims.io.paths.find_root`, or the
``root`` given): a committed link to ``/`` or to a folder outside would otherwise make the walk
read, and report, files that are not the repository's. Such a link is a ``file.outside-root``
finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..io.loader import display_path
from ..io.paths import find_root, is_inside, resolve
from ..io.reading import CLAIM_FILE_SUFFIXES
from ..model.report import Finding
from ..rules import structural as R

CLAIM_FILE_NAMES = frozenset(f"claims{suffix}" for suffix in CLAIM_FILE_SUFFIXES)
SKIP_DIRS = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox"})


def is_claim_file_name(name: str) -> bool:
    lower = name.lower()
    return lower in CLAIM_FILE_NAMES or any(
        lower.endswith(f".claims{suffix}") for suffix in CLAIM_FILE_SUFFIXES
    )


def discover(
    paths: Iterable[str | Path], *, root: Path | None = None
) -> tuple[list[Path], list[Finding]]:
    """Claim files named or found below the given paths, in a stable order, without repeats."""
    found: list[Path] = []
    findings: list[Finding] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = resolve(root or find_root(path))  # the root of the folder the link is in
            if inside is None:
                continue
            below = sorted(_walk(path, inside, findings))
            if not below:
                findings.append(R.FILE_NO_CLAIMS.finding(file=display_path(path), name=str(path)))
            candidates = below
        elif path.exists() or path.suffix.lower() in CLAIM_FILE_SUFFIXES:
            candidates = [path]
        else:
            findings.append(
                R.FILE_NOT_FOUND.finding(file=display_path(path), what="path", name=str(path))
            )
            candidates = []
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found, findings


def _walk(
    directory: Path,
    root: Path,
    refused: list[Finding],
    seen: set[tuple[int, int]] | None = None,
) -> Iterator[Path]:
    """Claim files below ``directory``; each real folder is entered once, none outside ``root``.

    Folders are recognised by device and inode, so a symbolic link back to a parent (or two
    links to one folder, which would otherwise double the work at every level) cannot make
    the walk endless. A folder that cannot be listed is skipped; a folder (or a link to one)
    that resolves outside ``root`` is not entered, and said so in ``refused``.
    """
    seen = set() if seen is None else seen
    target = resolve(directory)
    if target is None:
        return
    if not is_inside(target, root):
        shown = display_path(directory)
        refused.append(
            R.FILE_OUTSIDE_ROOT.finding(file=shown, name=shown, target=str(target), root=str(root))
        )
        return
    try:
        info = directory.stat()
        key = (info.st_dev, info.st_ino)
        if key in seen:
            return
        seen.add(key)
        children = list(directory.iterdir())
    except OSError:
        return
    for child in children:
        try:
            is_dir = child.is_dir()
        except OSError:
            continue
        if is_dir:
            if child.name not in SKIP_DIRS and not child.name.startswith("."):
                yield from _walk(child, root, refused, seen)
        elif is_claim_file_name(child.name):
            yield child
