"""Genre marks that hold across journals and publishers, and the report voice that follows.

Compound structured-abstract labels ("Methods and Findings"), a research report's "this
study" after a background sentence about other studies, the conversational register of a
blog post (contractions, exclamations) that a scholarly review never uses, and the furniture
of a news release or media advisory (a dateline with a plain hyphen, "For additional
information, call", "Follow us on"), a news story's or blog post's sentences after a numbered
citation, and markers that name keys numbered like them. Each defect test failed before the
rule it checks; the guards (a review stays a review, a news story's "this study" still
continues its study, keys that are names are still counted) pin what must not change. The
texts are written for the tests, not taken from the gold passages.
"""

from __future__ import annotations

from evidence_claims.extraction.draft import extract
from evidence_claims.extraction.genre import read_genre
from evidence_claims.io.bib import parse_bibliography


def _evidence(text: str) -> dict[str, tuple[str, str]]:
    return {c.text: (c.evidence.type, c.evidence.basis) for c in extract(text, doc_id="t").claims}


# --- labels that join two parts ("Methods and Findings", "Methodology/Principal Findings") ---

_COMPOUND_LABELS = (
    "Ginger tea after knee surgery: a randomised controlled trial\n\n"
    "Background\n\nPain after knee surgery is common.\n\n"
    "Methods and Findings\n\n"
    "In a randomised controlled trial, 120 adults were assigned to ginger tea or warm water.\n\n"
    "Pain scores fell by two points more with ginger tea than with water. Nausea was rare.\n\n"
    "Conclusions\n\nGinger tea reduced pain after knee surgery."
)


def test_results_under_a_compound_label_rest_on_the_trial() -> None:
    found = _evidence(_COMPOUND_LABELS)
    assert found["Methods and Findings"] == ("unsourced_assertion", "none")
    text = "Pain scores fell by two points more with ginger tea than with water."
    assert found[text] == ("clinical_trial", "context")
    assert found["Nausea was rare."] == ("clinical_trial", "context")


def test_slash_joined_labels_open_the_reports_own_section() -> None:
    text = _COMPOUND_LABELS.replace("Methods and Findings", "Methodology/Principal Findings")
    found = _evidence(text)
    sentence = "Pain scores fell by two points more with ginger tea than with water."
    assert found[sentence] == ("clinical_trial", "context")


# --- "this study" in a research report is the report's own study --------------------------


def test_this_study_after_background_studies_is_the_reports_own_design() -> None:
    text = (
        "Ginger tea after knee surgery: a randomised controlled trial\n\n"
        "Background\n\n"
        "Small studies have linked ginger to less pain. "
        "The aim of this study was to compare ginger tea with warm water after knee surgery.\n\n"
        "Methods\n\n"
        "We randomised 120 adults in a double-blind, placebo-controlled design.\n\n"
        "Results\n\nPain scores fell more with ginger tea (p = 0.01)."
    )
    found = _evidence(text)
    aim = "The aim of this study was to compare ginger tea with warm water after knee surgery."
    assert found[aim] == ("clinical_trial", "explicit")
    assert found["Small studies have linked ginger to less pain."][0] == "observational_study"


def test_this_study_in_a_news_story_still_continues_the_study_it_reports() -> None:
    text = (
        "Ginger and pain\n\n"
        "A new study published in Pain found that ginger tea eased pain after surgery, "
        "researchers said. The aim of this study was to compare ginger with water, said "
        "Ann Lee, director of the pain institute."
    )
    found = _evidence(text)
    sentence = (
        "The aim of this study was to compare ginger with water, said Ann Lee, director of "
        "the pain institute."
    )
    assert found[sentence][0] != "clinical_trial"


# --- a blog post's register is not a review's ----------------------------------------------

_BLOG = (
    "Why I'm rethinking my morning coffee\n\n"
    "I've always loved coffee, and I'll admit it's the first thing I reach for. "
    "But a new paper caught my eye last week! Researchers followed 5,000 adults for ten "
    "years [1]. Those who drank three cups a day had fewer strokes [1]. That's good news, "
    "isn't it? We don't know yet whether coffee itself is the reason [2]. Other studies "
    "found the same [3], [4].\n\n"
    "So don't give up your cup just yet!"
)


def test_a_blog_post_with_numbered_references_is_no_narrative_review() -> None:
    genre = read_genre(_BLOG)
    assert genre.family == "personal"
    assert genre.label == "blog post"


def test_a_review_with_numbered_references_stays_a_narrative_review() -> None:
    text = (
        "Coffee and stroke\n\n"
        "Several cohort studies have related coffee to a lower risk of stroke [1], [2]. "
        "The association was strongest at three cups a day [3]. Whether coffee itself is "
        "the cause has not been established [4]. Randomised trials are lacking [5]."
    )
    assert read_genre(text).family == "narrative_review"


def test_a_news_story_quoting_contractions_is_still_news() -> None:
    text = (
        "Coffee linked to fewer strokes\n\n"
        "Adults who drank coffee had fewer strokes, according to a new study published in "
        "Stroke. “It's good news, but we don't know why,” said Ann Lee, director of the "
        "heart institute. “We're planning a trial,” she said."
    )
    assert read_genre(text).family == "news"


# --- a release's furniture: a dateline with a hyphen, contact and follow lines ------------

