"""Kinds in research abstracts read for the first time: methods, gaps, aims and results.

The conventions (docs/extraction-decisions.md rule 7, benchmarks/gold/GUIDELINES.md): in a
research report, how the study was done (data obtained, records linked, studies identified and
included, people contacted), the gap it fills ("few data exist", "remains poorly
characterised"), and its aim ("In this study, we ...") are ``meta``; what it found stays a
``claim``, even where a structured abstract prints its results under a methods label.

Every sentence here was written for these tests (topics, verbs and subjects varied on purpose);
none is copied from a gold passage.
"""

from __future__ import annotations

import pytest

from .extraction_helpers import units

BEFORE = pytest.mark.xfail(strict=True, reason="kind rules do not handle this form yet")


def kind_in_report(sentence: str) -> str:
    """The kind of a sentence inside the running text of an unlabelled research abstract."""
    doc = (
        "Magnesium and night cramps in older adults\n\n"
        "Night cramps are common in older adults and disturb sleep. " + sentence + " Cramps "
        "fell from 7.1 to 4.2 a week with magnesium and from 7.0 to 6.8 with placebo.\n"
    )
    found = [kind for text, kind in units(doc) if text == sentence]
    assert found, units(doc)
    return found[0]


# -- How the study was done, in the authors' voice or the passive ----------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We obtained pharmacy dispensing records for all residents of the region.",
        "We developed a coding frame for the reasons participants gave.",
        "We coded each transcript twice and resolved disagreements by discussion.",
        "We contacted the corresponding authors of eligible trials for missing data.",
        "We retrieved death certificates from the national statistics office.",
        "Blood samples were obtained at baseline to measure serum ferritin.",
        "Hospital records were retrieved through the regional health database.",
        "The analysis was restricted to women who gave birth after 2010.",
        "Trial investigators were contacted to request individual participant data.",
        "Mortality was ascertained by linking cohort members to the death registry.",
        "Nursing homes were identified using a national directory of care providers.",
        "Spirometry values were used as the reference standard for airway obstruction.",
    ],
)
def test_methods_sentences_are_meta(sentence: str) -> None:
    assert kind_in_report(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "Fourteen trials were included, nine of them placebo-controlled.",
        "Thirty-two cohort studies were identified by the search.",
        "A total of 412 articles were screened and 23 were retained.",
        "We identified 58 eligible reports from 19 countries.",
    ],
)
def test_counts_of_included_studies_are_meta(sentence: str) -> None:
    assert kind_in_report(sentence) == "meta"


# -- The gap a study fills -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Few estimates exist of how often older adults take sleeping pills.",
        "There are few data to guide the choice of dose in children.",
        "The burden of cramps in care homes remains poorly characterised.",
        "Earlier trials were individually underpowered to detect small effects.",
        "Previous surveys included only a small number of rural districts.",
    ],
)
def test_research_gaps_are_meta(sentence: str) -> None:
    assert kind_in_report(sentence) == "meta"


# -- The aim, with its pointer to the study first --------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "In this study, we compare three doses of magnesium in care-home residents.",
        "In the present analysis, we describe how cramp frequency changed over a year.",
        "This case report describes a woman with hypermagnesaemia after self-medication.",
    ],
)
def test_aims_after_a_pointer_are_meta(sentence: str) -> None:
    assert kind_in_report(sentence) == "meta"


# -- Findings stay claims ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We found that cramps were less frequent in the magnesium group.",
        "Cramp frequency was associated with lower serum magnesium.",
        "Older age was linked to more frequent cramps in both groups.",
    ],
)
def test_findings_in_running_text_stay_claims(sentence: str) -> None:
    assert kind_in_report(sentence) == "claim"


METHODS_WITH_RESULTS = (
    "Statins and falls in older adults\n\n"
    "Methods\n\n"
    "We followed 2,400 adults aged 70 or more for three years. Falls were recorded monthly. "
    "{result}\n\n"
    "Conclusions\n\n"
    "Statins did not raise the risk of falls.\n"
)


