"""The compositional reader tokenises a clause with the alternation of only the phrases whose
words are all in it (compose._partial_pattern): the same matches as the alternation of every
phrase (compose._pattern), on the gold texts and on generated runs of phrases, and the whole
alternation once a run has met many phrase sets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.assessment import compose
from evidence_claims.assessment.cues import first_words, phrase_words
from evidence_claims.assessment.phrase_trie import trie_alternation
from evidence_claims.io import pattern_store

ROOT = Path(__file__).resolve().parents[1]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _clauses() -> list[str]:
    dev = yaml.safe_load((ROOT / "benchmarks/grade/dev.yaml").read_text("utf-8"))
    corpus = yaml.safe_load((ROOT / "benchmarks/grade/footnote-corpus.yaml").read_text("utf-8"))
    texts = [item["statement"] for item in dev]
    texts += [str(e["phrase"]) for e in corpus["phrases"] if isinstance(e, dict) and "phrase" in e]
    return [clause for text in texts for _, clause in compose.clauses(text)]


def test_each_phrase_needs_the_words_phrase_words_gives() -> None:
    needs = compose._needs()
    assert needs is not None and set(needs) == set(compose._roles())
    for phrase, (lead, needed) in needs.items():
        assert first_words([phrase]) == {lead}
        assert phrase_words([phrase]) == {lead: (needed,)}


def test_the_partial_pattern_matches_where_the_whole_one_does_on_the_gold_texts() -> None:
    clauses = _clauses()
    assert len(clauses) > 300
    whole = compose._pattern()
    for clause in clauses:
        assert _spans(compose._partial_pattern(clause), clause) == _spans(whole, clause), clause


_PIECES = [*sorted(compose._roles()), "the", "-", "x", "2", ";", "'", "n't", "did", "(", "²"]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_PIECES), max_size=12),
    blanks=st.lists(st.sampled_from([" ", "  ", "\n", "-", "", ", "]), min_size=12, max_size=12),
)
def test_the_partial_pattern_matches_on_any_run_of_phrases(
    words: list[str], blanks: list[str]
) -> None:
    clause = "".join(w + b for w, b in zip(words, blanks, strict=False))
    whole = _spans(compose._pattern(), clause)
    assert _spans(compose._partial_pattern(clause), clause) == whole


def test_a_run_of_many_phrase_sets_uses_the_whole_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    clause = "risk of bias was serious"
    monkeypatch.setattr(compose, "_partial", {})
    assert compose._clause_pattern(clause) is compose._partial_pattern(clause)
    monkeypatch.setattr(compose, "FULL_AFTER", 1)
    assert compose._clause_pattern(clause) is compose._pattern()


def test_the_whole_pattern_from_the_store_is_the_one_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(pattern_store.ENVIRONMENT, str(tmp_path))
    pattern_store.forget()
    plain = re.compile(compose._TOKEN_GUARDS.format(trie_alternation(compose._phrases())))
    try:
        compose._pattern.cache_clear()
        built = compose._pattern()  # a miss: built, compiled, stored
        pattern_store.save()
        pattern_store.forget()
        compose._pattern.cache_clear()
        stored = compose._pattern()  # a hit
        assert any(tmp_path.iterdir())
    finally:
        compose._pattern.cache_clear()
        pattern_store.forget()
    assert built == stored == plain


def test_a_stored_pattern_of_other_code_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole pattern is looked up with a digest of the code that builds it: another
    version of the reader builds its own."""
    monkeypatch.setenv(pattern_store.ENVIRONMENT, str(tmp_path))
    pattern_store.forget()
    built: list[int] = []

    def counting(phrases: object) -> str:
        built.append(1)
        return trie_alternation(phrases)  # type: ignore[arg-type]

    monkeypatch.setattr(compose, "trie_alternation", counting)
    try:
        for code in ("one version", "one version", "another version"):
            monkeypatch.setattr(compose, "_BUILD_CODE", code)
            compose._pattern.cache_clear()
            compose._pattern()
            pattern_store.save()
            pattern_store.forget()
    finally:
        compose._pattern.cache_clear()
        pattern_store.forget()
    assert len(built) == 2  # the first and the third: the second was read from the store
