"""Kinds and attribution: explicit cues, passages, and bibliography mentions."""

from __future__ import annotations

import pytest

from evidence_claims.extraction.draft import analyse
from evidence_claims.extraction.kinds import classify
from evidence_claims.io.bib import parse_bibliography


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Does it work?", "question"),
        ("Avoid driving after taking it.", "recommendation"),
        ("If that happens, try a mineral sunscreen.", "recommendation"),
        ("Do not stop suddenly.", "recommendation"),
        ("Patients should not take it.", "recommendation"),
        ("It is advisable to start low.", "recommendation"),
        ("It is neither recommendable nor wise.", "recommendation"),
        ("More research is needed before firm conclusions.", "meta"),
        ("Larger trials with longer follow-up are needed to know.", "meta"),
        ("Whether it is addictive remains debated.", "meta"),
        ("The primary outcome was blood pressure.", "meta"),
        ("Use of the drug is rising.", "claim"),
        ("Let’s say that almost any substance can be habit forming.", "claim"),
        ("One needs to use more to feel the effect.", "claim"),
        ("Caffeine blocks adenosine receptors.", "claim"),
        ("A couple of tips:", "meta"),
        ("Drinking more water is a good place to start.", "recommendation"),
        ("Sleep was measured with a wrist monitor.", "meta"),
        ("Each group received the tea or a placebo for six weeks.", "meta"),
        ("The ministry has received 30 reports of rashes.", "meta"),
        ("The studies varied widely in dose and length.", "meta"),
        ("For teenagers the picture is less clear.", "meta"),
        ("Critics said the results were “promising but preliminary”.", "meta"),
        ("Independent scientists were sceptical.", "meta"),
        ("The group now plans a larger study in adults.", "meta"),
        ("Such a study could begin next spring.", "meta"),
        ("The board will continue to review the evidence.", "meta"),
        ("The results varied by season.", "claim"),
    ],
)
def test_kinds(text: str, kind: str) -> None:
    assert classify(text, "sentence") == kind


def test_a_recommendation_inside_an_aside_does_not_make_advice() -> None:
    text = "Users took high doses- which again is clearly not recommended- and then stopped."
    [statement] = analyse(text)
    assert statement.kind == "claim"


def attributions(text: str, bib: str | None = None) -> list[tuple[str, str, tuple[str, ...]]]:
    bibliography = parse_bibliography(bib) if bib else None
    return [
        (s.attribution.type, s.attribution.basis, s.attribution.sources)
        for s in analyse(text, bibliography=bibliography)
    ]


def test_explicit_cues_and_a_passage_carried_until_the_source_changes() -> None:
    text = (
        "In a randomized controlled trial, 200 adults took the drug. Pressure fell.\n\n"
        "It fell most in older adults. In mice, the drug caused seizures. "
        "The seizures were brief. In adults, seizures are rare. Users report headaches."
    )
    assert [a[:2] for a in attributions(text)] == [
        ("clinical_trial", "explicit"),
        ("clinical_trial", "context"),
        ("clinical_trial", "context"),
        ("animal_study", "explicit"),
        ("animal_study", "context"),
        ("unsourced_assertion", "none"),
        ("anecdotal_report", "explicit"),
    ]


def test_headings_questions_and_advice_paragraphs_end_a_passage() -> None:
    text = (
        "Users report headaches. They last a day.\n\n"
        "Is it safe?\n\nIt is cheap.\n\n"
        "Users report nausea.\n\nDo not drive.\n\nIt is sold online.\n\n"
        "Users report rashes.\n\nA new topic\n\nIt is sold in shops."
    )
    assert [a[:2] for a in attributions(text)] == [
        ("anecdotal_report", "explicit"),
        ("anecdotal_report", "context"),
        ("unsourced_assertion", "none"),
        ("unsourced_assertion", "none"),
        ("anecdotal_report", "explicit"),
        ("expert_opinion", "context"),
        ("unsourced_assertion", "none"),
        ("anecdotal_report", "explicit"),
        ("unsourced_assertion", "none"),
        ("unsourced_assertion", "none"),
    ]


