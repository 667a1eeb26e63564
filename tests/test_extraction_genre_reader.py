"""The genre reader (extraction/genre.py) and the attribution defaults that follow it.

The texts are written for the tests, not taken from the gold passages. The attribution
tests each failed before the genre was read: an agency page signed in its third sentence,
an agency Q&A that names studies, an abstract whose design only its vocabulary gives, and an
agency's "we reviewed".
"""

from __future__ import annotations

import pytest

from evidence_claims.extraction.draft import extract
from evidence_claims.extraction.genre import family_of_label, read_genre

TRIAL = (
    "Melatonin and jet lag: a randomized, placebo-controlled trial\n\n"
    "Background\n\nJet lag disturbs sleep after long flights.\n\n"
    "Methods\n\nWe randomized 120 travellers to melatonin or placebo in a double-blind design. "
    "Participants were followed for five days.\n\n"
    "Results\n\nSleep onset was shorter with melatonin (p = 0.01)."
)
SURVEY = (
    "Supplement use among nursing students\n\n"
    "Background: Supplement use is common among students.\n\n"
    "Methods: We conducted a cross-sectional survey with a self-administered questionnaire. "
    "A total of 300 respondents were included.\n\n"
    "Results: Most respondents had used a supplement in the past year."
)
REVIEW = (
    "Zinc for the common cold: a systematic review and meta-analysis\n\n"
    "Methods: We searched five databases and included 16 trials. Data were pooled.\n\n"
    "Results: Zinc shortened colds (95% CI 1.2 to 2.1)."
)
FACT_SHEET = (
    "Feverfew\n\nCommon Names: feverfew, bachelor's buttons\n\n"
    "This fact sheet provides basic information about feverfew. "
    "Talk to your health care provider before you take it. "
    "The FDA does not approve supplements for safety before they are sold."
)
QA = (
    "Questions and Answers on Tainted Supplements\n\n"
    "What are tainted supplements?\n\nThey are products that contain hidden drugs.\n\n"
    "How can I report a problem?\n\nYou can report it to the FDA."
)
FORUM = (
    "Sourcing herbal claims\n\n"
    "I think the sentence needs a better source. Alice (talk) 10:02, 3 May 2021 (UTC)\n\n"
    "I agree, I've removed it for now. Bob (talk) 11:15, 3 May 2021 (UTC)"
)
ENCYCLOPEDIA = (
    "Valerian\n\n"
    "Valerian is a perennial flowering plant native to Europe and Asia.[1] It is also known "
    "as all-heal.[2] Its root has been used as a sedative.[citation needed]"
)
NEWS = (
    "Researchers find a new way to grow retina cells\n\n"
    "Scientists have found a way to turn skin cells into retina cells, according to a new "
    'study published in Nature. "This is a big step," said Ann Lee, director of the eye '
    "institute."
)


@pytest.mark.parametrize(
    ("text", "label", "family"),
    [
        (TRIAL, "trial abstract", "research_report"),
        (SURVEY, "survey abstract", "research_report"),
        (REVIEW, "systematic-review abstract", "research_report"),
        (FACT_SHEET, "agency fact sheet", "agency"),
        (QA, "agency questions and answers", "agency"),
        (FORUM, "forum thread", "forum"),
        (ENCYCLOPEDIA, "encyclopedia article", "encyclopedia"),
        (NEWS, "news report", "news"),
    ],
)
def test_the_genre_is_read_from_layout_and_vocabulary(text: str, label: str, family: str) -> None:
    genre = read_genre(text)
    assert (genre.label, genre.family) == (label, family)


def test_a_research_reports_kind_gives_the_design_it_reports() -> None:
    assert read_genre(TRIAL).design == "clinical_trial"
    assert read_genre(REVIEW).design == "systematic_review"
    assert read_genre(SURVEY).design == "observational_study"


def test_a_text_with_no_signals_has_no_genre() -> None:
    genre = read_genre("Tea is a drink.")
    assert not genre.known and not genre.confident


def test_advice_to_see_a_doctor_alone_does_not_make_an_agency_page() -> None:
    text = (
        "My fasting year\n\nYou should talk to your doctor before fasting. "
        "Your body needs time to adapt, and your sleep may change."
    )
    assert read_genre(text).family != "agency"


def test_a_short_text_naming_an_agency_twice_is_not_a_confident_agency_page() -> None:
    text = "The FDA does not regulate the word natural. The FDA said the product was unsafe."
    assert not read_genre(text).confident


