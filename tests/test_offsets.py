"""Offsets between code points (claim files, W3C Web Annotation) and UTF-16 code units
(Hypothesis, Label Studio, UIMA), on any text: astral characters, CRLF, surrogate pairs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_claims.model.offsets import Utf16Index

# text with astral characters (😊 U+1F60A, 𝛽 U+1D6FD and any other), CR and LF
texts = st.text(
    alphabet=st.one_of(
        st.sampled_from(["😊", "𝛽", "\r", "\n", "a", "é"]),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=60,
)


@given(texts, st.data())
def test_conversions_agree_with_utf16_encoding(text: str, data: st.DataObject) -> None:
    index = Utf16Index(text)
    i = data.draw(st.integers(0, len(text)))
    units = len(text[:i].encode("utf-16-le")) // 2
    assert index.to_utf16(i) == units
    assert index.to_code_point(units) == i
    assert index.length16 == len(text.encode("utf-16-le")) // 2


def test_an_offset_inside_a_surrogate_pair_is_refused() -> None:
    index = Utf16Index("a😊b")
    assert index.to_utf16(2) == 3
    with pytest.raises(ValueError, match="surrogate pair"):
        index.to_code_point(2)
    with pytest.raises(ValueError, match="outside"):
        index.to_code_point(5)
    with pytest.raises(ValueError, match="outside"):
        index.to_utf16(4)
