"""The shorter ways the detectors take give the answers of the full scans they replace.

- a text is read for domain terms only when its words can hold one (``compose.has_term``);
- a study word is found by substring in ASCII text (``body._names_study``);
- the entries' half of a phrase search is done once per set for each list of cited keys
  (``passages.first_match``, ``risk_of_bias._few_at_low_risk``).

Each is compared with the plain scan, on texts built from the lists' own phrases, the
patterns' words, letters that only case folding joins, and noise.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.assessment import body as B
from evidence_claims.assessment import compose as K
from evidence_claims.assessment import concerns as C
from evidence_claims.assessment import indirectness as I
from evidence_claims.assessment import risk_of_bias as RB
from evidence_claims.assessment.context import SetContext
from evidence_claims.assessment.passages import first_match

from .assessment_helpers import claim_set, texts_from

_TERMS = sorted(p for p, role in K._roles().items() if role.terms)
_PHRASES = [
    "most of the trials were at high risk of bias",
    "only two of the 12 trials were at low risk of bias",
    "the effect disappeared in the trials at lower risk of bias",
    "confidence intervals crossing 1",
    "the CI did not cross the line of no effect",
    "fewer than 200 participants",
    "sample size below 90",
    "limited generalisability",
    "the generalizability of results may be limited",
    "randomised cohort study review",
    "blinding of outcome assessors was not reported",
    "no",
    "not",
]
_NOISE = ("x-",)


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    return texts_from(words, _NOISE)


@settings(max_examples=400, deadline=None)
@given(_texts(_TERMS + _PHRASES))
def test_has_term_is_the_term_pattern(text: str) -> None:
    lowered = text.lower()
    assert K.has_term(lowered) == (K._term_pattern().search(lowered) is not None)


def test_has_term_reads_a_term_written_in_capitals() -> None:
    term = _TERMS[0]
    assert K.has_term(f"Overall, {term.upper()} here.".lower())
    assert not K.has_term("nothing to read in this sentence")


@settings(max_examples=300, deadline=None)
@given(_texts(["study", "Trials", "RCT", "cohort", "reviewed", "ſtudy", "stud", "tria"]))
def test_study_words_by_substring_are_the_pattern(text: str) -> None:
    assert B._names_study(text) == (B._STUDY_WORDS.search(text) is not None)


def _plain_first_match(pattern, words, claim, ctx, accept=None):  # type: ignore[no-untyped-def]
    """first_match as it read every text of the claim and its entries for every claim."""
    for where, text, place in B.claim_and_entry_texts(claim, ctx):
        if not B.may_hold(text, words):
            continue
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 40) : match.start()].lower()
            if B.negation().search(before) or (accept is not None and not accept(match)):
                continue
            if where == "in the claim":
                return f"'{match.group(0)}' in the claim", place
            key, field = where.split(": in its ", 1)
            return f"{key}: '{match.group(0)}' in its {field}", place
    return None


def _plain_few_at_low_risk(claim, ctx):  # type: ignore[no-untyped-def]
    match = RB._FEW_AT_LOW_RISK.search(claim.text) if B.may_hold(claim.text, RB._BIAS) else None
    if match:
        return f"'{match.group(0)}' in the claim", ("text",)
    for i, key in enumerate(claim.evidence.sources):
        for name, text in ctx.entry_fields(key):
            match = RB._FEW_AT_LOW_RISK.search(text) if B.may_hold(text, RB._BIAS) else None
            if match:
                return f"{key}: '{match.group(0)}' in its {name}", ("evidence", "sources", i)
    return None


_SEARCHES = [
    (RB._MOST_AT_RISK, RB._BIAS_OR_SAFEGUARD, None),
    (C._STATED_IMPRECISE, C._IMPRECISE_WORDS, None),
    (C._FEWER_THAN, C._FEWER_WORDS, C._small_bound),
    (I._GENERALISABILITY, ("generali",), None),
]


def _bib(fields: list[tuple[str, str]]) -> str:
    entries = []
    for n, (title, abstract) in enumerate(fields):
        entries.append(
            f"@article{{k{n},\n  title = {{{title}}},\n  abstract = {{{abstract}}},\n}}\n"
        )
    return "\n".join(entries)


_SAFE = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz 0123456789<,.-")), max_size=20
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_texts(_PHRASES), min_size=1, max_size=4),
    st.lists(st.tuples(_texts(_PHRASES), _texts(_PHRASES)), min_size=1, max_size=3),
    st.data(),
)
def test_phrase_searches_find_what_the_full_scan_found(
    texts: list[str], fields: list[tuple[str, str]], data: st.DataObject
) -> None:
    # braces and backslashes would end a BibTeX field: the texts are of plain characters
    texts = [re.sub(r"[{}\\@%]", " ", t).strip() or "x" for t in texts]
    fields = [
        tuple(re.sub(r"[{}\\@%\"#]", " ", f).strip() or "y" for f in pair)  # type: ignore[misc]
        for pair in fields
    ]
    keys = [f"k{n}" for n in range(len(fields))]
    specs = [
        {"text": t, "sources": data.draw(st.lists(st.sampled_from(keys), max_size=3))}
        for t in texts
    ]
    cs = claim_set(*specs, bib=_bib(fields))  # type: ignore[arg-type]
    ctx = SetContext.of(cs)
    for claim in cs.claims:
        for pattern, words, accept in _SEARCHES:
            plain = _plain_first_match(pattern, words, claim, ctx, accept)
            assert first_match(pattern, words, claim, ctx, accept) == plain
            assert first_match(pattern, words, claim, ctx, accept) == plain  # cached
        assert RB._few_at_low_risk(claim, ctx) == _plain_few_at_low_risk(claim, ctx)


def test_an_entry_match_names_its_key_and_field() -> None:
    bib = _bib([("nothing here", "most of the trials were at high risk of bias")])
    cs = claim_set({"text": "Users report less pain.", "sources": ["k0"]}, bib=bib)
    ctx = SetContext.of(cs)
    found = first_match(RB._MOST_AT_RISK, RB._BIAS_OR_SAFEGUARD, cs.claims[0], ctx)
    assert found == (
        "k0: 'most of the trials were at high risk of bias' in its abstract",
        ("evidence", "sources", 0),
    )
