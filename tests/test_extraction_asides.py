"""Asides blanked out of a statement: the same text, character for character, as blanking
each position of each span (the spans may overlap and reach past the statement)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from evidence_claims.extraction.asides import aside_spans, outside


def _blanked(document: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    chars = list(document[start:end])
    for a, b in spans:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " "
    return "".join(chars)


_SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6).map(sorted)


@given(st.text(max_size=40), st.integers(0, 40), st.integers(0, 40), _SPANS)
def test_outside_blanks_every_position_of_every_span(
    document: str, start: int, end: int, spans: list[tuple[int, int]]
) -> None:
    start, end = min(start, len(document)), min(max(start, end), len(document))
    assert outside(document, start, end, spans) == _blanked(document, start, end, spans)


@given(st.text(alphabet="ab ()[]-–—.", max_size=60))
def test_outside_of_the_found_asides(document: str) -> None:
    spans = aside_spans(document, 0, len(document))
    blanked = outside(document, 0, len(document), spans)
    assert blanked == _blanked(document, 0, len(document), spans)
    assert len(blanked) == len(document)


@given(st.text(alphabet="a1_ \n\t-–—.é(", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_the_dashes_are_those_of_the_first_form(text: str, start: int, end: int) -> None:
    import re

    from evidence_claims.extraction.asides import _DASH

    first = re.compile(r"(?<=\w)[-–—](?=\s)|(?<=\s)[-–—](?=\s)|(?<=\s)[-–—](?=\w)|[–—]")
    assert [m.span() for m in _DASH.finditer(text, start, end)] == [
        m.span() for m in first.finditer(text, start, end)
    ]
