"""A passage's default voice: what a statement that names no ground rests on, read once per
passage from its genre (:class:`evidence_claims.extraction.genre.Voice`).

Each defect test failed before the rule it checks was added; the guards pin what must not
change. The texts are written for the tests, not taken from the gold passages.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_claims.extraction.draft import extract
from evidence_claims.extraction.genre import Genre, read_genre, voice_of


def _evidence(text: str) -> list[tuple[str, str]]:
    return [(c.evidence.type, c.evidence.basis) for c in extract(text, doc_id="t").claims]


# An encyclopedia article of my own making: "also known as", inline markers on the word,
# "[citation needed]".
_ARTICLE = (
    "Bramblewort (also known as hedge mallow) is a perennial herb of coastal heaths.[1] "
    "Its dried roots were sold as a cough remedy in the nineteenth century.[2][3] "
    "The plant flowers from June to August. Its seeds are spread by birds.\n\n"
    "Bramblewort extracts lowered blood pressure in rats.[4] "
    "The leaves are eaten as a vegetable in some regions.[citation needed] "
    "The root tastes bitter."
)


def test_the_article_is_read_as_an_encyclopedia_whose_sources_do_not_carry() -> None:
    voice = read_genre(_ARTICLE).voice
    assert voice.ground == "summary"
    assert not voice.carries
    assert voice.confidence == 1.0


def test_an_unmarked_sentence_after_a_cited_one_is_the_encyclopedias_own_summary() -> None:
    found = _evidence(_ARTICLE)
    assert found[2] == ("unsourced_assertion", "none")
    assert found[3] == ("unsourced_assertion", "none")
    assert found[6] == ("unsourced_assertion", "none")


def test_the_cited_sentences_keep_their_own_sources() -> None:
    found = _evidence(_ARTICLE)
    assert found[0][1] == "explicit"
    assert found[4] == ("animal_study", "explicit")


def test_a_sentence_that_refers_back_still_rests_on_the_work_before_it() -> None:
    text = _ARTICLE.replace("The root tastes bitter.", "These studies used very high doses.")
    assert _evidence(text)[6] == ("animal_study", "context")


def test_a_review_narrative_still_carries_its_cited_study() -> None:
    # Not an encyclopedia: a review's sentence after a cited trial goes on about that trial.
    text = (
        "We reviewed the evidence on thornroot for joint pain. "
        "In a randomized trial of 80 adults, thornroot reduced knee pain (Okafor 2019). "
        "Stiffness improved within four weeks."
    )
    assert _evidence(text)[2][1] == "context"


@pytest.mark.parametrize(
    ("family", "confident", "ground", "carries"),
    [
        ("encyclopedia", True, "summary", False),
        ("encyclopedia", False, "summary", True),  # a weak reading keeps the cautious default
        ("research_report", True, "study", True),
        ("agency", True, "institution", True),
        ("news", True, "relayed", True),
        ("narrative_review", True, "writer", True),
        ("forum", True, "posters", True),
        ("unknown", False, "unknown", True),
    ],
)
def test_voice_per_genre(family: str, confident: bool, ground: str, carries: bool) -> None:
    voice = voice_of(Genre(family, family, scores={family: 6, "news": 2}, confident=confident))
    assert (voice.ground, voice.carries) == (ground, carries)


def test_an_agencys_own_news_release_speaks_for_the_institution() -> None:
    genre = Genre("news", "news report", scores={"news": 8, "agency": 5}, agency_release=True)
    assert voice_of(genre).ground == "institution"


def test_confidence_is_the_margin_over_the_runner_up() -> None:
    genre = Genre("news", "news report", scores={"news": 8, "agency": 6}, confident=True)
    assert voice_of(genre).confidence == 0.25
    assert voice_of(Genre("unknown", "unknown")).confidence == 0.0


# --- an issuer's page: research named only in general does not hold the page's voice -------

# A fact sheet of my own making, signed by "This fact sheet ...".
_PAGE = (
    "Thornroot\n\n"
    "This fact sheet gives basic information about thornroot. "
    "Thornroot is a shrub of dry hillsides. "
    "Some studies suggest that thornroot may ease joint pain. "
    "Thornroot is sold as capsules and teas.\n\n"
    "Talk to your health care provider before you take thornroot."
)


def test_after_studies_named_in_general_the_page_speaks_in_its_own_voice_again() -> None:
    found = _evidence(_PAGE)
    assert found[3] == ("observational_study", "explicit")
    assert found[4] == ("authority_statement", "context")


def test_a_sentence_pointing_back_to_those_studies_still_rests_on_them() -> None:
    text = _PAGE.replace("Thornroot is sold as capsules and teas.", "These studies were small.")
    assert _evidence(text)[4] == ("observational_study", "context")


def test_a_study_named_by_its_design_still_carries_on_the_page() -> None:
    text = _PAGE.replace("Some studies suggest that", "A randomized trial in 60 adults found that")
    assert _evidence(text)[4] == ("clinical_trial", "context")


@given(
    st.sampled_from(
        ["research_report", "agency", "news", "narrative_review", "encyclopedia", "forum", "x"]
    ),
    st.dictionaries(st.sampled_from(["research_report", "agency", "news"]), st.integers(-9, 30)),
    st.booleans(),
)
def test_confidence_stays_between_nought_and_one(
    family: str, scores: dict[str, int], confident: bool
) -> None:
    voice = voice_of(Genre(family, family, scores=scores, confident=confident))
    assert 0.0 <= voice.confidence <= 1.0
    assert voice.carries or (voice.ground == "summary" and confident)


@given(st.text(max_size=400))
def test_any_text_gets_a_voice(text: str) -> None:
    voice = read_genre(text).voice
    assert voice.ground in {
        "study",
        "institution",
        "relayed",
        "writer",
        "summary",
        "posters",
        "unknown",
    }
