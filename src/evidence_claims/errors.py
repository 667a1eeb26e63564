"""Exceptions of the public API; each refines the builtin it subclasses."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .report import Report


class ClaimFileError(ValueError):
    """A claim file could not be loaded; ``report`` holds the located findings that say why."""

    def __init__(self, message: str, report: Report) -> None:
        super().__init__(message)
        self.report = report
