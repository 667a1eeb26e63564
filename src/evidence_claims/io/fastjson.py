"""The fast path for valid JSON claim files: one Rust parse, one model validation, no walk.

The exact JSON reader (:func:`evidence_claims.io.json_files.parse_json`) parses with Python
hooks (to find duplicate keys and NaN) and then walks every value to enforce the limits: about
as much work again as the parse. For a file that turns out valid, none of that finds anything.
So a claim file is first read here, and only when this path cannot *prove* that the exact reader
would accept the file without a finding does the exact reader run (and report):

* jiter parses with duplicate keys and NaN/Infinity refused, and returns every non-integer
  number as a ``LosslessFloat``, which the strict models refuse; it also refuses lone
  surrogates and control characters, as the standard library does (tested), so whatever it
  accepts the exact reader parses to the same value;
* the models validate the value (strict, no unknown fields): a valid claim file nests
  :data:`MODEL_DEPTH` levels deep at most, and all its strings but :data:`UNBOUNDED_STRINGS`
  have a ``max_length`` of at most :data:`BOUNDED_STRING_MAX` (both checked against the
  schema by the tests), so the depth and string limits hold unless one of those few strings
  is longer than the limit, which is checked directly;
* values are at most ``1 + commas + brackets`` (an upper bound counted in C); integers are
  offsets, which must stay below 2**63 here.

The result is the parsed value and the validated :class:`~evidence_claims.model.records.ClaimFile`,
so the loader does not validate twice.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..model.records import ClaimFile
from .limits import Limits

MODEL_DEPTH = 6
"""Deepest nesting of a valid claim file, counting the root and scalars (claims → claim →
hedges → cue → start)."""
BOUNDED_STRING_MAX = 2000
"""The largest ``max_length`` of any bounded string field of the models."""
UNBOUNDED_STRINGS = frozenset({"Claim.text", "ClaimFile.$schema", "Document.sha256"})
"""String fields with no ``max_length``: checked against the limit one by one."""
_BIG = 2**63


def accept(text: str, limits: Limits, raw: bytes | None = None) -> tuple[Any, ClaimFile] | None:
    """(value, model) when the exact reader would accept ``text`` with no finding and the
    model validates it; None when that is not certain.

    ``raw``, when given, must be ``text`` encoded in UTF-8 (the bytes it was decoded from):
    it saves a copy of the file while the value and the models are built, the moment of
    loading that needs the most memory."""
    if limits.max_depth < MODEL_DEPTH or limits.max_string_length < BOUNDED_STRING_MAX:
        return None
    import jiter

    if raw is None:
        raw = text.encode("utf-8")
    if 1 + raw.count(b",") + raw.count(b"[") + raw.count(b"{") > limits.max_nodes:
        return None
    try:
        data = jiter.from_json(
            raw, allow_inf_nan=False, catch_duplicate_keys=True, float_mode="lossless-float"
        )
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    try:
        model = ClaimFile.model_validate(data, strict=True)
    except ValidationError:
        return None
    longest = limits.max_string_length
    if len(model.schema_ or "") > longest or len(model.document.sha256) > longest:
        return None
    for claim in model.claims:
        anchor = claim.anchor
        if len(claim.text) > longest or anchor.start >= _BIG or anchor.end >= _BIG:
            return None
        for cue in (*claim.hedges, *claim.boosters):
            if cue.start >= _BIG or cue.end >= _BIG:
                return None
    return data, model
