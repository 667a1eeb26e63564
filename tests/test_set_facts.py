"""Facts of a set's cited entries are found once per set and entry, and give the answers of
the search over each list of cited keys (``SetContext.sources_first``), whatever lists are
asked and in whatever order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.assessment import body as B
from evidence_claims.assessment.context import SetContext
from evidence_claims.assessment.passages import _first_in, first_match
from evidence_claims.assessment.risk_of_bias import _BIAS_OR_SAFEGUARD, _MOST_AT_RISK

from .assessment_helpers import claim_set

_FIELDS = [
    "",
    "There was no evidence that most trials were at high risk of bias.",
    "Most trials were at high risk of bias.",
    "the majority of studies had unclear risk of bias",
    "No concerns.",
    "Blinding was not reported in most trials.",
]
_KEYS = ["a", "b", "c", "d"]


def _plain(sources: list[str], ctx: SetContext, search) -> tuple[str, tuple] | None:
    """The search of each list of cited keys, as it was before entries were remembered."""
    for i, key in enumerate(sources):
        for name, text in ctx.entry_fields(key):
            words = search(text)
            if words is not None:
                return f"{key}: '{words}' in its {name}", ("evidence", "sources", i)
    return None


@settings(max_examples=100, deadline=None)
@given(
    entries=st.lists(
        st.tuples(st.sampled_from(_FIELDS), st.sampled_from(_FIELDS)), min_size=4, max_size=4
    ),
    lists=st.lists(st.lists(st.sampled_from([*_KEYS, "missing"]), max_size=4), max_size=12),
)
def test_sources_first_answers_as_the_search_of_each_list(
    entries: list[tuple[str, str]], lists: list[list[str]]
) -> None:
    bib = "\n".join(
        f"@article{{{key}, title = {{{title}}}, abstract = {{{abstract}}}}}"
        for key, (title, abstract) in zip(_KEYS, entries, strict=True)
    )
    specs = [{"text": f"Claim {n}.", "sources": sources} for n, sources in enumerate(lists)]
    cs = claim_set(*specs, bib=bib) if specs else claim_set({"text": "x."}, bib=bib)
    ctx = SetContext.of(cs)

    def search(text: str) -> str | None:
        match = _MOST_AT_RISK.search(text)
        return match.group(0) if match else None

    for claim in cs.claims:
        sources = claim.evidence.sources
        expected = _plain(sources, ctx, search)
        assert ctx.sources_first("most at risk", sources, search) == expected
        if sources:  # the claim's own text holds none of the words: the entries answer
            found = _plain(
                sources, ctx, lambda t: _first_in(_MOST_AT_RISK, _BIAS_OR_SAFEGUARD, t, None)
            )
            assert first_match(_MOST_AT_RISK, _BIAS_OR_SAFEGUARD, claim, ctx) == found


_ENTRY_FIELDS = [
    "",
    "A randomised trial of 120 adults.",
    "Three cohort studies and two RCTs (RR 0.80, 95% CI 0.60 to 1.10; I2 = 60%).",
    "Nine cohort studies.",
    "A single study of 40 patients; sensitivity 0.90 (95% CI 0.80 to 0.95).",
    "No concerns.",
]
_CLAIM_TEXTS = [
    "Claim {n}.",  # no reading of its own: the shared body
    "Claim {n} of nine cohort studies.",
    "Claim {n} in two trials of 300 people.",
    "Claim {n}: RR 2.5.",
]


@settings(max_examples=100, deadline=None)
@given(
    entries=st.lists(
        st.tuples(st.sampled_from(_ENTRY_FIELDS), st.sampled_from(_ENTRY_FIELDS)),
        min_size=4,
        max_size=4,
    ),
    claims=st.lists(
        st.tuples(
            st.sampled_from(_CLAIM_TEXTS),
            st.lists(st.sampled_from([*_KEYS, "missing"]), max_size=4),
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_a_body_shared_per_list_of_sources_is_the_claims_own(
    entries: list[tuple[str, str]], claims: list[tuple[str, list[str]]]
) -> None:
    """A claim whose words give no reading gets the body its list of cited keys shares with
    other claims; it reads as the body built for the claim alone, whatever is asked first."""
    bib = "\n".join(
        f"@article{{{key}, title = {{{title}}}, abstract = {{{abstract}}}}}"
        for key, (title, abstract) in zip(_KEYS, entries, strict=True)
    )
    specs = [
        {"text": text.format(n="abcdefghijkl"[n]), "sources": sources}
        for n, (text, sources) in enumerate(claims)
    ]
    cs = claim_set(*specs, bib=bib)
    ctx = SetContext.of(cs)
    assert any(B.read(c.text) is B._EMPTY for c in cs.claims) or not any(
        t == _CLAIM_TEXTS[0] for t, _ in claims
    )
    for claim in cs.claims:
        plain = B.Body(
            B.read(claim.text),
            tuple(r for key in claim.evidence.sources for r in ctx.entry_readings(key)),
        )
        body = ctx.body(claim)
        assert body == plain
        designs = body.designs()
        assert designs == plain.designs()
        designs["changed"] = (1, "by a caller")  # a copy: the next caller sees the body's own
        assert body.designs() == plain.designs()
        assert list(body.readings()) == list(plain.readings())
        assert body.people() == plain.people()
        assert body.effect() == plain.effect()
        assert body.single_study() == plain.single_study()
        assert body.risk() == plain.risk()