def test_an_animal_cue_wins_over_a_design_cue() -> None:
    assert attributions("A randomized trial in mice found tolerance.")[0][0] == "animal_study"
    assert attributions("Animal studies (Smith et al.) found it.")[0][0] == "animal_study"


def test_an_opinion_carries_only_into_its_continued_quotation() -> None:
    text = '"It is a first step," said Dr. Osei. "But it is early days." It costs little.'
    assert [a[:2] for a in attributions(text)] == [
        ("expert_opinion", "explicit"),
        ("expert_opinion", "context"),
        ("unsourced_assertion", "none"),
    ]


BIB = """
@article{matsumoto2005, author = {Matsumoto, K. and others}, year = {2005},
  title = {Antinociception and withdrawal induced by 7-hydroxymitragynine from a {Thai} herb}}
@article{suwanlert1975, author = {Suwanlert, Sangun}, year = {1975},
  title = {A study of kratom eaters in {Thailand}}}
@article{okafor2019, author = {Okafor, Chidi and Lindqvist, Maria}, year = {2019},
  title = {Probiotic for older inpatients: a multicentre randomised trial}}
"""


def test_named_mentions_resolve_explicitly_and_informal_ones_are_inferred() -> None:
    text = (
        "Animal studies (Matsumoto et al.) found tolerance. "
        "Dependence is described in the Thai studies. "
        "A probiotic did not help (Okafor and Lindqvist, 2019). "
        "Symptoms were mild, as in the studies already discussed."
    )
    found = attributions(text, BIB)
    assert found[0] == ("animal_study", "explicit", ("matsumoto2005",))
    # Matsumoto is cited by name elsewhere, so "the Thai studies" does not resolve to it.
    assert found[1] == ("observational_study", "inferred", ("suwanlert1975",))
    # No design in the sentence: the bibliography entry's title gives it.
    assert found[2] == ("clinical_trial", "explicit", ("okafor2019",))
    assert found[3][2] == ("okafor2019",) or found[3][2] == ("suwanlert1975",)


def test_without_a_bibliography_nothing_is_resolved() -> None:
    found = attributions("Dependence is described in the Thai studies. Smith et al. agree.")
    assert found[0] == ("observational_study", "explicit", ())
    assert found[1] == ("observational_study", "explicit", ())


def test_agreement_with_the_curated_seed_stays_above_the_target() -> None:
    from evidence_claims.extraction.draft import extract
    from evidence_claims.pipeline.validation import load
    from evidence_claims.testing.agreement import compare

    from .conftest import KRATOM

    curated = load(KRATOM)
    assert curated.document_text is not None
    draft = extract(curated.document_text, bibliography=KRATOM / "references.bib")
    result = compare(draft.claims, curated.claims)
    assert result.per_statement["type"].rate >= 0.9
    assert result.hedges.recall >= 0.9


def test_an_agency_is_a_source_only_when_it_says_something() -> None:
    text = (
        "The FDA does not regulate the word natural on labels. "
        "The FDA said the product was unsafe. "
        "According to the WHO, salt raises blood pressure."
    )
    assert [a[:2] for a in attributions(text)] == [
        ("unsourced_assertion", "none"),
        ("authority_statement", "explicit"),
        ("authority_statement", "explicit"),
    ]


def test_a_document_issued_by_an_agency_speaks_with_its_authority() -> None:
    text = (
        "Safety alert\n\nIssued by the National Food Safety Authority\n\n"
        "The authority will continue to test imported spices. "
        "The authority has received 12 reports of poisonings since May.\n\n"
        "Advice for consumers:\n"
        "- Do not eat the recalled spice.\n"
        "- Report any illness to the authority.\n"
    )
    result = attributions(text)
    assert result[2][:2] == ("authority_statement", "explicit")  # the issuer as subject
    assert result[3][:2] == ("case_report", "explicit")  # a design beats the issuer-subject
    assert result[5][:2] == result[6][:2] == ("authority_statement", "context")  # its advice


def test_planned_research_rests_on_nothing_and_ends_the_passage() -> None:
    text = (
        "In mice, the extract lowered blood sugar. The effect lasted a week.\n\n"
        "The team now plans a small trial in people with diabetes. "
        "Such a trial could start next year. The extract is not sold in shops."
    )
    assert [a[:2] for a in attributions(text)] == [
        ("animal_study", "explicit"),
        ("animal_study", "context"),
        ("unsourced_assertion", "none"),
        ("unsourced_assertion", "none"),
        ("unsourced_assertion", "none"),
    ]


