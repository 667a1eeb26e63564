"""The assessment's shared per-text work gives what each reader computed on its own.

- the compositional readers (``compose.read``, ``rated_down_in_words``, ``cleared``) take a
  text's clauses, or that it holds no domain term, from one memo (``compose._parts``), where
  each tested the terms and split the clauses again; the memo is compared with the plain
  test and split, asked in any order, again, and after it was emptied for room;
- a claim's compositional findings (``detect.composed``) take its cited entries' half from a
  reading once per set and list of cited keys (``SetContext.sources_composed``), merged after
  the claim's own texts: compared with the reading of all the texts in one list, as it was;
- a body of evidence works out its estimate and its count of people once
  (``Body.effect``, ``Body.people``): compared with the plain answers, asked twice, on a
  body shared by the claims citing one list of keys;
- whether a text holds a number (``cues.has_number``) is read from its words (the words the
  claim's readers made already), where the number words' alternation was tried at every
  position: compared with that pattern on texts of number words glued to letters, digits,
  hyphens, underscores and other scripts' digits;
- the set context hands out the last claim's lower-case text without a lookup
  (``SetContext.lowered``): compared with the text lowered, claims asked in any order.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.assessment import body as B
from evidence_claims.assessment import compose as K
from evidence_claims.assessment import cues
from evidence_claims.assessment import detect as D
from evidence_claims.assessment.context import SetContext
from evidence_claims.rules import all_rules

from .assessment_helpers import claim_set, texts_from

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


def test_compose_codes_name_their_reading_domain() -> None:
    """``composed`` merges the entries' findings by the domain of their codes, where the
    reader kept the first finding per domain it read: the two are one."""
    all_rules()
    for table in (K._ONE_LEVEL, K._TWO_LEVELS):
        for domain, code in table.items():
            assert K.domain_of(code) == domain


_ENTRY_TEXTS = [
    "",
    "Most trials were at high risk of bias.",
    "Results were imprecise and inconsistent; heterogeneity was very high.",
    "Risk of bias was not serious. Downgraded for indirectness.",
    "Publication bias was suspected; 40 patients in one small trial.",
    "Sensitivity 0.90 (95% CI 0.80 to 0.95) in nine cohort studies.",
]
_CLAIM_TEXTS = [
    "Claim {n} improved sleep.",
    "Claim {n}: the trials were at high risk of bias.",
    "Claim {n}: heterogeneity was substantial, downgraded for inconsistency.",
    "Claim {n}: RR 2.5 (95% CI 0.8 to 7.1) in two trials of 300 people.",
]
_KEYS = ["a", "b", "c", "d"]


def _plain_composed(claim, ctx: SetContext, wanted: list[str]) -> list:
    """``composed``'s reading as it was: every text in one list, read together."""
    texts = [("in the claim", claim.text, ("text",))]
    texts += [(f"in {other.id}", other.text, ()) for other in ctx.statements_after(claim)]
    for i, key in enumerate(claim.evidence.sources):
        texts += [
            (f"{key}: in its {name}", text, ("evidence", "sources", i))
            for name, text in ctx.entry_fields(key)
        ]
    return [d for d in K.detected(texts) if K.domain_of(d.code) in wanted]


@settings(max_examples=80, deadline=None)
@given(
    entries=st.lists(
        st.tuples(st.sampled_from(_ENTRY_TEXTS), st.sampled_from(_ENTRY_TEXTS)),
        min_size=4,
        max_size=4,
    ),
    claims=st.lists(
        st.tuples(
            st.sampled_from(_CLAIM_TEXTS),
            st.sampled_from(["claim", "meta"]),
            st.sampled_from(["explicit", "context"]),
            st.lists(st.sampled_from([*_KEYS, "missing"]), max_size=4),
        ),
        min_size=1,
        max_size=10,
    ),
)
def test_composed_reads_as_all_texts_together(
    entries: list[tuple[str, str]], claims: list[tuple[str, str, str, list[str]]]
) -> None:
    all_rules()
    bib = "\n".join(
        f"@article{{{key}, title = {{{title}}}, abstract = {{{abstract}}}}}"
        for key, (title, abstract) in zip(_KEYS, entries, strict=True)
    )
    specs = [
        {
            "text": text.format(n="abcdefghijkl"[n]),
            "kind": kind,
            "basis": basis,
            "type": "systematic_review",
            "sources": sources,
        }
        for n, (text, kind, basis, sources) in enumerate(claims)
    ]
    cs = claim_set(*specs, bib=bib)
    ctx = SetContext.of(cs)
    for claim in cs.claims:
        if not D.is_gradable(claim):
            continue
        for rated in ([], ["risk_of_bias.reported_limitations"], ["inconsistency.heterogeneity"]):
            wanted = [d for d in K.DOMAINS if d not in {K.domain_of(c) for c in rated}]
            assert D.composed(claim, ctx, rated) == _plain_composed(claim, ctx, wanted)


@settings(max_examples=80, deadline=None)
@given(
    entries=st.lists(st.sampled_from(_ENTRY_TEXTS), min_size=4, max_size=4),
    own=st.sampled_from([*_CLAIM_TEXTS, "Nothing to read."]),
    sources=st.lists(st.sampled_from(_KEYS), max_size=4),
)
def test_body_answers_once_as_the_plain_answers(
    entries: list[str], own: str, sources: list[str]
) -> None:
    readings = tuple(
        (key, "abstract", B.read(text))
        for key, text in zip(_KEYS, entries, strict=True)
        if key in sources
    )
    body = B.Body(B.read(own.format(n="x")), readings)
    plain = B.Body(body.own, readings)
    for _ in range(2):  # worked out, then remembered
        assert body.effect() == plain._first_effect()
        assert body.people() == plain._most_people()


_NUMBER_WORDS = sorted(cues.number_words())


@settings(max_examples=400, deadline=None)
@given(
    parts=st.lists(
        st.sampled_from(
            [*_NUMBER_WORDS, "some", "of", "s", "x", "_", "-", " ", "²", "٣", "7", "é", "."]
        ),
        max_size=8,
    ),
    known=st.booleans(),
)
def test_has_number_is_the_number_pattern(parts: list[str], known: bool) -> None:
    text = "".join(parts)
    if known:
        cues.words_in(text)  # as a claim's readers leave it
    assert cues.has_number(text) == (cues._number_pattern().search(text) is not None)


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.sampled_from(["A Claim.", "ÉTUDE İ", "Straße", "x"]), min_size=1, max_size=5),
    order=st.lists(st.integers(min_value=0, max_value=4), max_size=20),
)
def test_lowered_is_each_claims_text_lowered(texts: list[str], order: list[int]) -> None:
    cs = claim_set(*({"text": f"{t} {n}"} for n, t in enumerate(texts)))
    ctx = SetContext.of(cs)
    for i in order:
        claim = cs.claims[i % len(cs.claims)]
        assert ctx.lowered(claim) == claim.text.lower()
