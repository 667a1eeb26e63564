"""The per-claim shortcuts of the assessment give the answers of the work they skip.

- effect estimates are looked for only in a text with a digit (``estimates.effects``): every
  pattern it reads needs one, so a text without any holds no estimate;
- a word list's expression is compiled when first searched (``cues.Lexicon.pattern``): the
  same expression :func:`cues.compile_phrases` gives, compiled once;
- a claim's phrase search tests its words against the lower-case text the set context keeps
  (``body.may_hold`` with ``lowered``);
- a body of evidence with no cited readings gives its one reading without a generator
  (``body.Body.readings``).

Each is compared with the plain way, on texts built from the patterns' own words (digits
taken out where the shortcut needs none), letters that only case folding joins, and noise.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.assessment import body as B
from evidence_claims.assessment import cues
from evidence_claims.assessment import diagnostic as D
from evidence_claims.assessment import estimates as E

from .assessment_helpers import texts_from

_ESTIMATES = [
    "RR 0.53, 95% CI 0.41 to 0.69",
    "OR 1.41 (1.13 to 1.77)",
    "hazard ratio 0.91 (0.91–1.53)",
    "risk ratio (RR) 1.26; 95% confidence interval (CI) 1.16 to 1.36",
    "sensitivity 77.2% (95% CI 75.4–78.9%)",
    "shortened the stay by 3.79 days (95% CI 2.09 to 5.49 days fewer)",
    "3 fewer per 1000 (from 61 fewer to 84 more)",
    "45 more per 1,000 (12 more to 80 more)",
    "Hedges' g = 0.45 (0.2 to 0.7)",
    "SMD −0.28, 95% CI −0.60 to 0.05",
    "AUC 0.81 (0.75 to 0.88)",
]
_NOISE = ("%", "٣")
_DIGITS = re.compile(r"\d")


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    return texts_from(words, _NOISE)


def _digitless(text: str) -> str:
    return _DIGITS.sub("", text)


@settings(max_examples=400, deadline=None)
@given(_texts(_ESTIMATES + [_digitless(e) for e in _ESTIMATES]))
def test_no_estimate_pattern_matches_a_text_without_a_digit(text: str) -> None:
    text = _digitless(text)  # "٣" too: ``\d`` is every decimal digit, not only 0-9
    assert E._POINT.search(text) is None
    assert E._UNNAMED.search(text) is None
    assert E._PER_1000.search(text) is None
    assert E.effects(text) == []


_ALWAYS = re.compile("")  # a "digit" test every text passes: effects then scans every text


@settings(max_examples=400, deadline=None)
@given(_texts(_ESTIMATES + [_digitless(e) for e in _ESTIMATES]))
def test_effects_with_the_digit_test_are_effects_without_it(text: str) -> None:
    shortcut = E.effects(text)
    kept = E._DIGIT
    E._DIGIT = _ALWAYS
    try:
        assert shortcut == E.effects(text)
    finally:
        E._DIGIT = kept


def test_estimates_are_found_with_their_digits() -> None:
    for sentence in _ESTIMATES:
        assert E.effects(sentence), sentence


def test_a_lexicon_compiles_the_phrase_expression_once() -> None:
    names = [n for n, v in cues._data().items() if isinstance(v, list) and v]
    assert names
    for name in names:
        try:
            lex = cues.lexicon(name)
        except (TypeError, AttributeError):
            continue  # a list of the data file that is not a word list (numbers, breakers)
        not_before = tuple(str(w) for w in cues._data().get(f"{name}_not_before", ()) or ())
        not_after = tuple(str(w) for w in cues._data().get(f"{name}_not_after", ()) or ())
        expected = cues.compile_phrases(
            lex.phrases,
            case_sensitive=lex.case_sensitive,
            not_before=not_before,
            not_after=not_after,
        )
        assert lex.pattern.pattern == expected.pattern
        assert lex.pattern.flags == expected.flags
        assert lex.pattern is lex.pattern  # compiled once


_WORDS = ("bias", "generali", "risk", "blinding", "stud")


@settings(max_examples=300, deadline=None)
@given(_texts([*_WORDS, "Bias", "GENERALISABILITY", "ſtudy", "KELVIN"]))
def test_may_hold_with_the_kept_lower_case_text_is_may_hold(text: str) -> None:
    for size in range(1, len(_WORDS) + 1):
        words = _WORDS[:size]
        assert B.may_hold(text, words, text.lower()) == B.may_hold(text, words)


def test_a_body_without_entries_reads_as_the_generator_did() -> None:
    own = B.read("RR 0.53, 95% CI 0.41 to 0.69 in 12 randomised trials")
    alone = B.Body(own, ())
    assert list(alone.readings()) == list(alone._all_readings()) == [("in the claim", own)]
    entry = B.read("two cohort studies of 340 people")
    cited = B.Body(own, (("k1", "abstract", entry),))
    assert list(cited.readings()) == [("in the claim", own), ("k1: in its abstract", entry)]
    assert list(cited.readings()) == list(cited._all_readings())  # listed once, the same again
    assert alone.designs() == dict(own.designs)


@settings(max_examples=300, deadline=None)
@given(
    _texts(
        [
            *_ESTIMATES,
            "whereas another trial found",
            "in contrast",
            "RR 0.5 (0.4 to 0.6)",
            "RR 2.0 (1.8 to 2.2)",
        ]
    )
)
def test_disjoint_estimates_from_the_claims_own_reading_are_the_texts(text: str) -> None:
    own = B.read(text).effects  # what the inconsistency rule passes: the claim's own reading
    assert own == tuple(E.effects(text))
    assert E.disjoint_study_estimates(text, own) == E.disjoint_study_estimates(text)


def test_disjoint_estimates_are_found_from_the_reading() -> None:
    text = "RR 0.5 (0.4 to 0.6) in one trial, whereas another trial found RR 2.0 (1.8 to 2.2)"
    pair = E.disjoint_study_estimates(text, B.read(text).effects)
    assert pair is not None and pair == E.disjoint_study_estimates(text)


_ACCURACY = [
    "sensitivity and specificity",
    "Sensitivities or SPECIFICITIES",
    "diagnostic accuracy",
    "test  accuracy",
    "predictive value",
    "positive predictive values",
    "likelihood ratios",
    "sensitivity analysis",
    "accurate",
    "ſensitivity and ſpecificity",
    "\u212a",
]


@settings(max_examples=400, deadline=None)
@given(_texts(_ACCURACY))
def test_accuracy_words_prefiltered_as_the_pattern_finds_them(text: str) -> None:
    """The stems test skips only ASCII texts the case-insensitive pattern cannot match."""
    plain = D._ACCURACY_WORDS.search(text) is not None
    assert D.has_accuracy_words(text, text.lower()) == plain
