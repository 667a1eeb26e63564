"""evidence-claims: source-anchored claim records and the strength of the evidence behind each.

The public API is imported lazily so that ``import evidence_claims`` and the command line stay
fast; ``from evidence_claims import load, validate`` works as usual.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__ as __version__

_EXPORTS = {
    "load": "pipeline.validation",
    "validate": "pipeline.validation",
    "assess": "pipeline.validation",
    "ClaimAssessment": "model.report",
    "Reason": "model.report",
    "ClaimSet": "io.claimset",
    "Claim": "model.records",
    "ClaimFile": "model.records",
    "Report": "model.report",
    "Finding": "model.report",
    "ClaimFileError": "model.errors",
    "ConflictError": "model.errors",
    "table": "render.tables",
    "annotate": "render.annotated",
    "evidence_map": "render.evidence_map",
    "extract": "extraction.draft",
}

__all__ = [
    "Claim",
    "ClaimAssessment",
    "ClaimFile",
    "ClaimFileError",
    "ClaimSet",
    "ConflictError",
    "Finding",
    "Reason",
    "Report",
    "annotate",
    "assess",
    "evidence_map",
    "extract",
    "load",
    "table",
    "validate",
]

if TYPE_CHECKING:
    from .extraction.draft import extract
    from .io.claimset import ClaimSet
    from .model.errors import ClaimFileError, ConflictError
    from .model.records import Claim, ClaimFile
    from .model.report import ClaimAssessment, Finding, Reason, Report
    from .pipeline.validation import assess, load, validate
    from .render.annotated import annotate
    from .render.evidence_map import evidence_map
    from .render.tables import table


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'evidence_claims' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
