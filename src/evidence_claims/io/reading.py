"""Reading and writing claim files: decoding, parsing with locations, atomic round-trip saves.

Every problem becomes a located :class:`~evidence_claims.report.Finding`; nothing here raises on
bad input. YAML is read with ruamel.yaml's round-trip loader so that a later save keeps comments,
key order and quoting; JSON with the standard library, indexed for locations only on demand.

Claim files come from pull requests by strangers, so every read is bounded by
:class:`~evidence_claims.config.Limits` (``[tool.evidence-claims.limits]``): the file size is
checked before the file is read, only regular files are read (a FIFO or device would block or
never end), and YAML passes through :mod:`evidence_claims.yaml_guard`, which refuses alias bombs,
deep nesting, tags and merge keys before any object is constructed.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as _dt
import hashlib
import json
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import structural_rules as R
from .catalogue import RULES
from .config import Limits
from .locate import JsonIndex, JsonLocator, LineIndex, Locator, NullLocator, YamlLocator
from .report import Finding

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
) -> tuple[bytes | None, list[Finding]]:
    """The file's bytes, or a finding saying why they could not be read.

    Only a regular file is read (opening with ``O_NONBLOCK`` so that a named pipe cannot block
    the open), and never more than ``max_bytes`` (default: ``Limits().max_file_bytes``): the
    size is checked before reading, and the read stops one byte past the limit in case the
    file grows meanwhile or reports no size (``/proc``).
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
) -> tuple[str | None, bytes | None, list[Finding]]:
    """Read and decode a UTF-8 text file; returns (text, raw bytes, findings)."""
    raw, findings = read_bytes(
        path, file=file, what=what, max_bytes=max_bytes, limit_name=limit_name
    )
    if raw is None:
        return None, None, findings
    decoded = decode(raw, file=file, what=what)
    return decoded.text, raw, findings + decoded.findings


# --- YAML ------------------------------------------------------------------------------------


Indent = tuple[int, int, int]  # ruamel.yaml's (mapping, sequence, offset)
CLAIM_FILE_INDENT: Indent = (2, 4, 2)


