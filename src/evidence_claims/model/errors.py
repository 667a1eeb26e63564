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


class ConflictError(RuntimeError):
    """A save was refused because the file changed since it was loaded.

    Like ``RuntimeError: dictionary changed size during iteration``, it reports a state that
    changed under the caller. Overwriting would silently drop the other edit, so nothing is
    written: reload the file, reapply the change and save again. ``expected_sha256`` is the
    digest the caller loaded, ``actual_sha256`` the file's digest now (None when the file is
    gone).
    """

    def __init__(self, path: str, expected_sha256: str | None, actual_sha256: str | None) -> None:
        now = "was removed" if actual_sha256 is None else f"now has SHA-256 {actual_sha256[:12]}"
        was = "did not exist" if expected_sha256 is None else f"had {expected_sha256[:12]}"
        super().__init__(
            f"{path} changed since it was loaded (it {was}, it {now}); "
            "reload it and apply the change again"
        )
        self.path = path
        self.expected_sha256 = expected_sha256
        self.actual_sha256 = actual_sha256


class LockTimeoutError(TimeoutError):
    """Another save of the same file held its lock for longer than the caller would wait."""

    def __init__(self, path: str, timeout: float, lock: str) -> None:
        super().__init__(f"{path}: another save still holds {lock} after {timeout:g} s")
        self.path = path
        self.lock = lock
