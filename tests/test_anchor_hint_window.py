"""The hint of `anchor.text-mismatch` looks for the quote near the anchor in a large document.

A hint that searched the whole document for every misplaced quote made a million-claim file
(75 MB document) spend about 22 s on hints alone; past twice the window the search is bounded
and the message says so. Smaller documents are searched whole, as before.
"""

from __future__ import annotations

from evidence_claims.checks import cross_field
from evidence_claims.checks.cross_field import HINT_WINDOW, _quote_hint

QUOTE = "Kratom leaves are chewed."


def test_a_small_document_is_searched_whole() -> None:
    document = "x" * 1000 + QUOTE + "y" * 1000
    assert _quote_hint(document, QUOTE, 5) == "; the quote is at 1000..1025 (off by +995)"
    assert _quote_hint("z" * 100, QUOTE, 5) == "; the quote is not in the document"


def test_a_large_document_is_searched_near_the_anchor() -> None:
    far = 3 * HINT_WINDOW
    document = QUOTE + "x" * far + QUOTE + "y" * 10
    hint = _quote_hint(document, QUOTE, far + 3)
    within = f" within {HINT_WINDOW:,} characters of the anchor"
    end = far + len(QUOTE)
    assert (
        hint == f"; the quote is at {end}..{end + len(QUOTE)} (off by {end - far - 3:+d}){within}"
    )
    assert _quote_hint(document, QUOTE, far // 2) == f"; the quote is not in the document{within}"


def test_the_window_bounds_the_text_searched(monkeypatch) -> None:
    searched: list[int] = []
    real = cross_field._occurrences

    def spy(document: str, text: str) -> list[int]:
        searched.append(len(document))
        return real(document, text)

    monkeypatch.setattr(cross_field, "_occurrences", spy)
    _quote_hint("x" * (5 * HINT_WINDOW), QUOTE, 2 * HINT_WINDOW)
    assert searched == [2 * HINT_WINDOW + len(QUOTE)]