def make_yaml(indent: Indent = CLAIM_FILE_INDENT) -> Any:
    """The one ruamel.yaml configuration used to load and save claim files.

    With these settings a load/save round trip of a file written in this style is byte-identical.
    Lines are never wrapped (a long quote stays on its line, so a diff shows what changed).
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.width = 1 << 30
    yaml.allow_unicode = True
    yaml.allow_duplicate_keys = False
    return yaml


@dataclass(slots=True)
class ParsedFile:
    """A claim file as parsed: plain data for validation, the original tree for saving.

    ``sha256`` is the digest of the bytes as read; pass it back to
    :func:`evidence_claims.storage.save_claim_file` so that a save refuses to overwrite a file
    someone changed meanwhile. ``newline`` is the file's line ending, restored on save.
    """

    path: Path
    file: str
    format: Format
    text: str | None = None
    data: Any = None
    tree: Any = None
    bom: bool = False
    locator: Locator = field(default_factory=NullLocator)
    findings: list[Finding] = field(default_factory=list)
    sha256: str | None = None
    newline: str = "\n"
    model: Any = None  # the validated ClaimFile, when the JSON fast path already made it

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(f.severity == "error" for f in self.findings)


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
        _parse_yaml(parsed, limits)
    else:
        _parse_json(parsed, limits)
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


def _parse_yaml(parsed: ParsedFile, limits: Limits) -> None:
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from .yaml_guard import YamlRefused, make_guarded_yaml

    assert parsed.text is not None
    try:
        tree = make_guarded_yaml(limits).load(yaml_source(parsed.text))
    except YamlRefused as exc:
        for problem in exc.problems:
            parsed.findings.append(
                RULES[problem.code].finding(
                    file=parsed.file, line=problem.line, column=problem.column, **problem.params
                )
            )
        return
    except DuplicateKeyError as exc:
        # keys that differ as written but are equal once constructed (``1`` and ``0x1``)
        line, column = _mark(exc, parsed.text)
        key = _duplicate_key_name(exc)
        parsed.findings.append(
            R.FILE_DUPLICATE_KEY.finding(file=parsed.file, line=line, column=column, key=key)
        )
        return
    except MarkedYAMLError as exc:
        line, column = _mark(exc, parsed.text)
        reason = " ".join(str(exc.problem or exc.context or "malformed YAML").split())
        parsed.findings.append(
            R.FILE_SYNTAX.finding(
                file=parsed.file, line=line, column=column, format="YAML", reason=reason
            )
        )
        return
    except RecursionError:  # pragma: no cover - the guard's depth limit comes first
        parsed.findings.append(
            R.LIMITS_DEPTH.finding(file=parsed.file, line=1, column=1, limit=limits.max_depth)
        )
        return
    except (YAMLError, ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        # ruamel.yaml reports a few malformed inputs (bad characters, odd tags) with plain
        # exceptions; they are still syntax errors of the input, not of this program.
        line, column = _mark(exc, parsed.text)
        reason = " ".join(str(exc).split())[:300] or type(exc).__name__
        parsed.findings.append(
            R.FILE_SYNTAX.finding(
                file=parsed.file, line=line, column=column, format="YAML", reason=reason
            )
        )
        return
    parsed.tree = tree
    parsed.locator = YamlLocator(tree)
    converter = _PlainConverter(parsed)
    data = converter.convert(tree, ())
    if not converter.failed:
        parsed.data = data


def yaml_source(text: str) -> str:
    """The text handed to ruamel.yaml: CRLF line ends read as LF.

    YAML normalises line breaks in content anyway, but ruamel.yaml keeps the CR inside
    comments, where a later save would double it. Positions do not move: the CR was the last
    character of its line.
    """
    return text.replace("\r\n", "\n") if "\r\n" in text else text


def guess_indent(text: str) -> Indent:
    """The (mapping, sequence, offset) indentation a YAML text uses, for saving it alike.

    Read from the first nested mapping and the first block sequence under a key; the
    claim-file style (2, 4, 2) fills in what the text does not show.
    """
    mapping, sequence, offset = CLAIM_FILE_INDENT
    found_mapping = found_sequence = False
    previous: tuple[int, bool] | None = None  # (indent, line is "key:" alone)
    for line in text.splitlines():
        body = line.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        indent = len(line) - len(body)
        if previous is not None and previous[1] and indent >= previous[0]:
            if body.startswith("- ") and not found_sequence:
                rest = body[2:]
                offset = indent - previous[0]
                sequence = offset + 2 + (len(rest) - len(rest.lstrip(" ")))
                found_sequence = True
            elif indent > previous[0] and not body.startswith("-") and not found_mapping:
                mapping = indent - previous[0]
                found_mapping = True
        if found_mapping and found_sequence:
            break
        key_alone = body.split(" #", 1)[0].rstrip().endswith(":") and not body.startswith("- ")
        previous = (indent, key_alone)
    if sequence < offset + 2:
        sequence = offset + 2
    return mapping, sequence, offset


def _mark(exc: BaseException, text: str | None = None) -> tuple[int, int]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None and getattr(mark, "line", None) is not None:
        return mark.line + 1, mark.column + 1
    position = getattr(exc, "position", None)
    if isinstance(position, int) and text is not None:
        return LineIndex(text).position(min(max(position, 0), len(text)))
    return (1, position + 1) if isinstance(position, int) else (1, 1)


def _duplicate_key_name(exc: BaseException) -> str:
    problem = str(getattr(exc, "problem", "") or "")
    start = problem.find('"')
    end = problem.find('"', start + 1)
    return problem[start + 1 : end] if 0 <= start < end else "?"


class _PlainConverter:
    """Turns ruamel round-trip nodes into plain dict/list/str/int/float/bool/None.

    The guard (:mod:`evidence_claims.yaml_guard`) has already refused tags, merge keys, cycles
    and oversized or over-deep documents, so what is left is a finite tree. A node reached
    twice (through an alias) is converted once and shared, so conversion costs the size of the
    file, not of its expansion. Keys become strings; two keys that differ in YAML but not as
    strings (``1`` and ``"1"``) are reported as duplicates instead of one silently replacing
    the other.
    """

    def __init__(self, parsed: ParsedFile) -> None:
        self.parsed = parsed
        self.failed = False
        self._done: dict[int, Any] = {}

    def _fail(self, finding: Finding) -> None:
        self.failed = True
        self.parsed.findings.append(finding)

    def convert(self, node: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(node, dict | list):
            known = self._done.get(id(node))
            if known is not None:
                return known
        if isinstance(node, dict):
            result: dict[str, Any] = {}
            self._done[id(node)] = result
            for key, value in node.items():
                name = _key_text(key)
                if name in result:
                    line, column = self.parsed.locator.locate((*path, key), key=True)
                    self._fail(
                        R.FILE_DUPLICATE_KEY.finding(
                            file=self.parsed.file, line=line, column=column, key=name
                        )
                    )
                    continue
                result[name] = self.convert(value, (*path, key))
            return result
        if isinstance(node, list):
            items: list[Any] = []
            self._done[id(node)] = items
            items.extend(self.convert(v, (*path, i)) for i, v in enumerate(node))
            return items
        if isinstance(node, bool) or node is None:
            return node
        if isinstance(node, str):
            return str(node)
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        if isinstance(node, _dt.date | _dt.datetime):
            return node.isoformat()
        line, column = self.parsed.locator.locate(path)
        name = "!!set" if isinstance(node, set | frozenset) else type(node).__name__
        self._fail(
            R.FILE_YAML_TAG.finding(file=self.parsed.file, line=line, column=column, tag=name)
        )
        return None


def _key_text(key: Any) -> str:
    """A mapping key as the string a JSON tool would see (``true``, ``null``, ``1``)."""
    if isinstance(key, str):
        return str(key)
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int | float):
        return repr(key)
    return str(key)


# --- JSON ------------------------------------------------------------------------------------


class _Flags:
    duplicate = False
    non_finite = False


_LONG_INT = re.compile(r"-?[0-9]{%d,}")


def _parse_json(parsed: ParsedFile, limits: Limits | None = None) -> None:
    """Parse ``parsed.text`` as JSON into ``parsed.data``, or append findings and leave it None.

    The contract (a faster parser may replace this one, but must keep it):

    * malformed JSON: one ``file.syntax`` at the parser's line and column;
    * every duplicate key: ``file.duplicate-key`` at that key; every ``NaN``/``Infinity``
      token, or a number too large for a float: ``file.non-finite`` at it (no data then);
    * a decimal integer longer than ``sys.get_int_max_str_digits()``: ``limits.size`` at it;
    * nesting deeper than ``limits.max_depth`` (counting the root and each scalar as a level,
      as the YAML guard does): ``limits.depth`` at the first value that is too deep;
    * more than ``limits.max_nodes`` values, or a string longer than
      ``limits.max_string_length``: ``limits.size`` / ``limits.string-length``;
    * locations come from :class:`~evidence_claims.locate.JsonLocator`, built lazily, so a
      valid file never pays for them.
    """
    assert parsed.text is not None
    limits = limits or Limits()
    text = parsed.text
    from .fastjson import accept

    fast = accept(text, limits)  # a valid file, proven so without the walk below
    if fast is not None:
        parsed.data, parsed.model = fast
        parsed.locator = JsonLocator(text, claim_file=parsed.data)
        return
    flags = _Flags()

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            flags.duplicate = True
        return result

    def constant(name: str) -> None:
        flags.non_finite = True
        return None

    def number(text: str) -> float:
        value = float(text)
        if value in (float("inf"), float("-inf")):
            flags.non_finite = True
        return value

    try:
        data = json.loads(
            text, object_pairs_hook=pairs, parse_constant=constant, parse_float=number
        )
    except json.JSONDecodeError as exc:
        parsed.findings.append(
            R.FILE_SYNTAX.finding(
                file=parsed.file, line=exc.lineno, column=exc.colno, format="JSON", reason=exc.msg
            )
        )
        return
    except RecursionError:
        line, column = _json_too_deep(text, limits.max_depth)
        parsed.findings.append(
            R.LIMITS_DEPTH.finding(
                file=parsed.file, line=line, column=column, limit=limits.max_depth
            )
        )
        return
    except ValueError as exc:  # an integer with more digits than int() accepts
        most = sys.get_int_max_str_digits()
        match = _LONG_INT.pattern % (most + 1) if most else None
        found = re.search(match, text) if match else None
        line, column = LineIndex(text).position(found.start()) if found else (1, 1)
        parsed.findings.append(
            R.LIMITS_SIZE.finding(
                file=parsed.file,
                line=line,
                column=column,
                what="a number",
                problem=f"has more than {most:,} digits" if most else str(exc),
            )
        )
        return
    locator = JsonLocator(text)
    parsed.locator = locator
    if flags.duplicate or flags.non_finite:
        index: JsonIndex = locator.index
        for path, offset in index.duplicates:
            line, column = index.lines.position(offset)
            parsed.findings.append(
                R.FILE_DUPLICATE_KEY.finding(
                    file=parsed.file, line=line, column=column, key=path[-1]
                )
            )
        for _path, offset, token in index.non_finite:
            line, column = index.lines.position(offset)
            parsed.findings.append(
                R.FILE_NON_FINITE.finding(file=parsed.file, line=line, column=column, value=token)
            )
        if flags.non_finite and not index.non_finite:
            parsed.findings.append(
                R.FILE_NON_FINITE.finding(
                    file=parsed.file, line=1, column=1, value="a number too large for a float"
                )
            )
        return
    problem = _check_tree(data, limits)
    if problem is not None:
        code, path, params = problem
        line, column = locator.locate(path)
        parsed.findings.append(
            RULES[code].finding(file=parsed.file, line=line, column=column, **params)
        )
        return
    parsed.data = data


def _check_tree(data: Any, limits: Limits) -> tuple[str, tuple[Any, ...], dict[str, Any]] | None:
    """The first limit a parsed JSON value breaks: (rule code, path, message parameters)."""
    max_depth, max_string, max_nodes = (
        limits.max_depth,
        limits.max_string_length,
        limits.max_nodes,
    )
    nodes = 0
    stack: list[tuple[Any, int, tuple[Any, ...]]] = [(data, 1, ())]
    while stack:
        node, level, path = stack.pop()
        nodes += 1
        if level > max_depth:
            return "limits.depth", path, {"limit": max_depth}
        if nodes > max_nodes:
            problem = f"holds more than {max_nodes:,} values"
            return "limits.size", (), {"what": "the claim file", "problem": problem}
        if isinstance(node, dict):
            stack.extend((v, level + 1, (*path, k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, level + 1, (*path, i)) for i, v in enumerate(node))
        elif isinstance(node, str) and len(node) > max_string:
            return "limits.string-length", path, {"length": len(node), "limit": max_string}
    return None


def _json_too_deep(text: str, limit: int) -> tuple[int, int]:
    """Line and column of the first bracket nested deeper than ``limit`` (outside strings)."""
    depth = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"?|[\[{]|[\]}]', text, re.DOTALL):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth >= limit:
                return LineIndex(text).position(match.start())
        elif token in "]}":
            depth -= 1
    return 1, 1


# --- writing ---------------------------------------------------------------------------------


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new, never a part.

    Writes a temporary file in the same directory, flushes it to disk, then renames it over the
    target (``os.replace`` is atomic on POSIX and Windows) and syncs the directory entry. The
    file keeps its permission bits; a new file gets the usual ones (0666 less the umask, where
    a ``mkstemp`` file would be private). A symbolic link is written through: its target is
    replaced and the link stays a link.
    """
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
            handle.write(data)
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


def dump_yaml(
    tree: Any, *, bom: bool = False, newline: str = "\n", indent: Indent = CLAIM_FILE_INDENT
) -> bytes:
    """Serialise a round-trip tree in the claim-file style (or the given ``indent``).

    ``bom`` and ``newline`` restore what :func:`parse_claim_file` found (``ParsedFile.bom``,
    ``ParsedFile.newline``): ruamel.yaml reads CRLF as LF and drops a BOM, so both are put
    back here. A YAML text holds no raw LF that is not a line break (inside quotes and block
    scalars too, line breaks are the file's), so every LF of the output may be translated.
    For the least change to a file in another style, use
    :func:`evidence_claims.storage.render_claim_file`.
    """
    import io

    buffer = io.StringIO()
    make_yaml(indent).dump(tree, buffer)
    text = buffer.getvalue()
    if newline != "\n":
        text = text.replace("\n", newline)
    data = text.encode("utf-8")
    return _UTF8_BOM + data if bom else data


def dump_json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def text_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in a text."""
    return LineIndex(text).position(offset)
