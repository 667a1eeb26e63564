"""Source types and their crosswalk, read from ``data/taxonomy.yaml``.

The taxonomy is data so that a reviewer can read and cite it without reading code; the claim
model builds its ``evidence.type`` enum from it, so adding a type here adds it to the schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

CERTAINTY_LEVELS: tuple[str, ...] = ("high", "moderate", "low", "very_low")
"""GRADE certainty levels, strongest first (``ungraded`` is not a level: no evidence cited)."""


@dataclass(frozen=True, slots=True)
class SourceType:
    """One kind of ground a statement can rest on, with its place in the evidence hierarchies."""

    name: str
    label: str
    description: str
    grade_start: str | None
    ocebm_level: int | None
    eco: str | None = None
    eco_label: str | None = None
    eco_match: str | None = None  # SKOS-style: exact | close | broad
    cues: tuple[str, ...] = field(default=())
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def _read_taxonomy_yaml() -> dict[str, Any]:
    from .data_yaml import load_data_yaml

    text = resources.files("evidence_claims").joinpath("data/taxonomy.yaml").read_text("utf-8")
    data = load_data_yaml(text)
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
        raise RuntimeError("evidence_claims/data/taxonomy.yaml has no 'types' mapping")
    return data


@cache
def source_types() -> dict[str, SourceType]:
    """All source types by name, in the order the taxonomy file lists them."""
    known = {f for f in SourceType.__dataclass_fields__ if f not in ("name", "extra", "cues")}
    types: dict[str, SourceType] = {}
    for name, spec in _read_taxonomy_yaml()["types"].items():
        spec = dict(spec)
        cues = tuple(spec.pop("cues", ()) or ())
        eco = spec.pop("eco", None)
        eco_id, eco_label, eco_match = (
            (eco.get("id"), eco.get("label"), eco.get("match"))
            if isinstance(eco, dict)
            else (eco, None, None)
        )
        kwargs = {k: spec.pop(k) for k in list(spec) if k in known}
        kwargs.setdefault("eco", eco_id)
        kwargs.setdefault("eco_label", eco_label)
        kwargs.setdefault("eco_match", eco_match)
        types[name] = SourceType(name=name, cues=cues, extra=spec, **kwargs)
    return types


def source_type_names() -> tuple[str, ...]:
    """Names of all source types (the values allowed in ``evidence.type``)."""
    return tuple(source_types())
