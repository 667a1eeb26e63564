"""The ``evidence-claims`` command line (click only): one module per command, the shared
options and exit codes in :mod:`.options`, the group and the entry point in :mod:`.app`."""

from __future__ import annotations

from .app import cli, main

__all__ = ["cli", "main"]
