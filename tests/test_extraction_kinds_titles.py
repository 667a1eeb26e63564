"""Kinds and layout of forms met on unseen agency pages and abstracts: lines and list items
worded as titles, advice without an imperative, "could be considered" as a classification,
a page speaking about itself, and a belief the text reports."""

from __future__ import annotations

import pytest

from evidence_claims.extraction.kinds import classify
from evidence_claims.extraction.units import title_like

from .extraction_helpers import units


def test_a_contents_line_worded_as_a_title_is_not_joined_with_the_next_line() -> None:
    doc = (
        "Contents\n\n"
        "Is Coffee Safe During Pregnancy?\n"
        "Tables of Caffeine Content in Common Drinks and Foods\n"
        "Where Pregnant Readers Can Find More Help\n"
    )
    assert units(doc) == [
        ("Contents", "meta"),
        ("Is Coffee Safe During Pregnancy?", "question"),
        ("Tables of Caffeine Content in Common Drinks and Foods", "meta"),
        ("Where Pregnant Readers Can Find More Help", "meta"),
    ]


def test_a_long_title_line_over_a_question_line_is_its_own_unit() -> None:
    doc = (
        "Web Pages with Information on Caffeine and Sleep from Health Agencies and others\n"
        "How Can I Sleep Better?\n"
    )
    assert units(doc) == [
        (
            "Web Pages with Information on Caffeine and Sleep from Health Agencies and others",
            "meta",
        ),
        ("How Can I Sleep Better?", "question"),
    ]


def test_hard_wrapped_text_with_a_capitalised_second_line_is_still_one_sentence() -> None:
    sentence = "Most adults drink coffee every day and only a few\nSwedish studies looked at tea."
    assert units(sentence + "\n") == [(sentence, "claim")]


def test_list_items_worded_as_titles_are_meta() -> None:
    doc = (
        "Related articles\n"
        "- Herbal Teas and Prescription Drugs Can Interact\n"
        "- Reporting a Side Effect\n"
        "- More Articles related to Herbal Teas...\n"
        "- Chamomile tea may cause allergic reactions in some people\n"
    )
    kinds = dict(units(doc))
    assert kinds["Herbal Teas and Prescription Drugs Can Interact"] == "meta"
    assert kinds["Reporting a Side Effect"] == "meta"
    assert kinds["More Articles related to Herbal Teas..."] == "meta"
    assert kinds["Chamomile tea may cause allergic reactions in some people"] == "claim"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tips for Older Dietary Supplement Users", True),
        ("More Consumer Updates related to Dietary Supplements", True),
        ("Vitamin D", False),
        ("Calcium and vitamin D help keep bones strong", False),
        ("Trouble sleeping at night", False),
    ],
)
def test_title_like(text: str, expected: bool) -> None:
    assert title_like(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "Heterogeneous effect estimates need to be considered when pooling trials.",
        "Small pilot trials would be best used to plan the size of later trials.",
        "Balanced meals are the first place to start.",
        "As you age, it becomes even more important to keep moving every day.",
        "Higher doses may be considered for patients who do not respond.",
    ],
)
def test_advice_without_an_imperative_is_a_recommendation(text: str) -> None:
    assert classify(text, "sentence") == "recommendation"


@pytest.mark.parametrize(
    "text",
    [
        "About half of the outcomes could be considered patient-important outcomes.",
        "We assessed whether the reported outcomes could be considered clinically relevant.",
        "You might think you have to buy special shoes to start walking.",
    ],
)
def test_classifications_and_reported_beliefs_are_no_advice(text: str) -> None:
    assert classify(text, "sentence") != "recommendation"


@pytest.mark.parametrize(
    "text",
    [
        "Welcome to the first issue of our newsletter.",
        "The following are resources for parents about sleep.",
        "That is why we wrote this booklet.",
        "The agency has prepared these tips to help you shop safely.",
        "You can find more information about labels on the agency's web site.",
    ],
)
def test_a_page_speaking_about_itself_is_meta(text: str) -> None:
    assert classify(text, "sentence") == "meta"


def test_a_reference_list_is_one_meta_unit_per_entry() -> None:
    doc = (
        "Tea is popular [1].\n\n"
        "References\n\n"
        "1. Brown K, Lee M. Tea drinking in Japan. Nutr Rev. 2011;69:10-8.\n"
        "2. Ortiz P, et al. Black tea and blood pressure: a randomized trial.\n"
        "   Hypertension. 2014;63(4):700-707. doi:10.1161/HYP.0000000000000001\n"
    )
    assert units(doc)[1:] == [
        ("References", "meta"),
        ("1. Brown K, Lee M. Tea drinking in Japan. Nutr Rev. 2011;69:10-8.", "meta"),
        (
            "2. Ortiz P, et al. Black tea and blood pressure: a randomized trial.\n"
            "   Hypertension. 2014;63(4):700-707. doi:10.1161/HYP.0000000000000001",
            "meta",
        ),
    ]


