"""Saving claim files without losing anyone's edit: render faithfully, lock, compare, replace.

Every command that changes a claim file (extract, reanchor, fix, an editor) goes through
:func:`save_claim_file`::

    parsed = files.parse_claim_file(path)        # remembers the SHA-256 of the bytes it read
    parsed.tree["claims"][3]["anchor"]["start"] = 120   # edit the round-trip tree (YAML)
    save_claim_file(parsed, render_claim_file(parsed))  # or ConflictError, and nothing written

Three guarantees, each with a test:

* **atomic**: the bytes go to a temporary file in the same folder, are flushed to disk, and
  replace the file in one rename (:func:`evidence_claims.io.storage.atomic_write`), so a crash or
  ``kill -9`` at any moment leaves the old file or the new one, never a mix;
* **no lost update**: under an exclusive lock, the file's current bytes are hashed and compared
  with the hash the caller loaded; if someone saved in between, :class:`ConflictError` is
  raised instead of overwriting their edit;
* **faithful**: :func:`render_claim_file` keeps every byte the edit does not touch (comments,
  key order, quoting, indentation, CRLF, BOM, a missing final newline) by carrying only the
  changed lines of ruamel.yaml's output over to the original text.

The lock is ``flock`` on the claim file's folder on POSIX (it dies with its process, so a
killed save never leaves a stale lock, and it leaves no file behind); elsewhere, or where the
file system refuses ``flock``, a lock file ``.<name>.lock`` created exclusively beside the file.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..model.errors import ConflictError, LockTimeoutError
from .claim_file import ParsedFile
from .json_files import dump_json
from .yaml_style import dump_yaml, guess_indent, make_yaml, yaml_source

__all__ = [
    "ConflictError",
    "LockTimeoutError",
    "file_lock",
    "render_claim_file",
    "save_claim_file",
    "sha256_of",
]

_NOT_GIVEN: Any = object()


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def save_claim_file(
    target: ParsedFile | str | os.PathLike[str],
    new_bytes: bytes,
    expected_sha256: str | None = _NOT_GIVEN,
    *,
    timeout: float = 10.0,
) -> str:
    """Replace a claim file with ``new_bytes`` unless it changed since it was loaded.

    ``target`` is the :class:`~evidence_claims.io.claim_file.ParsedFile` the edit started from (its
    ``sha256`` is the expected hash, and is updated on success so the same object can be
    saved again), or a path together with ``expected_sha256``: the hex SHA-256 of the bytes
    the edit started from, or None for "the file must not exist yet".

    Takes the save lock (waiting at most ``timeout`` seconds, else
    :class:`~evidence_claims.model.errors.LockTimeoutError`), re-reads the file, and raises
    :class:`~evidence_claims.model.errors.ConflictError` without writing anything if its hash is
    not the expected one. Otherwise writes atomically and returns the new bytes' SHA-256.
    """
    parsed = target if isinstance(target, ParsedFile) else None
    path = Path(parsed.path if parsed is not None else target)  # type: ignore[arg-type]
    if path.is_symlink():  # lock and replace the file itself, wherever the link is
        path = Path(os.path.realpath(path))
    if expected_sha256 is _NOT_GIVEN:
        if parsed is None:
            raise TypeError("save_claim_file(path, ...) needs expected_sha256 (or None)")
        expected_sha256 = parsed.sha256
    with file_lock(path, timeout=timeout):
        actual = _current_sha256(path)
        if actual != expected_sha256:
            raise ConflictError(str(path), expected_sha256, actual)
        atomic_write(path, new_bytes)
    digest = sha256_of(new_bytes)
    if parsed is not None:
        parsed.sha256 = digest
    return digest


def _current_sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except FileNotFoundError:
        return None
    return digest.hexdigest()


# --- locking -----------------------------------------------------------------------------------


@contextlib.contextmanager
def file_lock(path: Path, *, timeout: float = 10.0, poll: float = 0.01) -> Iterator[None]:
    """Hold the exclusive save lock for ``path`` (see the module docstring for which lock)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd = _flock_folder(folder, path, timeout, poll)
    if fd is not None:
        try:
            yield
        finally:
            os.close(fd)  # closing releases the flock
        return
    with _lock_file(folder / f".{path.name}.lock", path, timeout, poll):
        yield


