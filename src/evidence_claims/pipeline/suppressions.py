"""Dropping the findings a claim file suppresses, shared by whole-file and chunked validation."""

from __future__ import annotations

from typing import Any

from ..model.report import Finding


def drop_suppressed(
    findings: list[Finding], wanted: dict[tuple[str, str], Any], used: set[tuple[str, str]]
) -> list[Finding]:
    """The findings whose (claim id, rule code) no suppression in ``wanted`` names; the keys
    that did suppress one are added to ``used``, so that a suppression matching nothing can be
    reported once the whole file has been seen."""
    kept = []
    for finding in findings:
        key = (finding.claim_id or "", finding.code)
        if key in wanted:
            used.add(key)
        else:
            kept.append(finding)
    return kept