_ADVISORY = (
    "Washington, DC - The National Institutes of Health (NIH) will hold a telephone briefing "
    "to discuss new survey data on the use of herbal products.\n\n"
    "Millions of adults in the United States use herbal products for their health. "
    "The two reports are the most complete source of data on this use.\n\n"
    "Tuesday, March 3, 2015, 10 a.m. to 11 a.m. EST\n\n"
    "For additional information, call the NIH information line at 1-800-555-0100. "
    "Follow us on Twitter and Facebook."
)


def test_a_media_advisory_is_an_agencys_own_release() -> None:
    genre = read_genre(_ADVISORY)
    assert genre.family == "news"
    assert genre.institutional


def test_an_advisorys_unsigned_statements_are_the_agencys_word() -> None:
    found = _evidence(_ADVISORY)
    sentence = "Millions of adults in the United States use herbal products for their health."
    assert found[sentence][0] == "authority_statement"


def test_a_study_reported_as_new_findings_makes_a_short_news_item() -> None:
    text = (
        "Ginkgo does not protect the heart\n\n"
        "New findings from the Memory Study show that ginkgo did not prevent heart attacks in "
        "older adults. About 38 percent of adults use herbal products, according to a new "
        "nationwide survey."
    )
    assert read_genre(text).family == "news"


def test_a_questionnaire_in_a_trials_methods_is_its_instrument_not_a_survey() -> None:
    text = _COMPOUND_LABELS.replace(
        "Pain scores fell by two points",
        "The primary outcome was the Knee Pain Questionnaire score at 3 months. "
        "Pain scores fell by two points",
    )
    found = _evidence(text)
    outcome = "The primary outcome was the Knee Pain Questionnaire score at 3 months."
    assert found[outcome] == ("clinical_trial", "context")
    sentence = "Pain scores fell by two points more with ginger tea than with water."
    assert found[sentence] == ("clinical_trial", "context")


def test_a_speakers_middle_initial_is_no_first_person_on_an_agency_release() -> None:
    text = _ADVISORY.replace(
        "Tuesday, March 3, 2015",
        "Speakers: Ann B. Lee, Director, NIH; Lindsey I. Black, NIH.\n\nTuesday, March 3, 2015",
    )
    found = _evidence(text)
    sentence = "Millions of adults in the United States use herbal products for their health."
    assert found[sentence][0] == "authority_statement"


# --- a news story or blog post marks only the sentence that cites the study ----------------

_TWO_WORKS = parse_bibliography(
    "@article{lee2021,\n  author = {Lee, Ann},\n  title = {Coffee and stroke: a cohort study},\n"
    "  journal = {Stroke},\n  year = {2021}\n}\n"
    "@article{roe2019,\n  author = {Roe, Ben},\n  title = {Tea and stroke: a cohort study},\n"
    "  journal = {Stroke},\n  year = {2019}\n}\n"
)


def _sources(text: str) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    claims = extract(text, doc_id="t", bibliography=_TWO_WORKS).claims
    return {c.text: (c.evidence.type, c.evidence.basis, tuple(c.evidence.sources)) for c in claims}


def test_a_blog_posts_sentences_after_a_numbered_citation_carry_no_key() -> None:
    text = (
        "Why I'm rethinking my morning coffee\n\n"
        "I've always loved coffee, and I'll admit it's the first thing I reach for! "
        "A cohort study followed 5,000 adults for ten years [1]. "
        "Those who drank three cups a day had fewer strokes. "
        "That's good news, but we don't know why. Tea drinkers did well too [2]."
    )
    found = _sources(text)
    assert found["A cohort study followed 5,000 adults for ten years [1]."][2] == ("lee2021",)
    after = found["Those who drank three cups a day had fewer strokes."]
    assert after == ("observational_study", "context", ())


def test_a_reviews_sentences_after_a_numbered_citation_keep_its_key() -> None:
    text = (
        "Coffee and stroke\n\n"
        "A cohort study followed 5,000 adults for ten years [1]. "
        "Those who drank three cups a day had fewer strokes. "
        "Whether coffee itself is the cause has not been established [2]. "
        "The literature on tea has been shown to be smaller [2]."
    )
    found = _sources(text)
    after = found["Those who drank three cups a day had fewer strokes."]
    assert after == ("observational_study", "context", ("lee2021",))


# --- an encyclopedia copy's markers name keys numbered like them ---------------------------


def _markers_bib(numbers: range) -> str:
    return "".join(
        f"@misc{{ref{n},\n  title = {{Reference [{n}] of the article}},\n"
        f"  note = {{Not identified}}\n}}\n"
        for n in numbers
    )


def test_a_marker_resolves_to_the_key_numbered_like_it() -> None:
    bib = parse_bibliography(_markers_bib(range(2, 6)))
    text = (
        "Valerian\n\nValerian is a perennial flowering plant native to Europe.[2] "
        "Its root is sold as a sleep aid.[3][4] It should be avoided in pregnancy.[5]"
    )
    found = {c.text: tuple(c.evidence.sources) for c in extract(text, bibliography=bib).claims}
    assert found["Valerian is a perennial flowering plant native to Europe.[2]"] == ("ref2",)
    assert found["Its root is sold as a sleep aid.[3][4]"] == ("ref3", "ref4")
    assert found["It should be avoided in pregnancy.[5]"] == ("ref5",)


def test_markers_still_count_entries_when_keys_are_names() -> None:
    text = "Coffee and stroke\n\nA cohort study followed 5,000 adults [2]."
    claim = _sources(text)["A cohort study followed 5,000 adults [2]."]
    assert claim[2] == ("roe2019",)