@pytest.mark.parametrize(
    "result",
    [
        "Statin use was significantly associated with fewer falls, HR = 0.81 (SE: 0.05).",
        "Frailty had the largest effect on falls, OR = 2.4 (95% CI 1.9 to 3.0).",
        "Women fell more often than men (p < 0.01).",
        "Diabetes was associated with a higher rate of injurious falls.",
    ],
)
def test_results_printed_under_a_methods_label_stay_claims(result: str) -> None:
    doc = METHODS_WITH_RESULTS.format(result=result)
    kinds = dict(units(doc))
    assert kinds[result] == "claim"
    assert kinds["Falls were recorded monthly."] == "meta"


# -- More methods forms: the analysis undertaken, what the study rests on, inverted lists -----


@pytest.mark.parametrize(
    "sentence",
    [
        "Urine samples from all volunteers were subjected to mass spectrometry.",
        "Bootstrapping with 1,000 resamples was employed to estimate uncertainty.",
        "A network meta-analysis was then undertaken of all randomised trials to 2020.",
        "The effect of traffic noise on sleep quality was investigated.",
        "Two authors independently carried out screening and data extraction.",
        "The survey was based on a postal questionnaire of 40 items.",
        "Included were cohort studies with at least a year of follow-up.",
        "Head-to-head trials are urgently needed in children.",
        "Reported rates of cramps vary widely across studies.",
        "The survey was limited by a low response rate.",
        "There is a need to investigate the long-term effects of magnesium.",
    ],
)
def test_more_methods_gaps_and_limits_are_meta(sentence: str) -> None:
    assert kind_in_report(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "There is an urgent need to expand screening to rural clinics.",
        "There is a need to train nurses in recognising cramps.",
    ],
)
def test_a_need_to_act_is_advice(sentence: str) -> None:
    assert kind_in_report(sentence) == "recommendation"


@pytest.mark.parametrize(
    "sentence",
    [
        "Very little, if any, earlier research has tested this idea in care homes.",
        "Few, if any, trials have compared the two salts directly.",
        "Studies to date have been too brief to show effects on falls.",
        "Trials so far were too short to detect rare harms.",
    ],
)
def test_thin_research_with_an_aside_is_meta(sentence: str) -> None:
    assert kind_in_report(sentence) == "meta"


AIM_WITH_BACKGROUND = (
    "Vitamin K and arterial stiffness\n\n"
    "Objective\n\n"
    "Arterial stiffness rises steeply after the age of sixty. {background} "
    "To compare two doses of vitamin K2 on pulse wave velocity over one year.\n\n"
    "Methods\n\n"
    "Adults were randomly assigned to 180 or 360 micrograms a day.\n"
)


@pytest.mark.parametrize(
    "background",
    [
        "Low vitamin K status is common in older adults.",
        "Matrix Gla protein needs vitamin K to inhibit calcification.",
    ],
)
def test_background_under_an_aim_label_stays_a_claim(background: str) -> None:
    kinds = dict(units(AIM_WITH_BACKGROUND.format(background=background)))
    assert kinds[background] == "claim"
    aim = "To compare two doses of vitamin K2 on pulse wave velocity over one year."
    assert kinds[aim] == "meta"
    assert kinds["Adults were randomly assigned to 180 or 360 micrograms a day."] == "meta"


# -- Pages about themselves and warnings in the progressive ----------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The institute has developed this guide to help families choose a care home.",
        "The bureau releases a new report each spring on pesticide residues.",
        "The agency posted the latest issue of its bulletin on food allergies.",
        "Little information on rural prescribing patterns is available.",
    ],
)
def test_pages_about_themselves_and_missing_information_are_meta(sentence: str) -> None:
    assert kind_in_report(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry is warning parents not to give the syrup to toddlers.",
        "Health officials are urging travellers to carry oral rehydration salts.",
    ],
)
def test_a_warning_in_the_progressive_is_advice(sentence: str) -> None:
    assert kind_in_report(sentence) == "recommendation"


