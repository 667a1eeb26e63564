"""Kinds read from a sentence's form and its place in the discourse, not from its wording.

Each group is one mechanism (docs/extraction.md, "Kinds"): a broadcast or podcast framing
itself, a publication described by what it holds, research done or planned told without its
findings, the state of the evidence, a discussion's status notice, a "should" that gives no
advice, a question without its question mark, the research agenda given as advice
(docs/extraction-decisions.md, entry 6), a title-worded line left after a paragraph's
sentences, methods and a report's contents in forms the rules had not listed, and the
writer's stance on the evidence. The sentences were written for these tests, with several
subjects, verbs and topics each; none is copied from an annotated passage. Guards beside each
group keep the sentences that look alike but are claims or advice.
"""

from __future__ import annotations

import string

import pytest

from .extraction_helpers import kind_of, units


# A broadcast, podcast or video framing itself: the station's ident, the host naming
# themself, the sign-off after a guest, the credit line. Speaker labels of a transcript
# ("HOST:") do not hide the frame.
@pytest.mark.parametrize(
    "sentence",
    [
        "From the National Institute on Aging in Bethesda, Maryland, this is HEALTH MATTERS RADIO.",
        "HOST: From Atlanta, Georgia, this is Public Health Weekly.",
        "I'm Maria Lopez with the Wellness Minute.",
        "From the Centers for Disease Control and Prevention, I'm Tom Okafor.",
        "ANNOUNCER: That was Dr. Ellen Park of the University of Michigan.",
        "That was Professor Sam Osei.",
        "Wellness Minute is a production of the State Department of Health.",
        "This podcast is produced by the Office of Dietary Supplements.",
    ],
)
def test_a_broadcast_framing_itself_is_meta(sentence: str) -> None:
    assert kind_of(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "I'm a nurse and I have seen this many times.",
        "This is a common side effect of statins.",
        "That was the largest trial of vitamin D to date.",
        "HOST: Most colds go away within ten days.",
        "Tea is a production of dried leaves and hot water.",
    ],
)
def test_statements_shaped_like_a_frame_stay_claims(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


def test_a_parenthesised_statement_is_read_with_its_words() -> None:
    """A statement wholly in parentheses has no words once its asides are blanked; it is
    still a statement ("(The trial ended early.)"), while a unit without a word is meta."""
    assert kind_of("(Most users stopped within a month.)") == "claim"
    assert kind_of("(301) 555-0199") == "meta"


# A publication or one of its parts described by what it holds, wherever it stands: the subject
# names a kind of text (series, newsletter, fact sheet, booklet, episode), the verb what a text
# does with its contents (presents, summarizes, covers, explains, includes); also after a
# listed title and a dash.
@pytest.mark.parametrize(
    "sentence",
    [
        "The Nutrition Notes series presents short updates on research in food safety.",
        "Health Digest, a monthly newsletter, summarizes recent findings from funded studies.",
        "Each podcast episode covers a single supplement and the evidence behind it.",
        "Sleep and Memory (Updated: 02/14/2019) - This fact sheet explains how sleep affects "
        "learning.",
        "The booklet includes worksheets for tracking meals and moods.",
        "We have packaged these recipes as a free e-book that you can download.",
        "“Health Notes,” a new series, presents short updates on sleep research.",
        '"This fact sheet explains what melatonin is," reads the summary.',
    ],
)
def test_a_publication_described_by_what_it_holds_is_meta(sentence: str) -> None:
    assert kind_of(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "The review found that zinc shortened colds by a day.",
        "The programme provides free screening to adults over 50.",
        "The report includes three deaths linked to the product.",
    ],
)
def test_findings_and_services_are_not_publications_describing_themselves(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


# Research done, told without what it found: a research agent (researchers, a named team,
# a study, "this work") with a verb of conduct or aim; who ran a study.
@pytest.mark.parametrize(
    "sentence",
    [
        "Lee and colleagues set out to test whether gene therapy could restore hearing in deaf "
        "mice.",
        "Researchers at Duke University looked at several sweeteners, including stevia and "
        "sucralose.",
        "The Youth Activity Study surveyed screen time among teenagers in three cities.",
        "Most of this research examined the link between diet and mood in older adults.",
        "In 2001, scientists from three universities began a study of farm workers.",
        "Dr. Nora Hale conducted the study while at Stanford University.",
    ],
)
def test_research_told_without_its_findings_is_meta(sentence: str) -> None:
    assert kind_of(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "Researchers at Duke University found that stevia raised blood sugar.",
        "Researchers looked at 20 trials and found no benefit of garlic.",
        "The Youth Activity Study showed that screen time fell during the summer.",
        "Most of this research linked poor diet to low mood in older adults.",
    ],
)
def test_research_told_with_its_findings_stays_a_claim(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


# Research planned, under way or paid for, and events held about it.
@pytest.mark.parametrize(
    "sentence",
    [
        "The first national trial of acupuncture for migraine is about to begin.",
        "Researchers at the Clinical Center will try to learn whether naps improve memory.",
        "In May, the institute awarded a contract to Ohio State University to determine "
        "whether vitamin E prevents falls.",
        "The study of 300 nurses was supported by the National Science Foundation.",
        "The agency will host a press briefing to discuss the survey's results.",
    ],
)
def test_research_planned_or_funded_is_meta(sentence: str) -> None:
    assert kind_of(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "The new inhaler is about to reach pharmacies across the country.",
        "The diagnosis was supported by a blood test for antibodies.",
    ],
)
def test_plans_and_support_outside_research_stay_claims(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


# The state of the evidence in other wordings than those listed before.
@pytest.mark.parametrize(
    "sentence",
    [
        "There is insufficient evidence or conflicting information on the safety of most herbs.",
        "However, there has been no study of the link between noise and sleep in children.",
        "The evidence is only for short-term use of up to eight weeks.",
    ],
)
def test_the_state_of_the_evidence_is_meta(sentence: str) -> None:
    assert kind_of(sentence) == "meta"


# A discussion's status notice: the thread speaking about itself.
@pytest.mark.parametrize(
    "sentence",
    [
        "The following discussion is closed.",
        "This thread has been locked.",
        "Discussion archived.",
        "RfC closed.",
    ],
)
def test_a_discussion_status_notice_is_meta(sentence: str) -> None:
    assert kind_of(sentence) == "meta"


# "Should" that gives no advice: a regret about the past ("should have used"), a prediction of
# what a thing will make possible, and a norm held by others that the sentence reports.
@pytest.mark.parametrize(
    "sentence",
    [
        "Yes, I should have checked the talk page first.",
        "We should have asked the pharmacist about it, in hindsight.",
        "The new sensors should make it easier to measure blood sugar at home.",
        "Cheaper tests should make it possible to screen every newborn.",
        "There is a widespread belief that supplements should be taken with food.",
        "Many parents hold the view that children should never drink coffee.",
    ],
)
def test_should_that_gives_no_advice_is_a_claim(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


@pytest.mark.parametrize(
    "sentence",
    [
        "You should have your cholesterol checked every five years.",
        "Doctors should make it a habit to ask about supplements.",
        "Parents should never give aspirin to children.",
    ],
)
def test_should_that_advises_stays_a_recommendation(sentence: str) -> None:
    assert kind_of(sentence) == "recommendation"


# A question in the inverted order of English questions, posted without its question mark.
@pytest.mark.parametrize(
    "sentence",
    [
        "Is melatonin therefore safe for children.",
        "Does anyone know a good source on iron and tea.",
        # (a full stop: a line without one is a heading, meta by layout)
        "Are these trials registered anywhere.",
        "Should the article mention the warning in its lead.",
        "Is it safe to say that most users never notice.",
        # (after a conjunction that opens the question)
        "But is it safe to take the capsules with coffee.",
    ],
)
def test_an_inverted_question_without_its_mark_is_a_question(sentence: str) -> None:
    assert kind_of(sentence) == "question"


# The same with a bare noun as the subject, and its guards: a subject-less predicate (a list
# item going on from its lead) is no question.
@pytest.mark.parametrize(
    "sentence",
    [
        "Does caffeine raise blood pressure in teenagers.",
        "Was aspirin ever tested in pregnant women.",
        "Can exercise replace medication for mild depression.",
    ],
)
def test_an_unmarked_question_with_a_bare_noun_subject(sentence: str) -> None:
    assert kind_of(sentence) == "question"


@pytest.mark.parametrize(
    "sentence",
    [
        "Are rarely seen in children under five.",
        "Is commonly sold as a sleep aid.",
        "Are unlikely to harm healthy adults.",
        "Was first described in 1912.",
    ],
)
def test_a_predicate_without_its_subject_is_no_question(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Do not take iron with tea.", "recommendation"),
        ("Take a look at the guideline.", "recommendation"),
        ("Are common in older adults.", "claim"),
        ("Should you notice a rash, stop taking it.", "recommendation"),
        ("Will Carter said the trial was small.", "claim"),
    ],
)
def test_inversion_without_a_subject_is_no_question(sentence: str, kind: str) -> None:
    assert kind_of(sentence) == kind


# The research agenda given with a deontic modal is advice to researchers (the public gold
# annotates every such sentence as a recommendation: docs/extraction-decisions.md, entry 6);
# research said to be needed and how findings are to be read stay meta.
@pytest.mark.parametrize(
    "sentence",
    [
        "Further studies should address the role of sleep in weight gain.",
        "Future trials should enrol older adults and follow them for longer.",
        "More research should focus on children with asthma.",
    ],
)
def test_research_that_should_be_done_is_a_recommendation(sentence: str) -> None:
    assert kind_of(sentence) == "recommendation"


@pytest.mark.parametrize(
    "sentence",
    [
        "More research is needed on zinc and colds.",
        "These findings should be confirmed in larger trials.",
        "Further trials are warranted in older adults.",
    ],
)
def test_research_needed_stays_meta(sentence: str) -> None:
    assert kind_of(sentence) == "meta"


@pytest.mark.parametrize(
    "trailer",
    [
        "Office of Dietary Supplements Fact Sheet 2.1",
        "Department of Family Medicine, Lakeside University Hospital",
        "Last Reviewed March 2021 by the Editorial Board",
    ],
)
def test_a_title_worded_line_after_the_sentences_of_its_paragraph_is_meta(trailer: str) -> None:
    """A credit, series number or affiliation worded as a title and left without a final mark
    after the paragraph's sentences is a title line (docs/extraction-decisions.md, entry 2)."""
    found = units("Vitamin D helps the body absorb calcium from food. " + trailer + "\n")
    assert found == [
        ("Vitamin D helps the body absorb calcium from food.", "claim"),
        (trailer, "meta"),
    ]


@pytest.mark.parametrize(
    "trailer",
    [
        "Most people get enough from sunlight 🙂",
        "I took it for a week and it worked for me",
        "Users report that it works (Smith 2020)",
    ],
)
def test_a_sentence_without_its_final_mark_keeps_its_kind(trailer: str) -> None:
    found = units("Vitamin D helps the body absorb calcium from food. " + trailer + "\n")
    assert (trailer, "claim") in found


# What a study did and how its report is laid out, in forms the rules had not listed: a search
# strategy and its restrictions, the data a study had, the treatment participants received, a
# report's own studies named "here", a listed title and a dash before the page's description,
# and a report's further contents.
@pytest.mark.parametrize(
    "sentence",
    [
        "Asthma in Children (Posted: 04/02/2015) - A fact sheet about the link between mould "
        "and wheezing.",
        "The search strategy combined terms for sleep, insomnia and older adults.",
        "Restrictions included: English language and publication after 2005.",
        "Outcome data were provided for 412 of the 450 children.",
        "Usable data were supplied by 12 of the 15 trial teams.",
        "Participants attended a median of eight classes over twelve weeks.",
        "Women in the yoga group completed an average of 20 sessions.",
        "The two experiments reported here are the first to test this idea in adults.",
        "Estimates for each state are also reported.",
    ],
)
def test_methods_and_a_reports_contents_are_meta(sentence: str) -> None:
    assert kind_of(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "Participants attended fewer clinic visits than controls.",
        "The results reported here show that yoga reduced back pain.",
        "Side effects are also reported by some users.",
        "Women in the yoga group had fewer falls than women in the control group.",
    ],
)
def test_results_beside_those_forms_stay_claims(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


# The writer's stance ("in my opinion", "I think", "IMO", "to me", "I can see") makes a remark
# about the evidence or a consensus the writer's claim, as the public gold annotates every
# first-person opinion (claim or advice, never meta); research said to be needed stays meta.
@pytest.mark.parametrize(
    "sentence",
    [
        "In my opinion there is no evidence that the warning helps readers.",
        "Sorry, but I can see no consensus for changing the guideline.",
        "IMO the evidence is weak for both of these claims.",
        "To me, the data are inconclusive on this point.",
    ],
)
def test_the_writers_stance_on_the_evidence_is_a_claim(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


def test_research_needed_in_the_writers_voice_stays_meta() -> None:
    assert kind_of("I think more research is needed on this.") == "meta"


def test_the_quick_test_before_the_inverted_question_pattern_is_read_from_it() -> None:
    """The letters an unmarked question may open with come from the pattern: every opening the
    pattern matches passes the quick test, and the test rules out openings it cannot match."""
    from evidence_claims.extraction import kinds

    rests = ("s it safe", "re they", "oes anyone know", "an you", "o is it", "ut is it", "ll")
    for letter in string.ascii_letters:
        for rest in rests:
            text = letter + rest + " for children."
            if kinds._INVERTED.match(text):
                assert kinds._may_be_inverted(text), text
    assert not kinds._may_be_inverted("Taking it daily is safe.")
    assert kinds._may_be_inverted("But is it safe for children.")
