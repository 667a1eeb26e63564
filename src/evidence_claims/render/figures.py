"""A matplotlib Figure that shows itself in Jupyter, whatever the backend.

A Figure made without pyplot (as the library makes its figures, so that no global state or
GUI backend is touched) has no rich display of its own: Jupyter printed
``<Figure size 760x450 with 1 Axes>`` unless ``%matplotlib inline`` had registered one.
:class:`DisplayFigure` carries ``_repr_svg_`` and ``_repr_png_`` itself, so IPython shows it
as an image under any backend; it is a Figure in every other respect (``savefig`` and all).
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure


class DisplayFigure(Figure):
    """A Figure with its own rich representations for IPython (SVG and PNG)."""

    def _repr_svg_(self) -> str:
        return figure_svg(self)

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
        return buffer.getvalue()


def figure_svg(fig: Figure) -> str:
    """The figure as an ``<svg>`` element to inline in HTML: text kept as text, no metadata."""
    from matplotlib import rc_context

    buffer = io.StringIO()
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "evidence-claims"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]  # drop the XML declaration and DOCTYPE
