"""Reading and writing claim files: decoding, parsing with locations, atomic round-trip saves.

Every problem becomes a located :class:`~evidence_claims.report.Finding`; nothing here raises on
bad input. YAML is read with ruamel.yaml's round-trip loader so that a later save keeps comments,
key order and quoting; JSON with the standard library, indexed for locations only on demand.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as _dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import structural_rules as R
from .locate import JsonIndex, JsonLocator, LineIndex, Locator, NullLocator, YamlLocator
from .report import Finding

Format = Literal["yaml", "json"]
CLAIM_FILE_SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}

MAX_DEPTH = 64
MAX_NODES = 2_000_000

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


def read_bytes(path: Path, *, file: str, what: str) -> tuple[bytes | None, list[Finding]]:
    """The file's bytes, or a finding saying why they could not be read."""
    try:
        return path.read_bytes(), []
    except FileNotFoundError:
        return None, [R.FILE_NOT_FOUND.finding(file=file, what=what, name=str(path))]
    except OSError as exc:
        return None, [
            R.FILE_UNREADABLE.finding(file=file, name=str(path), reason=exc.strerror or str(exc))
        ]


def read_text(
    path: Path, *, file: str, what: str
) -> tuple[str | None, bytes | None, list[Finding]]:
    """Read and decode a UTF-8 text file; returns (text, raw bytes, findings)."""
    raw, findings = read_bytes(path, file=file, what=what)
    if raw is None:
        return None, None, findings
    decoded = decode(raw, file=file, what=what)
    return decoded.text, raw, findings + decoded.findings


# --- YAML ------------------------------------------------------------------------------------


