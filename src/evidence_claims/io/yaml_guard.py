"""A ruamel.yaml composer that refuses hostile YAML before any Python object is built.

ruamel.yaml reads a file in three stages: events (a flat, non-recursive state machine), nodes
(the composer, recursive) and objects (the constructor). Every guard lives in the composer, the
one stage that sees each node once with its position and before anything is constructed:

* depth: checked before descending, so deep nesting never reaches Python's recursion limit;
* aliases: counted, and the size each alias stands for is added up from the sizes recorded for
  its anchor, so an alias bomb ("billion laughs") is refused after reading its few lines,
  without expanding anything; an alias inside the node it names (a cycle) is refused;
* explicit tags (``!!python/object/apply``, ``!custom``, ``!!binary``, even ``!!str``): claim
  files are plain data, so a tagged node is never handed to the constructor;
* merge keys (``<<``): YAML 1.1 only, read differently by YAML 1.2 and JSON tools;
* duplicate keys: every duplicate of the document is reported, not only the first;
* string length, and decimal integers too long for ``int()`` (Python refuses more than
  ``sys.get_int_max_str_digits()`` digits), and timestamps that match YAML's pattern but name
  no real date (``2024-13-45``): each would otherwise fail inside the constructor, where no
  position is known.

Problems that make further reading pointless (depth, aliases, size) stop at once; the others
are collected so that one run reports them all. Either way :class:`YamlRefused` carries them
out of ``YAML.load`` as plain :class:`Problem` records.
"""

from __future__ import annotations

import sys
from typing import Any

from ruamel.yaml.composer import Composer
from ruamel.yaml.events import AliasEvent

from .limits import Limits
from .yaml_fast import Problem

_MERGE_TAG = "tag:yaml.org,2002:merge"
_INT_TAG = "tag:yaml.org,2002:int"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class YamlRefused(Exception):
    """Raised out of ``YAML.load`` when the guard refused the document."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def _position(mark: Any) -> tuple[int, int]:
    if mark is None or getattr(mark, "line", None) is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def _tag_name(tag: Any) -> str:
    value = getattr(tag, "value", tag)
    return str(value)


def _shown_tag(tag: Any) -> str:
    """A tag as its author wrote it: ``!!python/object`` rather than ``tag:yaml.org,2002:...``."""
    name = _tag_name(tag)
    return (
        "!!" + name[len("tag:yaml.org,2002:") :] if name.startswith("tag:yaml.org,2002:") else name
    )


class GuardedComposer(Composer):
    """Composer with the limits of :class:`~evidence_claims.io.limits.Limits` (see module doc).

    The limits are read from the owning ``YAML`` object's ``evidence_claims_limits`` attribute,
    set by :func:`make_guarded_yaml`.
    """

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False  # legal YAML; the latest definition counts
        self.limits: Limits = getattr(loader, "evidence_claims_limits", None) or Limits()
        self.problems: list[Problem] = []
        self.nodes = 0  # nodes of the document once every alias is expanded
        self.aliases = 0
        # anchor -> expanded size of the node it currently names; None while that node is
        # still being composed (an alias to it then would make a cycle)
        self.sizes: dict[Any, int | None] = {}
        self._generation: dict[Any, int] = {}

    # -- problems ------------------------------------------------------------------------------

    def _note(self, code: str, mark: Any, **params: Any) -> None:
        line, column = _position(mark)
        self.problems.append(Problem(code, line, column, params))

    def _stop(self, code: str, mark: Any, **params: Any) -> None:
        self._note(code, mark, **params)
        raise YamlRefused(self.problems)

    def _count(self, added: int, mark: Any) -> None:
        self.nodes += added
        if self.nodes > self.limits.max_nodes:
            self._stop(
                "limits.size",
                mark,
                what="the claim file",
                problem=f"expands to more than {self.limits.max_nodes:,} values (aliases included)",
            )

    # -- composition ---------------------------------------------------------------------------

    def compose_document(self) -> Any:
        node = super().compose_document()
        if self.problems:
            raise YamlRefused(self.problems)
        return node

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            alias = event.anchor
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                self._stop(
                    "limits.aliases",
                    event.start_mark,
                    problem=f"more than {self.limits.max_aliases:,} aliases",
                )
            if alias in self.sizes:
                size = self.sizes[alias]
                if size is None:
                    self._stop(
                        "limits.aliases",
                        event.start_mark,
                        problem=f"alias *{alias} lies inside the node it names, "
                        "which would make an endless structure",
                    )
                else:
                    self._count(size, event.start_mark)
            # an undefined alias is left to ruamel.yaml, which reports it as a syntax error
            return super().compose_node(parent, index)
        if self.depth >= self.limits.max_depth:
            self._stop("limits.depth", event.start_mark, limit=self.limits.max_depth)
        tag = getattr(event, "ctag", None)
        if tag is not None:
            self._note("file.yaml-tag", event.start_mark, tag=_shown_tag(tag))
        anchor = event.anchor
        generation = 0
        if anchor is not None:
            generation = self._generation.get(anchor, 0) + 1
            self._generation[anchor] = generation
            self.sizes[anchor] = None
        before = self.nodes
        self._count(1, event.start_mark)
        node = super().compose_node(parent, index)
        if anchor is not None and self._generation[anchor] == generation:
            # a later definition of the same anchor inside this node keeps its own size
            self.sizes[anchor] = self.nodes - before
        return node

    def compose_scalar_node(self, anchor: Any) -> Any:
        event = self.parser.peek_event()
        value = event.value
        if len(value) > self.limits.max_string_length:
            self._note(
                "limits.string-length",
                event.start_mark,
                length=len(value),
                limit=self.limits.max_string_length,
            )
        node = super().compose_scalar_node(anchor)
        tag = _tag_name(node.tag)
        if tag == _INT_TAG:
            self._check_int(node)
        elif tag == _TIMESTAMP_TAG:
            self._check_timestamp(node)
        return node

    def _check_int(self, node: Any) -> None:
        most = sys.get_int_max_str_digits()
        text = node.value.lstrip("+-").replace("_", "")
        if most and len(text) > most and text.isdigit():
            self._note(
                "limits.size",
                node.start_mark,
                what="a number",
                problem=f"has {len(text):,} digits, more than {most:,}",
            )

    def _check_timestamp(self, node: Any) -> None:
        try:
            self.loader.constructor.construct_yaml_timestamp(node)
        except (ValueError, OverflowError, TypeError, AttributeError) as exc:
            self._note(
                "file.syntax",
                node.start_mark,
                format="YAML",
                reason=f"{node.value!r} looks like a date but is not one ({exc}); quote it",
            )

    def compose_mapping_node(self, anchor: Any) -> Any:
        node = super().compose_mapping_node(anchor)
        seen: set[tuple[str, str]] = set()
        for key, _value in node.value:
            tag = _tag_name(key.tag)
            if tag == _MERGE_TAG:
                self._note("file.yaml-merge-key", key.start_mark)
                continue
            if not isinstance(key.value, str):
                continue  # a sequence or mapping used as a key: the schema reports it
            identity = (tag, key.value)
            if identity in seen:
                self._note("file.duplicate-key", key.start_mark, key=key.value)
            seen.add(identity)
        return node


def make_guarded_yaml(limits: Limits | None = None) -> Any:
    """The claim-file loader (:func:`evidence_claims.io.yaml_style.make_yaml`) with the guard."""
    from .yaml_style import make_yaml

    yaml = make_yaml()
    yaml.Composer = GuardedComposer
    yaml.evidence_claims_limits = limits or Limits()
    return yaml
