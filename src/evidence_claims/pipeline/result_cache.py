"""An optional cache of per-file validation results, for CI runs that see mostly unchanged files.

Like ruff's cache, it is keyed by everything a file's result depends on, so that a hit gives
the very report a fresh validation would give, finding for finding:

* the tool: its version and a fingerprint of its installed source and data files (size and
  modification time of each), so an edited checkout never reuses results of older code;
* the run's settings: the configuration (``salt``), the limits, the repository root, the
  working directory (findings show paths relative to it) and the claim file's path as named;
* the bytes of the claim file, and the bytes of the document and of the bibliography it names,
  each resolved again by the loader's own rules (so a moved symbolic link or a changed root
  misses too).

An entry is one file (``<dir>/<2 hex>/<key>.json``): a line of JSON with the format, the key
and the SHA-256 of the rest, then the rest, the file's report in the tuple form workers send
(:func:`evidence_claims.pipeline.validation._pack`) as JSON. An entry that is truncated, garbled or
edited fails the check and is ignored (and rewritten). Entries are written to a temporary file
and renamed into place, never fsynced: a cache that loses an entry in a crash only costs a
validation.

Not cached (validated every time): a claim file that is a symbolic link, that cannot be read,
or whose document or bibliography cannot be read; and a result whose claim file, document or
bibliography changed while it was validated (the bytes hashed for the entry must be the bytes
the validation read).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..io.claimset import ClaimSet
from ..io.limits import Limits
from ..io.loader import find_root, resolve_inside
from ..io.reading import read_bytes

FORMAT = 2
"""Bumped whenever the entry layout or the packed report's layout changes."""


@cache
def tool_fingerprint() -> str:
    """The package version and the size and modification time of every file of the package."""
    from .._version import __version__

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".yml", ".json", ".txt") and path.is_file():
            info = path.stat()
            line = f"{path.relative_to(package).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}\n"
            digest.update(line.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Ticket:
    """What a lookup learnt about a file, for storing its result after a miss."""

    key: str
    claim_sha256: str
    root: Path


class ResultCache:
    """Per-file results in ``directory``; ``salt`` is any text that must match (the config)."""

    def __init__(self, directory: str | Path, salt: str = "") -> None:
        self.directory = Path(directory)
        self.salt = f"{tool_fingerprint()}\0{salt}"

    def __repr__(self) -> str:
        return f"ResultCache({str(self.directory)!r})"

    def salted(self, extra: str) -> ResultCache:
        """The same folder, with ``extra`` (a run setting such as the certainty's source)
        added to what every stored result must match."""
        other = ResultCache(self.directory)
        other.salt = f"{self.salt}\0{extra}"
        return other

    # --- looking up ---------------------------------------------------------------------

    def lookup(
        self, path: Path, root: Path | None, limits: Limits
    ) -> tuple[Any | None, Ticket | None]:
        """(packed report, ticket): the report on a hit (else None); the ticket, needed to
        store a result, is None when the file is not cacheable."""
        path = Path(path)
        try:
            if path.is_symlink():
                return None, None
        except OSError:
            return None, None
        raw, problems = read_bytes(
            path, file=str(path), what="claim file", max_bytes=limits.max_file_bytes
        )
        if raw is None or problems:
            return None, None
        root = root or find_root(path)
        claim_sha256 = hashlib.sha256(raw).hexdigest()
        key = self._key(path, root, limits, claim_sha256)
        ticket = Ticket(key, claim_sha256, root)
        try:
            packed = self._valid(self._entry_path(key).read_bytes(), key, path, root, limits)
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            return None, ticket
        return packed, ticket

    def _key(self, path: Path, root: Path, limits: Limits, claim_sha256: str) -> str:
        digest = hashlib.sha256()
        for part in (
            self.salt,
            os.getcwd(),
            str(path),
            os.path.abspath(path),
            str(root),
            repr(limits),
            claim_sha256,
        ):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _entry_path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def _valid(self, entry: bytes, key: str, path: Path, root: Path, limits: Limits) -> Any | None:
        """The packed report of a sound entry whose dependencies are unchanged, else None."""
        head, newline, payload = entry.partition(b"\n")
        header = json.loads(head)
        if not newline or not isinstance(header, dict):
            return None
        if header.get("format") != FORMAT or header["key"] != key:
            return None
        if hashlib.sha256(payload).hexdigest() != header["sha256"]:
            return None
        data = json.loads(payload)
        for role, name, resolved, problem, digest in data["dependencies"]:
            now, now_problem = resolve_inside(path.parent, name, root)
            if (str(now) if now is not None else None) != resolved or now_problem != problem:
                return None
            if now is not None and _file_sha256(now, _limit(role, limits)) != digest:
                return None
        files, claims, findings, assessments = data["report"]
        return files, claims, findings, assessments

    # --- storing ------------------------------------------------------------------------

    def store(
        self, ticket: Ticket, path: Path, cs: ClaimSet | None, packed: Any, limits: Limits
    ) -> None:
        """Write the result of a file validated after a miss (when it is safe to reuse)."""
        if cs is None or cs.parsed is None or cs.parsed.sha256 != ticket.claim_sha256:
            return
        # Each dependency is hashed again and must be the very bytes the validation read:
        # a file changed meanwhile would pair its new bytes with a result of the old ones.
        used = {
            "document": cs.document_sha256,
            "bibliography": cs.bibliography.sha256 if cs.bibliography is not None else None,
        }
        dependencies = []
        for role, name in (
            ("document", cs.document.path),
            ("bibliography", cs.document.bibliography),
        ):
            if name is None:
                continue
            resolved, problem = resolve_inside(Path(path).parent, name, ticket.root)
            digest = None
            if resolved is not None:
                digest = _file_sha256(resolved, _limit(role, limits))
                if digest is None or digest != used[role]:
                    return
            dependencies.append(
                [role, name, str(resolved) if resolved is not None else None, problem, digest]
            )
        with contextlib.suppress(OSError, ValueError):
            payload = json.dumps(
                {"dependencies": dependencies, "report": packed},
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode("utf-8", "surrogatepass")
            digest = hashlib.sha256(payload).hexdigest()
            header = json.dumps({"format": FORMAT, "key": ticket.key, "sha256": digest})
            self._write(self._entry_path(ticket.key), header.encode() + b"\n" + payload)

    def _write(self, target: Path, data: bytes) -> None:
        if not self.directory.is_dir():
            self.directory.mkdir(parents=True, exist_ok=True)
            # like ruff's cache: never committed, and skipped by backup tools
            (self.directory / ".gitignore").write_text("*\n", "utf-8")
            (self.directory / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# evidence-claims result cache (see --cache-dir)\n",
                "utf-8",
            )
        target.parent.mkdir(exist_ok=True)
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            temporary.write_bytes(data)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise


def _limit(role: str, limits: Limits) -> int:
    """The most bytes the loader reads of a document or a bibliography (see loader.py)."""
    if role == "bibliography":
        return min(limits.max_bib_bytes, limits.max_file_bytes)
    return limits.max_file_bytes


def _file_sha256(path: Path, most: int) -> str | None:
    raw, problems = read_bytes(path, file=str(path), what="file", max_bytes=most)
    if raw is None or problems:
        return None
    return hashlib.sha256(raw).hexdigest()
