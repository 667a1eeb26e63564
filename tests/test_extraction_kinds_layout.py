"""Kinds and layout on the forms real pages use: Q&A markers, field lines, title blocks,
registration lines, research-voice methods, the state of the evidence, advice to the reader."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.extraction import kinds
from evidence_claims.extraction.caseless import fold, lower_pattern
from evidence_claims.extraction.draft import extract
from evidence_claims.extraction.kinds import classify
from evidence_claims.extraction.segment import segment
from evidence_claims.model.data_yaml import load_data_yaml

from .extraction_helpers import units


def texts(document: str) -> list[str]:
    return [s.text(document) for s in segment(document)]


def test_a_question_marker_stays_with_its_question() -> None:
    doc = (
        "Q. How do I know if I need a dietary supplement?\n\n"
        "A. Because many products are sold, it is important to remember that they differ."
    )
    assert units(doc) == [
        ("Q. How do I know if I need a dietary supplement?", "question"),
        (
            "A. Because many products are sold, it is important to remember that they differ.",
            "recommendation",
        ),
    ]


def test_field_lines_and_a_heading_before_a_list_are_units_of_their_own() -> None:
    doc = (
        "Common Names: valerian, all-heal, garden heliotrope\n"
        "Latin Name: Valeriana officinalis\n"
        "Background\n"
        "- Valerian is a plant native to Europe and Asia.\n"
    )
    assert units(doc) == [
        ("Common Names: valerian, all-heal, garden heliotrope", "meta"),
        ("Latin Name: Valeriana officinalis", "meta"),
        ("Background", "meta"),
        ("Valerian is a plant native to Europe and Asia.", "claim"),
    ]


def test_a_block_of_short_header_lines_is_one_heading_per_line() -> None:
    doc = (
        "National Center for Complementary and Integrative Health (NCCIH)\n"
        "NIH Turning Discovery Into Health\n\n"
        "Many visitors seek information about herbs."
    )
    assert texts(doc) == [
        "National Center for Complementary and Integrative Health (NCCIH)",
        "NIH Turning Discovery Into Health",
        "Many visitors seek information about herbs.",
    ]


def test_hard_wrapped_running_text_is_still_one_sentence() -> None:
    doc = "Valerian has been used as a herb in traditional medicine\nsince the time of Rome.\n"
    assert texts(doc) == [
        "Valerian has been used as a herb in traditional medicine\nsince the time of Rome."
    ]


def test_a_trial_registration_line_is_a_label_and_a_meta_statement() -> None:
    doc = "Trial Registration: Clinical Trial Registry of India (CTRI/2019/01/017169)."
    assert units(doc) == [
        ("Trial Registration:", "meta"),
        ("Clinical Trial Registry of India (CTRI/2019/01/017169).", "meta"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hence, the aim of our study was to document the prevalence and cost of supplement use.",
        "The purpose of this study was to clarify the awareness of supplement use.",
        "We aim to provide a summary of systematic reviews of clinical trials.",
        "The study was approved by the Institutional Review Board of the university.",
        "A total of 469 students responded to the survey giving a response rate of 93.8%.",
        "From a total of 79 reviews 58 met the inclusion criteria.",
        "To be included articles had to review prospective clinical trials.",
        "Information on interventions was extracted using a pre-tested form.",
        "It was conducted using the Arabic version of the questionnaire.",
        "Primary outcome was mean change in hemoglobin at week 8 from baseline.",
        "The evidence on whether valerian is helpful for sleep problems is inconsistent.",
        "Knowledge about valerian is limited because there have been few studies in people.",
        "There’s not enough evidence to allow any conclusions about valerian.",
        "No information is available about the long-term safety of valerian.",
        "The quality of primary studies was criticized in the majority of the reviews.",
        "Most reviews judged the available evidence as promising.",
        "The results of this study suggest a need for long-term studies on supplement use.",
        "Randomized trials enrolling more participants may be useful in finding the dose.",
        "This fact sheet contains points you should consider for your safety.",
        "This series provides entries for more than 45 herbs and botanicals.",
        "To find out more about topics in this fact sheet, see the last section.",
        "The benefits of some supplements are well established, but others need further study.",
        "This means we may be unaware of whether the herb has any benefits.",
        "These are the findings of a recent study that analyzed 1,400 visits.",
        "A comprehensive literature search in Medline and Embase identified 20 studies.",
    ],
)
def test_statements_about_a_study_the_evidence_or_the_text_are_meta(sentence: str) -> None:
    assert classify(sentence, "sentence") == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "I also encourage you to talk with your health care provider about any product.",
        "I invite you to be a more informed consumer.",
        "ODS suggests you discuss the use of dietary supplements with your health care provider.",
        "Work with your health care provider to determine how best to achieve optimal health.",
        "It is therefore increasingly important for healthcare personnel to understand dosage.",
        "Read the label before you take a supplement.",
    ],
)
def test_advice_to_the_reader_is_a_recommendation(sentence: str) -> None:
    assert classify(sentence, "sentence") == "recommendation"


@pytest.mark.parametrize(
    "sentence",
    [
        "Research suggests you may sleep better after exercise.",
        "Follow-up was 12 months in both arms.",
        "This is particularly important if you take prescription medicines.",
        "Work by this group showed that iron absorption improves.",
    ],
)
def test_findings_and_nouns_that_look_like_advice_are_not(sentence: str) -> None:
    assert classify(sentence, "sentence") != "recommendation"


def hedges(document: str) -> list[str]:
    return [h.cue for c in extract(document, doc_id="t").claims for h in (c.hedges or [])]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("In some cases, people have experienced negative effects.", ["In some cases"]),
        ("ODS suggests you discuss the use of supplements with your provider.", []),
        ("Research suggests you may sleep better after exercise.", ["suggests", "may"]),
        ("Potentially relevant reviews were searched in Medline.", []),
        ("The extract is potentially harmful to the liver.", ["potentially"]),
        ("More than half reported that they would use supplements again.", []),
        ("Higher doses would lower the risk further.", ["would"]),
        ("Its purported benefits are many.", ["purported"]),
        ("It reportedly helps.", ["reportedly"]),
        ("The effect was arguably small.", ["arguably"]),
        ("The link is tentative.", ["tentative"]),
        ("To our knowledge, no trial exists.", ["To our knowledge"]),
        ("An outbreak in May 2018 killed 17 people.", []),
        ("Smokers were twice as likely to report it.", []),
        ("The effect is likely small.", ["likely"]),
        ("Take it as safely as possible.", []),
        ("It is possible that it helps.", ["possible"]),
        ("IMO, the guideline achieves balance.", ["IMO"]),
        ("I actually think the first sentences are fine.", ["I actually think"]),
    ],
)
def test_hedges_in_real_page_forms(document: str, expected: list[str]) -> None:
    assert hedges(document) == expected


def _plain_and_split() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    data = load_data_yaml(
        resources.files("evidence_claims").joinpath("data/kinds.yaml").read_text("utf-8")
    )
    pairs = []
    for family, flags in (("signposting", 0), ("recommendation", 0), ("meta", re.M)):
        lowered = [lower_pattern(p) for p in data[family]]
        plain = re.compile(
            kinds._GUARD + "(?:" + "|".join(f"(?:{p})" for p in lowered) + ")", flags
        )
        # (as compiled: patterns opening with the same words merged, then split)
        factored = [lower_pattern(p) for p in kinds.factor(data[family])]
        split = re.compile(kinds._GUARD + "(?:" + kinds.by_first_char(factored) + ")", flags)
        pairs.append((plain, split))
    return pairs


def test_the_alternation_split_by_first_character_matches_where_the_plain_one_does() -> None:
    # (and merged by opening words: :func:`evidence_claims.extraction.kinds.factor`)
    # Every statement of the bundled gold documents and the seed, at every word start.
    root = Path(__file__).resolve().parents[1]
    documents = [*root.glob("benchmarks/gold/*/document.txt")]
    documents += [*root.glob("benchmarks/gold-real/*/document.txt")]
    documents += [root / "claims" / "kratom-addiction" / "document.txt"]
    pairs = _plain_and_split()
    checked = 0
    for path in documents:
        text = path.read_text("utf-8")
        for seg in segment(text):
            body = seg.text(text).lower()
            for plain, split in pairs:
                for start in range(len(body)):
                    assert bool(plain.match(body, start)) == bool(split.match(body, start))
                checked += 1  # one statement, one family
    assert checked > 1200


def _at_start_rules() -> list[kinds.FoldedSearch]:
    rules = kinds.load_rules()
    return [rules.signposting, rules.recommendation_statement]


def _same_at_start(body: str) -> None:
    folded = fold(body)
    if folded is None:
        return
    for search in _at_start_rules():
        assert search.fast is not None
        assert bool(search.fast.match(folded)) == bool(search.exact.match(body)), body


def test_the_rules_tried_at_the_start_match_where_their_case_insensitive_form_does() -> None:
    # Signposting and advice stated as a gerund phrase are tried at the statement's start
    # only, compiled as plain alternations in lower case: every gold statement and the seed's.
    root = Path(__file__).resolve().parents[1]
    documents = [*root.glob("benchmarks/gold/*/document.txt")]
    documents += [*root.glob("benchmarks/gold-real/*/document.txt")]
    documents += [root / "claims" / "kratom-addiction" / "document.txt"]
    matched = 0
    for path in documents:
        text = path.read_text("utf-8")
        for seg in segment(text):
            body = seg.text(text)
            _same_at_start(body)
            matched += any(s.exact.match(body) for s in _at_start_rules())
    assert matched > 5


_OPENING_WORDS = [
    "The",
    "next",
    "section",
    "This",
    "review",
    "Here",
    "we",
    "In",
    "what",
    "follows",
    "Taking",
    "vitamin",
    "D",
    "Walking",
    "daily",
    "is",
    "are",
    "should",
    "be",
    "recommended",
    "important",
    "HOWEVER,",
    "these",
    "findings",
    "below",
    "describe",
    "defined",
    "here",
    "Further",
    "research",
    "more",
    "studies",
    "İ",
    "K",
    "ſ",
    "é",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_OPENING_WORDS), min_size=1, max_size=12), st.text(max_size=12))
def test_the_rules_tried_at_the_start_agree_on_generated_openings(
    words: list[str], tail: str
) -> None:
    _same_at_start(" ".join(words) + tail)


def test_a_table_of_contents_is_a_list_of_headings() -> None:
    doc = (
        "Table of Contents\n\n"
        "  • The Dietary Supplement Label\n"
        "  • Effectiveness\n"
        "  • Safety and Risk\n"
        "  • Talk with Your Healthcare Providers\n"
        "  • Keep in Mind\n"
    )
    assert [kind for _text, kind in units(doc)] == ["meta"] * 6
    assert units(doc)[4] == ("Talk with Your Healthcare Providers", "meta")


def test_a_list_of_symptoms_or_examples_stays_a_list_of_statements() -> None:
    doc = (
        "Side effects include:\n"
        "- Nausea\n"
        "- Trouble sleeping\n"
        "- Headache\n\n"
        "Examples include:\n\n"
        "  • Anticonvulsants (e.g. phenytoin)\n"
        "  • Cholesterol drugs (e.g. lovastatin)\n"
        "  • Blood pressure drugs (e.g. propranolol)\n"
    )
    kinds_ = [kind for _text, kind in units(doc)]
    assert kinds_ == ["meta", "claim", "claim", "claim", "meta", "claim", "claim", "claim"]


def test_lines_after_a_finished_sentence_can_be_headings_and_field_lines() -> None:
    # Pages copied with single line breaks between paragraphs.
    doc = (
        "Most adverse effects were minor.\n"
        "Key Words: adverse effects, herbal medicine, safety\n"
        "Introduction\n"
        "Herbal medicines are popular in many countries.\n"
    )
    assert units(doc) == [
        ("Most adverse effects were minor.", "claim"),
        ("Key Words: adverse effects, herbal medicine, safety", "meta"),
        ("Introduction", "meta"),
        ("Herbal medicines are popular in many countries.", "claim"),
    ]


def test_a_line_ending_in_a_colon_is_a_lead_or_a_label_of_its_own() -> None:
    doc = "Methods:\nWe recruited 30 adults.\nResults:\nPain fell.\nDr. Lee's answer:\nIt helps."
    assert units(doc) == [
        ("Methods:", "meta"),
        ("We recruited 30 adults.", "meta"),
        ("Results:", "meta"),
        ("Pain fell.", "claim"),
        ("Dr. Lee's answer:", "meta"),
        ("It helps.", "claim"),
    ]
    assert [s.role for s in segment(doc)][:3] == ["label", "sentence", "label"]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Educate yourself.", "recommendation"),
        ("Buy from a reputable manufacturer.", "recommendation"),
        ("Know the warning signs of a stroke.", "recommendation"),
        ("Share of patients with side effects was 3%.", "claim"),
        ("Add-on therapy reduced pain.", "claim"),
        ("This overview of systematic reviews (SRs) aims to evaluate the evidence.", "meta"),
        ("A multivariate meta-regression model is utilized to establish the dose.", "meta"),
        ("The effect of each dose was compared by meta-analysis.", "meta"),
        ("A total of 136 articles were included in the review.", "meta"),
        ("Side effects included nausea and headache.", "claim"),
    ],
)
def test_more_imperatives_and_methods(sentence: str, kind: str) -> None:
    assert classify(sentence, "sentence") == kind


def test_a_post_line_ending_in_lol_or_an_emoji_ends_its_sentence() -> None:
    doc = (
        "I took 3 mg before I flew and it did nothing for me lol\n"
        "Anyone else tried it? I took it again 🙁\n"
        "My doctor said to take it at bedtime.\n"
    )
    assert units(doc) == [
        ("I took 3 mg before I flew and it did nothing for me lol", "claim"),
        ("Anyone else tried it?", "question"),
        ("I took it again 🙁", "claim"),
        ("My doctor said to take it at bedtime.", "claim"),
    ]


def test_a_pointer_to_the_list_that_follows_is_meta() -> None:
    assert classify("Consider the following sleep stats...", "sentence") == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "Future studies need to assess a range of doses of standardized preparations.",
        "Further research is warranted to confirm the benefit.",
        "These findings should be confirmed in larger randomized trials.",
    ],
)
def test_research_said_to_be_needed_is_meta(sentence: str) -> None:
    assert classify(sentence, "sentence") == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "Future studies should assess a range of doses of standardized preparations.",
        "Therefore, larger randomized trials must confirm these findings.",
    ],
)
def test_research_that_should_be_done_is_advice_to_researchers(sentence: str) -> None:
    """The research agenda with a deontic modal is a recommendation, as every such sentence
    of the public gold is annotated (docs/extraction-decisions.md, entry 6)."""
    assert classify(sentence, "sentence") == "recommendation"


def test_advice_to_clinicians_is_still_a_recommendation() -> None:
    assert classify("Clinicians should ask patients about supplements.", "sentence") == (
        "recommendation"
    )


def test_statements_in_a_methods_section_are_meta_until_the_next_label() -> None:
    doc = (
        "Design: Prospective cohort study.\n"
        "Participants: 171,616 adults without cancer.\n"
        "Main outcomes and measures: All cause mortality.\n"
        "Results: Coffee drinkers had a lower risk of death.\n"
    )
    assert [kind for _text, kind in units(doc)] == ["meta"] * 7 + ["claim"]


def test_a_label_that_covers_findings_opens_no_methods_section() -> None:
    doc = (
        "Methods/Principal Findings\n\n"
        "We included randomized trials. Probiotics had a positive effect on diarrhea.\n"
    )
    assert units(doc)[-1] == ("Probiotics had a positive effect on diarrhea.", "claim")


def test_labels_alone_on_their_lines_under_a_title() -> None:
    doc = (
        "Abstract\n"
        "Objective:\n"
        "The study was aimed at determining the lifestyle of supplement users.\n"
        "Background/Objectives:\n"
        "Supplements are popular.\n"
    )
    assert units(doc) == [
        ("Abstract", "meta"),
        ("Objective:", "meta"),
        ("The study was aimed at determining the lifestyle of supplement users.", "meta"),
        ("Background/Objectives:", "meta"),
        ("Supplements are popular.", "claim"),
    ]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("SSSheridan 01:39, 29 May 2021", "meta"),
        ("I've removed the text pending discussion.", "meta"),
        ("I have added magnesium to my routine and sleep better.", "claim"),
        ("The key is to talk to your doctor before you start.", "recommendation"),
        ("For the latest information on supplements, visit the FDA website.", "recommendation"),
        ("To reduce the risk, avoid alcohol.", "recommendation"),
        ("To date, studies have shown no benefit.", "claim"),
        ("Unsupported medical claims must be attributed to their source.", "recommendation"),
        ("The agency must remain vigilant against new threats.", "claim"),
        ("The effect must have been small.", "claim"),
    ],
)
def test_posts_pointers_and_duties(sentence: str, kind: str) -> None:
    assert classify(sentence, "sentence") == kind


# Names listed under a heading, without final marks (a menu or breadcrumb trail, linked
# pages, offices to contact), state nothing; a list of short terms under "Symptoms" and a
# list led by a sentence stay statements.
@pytest.mark.parametrize(
    ("doc", "names"),
    [
        (
            "Iron and your health\n\nIron carries oxygen in the blood.\n\nRelated pages\n\n"
            "- Iron in everyday food\n- Anaemia in children\n- How supplements are regulated\n",
            ["Iron in everyday food", "Anaemia in children", "How supplements are regulated"],
        ),
        (
            "Safety of herbal teas\n\nSite sections\n1. Home\n2. For Parents\n3. Safety Alerts\n\n"
            "Many herbal teas are safe in moderate amounts.\n",
            ["1. Home", "2. For Parents", "3. Safety Alerts"],
        ),
    ],
)
def test_names_listed_under_a_heading_are_meta(doc: str, names: list[str]) -> None:
    kinds = dict(units(doc))
    assert [kinds[name] for name in names] == ["meta"] * len(names)


@pytest.mark.parametrize(
    ("doc", "items"),
    [
        (
            "Iron and your health\n\nSymptoms\n\n- Nausea\n- Dry mouth\n- Headache\n",
            ["Nausea", "Dry mouth", "Headache"],
        ),
        (
            "Iron and your health\n\nCommon side effects include:\n\n- Nausea\n- Dry mouth\n",
            ["Nausea", "Dry mouth"],
        ),
        (
            "Recall notice\n\nThe inspectors found\n- traces of lead in two brands\n"
            "- doses twice those on the label\n",
            ["traces of lead in two brands", "doses twice those on the label"],
        ),
    ],
)
def test_terms_and_continued_lists_stay_statements(doc: str, items: list[str]) -> None:
    kinds = dict(units(doc))
    assert [kinds[item] for item in items] == ["claim"] * len(items)