def test_a_section_can_be_read_on_its_own() -> None:
    text = NEWS + "\n\n" + TRIAL
    start = text.index("Melatonin and jet lag")
    assert read_genre(text, start).label == "trial abstract"
    assert read_genre(text, 0, start).family == "news"


def test_annotated_labels_map_to_families() -> None:
    assert family_of_label("narrative review (numbered references)") == "narrative_review"
    assert family_of_label("news report with quoted experts") == "news"
    assert family_of_label("systematic-review abstract") == "research_report"
    assert family_of_label("agency questions and answers") == "agency"
    assert family_of_label("limerick") == "unknown"


def _evidence(text: str) -> list[tuple[str, str, str]]:
    claims = extract(text, doc_id="t").claims
    return [(c.text, c.evidence.type, c.evidence.basis) for c in claims]


def test_a_signed_agency_page_speaks_for_the_agency_from_its_first_line() -> None:
    text = (
        "Get the Facts\n\nHerbs at a Glance: Safety\n\n"
        "Many herbs have a long history of use. Some herbs have caused health problems. "
        "This fact sheet lists points to consider if you use herbs. "
        "Talk to your health care provider before using an herbal supplement."
    )
    found = {t: (ty, b) for t, ty, b in _evidence(text)}
    assert found["Many herbs have a long history of use."][0] == "authority_statement"
    assert found["Some herbs have caused health problems."][0] == "authority_statement"


def test_an_agency_question_page_that_names_studies_is_still_the_agencys_word() -> None:
    text = (
        "Questions and Answers on Weight-Loss Products\n\n"
        "What are tainted weight-loss products?\n\n"
        "They are products sold as supplements that contain hidden drugs.\n\n"
        "Why are they dangerous?\n\n"
        "The hidden drugs can cause strokes. Studies in animals and trials in people have "
        "linked them to heart problems.\n\n"
        "What should consumers do?\n\n"
        "Consumers should not buy products that promise fast weight loss."
    )
    found = {t: ty for t, ty, _ in _evidence(text)}
    assert found["They are products sold as supplements that contain hidden drugs."] == (
        "authority_statement"
    )


def test_a_report_takes_the_design_its_vocabulary_gives_when_no_sentence_names_it() -> None:
    text = (
        "Melatonin and sleep onset in travellers\n\n"
        "Background: Jet lag disturbs sleep after long flights.\n\n"
        "Methods: We assessed sleep onset in 120 travellers, allocated at random to melatonin "
        "or dummy pills in the intervention group and the control group.\n\n"
        "Results: Sleep onset was 20 minutes shorter with melatonin."
    )
    found = {t: ty for t, ty, _ in _evidence(text)}
    assert found["Sleep onset was 20 minutes shorter with melatonin."] == "clinical_trial"
    opening = next(t for t in found if t.startswith("We assessed"))
    assert found[opening] == "clinical_trial"


def test_an_agencys_we_is_the_agencys_voice_not_a_study_it_reports() -> None:
    text = (
        "Kratom: Questions and Answers for Consumers\n\n"
        "What has the FDA found?\n\n"
        "We evaluated the labels of 30 kratom products sold online. "
        "Many labels made unproven claims.\n\n"
        "What should consumers do?\n\n"
        "Talk to your health care provider before you use kratom."
    )
    found = {t: ty for t, ty, _ in _evidence(text)}
    assert found["We evaluated the labels of 30 kratom products sold online."] == (
        "authority_statement"
    )


def test_results_under_a_reports_own_label_rest_on_the_report_it_is() -> None:
    text = (
        "Systematic reviews of herbal medicines: an overview\n\n"
        "Background\n\nHerbal medicines are widely used. We aim to summarise systematic "
        "reviews of herbal medicines. Reviews were searched in five databases and included "
        "if they pooled randomized trials.\n\n"
        "Results\n\n"
        "Of 79 reviews screened, 58 met the inclusion criteria. "
        "Most judged the evidence promising but inconclusive.\n\n"
        "Conclusions\n\nMore rigorous reviews are needed."
    )
    found = {t: ty for t, ty, _ in _evidence(text)}
    assert found["Of 79 reviews screened, 58 met the inclusion criteria."] == "systematic_review"
    assert found["Most judged the evidence promising but inconclusive."] == "systematic_review"