def test_an_unnumbered_reference_list_after_its_heading_is_one_unit_per_line() -> None:
    doc = (
        "Bibliography\n"
        "Brown K, Lee M (2011) Tea drinking in Japan. Nutr Rev 69: 10-18.\n"
        "Ortiz P (2014) Black tea and blood pressure. Hypertension 63: 700-707.\n\n"
        "Tea contains caffeine.\n"
    )
    assert units(doc) == [
        ("Bibliography", "meta"),
        ("Brown K, Lee M (2011) Tea drinking in Japan. Nutr Rev 69: 10-18.", "meta"),
        ("Ortiz P (2014) Black tea and blood pressure. Hypertension 63: 700-707.", "meta"),
        ("Tea contains caffeine.", "claim"),
    ]


def test_a_reference_entry_without_a_heading_is_not_cut_at_its_full_stops() -> None:
    doc = "Further reading:\n- Ortiz P, Lee M. Black tea. Hypertension. 2014;63(4):700-707.\n"
    assert units(doc)[-1] == (
        "Ortiz P, Lee M. Black tea. Hypertension. 2014;63(4):700-707.",
        "meta",
    )


def test_a_caption_keeps_its_marker_and_is_meta() -> None:
    doc = (
        "Cocoa flavanols raised flow-mediated dilation in the trial.\n\n"
        "Figure 2. Flow-mediated dilation before and after eight weeks of cocoa.\n\n"
        "Table 1 shows the characteristics of the participants.\n"
    )
    assert units(doc) == [
        ("Cocoa flavanols raised flow-mediated dilation in the trial.", "claim"),
        ("Figure 2. Flow-mediated dilation before and after eight weeks of cocoa.", "meta"),
        ("Table 1 shows the characteristics of the participants.", "meta"),
    ]


def test_a_licence_line_is_meta() -> None:
    doc = (
        "Copyright © 2019 Ortiz et al. This is an open access article distributed under the "
        "terms of the Creative Commons Attribution License.\n"
    )
    assert {kind for _text, kind in units(doc)} == {"meta"}


def test_labels_set_without_colons_are_units_of_their_own() -> None:
    doc = (
        "Objectives To find out whether zinc shortens colds.\n"
        "Design Randomised placebo controlled trial.\n"
        "Results Colds lasted 1.5 days less with zinc.\n"
        "Conclusions Zinc lozenges may shorten colds in adults.\n"
    )
    assert units(doc) == [
        ("Objectives", "meta"),
        ("To find out whether zinc shortens colds.", "meta"),
        ("Design", "meta"),
        ("Randomised placebo controlled trial.", "meta"),
        ("Results", "meta"),
        ("Colds lasted 1.5 days less with zinc.", "claim"),
        ("Conclusions", "meta"),
        ("Zinc lozenges may shorten colds in adults.", "claim"),
    ]


def test_a_single_label_like_word_at_a_line_start_opens_no_label() -> None:
    # One line starting with a label name is not a structured abstract ("Results" here is
    # the sentence's subject), nor is a label name followed by a lower-case word.
    doc = "Results Matter More Than Promises in this field, she said.\nDesign matters too.\n"
    assert [text for text, _kind in units(doc)] == [
        "Results Matter More Than Promises in this field, she said.",
        "Design matters too.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Offer vitamin D to people with low levels.",
        "Prescribe the lowest dose that works.",
        "Monitor blood pressure every month.",
        "Refer children with severe symptoms.",
        "Encourage patients to walk daily.",
    ],
)
def test_clinical_imperatives_are_recommendations(text: str) -> None:
    assert classify(text, "sentence") == "recommendation"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("DON'T use tanning beds.", "recommendation"),
        ("Beware of products claiming to cure cancer.", "recommendation"),
        ("Let your doctor know if you take blood thinners.", "recommendation"),
        ("Let's say that most substances can be misused.", "claim"),
        ("Consumers are urged to stop using the product immediately.", "recommendation"),
        ("Reviewers are strongly encouraged to grade the evidence.", "claim"),
        ("We do not recommend routine screening.", "recommendation"),
        ("Talking with your healthcare provider is important.", "recommendation"),
        ("You may want to talk with your doctor.", "recommendation"),
        ("Clinicians may wish to consider zinc for patients with colds.", "recommendation"),
        ("It may be helpful to keep a sleep diary.", "recommendation"),
        ("Find a clinical trial near you.", "recommendation"),
        ("Aim for five servings of fruit a day.", "recommendation"),
        ("The aim of the trial was to test zinc.", "meta"),
    ],
)
def test_more_forms_of_advice(text: str, kind: str) -> None:
    assert classify(text, "sentence") == kind


@pytest.mark.parametrize(
    "text",
    [
        "Here we review the evidence on melatonin.",
        "Below we describe three trials.",
        "We then discuss the implications for practice.",
        "See Table 2.",
        "For more information, see the fact sheet on vitamin D.",
        "More information is available at the agency's web site.",
        "These findings should be interpreted with caution.",
        "The results should be confirmed in larger trials.",
        "It remains to be seen whether these effects last.",
        "Several questions remain unanswered.",
    ],
)
def test_signposting_pointers_and_the_state_of_the_evidence_are_meta(text: str) -> None:
    assert classify(text, "sentence") == "meta"