def make_yaml() -> Any:
    """The one ruamel.yaml configuration used to load and save claim files.

    With these settings a load/save round trip of a file written in this style is byte-identical.
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.allow_duplicate_keys = False
    return yaml


@dataclass(slots=True)
class ParsedFile:
    """A claim file as parsed: plain data for validation, the original tree for saving."""

    path: Path
    file: str
    format: Format
    text: str | None = None
    data: Any = None
    tree: Any = None
    bom: bool = False
    locator: Locator = field(default_factory=NullLocator)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(f.severity == "error" for f in self.findings)


def parse_claim_file(path: Path, *, file: str | None = None) -> ParsedFile:
    """Read, decode and parse a claim file; never raises on bad content."""
    file = file if file is not None else str(path)
    fmt = CLAIM_FILE_SUFFIXES.get(path.suffix.lower())
    parsed = ParsedFile(path=path, file=file, format=fmt or "yaml")
    if fmt is None:
        parsed.findings.append(R.FILE_FORMAT.finding(file=file, name=str(path)))
        return parsed
    raw, findings = read_bytes(path, file=file, what="claim file")
    parsed.findings.extend(findings)
    if raw is None:
        return parsed
    decoded = decode(raw, file=file, what="claim file")
    parsed.findings.extend(decoded.findings)
    parsed.bom = decoded.bom
    if decoded.text is None:
        return parsed
    parsed.text = decoded.text
    if not decoded.text.strip():
        parsed.findings.append(R.FILE_EMPTY.finding(file=file, line=1, column=1))
        return parsed
    if fmt == "yaml":
        _parse_yaml(parsed)
    else:
        _parse_json(parsed)
    return parsed


def _parse_yaml(parsed: ParsedFile) -> None:
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    assert parsed.text is not None
    try:
        tree = make_yaml().load(parsed.text)
    except DuplicateKeyError as exc:
        line, column = _mark(exc)
        key = _duplicate_key_name(exc)
        parsed.findings.append(
            R.FILE_DUPLICATE_KEY.finding(file=parsed.file, line=line, column=column, key=key)
        )
        return
    except MarkedYAMLError as exc:
        line, column = _mark(exc)
        reason = " ".join(str(exc.problem or exc.context or "malformed YAML").split())
        parsed.findings.append(
            R.FILE_SYNTAX.finding(
                file=parsed.file, line=line, column=column, format="YAML", reason=reason
            )
        )
        return
    except RecursionError:
        parsed.findings.append(
            R.LIMITS_DEPTH.finding(file=parsed.file, line=1, column=1, limit=MAX_DEPTH)
        )
        return
    except (YAMLError, ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        # ruamel.yaml reports a few malformed inputs (bad characters, odd tags) with plain
        # exceptions; they are still syntax errors of the input, not of this program.
        line, column = _mark(exc)
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


def _mark(exc: BaseException) -> tuple[int, int]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None and getattr(mark, "line", None) is not None:
        return mark.line + 1, mark.column + 1
    position = getattr(exc, "position", None)
    return (1, position + 1) if isinstance(position, int) else (1, 1)


def _duplicate_key_name(exc: BaseException) -> str:
    problem = str(getattr(exc, "problem", "") or "")
    start = problem.find('"')
    end = problem.find('"', start + 1)
    return problem[start + 1 : end] if 0 <= start < end else "?"


class _PlainConverter:
    """Turns ruamel round-trip nodes into plain dict/list/str/int/float/bool/None.

    Refuses explicit tags, binary and set values, and bounds depth and total nodes (aliases
    are expanded, so a small file could otherwise describe a huge tree).
    """

    def __init__(self, parsed: ParsedFile) -> None:
        self.parsed = parsed
        self.failed = False
        self.nodes = 0

    def _fail(self, finding: Finding) -> None:
        self.failed = True
        self.parsed.findings.append(finding)

    def convert(self, node: Any, path: tuple[Any, ...]) -> Any:
        from ruamel.yaml.comments import TaggedScalar

        self.nodes += 1
        if self.nodes > MAX_NODES:
            if self.nodes == MAX_NODES + 1:
                self._fail(
                    R.LIMITS_SIZE.finding(
                        file=self.parsed.file,
                        line=1,
                        column=1,
                        what="the claim file",
                        problem=f"expands to more than {MAX_NODES:,} values (aliases included)",
                    )
                )
            return None
        if len(path) > MAX_DEPTH:
            line, column = self.parsed.locator.locate(path[:MAX_DEPTH])
            if not self.failed:
                self._fail(
                    R.LIMITS_DEPTH.finding(
                        file=self.parsed.file, line=line, column=column, limit=MAX_DEPTH
                    )
                )
            return None
        tag = _explicit_tag(node)
        if tag is not None or isinstance(node, TaggedScalar):
            line, column = self.parsed.locator.locate(path)
            self._fail(
                R.FILE_YAML_TAG.finding(
                    file=self.parsed.file, line=line, column=column, tag=tag or "?"
                )
            )
            return None
        if isinstance(node, dict):
            return {
                str(k) if not isinstance(k, str) else k: self.convert(v, (*path, k))
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [self.convert(v, (*path, i)) for i, v in enumerate(node)]
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
        name = {bytes: "!!binary", set: "!!set"}.get(type(node), type(node).__name__)
        for base, tag_name in ((bytes, "!!binary"), (set, "!!set"), (frozenset, "!!set")):
            if isinstance(node, base):
                name = tag_name
        self._fail(
            R.FILE_YAML_TAG.finding(file=self.parsed.file, line=line, column=column, tag=name)
        )
        return None


def _explicit_tag(node: Any) -> str | None:
    tag = getattr(node, "tag", None)
    value = getattr(tag, "value", None) if tag is not None and not isinstance(tag, str) else None
    return value if isinstance(value, str) and value else None


# --- JSON ------------------------------------------------------------------------------------


class _Flags:
    duplicate = False
    non_finite = False


def _parse_json(parsed: ParsedFile) -> None:
    assert parsed.text is not None
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
            parsed.text, object_pairs_hook=pairs, parse_constant=constant, parse_float=number
        )
    except json.JSONDecodeError as exc:
        parsed.findings.append(
            R.FILE_SYNTAX.finding(
                file=parsed.file, line=exc.lineno, column=exc.colno, format="JSON", reason=exc.msg
            )
        )
        return
    except RecursionError:
        parsed.findings.append(
            R.LIMITS_DEPTH.finding(file=parsed.file, line=1, column=1, limit=MAX_DEPTH)
        )
        return
    locator = JsonLocator(parsed.text)
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
    depth = _depth(data)
    if depth > MAX_DEPTH:
        parsed.findings.append(
            R.LIMITS_DEPTH.finding(file=parsed.file, line=1, column=1, limit=MAX_DEPTH)
        )
        return
    parsed.data = data


def _depth(data: Any) -> int:
    deepest = 0
    stack = [(data, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(node, dict):
            stack.extend((v, level + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, level + 1) for v in node)
    return deepest


# --- writing ---------------------------------------------------------------------------------


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new, never a part.

    Writes a temporary file in the same directory, flushes it to disk, then renames it over the
    target (``os.replace`` is atomic on POSIX and Windows) and syncs the directory entry.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    mode = None
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode & 0o7777
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
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


def dump_yaml(tree: Any, *, bom: bool = False) -> bytes:
    """Serialise a round-trip tree in the claim-file style."""
    import io

    buffer = io.StringIO()
    make_yaml().dump(tree, buffer)
    data = buffer.getvalue().encode("utf-8")
    return _UTF8_BOM + data if bom else data


def dump_json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def text_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in a text."""
    return LineIndex(text).position(offset)
