"""Claim files in JSON: the standard library's parser (or the fast path of
:mod:`evidence_claims.io.fastjson`), with duplicate keys, non-finite numbers, huge integers
and deep nesting reported as located findings.
"""

from __future__ import annotations

import json
import re
import sys
from typing import TYPE_CHECKING, Any

from ..model.report import Finding
from ..rules import structural as R
from ..rules.catalogue import RULES
from .json_index import JsonIndex
from .json_locate import JsonLocator
from .limits import Limits
from .locate import LineIndex

if TYPE_CHECKING:
    from .claim_file import ParsedFile


class _Flags:
    duplicate = False
    non_finite = False


_LONG_INT = re.compile(r"-?[0-9]{%d,}")


def parse_json(parsed: ParsedFile, limits: Limits | None = None, raw: bytes | None = None) -> None:
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
    * ``raw``, when given, is ``parsed.text`` encoded in UTF-8 (the fast path reads it);
    * locations come from :class:`~evidence_claims.io.json_locate.JsonLocator`, built lazily, so a
      valid file never pays for them.
    """
    assert parsed.text is not None
    limits = limits or Limits()
    text = parsed.text
    from .fastjson import accept

    fast = accept(text, limits, raw)  # a valid file, proven so without the walk below
    if fast is not None:
        parsed.data, parsed.model = fast
        parsed.locator = JsonLocator(text, claim_file=parsed.data)
        return
    flags = _Flags()
    try:
        data = _exact_loads(text, flags)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        parsed.findings.append(_load_failure(exc, parsed.file, text, limits))
        return
    locator = JsonLocator(text)
    parsed.locator = locator
    if flags.duplicate or flags.non_finite:
        parsed.findings.extend(_token_findings(parsed.file, locator.index, flags))
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


def _exact_loads(text: str, flags: _Flags) -> Any:
    """``json.loads`` with hooks that raise ``flags`` on duplicate keys and non-finite numbers."""

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

    return json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_float=number)


def _load_failure(exc: BaseException, file: str, text: str, limits: Limits) -> Finding:
    """The finding of a text ``json.loads`` refused: bad syntax, too deep, or a huge integer."""
    if isinstance(exc, json.JSONDecodeError):
        return R.FILE_SYNTAX.finding(
            file=file, line=exc.lineno, column=exc.colno, format="JSON", reason=exc.msg
        )
    if isinstance(exc, RecursionError):
        line, column = _json_too_deep(text, limits.max_depth)
        return R.LIMITS_DEPTH.finding(file=file, line=line, column=column, limit=limits.max_depth)
    # an integer with more digits than int() accepts
    most = sys.get_int_max_str_digits()
    match = _LONG_INT.pattern % (most + 1) if most else None
    found = re.search(match, text) if match else None
    line, column = LineIndex(text).position(found.start()) if found else (1, 1)
    return R.LIMITS_SIZE.finding(
        file=file,
        line=line,
        column=column,
        what="a number",
        problem=f"has more than {most:,} digits" if most else str(exc),
    )


def _token_findings(file: str, index: JsonIndex, flags: _Flags) -> list[Finding]:
    """Every duplicate key and non-finite number, located by the full index."""
    findings = []
    for path, offset in index.duplicates:
        line, column = index.lines.position(offset)
        findings.append(
            R.FILE_DUPLICATE_KEY.finding(file=file, line=line, column=column, key=path[-1])
        )
    for _path, offset, token in index.non_finite:
        line, column = index.lines.position(offset)
        findings.append(R.FILE_NON_FINITE.finding(file=file, line=line, column=column, value=token))
    if flags.non_finite and not index.non_finite:
        findings.append(
            R.FILE_NON_FINITE.finding(
                file=file, line=1, column=1, value="a number too large for a float"
            )
        )
    return findings


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


def limit_problem(data: Any, limits: Limits) -> tuple[str, tuple[Any, ...], dict[str, Any]] | None:
    """The first limit a parsed JSON value breaks (see :func:`parse_json`), or None."""
    return _check_tree(data, limits)


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


def dump_json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
