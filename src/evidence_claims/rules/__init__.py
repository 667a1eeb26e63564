"""The finding catalogue: every rule the tool can report, with its stable code.

:mod:`.catalogue` defines what a rule is and the registry; each module below defines one family
of rules and registers them when imported. This package imports every family explicitly, so
importing any part of it (``from evidence_claims.rules.catalogue import RULES`` included: Python
runs this file first) leaves the catalogue complete. The ``rules`` command, the SARIF rule
descriptors and ``docs/rules.md`` read it through :func:`all_rules`.
"""

from __future__ import annotations

from . import assessment, config, extraction, reanchor, structural
from .catalogue import RULES, Rule

__all__ = [
    "RULES",
    "Rule",
    "all_rules",
    "assessment",
    "config",
    "extraction",
    "get_rule",
    "reanchor",
    "structural",
]


def get_rule(code: str) -> Rule:
    """The rule with this code (``KeyError`` when there is none)."""
    return RULES[code]


def all_rules() -> list[Rule]:
    """Every rule, sorted by code."""
    return sorted(RULES.values(), key=lambda r: r.code)
