"""evidence-claims: source-anchored claim records and the strength of the evidence behind each.

The public API is imported lazily so that ``import evidence_claims`` and the command line stay
fast; ``from evidence_claims import load, validate`` works as usual.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "load": "validation",
    "validate": "validation",
    "assess": "assessment",
    "ClaimAssessment": "report",
    "Reason": "report",
    "ClaimSet": "claimset",
    "Claim": "model",
    "ClaimFile": "model",
    "Report": "report",
    "Finding": "report",
    "ClaimFileError": "errors",
    "ConflictError": "errors",
    "table": "tables",
    "annotate": "display",
    "evidence_map": "display",
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
    from .assessment import assess
    from .claimset import ClaimSet
    from .display import annotate, evidence_map
    from .errors import ClaimFileError, ConflictError
    from .extraction.draft import extract
    from .model import Claim, ClaimFile
    from .report import ClaimAssessment, Finding, Reason, Report
    from .tables import table
    from .validation import load, validate


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'evidence_claims' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