@pytest.mark.parametrize(
    "sentence",
    [
        "Key point: before starting any herbal tea, check it with your pharmacist.",
        "Our advice: when travelling abroad, carry a copy of your prescriptions.",
        "And if your child has a fever, give plenty of fluids.",
        "Whether you walk or cycle, wear something bright after dark.",
        "Only buy supplements that carry an independent quality seal.",
        "Just keep the bottle out of reach of children.",
    ],
)
def test_imperatives_after_a_lead_a_softener_or_a_clause_are_advice(sentence: str) -> None:
    assert kind_in_report(sentence) == "recommendation"


def test_a_page_leading_the_reader_on_is_meta() -> None:
    assert kind_in_report("Read on for five ways to sleep better.") == "meta"
    assert kind_in_report("Keep reading to learn what the labels mean.") == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "The table below lists the herbs most often sold in markets.",
        "The workshop series covers topics such as labelling and storage.",
        "Outcomes included cramp frequency, sleep quality and falls.",
        "The survey, conducted in four provinces, asked about remedies used at home.",
    ],
)
def test_pointers_to_lists_and_what_a_study_measured_are_meta(sentence: str) -> None:
    assert kind_in_report(sentence) == "meta"


def test_a_study_named_with_its_conduct_that_found_something_stays_a_claim() -> None:
    sentence = "The trial, conducted in three countries, found that cramps halved with magnesium."
    assert kind_in_report(sentence) == "claim"


@pytest.mark.parametrize(
    "sentence",
    [
        "Each year the survey oversamples households with young children.",
        "The cohort study follows about 9,000 twins born in the 1990s.",
        "Home interviews are conducted by trained staff in three languages.",
    ],
)
def test_a_standing_study_described_in_the_present_is_meta(sentence: str) -> None:
    assert kind_in_report(sentence) == "meta"


def kind_after(first: str, second: str) -> str:
    """The kind of ``second``, the sentence right after ``first`` in one paragraph."""
    doc = (
        "Zinc lozenges and the common cold\n\n"
        "Colds cost many working days each winter. " + first + " " + second + "\n"
    )
    found = [kind for text, kind in units(doc) if text == second]
    assert found, units(doc)
    return found[0]


# A study's account of how it was done runs over several sentences: the one after a methods
# sentence that names the material, the task or the sample, and words no result, continues it.
@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "We enrolled 140 office workers from three companies.",
            "Each worker kept a diary of symptoms for twelve weeks.",
        ),
        (
            "Questionnaires were distributed to all registered pharmacists in the region.",
            "Information on age, training and opening hours was gathered as well.",
        ),
        (
            "Swab samples were collected on the first and fifth day of illness.",
            "Viral load was quantified by real-time PCR in a central laboratory.",
        ),
        (
            "This study aimed to compare two doses of zinc acetate.",
            "Lozenges dissolved slowly in the mouth every two hours while awake.",
        ),
    ],
)
def test_a_sentence_continuing_the_methods_is_meta(first: str, second: str) -> None:
    assert kind_after(first, second) == "meta"


# Guards: after a methods sentence, a result (a comparison, a change, a share, a negation,
# a finding verb) or a cited statement stays a claim.
@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "We enrolled 140 office workers from three companies.",
            "Colds lasted two days shorter with zinc than with placebo.",
        ),
        (
            "Swab samples were collected on the first and fifth day of illness.",
            "Rhinovirus was found in 61% of the samples.",
        ),
        (
            "Swab samples were collected on the first and fifth day of illness.",
            "No adverse events were reported in either group.",
        ),
        (
            "We enrolled 140 office workers from three companies.",
            "Zinc ions block the docking of rhinoviruses (Novick 1996).",
        ),
        (
            "Questionnaires were distributed to all registered pharmacists in the region.",
            "Advice on interactions had a marked effect on sales of zinc lozenges.",
        ),
    ],
)
def test_a_result_after_the_methods_stays_a_claim(first: str, second: str) -> None:
    assert kind_after(first, second) == "claim"