def _flock_folder(folder: Path, path: Path, timeout: float, poll: float) -> int | None:
    """An fd holding ``flock(LOCK_EX)`` on the folder, or None where flock is not available."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    except OSError:
        return None
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise LockTimeoutError(str(path), timeout, f"the lock on {folder}") from None
            time.sleep(poll)
        except OSError:  # a file system without flock (some network mounts)
            os.close(fd)
            return None


@contextlib.contextmanager
def _lock_file(lock: Path, path: Path, timeout: float, poll: float) -> Iterator[None]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            break
        except FileExistsError:
            if time.monotonic() >= deadline:
                raise LockTimeoutError(
                    str(path), timeout, f"{lock} (remove it if no save is running)"
                ) from None
            time.sleep(poll)
    try:
        os.write(fd, f"{os.getpid()}\n".encode())
        os.close(fd)
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(lock)


# --- faithful rendering ------------------------------------------------------------------------


def render_claim_file(parsed: ParsedFile) -> bytes:
    """The bytes of ``parsed`` after an edit, changing only the lines the edit changed.

    Edit ``parsed.tree`` for YAML (the ruamel.yaml round-trip tree, which keeps comments) or
    ``parsed.data`` for JSON. The original text is parsed again and dumped the same way; the
    lines that differ between that dump and the dump of the edited tree are the edit, and
    only they are carried over to the original text, each in the file's line ending. So an
    unchanged file renders byte for byte as it was read, whatever its style. When a changed
    line falls where ruamel.yaml would reformat the original, the whole file is dumped in
    the claim-file style instead (line ending and BOM kept).
    """
    if parsed.text is None:
        raise ValueError(f"{parsed.file}: nothing was read, so there is nothing to render")
    if parsed.format == "yaml":
        if parsed.tree is None:
            raise ValueError(f"{parsed.file}: the YAML could not be parsed")
        indent = guess_indent(parsed.text)
        base = dump_yaml(make_yaml().load(yaml_source(parsed.text)), indent=indent)
        new = dump_yaml(parsed.tree, indent=indent)
    else:
        if parsed.data is None:
            raise ValueError(f"{parsed.file}: the JSON could not be parsed")
        import json

        base = dump_json(json.loads(parsed.text))
        new = dump_json(parsed.data)
    text = transplant(parsed.text, base.decode("utf-8"), new.decode("utf-8"), parsed.newline)
    if text is None or not _same_data(text, new.decode("utf-8"), parsed.format):
        # no clean place for the edit (or, should the line matching ever misplace it, the
        # result would not hold the edited data): write the whole edited file instead
        text = new.decode("utf-8").replace("\n", parsed.newline)
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if parsed.bom else data


def _same_data(text: str, reference: str, fmt: str) -> bool:
    """Whether two texts hold the same data (the check that a carried-over edit landed)."""
    import json

    try:
        if fmt == "yaml":
            yaml = make_yaml()
            return bool(yaml.load(yaml_source(text)) == yaml.load(reference))
        return bool(json.loads(text) == json.loads(reference))
    except Exception:  # the carried-over text does not even parse: not the same
        return False


def transplant(original: str, base: str, new: str, newline: str = "\n") -> str | None:
    """Apply the line changes from ``base`` to ``new`` onto ``original``.

    ``base`` and ``original`` spell the same data (``base`` is a normalised dump of it, with
    LF line ends); ``new`` is the dump after the edit. Lines of ``original`` outside the
    changed regions are kept byte for byte. Returns None when a changed region of ``base``
    does not correspond line for line to ``original``.
    """
    ours = original.splitlines(keepends=True)
    base_lines = base.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    if base_lines == new_lines:
        return original
    to_ours = _line_map(ours, base_lines)
    out: list[str] = []
    cursor = 0
    for tag, b1, b2, n1, n2 in line_opcodes(base_lines, new_lines):
        if tag == "equal":
            continue
        span = _span(to_ours, b1, b2, len(base_lines), len(ours))
        if span is None or span[0] < cursor:
            return None
        start, stop = span
        out.extend(ours[cursor:start])
        replacement = [_with_newline(line, newline) for line in new_lines[n1:n2]]
        if replacement and out and not _ends_line(out[-1]):
            out[-1] += newline
        out.extend(replacement)
        cursor = stop
    rest = ours[cursor:]
    if rest and out and not _ends_line(out[-1]):
        out[-1] += newline
    out.extend(rest)
    if out and not _ends_line(original) and _ends_line(out[-1]):
        out[-1] = out[-1].rstrip("\r\n")  # the original had no final line end: nor has this
    return "".join(out)


EXACT_DIFF_LINES = 2_000
"""Unaligned stretches up to this many lines get difflib's exact matching (quadratic in the
stretch); longer ones its heuristic that ignores lines repeated everywhere (``kind: claim``)."""


def line_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """An edit script from ``a`` to ``b`` as :meth:`difflib.SequenceMatcher.get_opcodes`
    gives it, in linear time for the edits a save makes.

    difflib's exact matching is quadratic in the lines: re-anchoring a 2.1 MB claim file,
    which changes lines all over it but adds or removes none, took 174 s to save. The common
    head and tail are taken off first; when what is left has as many lines on both sides,
    the lines are paired in order (runs of equal lines, runs of replaced ones); only a
    stretch of different lengths goes to difflib.
    """
    n, m = len(a), len(b)
    head = 0
    while head < n and head < m and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and tail < m - head and a[n - 1 - tail] == b[m - 1 - tail]:
        tail += 1
    ops: list[tuple[str, int, int, int, int]] = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    a_end, b_end = n - tail, m - tail
    if a_end - head == b_end - head:
        i = head
        while i < a_end:
            same = a[i] == b[i]
            j = i + 1
            while j < a_end and (a[j] == b[j]) == same:
                j += 1
            ops.append(("equal" if same else "replace", i, j, i, j))
            i = j
    elif a_end > head or b_end > head:
        exact = max(a_end - head, b_end - head) <= EXACT_DIFF_LINES
        matcher = difflib.SequenceMatcher(None, a[head:a_end], b[head:b_end], autojunk=not exact)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            ops.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        ops.append(("equal", n - tail, n, m - tail, m))
    return ops


def _line_map(ours: list[str], base_lines: list[str]) -> dict[int, int]:
    """Base line index -> original line index, for lines equal but for their line end."""
    mapping: dict[int, int] = {}
    stripped_ours = [line.rstrip("\r\n") for line in ours]
    stripped_base = [line.rstrip("\n") for line in base_lines]
    for tag, o1, o2, b1, _b2 in line_opcodes(stripped_ours, stripped_base):
        if tag == "equal":
            for k in range(o2 - o1):
                mapping[b1 + k] = o1 + k
    return mapping


def _span(
    to_ours: dict[int, int], b1: int, b2: int, base_len: int, ours_len: int
) -> tuple[int, int] | None:
    """The original lines that base lines ``b1:b2`` stand for.

    Either every one of them has an equal original line, in order; or the region lies between
    two base lines that do (or the start or end of the text), and the original lines between
    those two are the same data spelled differently (``kind:   claim``), replaced as a whole.
    """
    if b1 < b2 and all(k in to_ours for k in range(b1, b2)):
        start = to_ours[b1]
        if all(to_ours[b1 + k] == start + k for k in range(b2 - b1)):
            return start, start + (b2 - b1)
    before = to_ours.get(b1 - 1) if b1 > 0 else -1
    after = to_ours.get(b2) if b2 < base_len else ours_len
    if before is None or after is None or after <= before:
        return None
    if b1 == b2 and after != before + 1:
        return None  # an insertion between lines that are not neighbours in the original
    if any(not before < to_ours[k] < after for k in range(b1, b2) if k in to_ours):
        return None  # part of the region maps elsewhere: not one clean block
    return before + 1, after


def _ends_line(text: str) -> bool:
    return text.endswith(("\n", "\r"))


def _with_newline(line: str, newline: str) -> str:
    return line[:-1] + newline if line.endswith("\n") else line


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new, never a part.

    Writes a temporary file in the same directory, flushes it to disk, then renames it over the
    target (``os.replace`` is atomic on POSIX and Windows) and syncs the directory entry. The
    file keeps its permission bits; a new file gets the usual ones (0666 less the umask, where
    a ``mkstemp`` file would be private). A symbolic link is written through: its target is
    replaced and the link stays a link.
    """
    with atomic_file(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write in parts; on leaving the block it replaces ``path`` as
    :func:`atomic_write` does (on an error, ``path`` is left as it was). For output too large
    to hold in memory at once."""
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    directory = path.parent if str(path.parent) else Path(".")
    mode = None
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode & 0o7777
    fd, tmp_name = _create_temporary(directory, path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(directory)


def _create_temporary(directory: Path, name: str) -> tuple[int, str]:
    """A new, exclusive ``.<name>.<random>.tmp`` beside the target, created 0666 & ~umask."""
    import secrets

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        candidate = str(directory / f".{name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(candidate, flags, 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {directory / name}")


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
