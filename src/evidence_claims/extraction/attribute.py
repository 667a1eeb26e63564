"""What each statement rests on: source type, sources and basis.

Explicit cues come from ``data/attribution.yaml``; the rules that weigh them and follow them
through the text are documented there and in :func:`attribute`. In short: a statement takes
the type its own words name (``explicit``); one that names nothing continues the open passage
(``context``); when an informal mention was resolved to bibliography keys the basis is
``inferred``; otherwise the statement is an ``unsourced_assertion`` (``none``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..io.bib import Bibliography
from ..model.linear_model import LinearModel
from ..model.records import Kind
from .attribution_decisions import Attribution, Walk, decide, new_paragraph
from .attribution_reading import Document, entry_types, read_statement
from .attribution_rules import (
    ANECDOTAL,
    AUTHORITY,
    EXPERT,
    REVIEW,
    UNSOURCED,
    AttributionRules,
    CueHit,
    build_rules,
    load_rules,
)
from .segment import Segment
from .source_features import (
    FeatureReader,
    passage_type,
    previous_type_features,
)
from .source_model import relabel

__all__ = [
    "ANECDOTAL",
    "AUTHORITY",
    "EXPERT",
    "REVIEW",
    "UNSOURCED",
    "Attribution",
    "AttributionRules",
    "CueHit",
    "attribute",
    "build_rules",
    "entry_types",
    "load_rules",
]


def attribute(
    document: str,
    segments: Sequence[Segment],
    kinds: Sequence[Kind],
    asides: Sequence[list[tuple[int, int]]],
    *,
    bibliography: Bibliography | None = None,
    folded: str | None = None,
    learned: LinearModel | None = None,
    features: list[list[str]] | None = None,
) -> list[Attribution]:
    """Attribute every segment (see the module docstring and ``data/attribution.yaml``).

    The statements are read in order; each rule (:mod:`.attribution_decisions`) either
    decides a statement or passes it on, in this order: layout (headings, labels, "[citation
    needed]"), the passage's end at a change of topic, questions, advice, planned research,
    the study a report describes, judgements, a ground the statement names, and what the open
    passage carries.
    ``folded`` is ``caseless.fold(document)`` when the caller has it (computed otherwise).

    With a ``learned`` model (:mod:`.source_model`) the model's type overrules the rules'
    where it is confident, for statements that name no ground of their own (a cue or a
    citation, which the rules read); the walk over the passage goes on as the rules read it. When
    ``features`` is a list, each statement's feature names (:mod:`.source_features`) are
    appended to it (what the model is trained on; empty for a statement that names its own
    ground).
    """
    doc = Document.read(document, segments, kinds, asides, bibliography, folded)
    walk = Walk()
    reader = FeatureReader(doc) if learned is not None or features is not None else None
    previous: str | None = None  # the previous statement's final type
    results: list[Attribution] = []
    h = 0
    for index, (segment, kind) in enumerate(zip(segments, kinds, strict=True)):
        new_paragraph(walk, segment, kind)
        while h < len(doc.hits) and doc.hits[h].start < segment.start:
            h += 1
        statement = read_statement(doc, index, h)
        if reader is None:
            attribution = decide(doc, walk, statement)
        else:
            before = passage_type(walk)
            attribution = decide(doc, walk, statement)
            names = reader.read(statement, before, attribution)
            if features is not None:
                features.append(names)
            if learned is not None:
                if names:  # a statement that names no ground of its own
                    names += previous_type_features(names, previous)
                    attribution = relabel(learned, names, attribution, walk)
                previous = attribution.type
        if statement.unresolved:
            attribution = replace(attribution, unresolved=statement.unresolved)
        results.append(attribution)
    return results
