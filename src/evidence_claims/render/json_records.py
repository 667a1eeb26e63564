"""The JSON report's findings and assessments as compact lines, written without their dicts.

Each record of the ``json`` format's long arrays is one line, the C encoder's compact text of
the record's ``to_dict()`` (:mod:`.json_lines`). Building that dict and starting the encoder
once per record was most of the time spent writing a large report, and that writing runs in
one process after the last claim is checked (about 16 s of CPU for a million claims). Here a
record's line is written field by field: strings through the C string encoder the encoder
itself uses (``ensure_ascii=False``), ``None`` and plain integers directly, anything else
through the encoder, so the text is the same byte for byte (compared on generated records in
``tests/test_json_records.py``). Tuples of reasons that claims share (one object for many
claims, see :mod:`evidence_claims.pipeline.packing`) are written once each.
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

from ..model.report import ClaimAssessment, Finding
from .json_lines import _COMPACT

_INT = int.__repr__  # what the encoder writes for an int (bool and other subclasses go to it)
_KEPT_TEXTS = 4_096
"""Texts of shared tuples kept while a report is written (then forgotten)."""


def _value(value: Any) -> str:
    """``value`` as the compact encoder writes it."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is int:
        return _INT(value)
    return _COMPACT(value)


# The lines below are written out field by field, in the records' order (a template filled
# from a tuple of values was a fifth slower); tests/test_json_records.py compares them with the
# encoder's text of ``to_dict()``, so a field added to a record fails there until added here.


def finding_line(f: Finding) -> str:
    """``_COMPACT(f.to_dict())``."""
    v = _value
    return (
        f'{{"code": {v(f.code)}, "severity": {v(f.severity)}, "message": {v(f.message)}, '
        f'"file": {v(f.file)}, "line": {v(f.line)}, "column": {v(f.column)}, '
        f'"claim_id": {v(f.claim_id)}, "path": {v(f.path)}}}'
    )


class SharedTexts:
    """``make(values)`` once per shared tuple of values (one object that many claims hold, see
    :mod:`evidence_claims.pipeline.packing`), recognised by identity; at most
    :data:`_KEPT_TEXTS` are kept at a time, so a report of many files, which shares none across
    files, does not grow without bound."""

    __slots__ = ("_make", "_texts")

    def __init__(self, make: Callable[[Any], str]) -> None:
        self._make = make
        # id of a tuple -> (the tuple, kept alive so that its id stays its own; its text)
        self._texts: dict[int, tuple[Any, str]] = {}

    def __call__(self, values: Any) -> str:
        known = self._texts.get(id(values))
        if known is None or known[0] is not values:
            if len(self._texts) >= _KEPT_TEXTS:
                self._texts.clear()
            known = self._texts[id(values)] = (values, self._make(values))
        return known[1]


class AssessmentLines:
    """``_COMPACT(a.to_dict())`` for the assessments of one report, each shared tuple of
    reasons written once."""

    __slots__ = ("_reasons",)

    def __init__(self) -> None:
        self._reasons = SharedTexts(_reasons_text)

    def __call__(self, a: ClaimAssessment) -> str:
        v = _value
        return (
            f'{{"claim_id": {v(a.claim_id)}, "certainty": {v(a.certainty)}, '
            f'"start": {v(a.start)}, "stated": {v(a.stated)}, '
            f'"reasons": {self._reasons(a.reasons)}, '
            f'"wording": {v(a.wording)}, "note": {v(a.note)}, "file": {v(a.file)}, '
            f'"line": {v(a.line)}, "relations": {_list_text(a.relations)}, '
            f'"document": {v(a.document)}}}'
        )


def _reasons_text(reasons: Any) -> str:
    """The JSON of ``[r.to_dict() for r in reasons]`` (Reason.to_dict's keys, in order)."""
    if not reasons:
        return "[]"
    v = _value
    return (
        "["
        + ", ".join(
            f'{{"code": {v(r.code)}, "effect": {v(r.effect)}, "note": {v(r.note)}, '
            f'"origin": {v(r.origin)}}}'
            for r in reasons
        )
        + "]"
    )


def _list_text(values: Any) -> str:
    """The JSON of ``list(values)``."""
    if not values:
        return "[]"
    return "[" + ", ".join(map(_value, values)) + "]"
