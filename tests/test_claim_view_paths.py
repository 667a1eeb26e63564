"""The assessment's shared per-text work gives what each reader computed on its own.

- the compositional readers (``compose.read``, ``rated_down_in_words``, ``cleared``) take a
  text's clauses, or that it holds no domain term, from one memo (``compose._parts``), where
  each tested the terms and split the clauses again; the memo is compared with the plain
  test and split, asked in any order, again, and after it was emptied for room.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.assessment import compose as K

from .assessment_helpers import texts_from

_TERMS = sorted(p for p, role in K._roles().items() if role.terms)[:400:7]
_WORDS = [*_TERMS, "not serious", "downgraded for", "very", "heterogeneity", "bias", "; ", ". "]


@settings(max_examples=120, deadline=None)
@given(data=st.data(), kept=st.integers(min_value=1, max_value=5))
def test_parts_are_the_plain_clauses(data: st.DataObject, kept: int) -> None:
    texts = data.draw(st.lists(texts_from(_WORDS), min_size=1, max_size=8))
    saved = K._PARTS_KEPT
    K._PARTS.clear()
    K._PARTS_KEPT = kept  # emptied for room often
    try:
        for text in [*texts, *reversed(texts)]:
            plain = tuple(K.clauses(text)) if K.has_term(text.lower()) else None
            assert K._parts(text) == plain
            assert K._parts(text) == plain  # asked again: the kept answer
    finally:
        K._PARTS_KEPT = saved
        K._PARTS.clear()
