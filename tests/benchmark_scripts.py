"""Load a script of ``benchmarks/`` as a module, for tests of its arithmetic.

The benchmarks are scripts, not package modules: they are loaded from their files, with the
benchmarks folder on the import path (a script may import another, as the annotator agreement
imports the extraction agreement) and registered under their name before they run (their
dataclasses look their module up by name while the file runs).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_benchmark(name: str) -> ModuleType:
    """The module of ``benchmarks/<name>.py`` (loaded once per test session)."""
    if name in sys.modules:
        return sys.modules[name]
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
