"""A caveat found by a detector: what the engine's detectors return, in one small module so
that the detectors of :mod:`.detect` and :mod:`.body` can share it without importing each
other."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.frozen import fast_init


@fast_init
@dataclass(frozen=True, slots=True)
class Detected:
    """A caveat found by a detector; ``where`` is a field path inside the claim (() = the claim)."""

    code: str
    detail: str
    where: tuple[str | int, ...] = ()