def test_quotes_follow_their_speaker() -> None:
    text = (
        "A cohort study of 5,000 nurses linked night shifts to poor sleep. "
        '"We found the same pattern in every hospital," said Dr. Lena Berg, who led the study. '
        '"But this kind of study cannot prove cause."\n\n'
        '"It is a useful warning," said Dr. Omar Haddad, a sleep researcher. '
        '"Still, rats are not nurses, and animal data say little here."'
    )
    assert [a[:2] for a in attributions(text)] == [
        ("observational_study", "explicit"),
        ("observational_study", "context"),  # the researcher reports her own study
        ("observational_study", "context"),
        ("expert_opinion", "explicit"),
        ("expert_opinion", "context"),  # a continued quotation stays the speaker's
    ]


def test_definite_design_nouns_and_population_frames() -> None:
    text = (
        "A systematic review of 20 trials found that zinc shortened colds. "
        "However, the trials were small.\n\n"
        "In children the picture is less clear. Zinc tastes bad."
    )
    assert [a[:2] for a in attributions(text)] == [
        ("systematic_review", "explicit"),
        ("systematic_review", "context"),  # "the trials" of the review already named
        ("unsourced_assertion", "none"),  # a paragraph framed on another population
        ("unsourced_assertion", "none"),
    ]


def test_numbered_markers_cite_the_bibliography_in_order_and_citation_needed_cites_nothing() -> (
    None
):
    bib = (
        "@article{doe2020, title={A randomized trial of ginger}, author={Doe, J.}, year={2020}}\n"
        "@article{roe2019, title={Ginger in mice}, author={Roe, K.}, year={2019}}\n"
    )
    text = (
        "Ginger eased nausea.[1] It calmed the gut.[2] It cures colds.[citation needed] "
        "It is sold everywhere.[9]"
    )
    assert attributions(text, bib) == [
        ("clinical_trial", "explicit", ("doe2020",)),
        ("animal_study", "explicit", ("roe2019",)),
        ("unsourced_assertion", "none", ()),
        ("observational_study", "explicit", ()),  # a citation, but no ninth entry
    ]
    from evidence_claims import extract

    [first, *_] = extract(text, bibliography=parse_bibliography(bib)).claims
    assert first.evidence.note is not None and "cited by number: doe2020" in first.evidence.note


def test_people_reporting_with_words_between_but_not_a_studys_participants() -> None:
    text = (
        "Many people on online forums report more energy. Some of them also say it helps.\n\n"
        "In a randomized trial, 80 adults fasted. People in the trial reported hunger. "
        "Participants in both groups said they slept well."
    )
    assert [a[:2] for a in attributions(text)] == [
        ("anecdotal_report", "explicit"),
        ("anecdotal_report", "context"),
        ("clinical_trial", "explicit"),
        ("clinical_trial", "context"),
        ("clinical_trial", "context"),
    ]


def test_advice_on_another_ground_ends_the_passage() -> None:
    text = (
        "In mice, fasting extended lifespan. According to the health agency, fasting is not "
        "recommended in diabetes. It is clear that fasting works.\n\n"
        "In mice, fasting extended lifespan. You should not fast. It also lowered weight."
    )
    assert [a[:2] for a in attributions(text)] == [
        ("animal_study", "explicit"),
        ("authority_statement", "explicit"),
        ("unsourced_assertion", "none"),
        ("animal_study", "explicit"),
        ("expert_opinion", "context"),
        ("animal_study", "context"),  # advice on no other ground leaves the passage open
    ]


def test_a_surname_written_in_latex_matches_its_accented_mention() -> None:
    bib = (
        '@article{mueller2001, author = {M\\"{u}ller, J{\\"o}rg and Lee, A.}, year = {2001},'
        " title = {A randomized controlled trial of kratom}, journal = {J}}"
    )
    found = attributions("Withdrawal was rare (Müller et al., 2001).", bib)
    assert found[0][2] == ("mueller2001",)
