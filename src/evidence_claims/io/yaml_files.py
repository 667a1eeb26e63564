"""Claim files in YAML: ruamel.yaml's round-trip tree (kept for saving) and plain data.

YAML passes through :mod:`evidence_claims.io.yaml_guard`, which refuses alias bombs, deep
nesting, tags and merge keys before any object is constructed; every problem becomes a
located finding.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from ..model.report import Finding
from ..rules import structural as R
from ..rules.catalogue import RULES
from .limits import Limits
from .locate import LineIndex, YamlLocator
from .yaml_style import yaml_source

if TYPE_CHECKING:
    from .claim_file import ParsedFile


def parse_yaml(parsed: ParsedFile, limits: Limits) -> None:
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

    The guard (:mod:`evidence_claims.io.yaml_guard`) has already refused tags, merge keys, cycles
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
