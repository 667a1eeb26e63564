"""Claim files in YAML: plain data and positions for validation, a round-trip tree for saving.

Reading for validation goes through :mod:`evidence_claims.io.yaml_fast` (LibYAML's event
parser, about 30 times faster than ruamel.yaml's pure-Python round-trip loader), which refuses
alias bombs, deep nesting, tags, merge keys and duplicate keys before anything is built; every
problem becomes a located finding. ruamel.yaml reads the same text again only when an edit is
to be saved (:func:`round_trip_tree`), because only it keeps comments, order and quoting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..rules.catalogue import RULES
from .limits import Limits
from .yaml_style import yaml_source

if TYPE_CHECKING:
    from .claim_file import ParsedFile


def parse_yaml(parsed: ParsedFile, limits: Limits) -> None:
    """Parse ``parsed.text`` into ``parsed.data`` and its locator, or add located findings."""
    from .yaml_fast import read_yaml

    assert parsed.text is not None
    result = read_yaml(parsed.text, limits)
    for problem in result.problems:
        parsed.findings.append(
            RULES[problem.code].finding(
                file=parsed.file, line=problem.line, column=problem.column, **problem.params
            )
        )
    parsed.locator = result.positions
    if not result.problems:
        parsed.data = result.data


def round_trip_tree(text: str, limits: Limits | None = None) -> Any:
    """ruamel.yaml's round-trip tree of a YAML text (comments, order and quoting kept), for
    an edit that is saved; None when ruamel.yaml cannot read a text the fast reader took
    (it raises internal errors on some valid YAML, such as a ``%YAML 1.3`` directive)."""
    from .yaml_guard import make_guarded_yaml

    try:
        return make_guarded_yaml(limits).load(yaml_source(text))
    except Exception:  # any failure of the second reader means "cannot edit in place"
        return None
