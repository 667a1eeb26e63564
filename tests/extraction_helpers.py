"""Read the cues and kinds the extractor gives small written texts, for the extraction tests."""

from __future__ import annotations

from evidence_claims.extraction.cues import load_lexicon, merge_adjacent, resolve
from evidence_claims.extraction.draft import extract


def cues(text: str, kind: str | None = None) -> list[tuple[str, str]]:
    """The (kind, words) of the hedges and boosters kept in ``text`` read as one statement."""
    matches = resolve(text, load_lexicon().scan(text), start=0, end=len(text), kind=kind)
    return [(m.kind, text[m.start : m.end]) for m in merge_adjacent(text, matches)]


def units(document: str) -> list[tuple[str, str]]:
    """The (text, kind) of every statement extracted from ``document``."""
    return [(c.text, c.kind) for c in extract(document, doc_id="t").claims]


def kind_of(sentence: str) -> str:
    """The kind of a sentence standing as a paragraph of running text after another one."""
    doc = "Herbal products are widely sold in pharmacies.\n\n" + sentence + "\n"
    found = [kind for text, kind in units(doc) if text == sentence]
    assert found, units(doc)
    return found[0]
