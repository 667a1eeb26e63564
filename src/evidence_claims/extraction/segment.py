"""Split a document into statements with exact character offsets.

Layout first, then sentences. A document is cut into paragraphs at blank lines; inside a
paragraph each line is a heading, a list item or running text (hard line breaks inside running
text are only whitespace). Running text and list items are then split into sentences by a
rule-based splitter that knows abbreviations ("et al.", "e.g.", "Dr.", "U.S."), initials,
decimals, closing quotes and brackets.
The line layout is read in :mod:`.layout`, sentences are split in :mod:`.sentences`, the
structured-abstract labels both look for are in :mod:`.abstract_labels`; this module is the
entry point and keeps the public names.

Why hand-written rules and not pysbd, syntok or blingfire: on this project's boundary tests and
gold documents the rules match or beat all three, keep exact offsets by construction (no
re-alignment of normalised output), understand layout (headings, bullets, hard line breaks)
which none of them does, and run several times faster than any of them but blingfire; see
``benchmarks/bench_segment.py`` for the comparison it prints.

Every :class:`Segment` satisfies ``text[seg.start:seg.end] == seg.text(text)``, is non-empty
and has no surrounding whitespace; segments never overlap and come in document order.
"""

from __future__ import annotations

from .abstract_labels import LABELS, is_label_name
from .layout import iter_segments
from .sentences import NEVER_FINAL, SENTENCE_OPENERS, SOMETIMES_FINAL
from .units import Role, Segment, strip_span

__all__ = [
    "LABELS",
    "NEVER_FINAL",
    "SENTENCE_OPENERS",
    "SOMETIMES_FINAL",
    "Role",
    "Segment",
    "is_label_name",
    "iter_segments",
    "segment",
    "strip_span",
]


def segment(document: str) -> list[Segment]:
    """All statements of ``document`` in order (see the module docstring)."""
    return list(iter_segments(document))
