"""A claim file as parsed (:class:`ParsedFile`): read within limits, decoded, then parsed as
YAML or JSON; nothing here raises on bad input.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.report import Finding
from ..rules import structural as R
from .json_files import parse_json
from .limits import Limits
from .locate import Locator, NullLocator
from .reading import CLAIM_FILE_SUFFIXES, Format, decode, read_bytes
from .yaml_files import parse_yaml, round_trip_tree


@dataclass(slots=True)
class ParsedFile:
    """A claim file as parsed: plain data for validation, the original tree for saving.

    ``sha256`` is the digest of the bytes as read; pass it back to
    :func:`evidence_claims.io.storage.save_claim_file` so that a save refuses to overwrite a file
    someone changed meanwhile. ``newline`` is the file's line ending, restored on save.
    """

    path: Path
    file: str
    format: Format
    text: str | None = None
    _data: Any = None
    _tree: Any = None
    bom: bool = False
    locator: Locator = field(default_factory=NullLocator)
    findings: list[Finding] = field(default_factory=list)
    sha256: str | None = None
    newline: str = "\n"
    model: Any = None  # the validated ClaimFile, when the JSON fast path already made it
    limits: Limits | None = None
    _tree_read: bool = False
    _data_released: bool = False

    @property
    def data(self) -> Any:
        """The file's plain value (mappings, lists, scalars), or None when it could not be read.

        For a JSON file the fast path validated, :meth:`release_data` lets the value go once
        the models are built; it is then parsed again from :attr:`text` when asked for (only
        an edit that is saved needs it).
        """
        if self._data is None and self._data_released and self.text is not None:
            import jiter

            self._data = jiter.from_json(
                self.text.encode("utf-8"),
                allow_inf_nan=False,
                catch_duplicate_keys=True,
                float_mode="lossless-float",
            )
        return self._data

    @data.setter
    def data(self, value: Any) -> None:
        self._data, self._data_released = value, False

    def release_data(self) -> None:
        """Let the parsed value go when :attr:`model` holds all of it (the JSON fast path):
        for a large file it is about a seventh of the memory of validation. Read again from
        the text on demand, with the same parser and options, so the value is the same."""
        if self.model is not None and self.format == "json" and self.text is not None:
            self._data, self._data_released = None, True

    @property
    def tree(self) -> Any:
        """ruamel.yaml's round-trip tree of a YAML file, for edits that are saved.

        Read from :attr:`text` on first use: validation never needs it, and it costs about
        30 times the reading that validation does. None for JSON, for a file that could not
        be read, and for YAML that ruamel.yaml cannot read.
        """
        if not self._tree_read:
            self._tree_read = True
            if self.format == "yaml" and self.data is not None and self.text is not None:
                self._tree = round_trip_tree(self.text, self.limits)
        return self._tree

    @tree.setter
    def tree(self, value: Any) -> None:
        self._tree, self._tree_read = value, True

    @property
    def ok(self) -> bool:
        has_data = self._data is not None or self._data_released
        return has_data and not any(f.severity == "error" for f in self.findings)


def parse_claim_file(
    path: Path, *, file: str | None = None, limits: Limits | None = None
) -> ParsedFile:
    """Read, decode and parse a claim file within ``limits``; never raises on bad content."""
    limits = limits or Limits()
    file = file if file is not None else str(path)
    fmt = CLAIM_FILE_SUFFIXES.get(path.suffix.lower())
    parsed = ParsedFile(path=path, file=file, format=fmt or "yaml")
    if fmt is None:
        parsed.findings.append(R.FILE_FORMAT.finding(file=file, name=file))
        return parsed
    if fmt == "yaml" and limits.max_yaml_bytes < limits.max_file_bytes:
        most, name = limits.max_yaml_bytes, "max-yaml-bytes"
    else:
        most, name = limits.max_file_bytes, "max-file-bytes"
    raw, findings = read_bytes(path, file=file, what="claim file", max_bytes=most, limit_name=name)
    parsed.findings.extend(findings)
    if raw is None:
        return parsed
    parsed.sha256 = hashlib.sha256(raw).hexdigest()
    parse_claim_bytes(parsed, raw, limits)
    return parsed


def parse_claim_bytes(parsed: ParsedFile, raw: bytes, limits: Limits | None = None) -> None:
    """Decode and parse ``raw`` into ``parsed`` (the part of loading that needs no file)."""
    limits = limits or Limits()
    parsed.limits = limits
    file = parsed.file
    decoded = decode(raw, file=file, what="claim file")
    parsed.findings.extend(decoded.findings)
    parsed.bom = decoded.bom
    if decoded.text is None:
        return
    parsed.text = decoded.text
    parsed.newline = detect_newline(decoded.text)
    if not decoded.text.strip():
        parsed.findings.append(R.FILE_EMPTY.finding(file=file, line=1, column=1))
        return
    before = len(parsed.findings)
    if parsed.format == "yaml":
        parse_yaml(parsed, limits)
    else:
        # the bytes read are the text in UTF-8 unless a byte order mark was dropped
        parse_json(parsed, limits, None if decoded.bom else raw)
    if parsed.data is not None:
        _reject_lone_surrogates(parsed)
    if parsed.data is not None:
        _check_claim_count(parsed, limits)
    elif len(parsed.findings) == before:
        _report_null(parsed)


def _reject_lone_surrogates(parsed: ParsedFile) -> None:
    """A file with a string no UTF-8 text can hold is reported and not read further."""
    from .surrogates import lone_surrogates

    assert parsed.text is not None
    found = lone_surrogates(parsed.text, parsed.data, parsed.file, parsed.locator)
    if found:
        parsed.findings.extend(found)
        parsed.data = parsed.model = None


def _report_null(parsed: ParsedFile) -> None:
    """A file that parsed to nothing (``null``, ``~``, only comments) is not a claim file."""
    assert parsed.text is not None
    if parsed.format == "yaml" and not _has_yaml_content(parsed.text):
        parsed.findings.append(R.FILE_EMPTY.finding(file=parsed.file, line=1, column=1))
        return
    line, column = parsed.locator.locate(())
    parsed.findings.append(
        R.SCHEMA_TYPE.finding(
            file=parsed.file,
            line=line,
            column=column,
            path="",
            where="file",
            expected="a mapping",
            got="null",
        )
    )


def _has_yaml_content(text: str) -> bool:
    """Whether a YAML text holds more than comments, directives and document markers."""
    for line in text.splitlines():
        body = line.strip()
        if not body or body.startswith(("#", "%")):
            continue
        marker = body[:3]
        if marker in ("---", "...") and (len(body) == 3 or body[3:].lstrip().startswith("#")):
            continue
        return True
    return False


def detect_newline(text: str) -> str:
    """The line ending a text uses: ``\\r\\n`` when every line break is CRLF, else ``\\n``."""
    crlf = text.count("\r\n")
    if crlf and crlf == text.count("\n") and crlf == text.count("\r"):
        return "\r\n"
    return "\n"


def _check_claim_count(parsed: ParsedFile, limits: Limits) -> None:
    data = parsed.data
    claims = data.get("claims") if isinstance(data, dict) else None
    if isinstance(claims, list) and len(claims) > limits.max_claims:
        line, column = parsed.locator.locate(("claims",))
        parsed.findings.append(
            R.LIMITS_CLAIMS.finding(
                file=parsed.file,
                line=line,
                column=column,
                path="/claims",
                count=len(claims),
                limit=limits.max_claims,
            )
        )
        parsed.data = None
