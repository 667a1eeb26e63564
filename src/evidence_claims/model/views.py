"""How the data classes show themselves (Jupyter HTML, pandas frames) without importing render/.

The records of this layer (and the claim set of io/) offer ``_repr_html_`` and ``to_frame``
because that is where Jupyter and pandas users look for them, but drawing is the job of
:mod:`evidence_claims.render`, which sits above every other layer. An import of render/ from
here, even inside a method, would be an arrow from the bottom of the house to its top (and
close a circle: render imports these records). So the methods look their renderer up by name
at call time: :func:`view` imports ``evidence_claims.render.<module>`` through importlib, which
leaves no import in the static graph that import-linter and the circle test check. The names
are few and fixed, and ``tests/test_architecture.py`` checks that each one resolves.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

RENDER_PACKAGE = "evidence_claims.render"

# (module of render/, function) for every view the data classes delegate to
VIEWS: dict[str, tuple[str, str]] = {
    "claim_html": ("display", "claim_html"),
    "claim_set_html": ("display", "claim_set_html"),
    "report_html": ("display", "report_html"),
    "claims_frame": ("frames", "claims_frame"),
    "assessments_frame": ("frames", "assessments_frame"),
    "findings_frame": ("frames", "findings_frame"),
}


def view(name: str) -> Callable[..., Any]:
    """The render/ function registered under ``name`` in :data:`VIEWS`."""
    module, attribute = VIEWS[name]
    return getattr(import_module(f"{RENDER_PACKAGE}.{module}"), attribute)
