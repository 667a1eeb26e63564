"""The ``evidence-claims`` command line (click only): one module per command, the shared
options and exit codes in :mod:`.options`, the group and the entry point in :mod:`.main`."""

from __future__ import annotations

from .main import cli, main

__all__ = ["cli", "main"]
