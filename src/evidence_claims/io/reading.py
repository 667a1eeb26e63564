"""Reading bytes and text: bounded reads of regular files, and decoding with located findings.

Every problem becomes a located :class:`~evidence_claims.model.report.Finding`; nothing here
raises on bad input. Claim files come from pull requests by strangers, so every read is bounded
by :class:`~evidence_claims.io.limits.Limits` (``[tool.evidence-claims.limits]``): the file size
is checked before the file is read, and only regular files are read (a FIFO or device would
block or never end). Parsing is in :mod:`.claim_file` (YAML in :mod:`.yaml_files`, JSON in
:mod:`.json_files`); writing in :mod:`.storage`.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..model.report import Finding
from ..rules import structural as R
from .limits import Limits

Format = Literal["yaml", "json"]
CLAIM_FILE_SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}

_UTF8_BOM = codecs.BOM_UTF8
_OTHER_BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}


@dataclass(slots=True)
class DecodedText:
    text: str | None
    bom: bool = False
    findings: list[Finding] = field(default_factory=list)


def decode(raw: bytes, *, file: str, what: str) -> DecodedText:
    """Decode UTF-8 bytes; a BOM is dropped from the text (and noted), other encodings refused."""
    for bom, name in _OTHER_BOMS.items():
        if raw.startswith(bom):
            return DecodedText(
                None,
                findings=[
                    R.FILE_ENCODING.finding(
                        file=file,
                        line=1,
                        column=1,
                        what=what,
                        reason=f"it starts with a {name} byte order mark; save it as UTF-8",
                    )
                ],
            )
    bom = raw.startswith(_UTF8_BOM)
    body = raw[len(_UTF8_BOM) :] if bom else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = body.rfind(b"\n", 0, exc.start) + 1
        line = body.count(b"\n", 0, exc.start) + 1
        column = len(body[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        return DecodedText(
            None,
            findings=[
                R.FILE_ENCODING.finding(
                    file=file,
                    line=line,
                    column=column,
                    what=what,
                    reason=f"byte 0x{body[exc.start]:02x} at line {line}, column {column} "
                    f"({exc.reason})",
                )
            ],
        )
    findings = []
    if bom:
        findings.append(R.FILE_BOM.finding(file=file, line=1, column=1, what=what))
    return DecodedText(text, bom, findings)


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_OPEN_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)


def read_bytes(
    path: Path,
    *,
    file: str,
    what: str,
    max_bytes: int | None = None,
    limit_name: str = "max-file-bytes",
    text: bool = False,
) -> tuple[bytes | None, list[Finding]]:
    """The file's bytes, or a finding saying why they could not be read.

    Only a regular file is read (opening with ``O_NONBLOCK`` so that a named pipe cannot block
    the open), and never more than ``max_bytes`` (default: ``Limits().max_file_bytes``): the
    size is checked before reading, and the read stops one byte past the limit in case the
    file grows meanwhile or reports no size (``/proc``). With ``text``, a NUL byte ends the
    read at the chunk that holds it: no text file has one, and a sparse file (gigabytes of
    NUL on no disk blocks, under raised limits) is refused before it fills memory.
    """
    limit = min(max_bytes if max_bytes is not None else Limits().max_file_bytes, sys.maxsize - 1)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        return None, [R.FILE_NOT_FOUND.finding(file=file, what=what, name=file)]
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        return None, [R.FILE_UNREADABLE.finding(file=file, name=file, reason=_reason(exc))]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            return None, [R.FILE_UNREADABLE.finding(file=file, name=file, reason=kind)]
        too_big = [
            R.LIMITS_SIZE.finding(
                file=file,
                line=1,
                column=1,
                what=f"the {what}",
                problem=f"is larger than the limit of {limit:,} bytes ({limit_name})",
            )
        ]
        if info.st_size > limit:
            return None, too_big
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 24))
            if not chunk:
                break
            if text and b"\0" in chunk:
                at = limit + 1 - remaining + chunk.index(b"\0")
                reason = f"not a text file (a NUL byte at byte {at:,})"
                return None, [R.FILE_UNREADABLE.finding(file=file, name=file, reason=reason)]
            chunks.append(chunk)
            remaining -= len(chunk)
        if remaining <= 0:
            return None, too_big
        return b"".join(chunks), []
    except OSError as exc:
        return None, [R.FILE_UNREADABLE.finding(file=file, name=file, reason=_reason(exc))]
    finally:
        os.close(fd)


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def read_text(
    path: Path,
    *,
    file: str,
    what: str,
    max_bytes: int | None = None,
    limit_name: str = "max-file-bytes",
    text_only: bool = False,
) -> tuple[str | None, bytes | None, list[Finding]]:
    """Read and decode a UTF-8 text file; returns (text, raw bytes, findings).

    ``text_only``: refuse a file with a NUL byte as it is read (documents, bibliographies)."""
    raw, findings = read_bytes(
        path, file=file, what=what, max_bytes=max_bytes, limit_name=limit_name, text=text_only
    )
    if raw is None:
        return None, None, findings
    decoded = decode(raw, file=file, what=what)
    return decoded.text, raw, findings + decoded.findings
