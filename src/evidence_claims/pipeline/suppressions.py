"""A claim file's suppressions, shared by whole-file and chunked validation: dropping the findings
they name, and reporting those that name none."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..model.report import Finding
from ..rules import structural as R


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


Place = tuple[tuple[int | None, int | None], str]
"""Where a suppression is: its (line, column) and its JSON pointer."""


def unused_suppressions(
    file: str | None,
    wanted: Iterable[tuple[str, str]],
    used: set[tuple[str, str]],
    place: Callable[[tuple[str, str]], Place | None],
) -> list[Finding]:
    """A ``suppress.unused`` finding for each (claim id, rule code) of ``wanted`` that
    suppressed nothing, at the place ``place`` gives for it (none when it gives None): the
    same report whether the file was read whole or a chunk at a time."""
    unused = []
    for key in wanted:
        if key in used:
            continue
        where = place(key)
        if where is None:
            continue
        (line, column), pointer = where
        unused.append(
            R.SUPPRESS_UNUSED.finding(
                file=file,
                line=line,
                column=column,
                claim_id=key[0],
                path=pointer,
                code=key[1],
            )
        )
    return unused
