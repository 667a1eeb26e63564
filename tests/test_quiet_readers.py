"""Readers shared by the claims whose words they cannot read anything in
(``SetContext.unless_read``, :mod:`evidence_claims.assessment.quiet`) answer as the reader
itself does for each claim, on generated sets whose texts are made of the readers' own words,
numbers, study and test accuracy words, population groups and non-ASCII letters."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from evidence_claims.assessment import concerns as C
from evidence_claims.assessment import detect as D
from evidence_claims.assessment import engine as E
from evidence_claims.assessment.context import SetContext
from evidence_claims.assessment.cues import lexicon, words_in
from evidence_claims.assessment.quiet import gate, gates, loud, quiet
from evidence_claims.assessment.reads import Reads

from .assessment_helpers import claim_set

READERS = [
    (C.RISK_OF_BIAS_READS, C.risk_of_bias),
    (C.INCONSISTENCY_READS, C.inconsistency),
    (C.INDIRECTNESS_READS, D._indirectness_found),
    (C.STATED_IMPRECISION_READS, C.stated_imprecision),
    (C.PUBLICATION_BIAS_READS, C.publication_bias),
    (E.START_READS, E._start_of),
]


def _phrases() -> list[str]:
    """A few phrases of every word list the readers declare, first and last."""
    out: list[str] = []
    for reads, _reader in READERS:
        for name in reads.lexicons:
            phrases = sorted(lexicon(name).phrases)
            out += phrases[:3] + phrases[-3:]
    return out


_WORDS = [
    *_phrases(),
    "bias",
    "most trials were at high risk of bias",
    "only two of the 12 trials were at low risk of bias",
    "wide confidence intervals",
    "CI crossing 1",
    "fewer than 200 patients",
    "limited generalisability",
    "in children",
    "in older adults",
    "pregnant women",
    "three randomized trials",
    "nine cohort studies",
    "a systematic review",
    "sensitivity 90% (95% CI 80% to 95%)",
    "specificity ranged from 40% to 95%",
    "I2 = 80%",
    "RR 0.80 (95% CI 0.60 to 1.10)",
    "heterogeneity was explained by dose",
    "assessed with ROBINS-I",
    "serious risk of bias",
    "cross-sectional and longitudinal studies",
    "in my clinical experience",
    "publication bias was suspected",
    "not",
    "no",
    "the",
    "patients",
    "reduced",
    "pain",
    "mice",
    "ſtudies",
    "naïve users",
    "Claim",
]
_FIELDS = [
    "",
    "Most trials were at high risk of bias.",
    "Substantial heterogeneity (I2 = 75%).",
    "A surrogate outcome in healthy volunteers.",
    "Sensitivity 0.90 (95% CI 0.80 to 0.95) in three cross-sectional studies.",
    "Wide confidence intervals; fewer than 100 participants.",
    "Limited generalisability to older adults.",
    "Children aged 5 to 12.",
    "Sensitivities ranged from 42% to 100% across the studies.",
    "Non-randomised studies assessed with ROBINS-I.",
    "Mostly cross-sectional and longitudinal observational studies.",
    "Publication bias was suspected (asymmetric funnel plot).",
    "No concerns.",
]
_KEYS = ["a", "b", "c"]
_TYPES = [
    "clinical_trial",
    "observational_study",
    "systematic_review",
    "diagnostic_accuracy",
    "expert_opinion",
    "anecdotal_report",
]
_LISTS = [[], ["a", "b"], ["c"]]  # few, so that claims share a type and list of keys


@settings(max_examples=300, deadline=None)
@given(
    entries=st.lists(
        st.tuples(st.sampled_from(_FIELDS), st.sampled_from(_FIELDS)), min_size=3, max_size=3
    ),
    claims=st.lists(
        st.tuples(
            st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4),
            st.sampled_from(_TYPES),
            st.sampled_from(_LISTS),
            st.sampled_from(_TYPES),
        ),
        min_size=1,
        max_size=8,
    ),
)
# a claim about other people than its entries studied (indirectness of population), after a
# claim with the same type and entries that names nobody
@example(
    entries=[("", ""), ("", ""), ("Children aged 5 to 12.", "")],
    claims=[
        (["pain"], "clinical_trial", ["c"], "clinical_trial"),
        (["in older adults"], "clinical_trial", ["c"], "clinical_trial"),
    ],
)
# a ROBINS-I judgement in the claim's words, for a body its entry says was judged with it
@example(
    entries=[("Non-randomised studies assessed with ROBINS-I.", ""), ("", ""), ("", "")],
    claims=[(["serious risk of bias"], "observational_study", ["a", "b"], "clinical_trial")],
)
def test_shared_answers_are_the_readers_own(
    entries: list[tuple[str, str]], claims: list[tuple[list[str], str, list[str], str]]
) -> None:
    bib = "\n".join(
        f"@article{{{key}, title = {{{title}}}, abstract = {{{abstract}}}}}"
        for key, (title, abstract) in zip(_KEYS, entries, strict=True)
    )
    # each claim after a twin of its type and cited keys whose text holds no reader's words,
    # so that a claim wrongly found quiet gets the twin's answer (or gives it, in reverse)
    # (and of another type, for the readers whose answer does not depend on it)
    specs = [
        spec
        for words, kind, sources, other in claims
        for spec in (
            {"text": "Claim.", "type": kind, "sources": sources},
            {"text": "Claim.", "type": other, "sources": sources},
            {"text": " ".join(words) + ".", "type": kind, "sources": sources},
        )
    ]
    cs = claim_set(*specs, bib=bib)
    plain = SetContext.of(cs)
    expected = {(id(c), r.name): reader(c, plain) for c in cs.claims for r, reader in READERS}
    for order in (cs.claims, cs.claims[::-1]):  # whichever claim of a kind comes first
        shared = SetContext.of(cs)
        for claim in order:
            for reads, reader in READERS:
                found = shared.unless_read(reads, reader, claim)
                assert found == expected[id(claim), reads.name], reads.name


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=5))
def test_a_quiet_text_holds_none_of_the_words_a_reader_reads(words: list[str]) -> None:
    """Quiet only when no declared list may match, no declared substring is there, and (for
    a reader of the body of evidence) no digit or study word."""
    text = " ".join(words)
    lowered = text.lower()
    for reads, _reader in READERS:
        said = quiet(gate(reads), lowered, words_in(lowered), text.isascii())
        lists = any(lexicon(name).may_match(lowered) for name in reads.lexicons)
        stems = any(s in lowered for s in gate(reads).substrings)
        digits = reads.body and any(c.isdigit() for c in text)
        if said:
            assert text.isascii() and not lists and not stems and not digits
    # the one pass over all the readers gives each reader's own answer
    fed = loud(gates(), lowered, words_in(lowered), text.isascii())
    for reads, _reader in READERS:
        said = quiet(gate(reads), lowered, words_in(lowered), text.isascii())
        assert (fed is not None and reads.name not in fed) == said, reads.name


def test_an_undeclared_word_list_is_caught() -> None:
    """The comparison above fails for a declaration that leaves out a list its reader reads."""
    short = Reads("risk_of_bias (short)", lexicons=("unblindable_interventions",), body=True)
    cue = sorted(lexicon("risk_of_bias_reported").phrases)[0]
    cs = claim_set(
        {"text": "Nothing here.", "type": "clinical_trial", "sources": []},
        {"text": f"Here {cue}.", "type": "clinical_trial", "sources": []},
    )
    ctx = SetContext.of(cs)
    answers = [ctx.unless_read(short, C.risk_of_bias, c) for c in cs.claims]
    assert C.risk_of_bias(cs.claims[1], SetContext.of(cs)) is not None
    assert answers[1] is None  # the first claim's answer, shared wrongly
