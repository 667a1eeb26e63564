"""The written kind conventions (docs/extraction.md, "Kinds"), one parametrised test each.

Every sentence and layout here was written for these tests (topics, verbs, subjects and
positions varied on purpose); none is copied from a gold passage, so the tests check the
conventions' mechanisms (mood, sentence form, layout), not the wording of annotated texts.
"""

from __future__ import annotations

import pytest

from evidence_claims.extraction.draft import extract

# Cases the kind rules got wrong when these tests were written; each is unmarked once it passes.
BEFORE = pytest.mark.xfail(strict=True, reason="kind rules do not handle this form yet")


def units(document: str) -> list[tuple[str, str]]:
    return [(c.text, c.kind) for c in extract(document, doc_id="t").claims]


def kind_of(sentence: str) -> str:
    """The kind of a sentence standing as a paragraph of running text after another one."""
    doc = "Herbal products are widely sold in pharmacies.\n\n" + sentence + "\n"
    found = [kind for text, kind in units(doc) if text == sentence]
    assert found, units(doc)
    return found[0]


def kind_in_report(sentence: str) -> str:
    """The kind of a sentence inside the running text of a research abstract."""
    doc = (
        "Zinc lozenges and the duration of colds in adults\n\n"
        "Colds are common in adults and cost many working days. " + sentence + " Colds lasted "
        "a mean of 4.5 days with zinc and 6.0 days with placebo.\n"
    )
    found = [kind for text, kind in units(doc) if text == sentence]
    assert found, units(doc)
    return found[0]


# -- Headings and titles: meta, whatever their case, numbering or colon -----------------------

HEADED = "{heading}\n\nGinger tea is a traditional remedy for nausea. Many people drink it daily.\n"


@pytest.mark.parametrize(
    "heading",
    [
        "Ginger and Nausea in Pregnancy",
        "GINGER AND NAUSEA",
        "3. Results of the pilot study",
        "2.1 Study population",
        "Ginger: What the Science Says",
        "Side effects and risks",
        "Background",
        "Part 2: Herbal teas for upset stomach",
        "Chapter 4 - Remedies from the kitchen",
        "IV. DISCUSSION",
        "II. Methods",
    ],
)
def test_a_heading_on_a_line_of_its_own_is_meta(heading: str) -> None:
    got = units(HEADED.format(heading=heading))
    assert got[0] == (heading, "meta")
    assert [k for _t, k in got[1:]] == ["claim", "claim"]


@pytest.mark.parametrize(
    "heading",
    [
        "Safety Concerns",
        "What We Know About Valerian",
        "5. Interactions with medicines",
        "HOW IT IS TAKEN",
    ],
)
def test_a_heading_between_paragraphs_is_meta(heading: str) -> None:
    doc = (
        "Valerian root has been used for centuries. It is sold as tea and capsules.\n\n"
        f"{heading}\n\n"
        "Valerian can cause headaches in some people.\n"
    )
    got = units(doc)
    assert (heading, "meta") in got
    assert ("Valerian can cause headaches in some people.", "claim") in got


# -- Labels, captions, signatures, dates, bylines ----------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Figure 3. Sleep duration by week in both groups.",
        "Table 1. Baseline characteristics of the participants",
        "Posted on March 3, 2019",
        "Last updated: 12 May 2021",
        "Page last reviewed: June 2022",
        "Keywords: ginger; nausea; pregnancy",
        "Mossfern (talk) 14:02, 3 April 2015 (UTC)",
        "By Jane Harlow, MPH",
        "Written by Tom Reyes | Edited by Ana Li",
    ],
)
def test_captions_dates_signatures_and_bylines_are_meta(line: str) -> None:
    doc = "Peppermint oil may ease bloating.\n\n" + line + "\n\nMany people use it after meals.\n"
    got = units(doc)
    assert (line, "meta") in got, got


# -- Link lists and pointers elsewhere ---------------------------------------------------------


def test_a_list_of_linked_page_titles_is_meta() -> None:
    doc = (
        "Related pages\n"
        "- Caffeine in Energy Drinks\n"
        "- Sleep Problems in Teenagers\n"
        "- How to Read a Supplement Label\n"
    )
    assert [k for _t, k in units(doc)] == ["meta", "meta", "meta", "meta"]


@pytest.mark.parametrize(
    "sentence",
    [
        "For more information, see the section on side effects below.",
        "See Table 2 for the doses used in each trial.",
        "More details are given in the appendix.",
        "The methods are described in the online supplement.",
        "This fact sheet gives an overview of kava and its safety.",
        "In this post, I look at what the trials say about cold showers.",
        "Below, we summarise three recent trials of magnesium.",
        "The next section describes how the remedies are prepared.",
    ],
)
def test_pointers_and_a_text_speaking_about_itself_are_meta(sentence: str) -> None:
    assert kind_of(sentence) == "meta"


# -- Study design in a research report ---------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We conducted a randomized, double-blind trial in 180 adults with early cold symptoms.",
        "This study aimed to test whether zinc lozenges shorten colds.",
        "We randomly assigned the volunteers to zinc or to placebo lozenges.",
        "Participants were randomly allocated to one of two groups.",
        "Symptoms were recorded in a daily diary for two weeks.",
        "Data were collected through structured telephone interviews.",
        "The trial was funded by a national research council.",
        "The primary outcome was the number of days with symptoms.",
        "We explored whether the effect differed by age and sex.",
        "Sixty-two women were recruited from three outpatient clinics.",
        "Two reviewers independently extracted the data from each report.",
        "The protocol was registered in a public trial registry before recruitment began.",
        "We used mixed models to compare symptom scores between the groups.",
        "The volunteers were asked to take one lozenge every two hours.",
        "We have analysed the diaries of all 180 participants.",
        "The findings were published in the journal Family Practice.",
        "The study is still enrolling volunteers at two sites.",
    ],
)
def test_how_a_study_was_done_is_meta(sentence: str) -> None:
    assert kind_in_report(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "Zinc shortened colds by a mean of 1.5 days.",
        "We found that zinc lozenges shortened colds by one day.",
        "Participants who took zinc reported fewer days off work.",
        "Nausea was more common with zinc than with placebo.",
        "The benefit was largest in adults over 60.",
        "The study, published in Family Practice, found that zinc shortened colds.",
        "Adults who were randomly assigned to zinc missed fewer days of work.",
    ],
)
def test_what_a_study_found_is_a_claim(sentence: str) -> None:
    assert kind_in_report(sentence) == "claim"


# -- What is not known is meta -----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The long-term safety of melatonin in children has not been established.",
        "It is not known whether echinacea interacts with chemotherapy.",
        "Little is known about how turmeric affects the liver.",
        "Whether fish oil prevents depression is still unclear.",
        "No studies have examined the effects of kava in pregnant women.",
        "The effects of ginkgo on memory in young adults have not been adequately studied.",
        "There is not enough evidence to say whether yoga helps asthma.",
        "Scientists do not yet know how acupuncture might work.",
        "How cranberry acts on the bladder remains poorly understood.",
        "Few studies have looked at ashwagandha during pregnancy.",
        "The best dose of vitamin D for older adults has not been determined.",
        "Its safety in breastfeeding women has not been thoroughly evaluated.",
        "Very little research has addressed the use of saffron for mood.",
        "It is unclear whether the benefits last after treatment stops.",
        "The evidence on hawthorn for heart failure is conflicting.",
    ],
)
def test_statements_that_something_is_not_known_are_meta(sentence: str) -> None:
    assert kind_of(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "Kava has been linked to rare cases of liver damage.",
        "Zinc is poorly absorbed from some supplements.",
        "Melatonin does not cause dependence in most adults.",
        "St. John's wort weakens the effect of birth control pills.",
    ],
)
def test_negative_findings_stay_claims(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


# -- Recommendations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Keep all supplements out of the reach of children.",
        "Tell your pharmacist about every herb you take.",
        "Don't give honey to babies under one year old.",
        "Never double a missed dose of an iron tablet.",
        "Pregnant women should avoid high doses of vitamin A.",
        "Talk to your doctor before you start taking St. John's wort.",
        "It is important to check the label for the amount of caffeine.",
        "You need to tell your surgeon about any supplements you take.",
        "If you have kidney disease, you should ask your doctor before taking magnesium.",
        "We recommend that adults with insomnia try sleep therapy first.",
        "The panel advises against using kava for anxiety.",
        "Consumers are advised to throw away the affected lozenges.",
        "Always store melatonin away from heat and light.",
        "Please check with a pharmacist if symptoms persist.",
        "Be careful with products that promise quick weight loss.",
        "Clinicians should offer vitamin D testing only to people at high risk.",
        "Ask your child's doctor before giving any herbal product.",
        "The agency recommends that older adults get their vitamin B12 level checked.",
        "Parents are urged to keep button batteries away from toddlers.",
        "Before buying a supplement, look for a seal from an independent testing group.",
        "Choose a product that lists the amount of each ingredient.",
        "You'll want to drink plenty of water while taking fibre supplements.",
        "It's a good idea to bring a list of your medicines to every visit.",
        "People with high blood pressure are advised not to use licorice root.",
        "The agency suggests that consumers consult a pharmacist before buying online.",
        "We want parents to be aware of the risks of button batteries.",
        "Your best option is to stop taking the product and call your doctor.",
    ],
)
def test_advice_is_a_recommendation(sentence: str) -> None:
    assert kind_of(sentence) == "recommendation"


@pytest.mark.parametrize(
    "sentence",
    [
        "Many people take ginseng to improve their energy.",
        "Doctors often prescribe iron for anaemia.",
        "Use of echinacea rose sharply during the 1990s.",
        "Some users report that kratom helps them sleep.",
    ],
)
def test_descriptions_of_what_people_do_are_claims(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


# -- Questions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Is It Safe to Take Melatonin Every Night?",
        "HOW MUCH VITAMIN D DO I NEED?",
        "What does the research show?",
        "4. Can children take echinacea?",
    ],
)
def test_question_headings_are_questions(heading: str) -> None:
    got = units(HEADED.format(heading=heading))
    assert got[0] == (heading, "question")


@pytest.mark.parametrize(
    "paragraph, question",
    [
        (
            "Does any of this matter? Most trials were small and short.",
            "Does any of this matter?",
        ),
        (
            "Most trials were small and short. So why do so many people still take it?",
            "So why do so many people still take it?",
        ),
        (
            "Q. Can I take iron with tea? A. Tea reduces how much iron you absorb.",
            "Q. Can I take iron with tea?",
        ),
    ],
)
def test_questions_in_running_text_and_faqs_are_questions(paragraph: str, question: str) -> None:
    assert (question, "question") in units(paragraph + "\n")


# -- Structured-abstract labels set off by a full stop -----------------------------------------


@pytest.mark.parametrize(
    "document, expected",
    [
        pytest.param(
            "Background. Energy drinks are popular with students. Methods. A questionnaire was "
            "sent to 300 students in 2021. Results. Most drank them weekly.\n",
            [
                ("Background.", "meta"),
                ("Energy drinks are popular with students.", "claim"),
                ("Methods.", "meta"),
                ("A questionnaire was sent to 300 students in 2021.", "meta"),
                ("Results.", "meta"),
                ("Most drank them weekly.", "claim"),
            ],
        ),
        pytest.param(
            "OBJECTIVE. To compare two sleep apps. DESIGN. Online trial in 90 adults. MAIN "
            "RESULTS. Sleep rose by 20 minutes with the first app.\n",
            [
                ("OBJECTIVE.", "meta"),
                ("To compare two sleep apps.", "meta"),
                ("DESIGN.", "meta"),
                ("Online trial in 90 adults.", "meta"),
                ("MAIN RESULTS.", "meta"),
                ("Sleep rose by 20 minutes with the first app.", "claim"),
            ],
        ),
    ],
)
def test_labels_ending_in_a_full_stop_are_meta_and_open_their_section(
    document: str, expected: list[tuple[str, str]]
) -> None:
    assert units(document) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The questionnaire included items on sleep, caffeine intake and stress.",
        "The interview asked about remedies used in the past year.",
        "The sample consisted of 412 students from four faculties.",
        "A total of 850 students completed the questionnaire.",
        "Respondents were aged 18 to 29 years.",
        "Descriptive statistics and chi-square tests were applied.",
        "Data from three waves of a national survey were pooled.",
        "Regular use was defined as at least one can per week.",
        "A stratified random sample of households was drawn.",
        "Prevalence estimates were weighted to the national population.",
        "Eligible participants were adults aged 50 years or older.",
    ],
)
def test_how_a_survey_was_done_is_meta(sentence: str) -> None:
    assert kind_in_report(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "Nearly half of the students drank energy drinks at least weekly.",
        "The prevalence of melatonin use was estimated at 3.1%.",
        "Students who completed the questionnaire online reported more use.",
    ],
)
def test_what_a_survey_found_is_a_claim(sentence: str) -> None:
    assert kind_in_report(sentence) == "claim"


def test_a_single_capital_initial_still_opens_a_sentence() -> None:
    doc = "V. cholerae was found in two wells.\n\nJ. Smith led the survey.\n"
    assert units(doc) == [
        ("V. cholerae was found in two wells.", "claim"),
        # (who ran a study is meta, as "The survey was led by J. Smith" is)
        ("J. Smith led the survey.", "meta"),
    ]


# -- The imperative mood beyond a list of verbs ------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Plan your meals for the week ahead.",
        "Enjoy the holidays, but keep your distance.",
        "Include a source of protein at every meal.",
        "Set a regular bedtime and stick to it.",
        "Join a walking group in your area.",
        "Treat yourself to a walk in the park.",
        "Help your child brush twice a day.",
        "Slow down when you eat.",
        "If you travel, pack your medicines in your hand luggage.",
        "Mix the powder with a glass of water.",
        "Send cards. A letter can mean a lot to someone living alone.",
    ],
)
def test_a_verb_opening_a_sentence_before_its_object_is_an_imperative(sentence: str) -> None:
    first = units(sentence + "\n")[0]
    assert first[1] == "recommendation", first


@pytest.mark.parametrize(
    "sentence",
    [
        "Exercise improves mood in older adults.",
        "Sleep helps the brain store memories.",
        "Because the trials were small, the results are uncertain.",
        "Only the highest dose lowered blood pressure.",
        "Despite the warnings, sales rose.",
        "Like the other herbs, ginseng is sold as a tea.",
        "Drinking the tea daily lowered blood pressure slightly.",
        "Regular users the world over swear by it.",
        "Researchers the world over have studied it.",
        "Is the tea safe for children?",
        "Kava, a plant from the Pacific, is sold as a drink.",
    ],
)
def test_subjects_and_openers_before_an_object_word_are_not_imperatives(sentence: str) -> None:
    assert units(sentence + "\n")[0][1] != "recommendation"


@pytest.mark.parametrize(
    "post, sentence, signature",
    [
        pytest.param(
            "Does anyone have a better source for the dose? — Preceding unsigned comment added "
            "by 81.2.3.4 (talk) 10:00, 3 May 2013 (UTC)",
            "Does anyone have a better source for the dose?",
            "— Preceding unsigned comment added by 81.2.3.4 (talk) 10:00, 3 May 2013 (UTC)",
        ),
        pytest.param(
            "I have removed the claim until we find a review. – Fernhill (talk) 09:15, 2 June "
            "2014 (UTC)",
            "I have removed the claim until we find a review.",
            "– Fernhill (talk) 09:15, 2 June 2014 (UTC)",
        ),
    ],
)
def test_a_signature_after_a_dash_is_its_own_meta_unit(
    post: str, sentence: str, signature: str
) -> None:
    got = units(post + "\n")
    assert got[0][0] == sentence
    assert got[-1] == (signature, "meta")


@pytest.mark.parametrize(
    "line",
    [
        "Originally published in the spring 2011 issue.",
        "Adapted from a leaflet of the state health department.",
        "Image courtesy of the National Eye Institute.",
        "Hi all,",
        "Cheers.",
        "Kind regards,",
        "Thanks for the quick reply!",
        "Thank you for your question.",
        "Sorry if this has been asked before, but the dose looks wrong.",
        "Apologies for the long post, but the sources matter here.",
    ],
)
def test_source_lines_credits_greetings_and_sign_offs_are_meta(line: str) -> None:
    doc = "Peppermint oil may ease bloating.\n\n" + line + "\n\nMany people use it after meals.\n"
    assert (line, "meta") in units(doc)


@pytest.mark.parametrize(
    "sentence",
    [
        "Thanks to new trials, the picture is clearer.",
        "Published trials of kava are small.",
    ],
)
def test_sentences_opening_like_a_credit_or_greeting_stay_claims(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


@pytest.mark.parametrize(
    "title",
    [
        "Use of Fish Oil Among Older Adults Has Doubled Since 2005 (2005–2019)",
        "Trends in Melatonin Use by Children (1999–2018)",
    ],
)
def test_a_title_ending_in_a_bracketed_period_of_years_is_a_heading(title: str) -> None:
    doc = title + "\n\nMelatonin use rose in every age group.\n"
    assert units(doc)[0] == (title, "meta")


def test_a_post_line_ending_in_an_author_year_citation_is_still_running_text() -> None:
    doc = "Melatonin helped me sleep. Trials agree (Ferracioli-Oda 2013)\n"
    assert [t for t, _k in units(doc)] == [
        "Melatonin helped me sleep.",
        "Trials agree (Ferracioli-Oda 2013)",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "You can also subscribe to our monthly podcast.",
        "You can sign up for text reminders on our website.",
        "Most of these leaflets are also available in Spanish.",
        "Fact sheets on single herbs are listed on this page.",
        "Several trials of ginger in pregnancy have been conducted.",
        "Careful measurements have been made of caffeine in teas.",
    ],
)
def test_site_notices_and_what_research_has_been_done_are_meta(sentence: str) -> None:
    assert kind_of(sentence) == "meta"


@pytest.mark.parametrize(
    "lead, kind",
    [
        ("Ask your pharmacist these questions:", "recommendation"),
        ("Follow these steps to store insulin safely:", "recommendation"),
        ("Consider the following:", "meta"),
        ("See the list below:", "meta"),
        ("Common side effects include:", "meta"),
    ],
)
def test_an_imperative_list_lead_gives_advice(lead: str, kind: str) -> None:
    doc = f"{lead}\n- Is it safe with my other medicines?\n- How long should I take it?\n"
    assert units(doc)[0] == (lead, kind)


# -- The state of the evidence, its limits, and research under way -----------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The institute is funding studies to learn whether ginger eases nausea.",
        "Researchers are now testing whether vitamin D prevents falls.",
        "A larger trial is under way.",
        "Studies of kava in anxiety are ongoing.",
        "The researchers plan to follow the children for five more years.",
        "Ginger is popular, but to date there is limited evidence on its safety in pregnancy.",
        "The evidence is mostly from small, short trials.",
        "Most of the research has been done in animals.",
        "Only two small trials have tested it in people.",
        "Few high-quality trials exist.",
        "Research on echinacea has produced mixed results.",
        "Results of studies of saw palmetto have been mixed.",
        "Most of these studies had serious flaws.",
        "There are no long-term safety data.",
        "The authors note several limitations.",
        "This study has several limitations.",
        "One limitation is the small sample size.",
    ],
)
def test_the_state_of_the_evidence_and_research_under_way_are_meta(sentence: str) -> None:
    assert kind_of(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "Many people are testing their blood sugar at home.",
        "Arthritis causes activity limitations in millions of adults.",
        "These limitations are evident in the largest trial of memory training.",
        "Only two of the 40 volunteers had side effects.",
        "Most people with a cold recover within ten days.",
    ],
)
def test_sentences_near_the_state_of_the_evidence_stay_claims(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


@pytest.mark.parametrize(
    "sentence, kind",
    [
        pytest.param(
            "Willow bark has been used for pain since antiquity, although there is no clinical "
            "evidence that it works.",
            "claim",
        ),
        pytest.param(
            "Although few trials have been done, most users say the cream eases itching.",
            "claim",
        ),
        (
            "Although it is sold everywhere, there is no good evidence that the cream works.",
            "meta",
        ),
        ("Willow bark is popular, but there is no good evidence that it works.", "meta"),
    ],
)
def test_a_remark_on_the_evidence_in_a_conceded_clause_leaves_the_main_clause_a_claim(
    sentence: str, kind: str
) -> None:
    assert kind_of(sentence) == kind


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("We would suggest starting with a low dose.", "recommendation"),
        ("I'd recommend a lower dose to start.", "recommendation"),
        ("My advice is to stop taking it.", "recommendation"),
        ("The take-home message is to read labels carefully.", "recommendation"),
        ("The bottom line: talk to your doctor first.", "recommendation"),
        ("Anyone taking blood thinners needs to be careful with ginkgo.", "recommendation"),
        ("People with diabetes need to check their blood sugar more often.", "recommendation"),
        ("Caution is needed in people with liver disease.", "recommendation"),
        ("Extra care is needed when giving it to children.", "recommendation"),
        ("The FDA advises consumers not to buy these products.", "recommendation"),
        ("The agency warns consumers to stop using the pills.", "recommendation"),
        ("Health officials warn against using the product.", "recommendation"),
        ("Here are some tips to help you sleep better.", "meta"),
        ("Here is what you need to know.", "meta"),
    ],
)
def test_more_forms_of_advice_and_of_a_text_announcing_itself(sentence: str, kind: str) -> None:
    assert kind_of(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Experts caution that the pills may be tainted.",
        "People with diabetes often need insulin.",
        "Here the evidence is stronger.",
    ],
)
def test_warnings_of_fact_and_needs_stay_claims(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


@pytest.mark.parametrize(
    "lead, kind",
    [
        ("Iron matters during pregnancy because:", "claim"),
        ("There are two problems with this trial:", "claim"),
        ("Common side effects of iron include:", "meta"),
        ("For example:", "meta"),
        ("Advice for parents:", "meta"),
        ("Here are some warning signs:", "meta"),
    ],
)
def test_a_statement_before_its_list_states_something_a_list_lead_does_not(
    lead: str, kind: str
) -> None:
    doc = f"{lead}\n- it carries oxygen to the baby\n- it prevents anaemia\n"
    assert units(doc)[0] == (lead, kind)


@pytest.mark.parametrize(
    "sentence",
    [
        "The findings appear in the March issue of a paediatrics journal.",
        "The study was led by Ann Lee of the University of Iowa.",
        "The study involved 300 adults aged 50 and older.",
        "The study followed 5,000 women for ten years.",
        "Participants were between 18 and 65 years old.",
        "Scientists analyzed data from 20,000 adults.",
        "The authors analysed records from 12 clinics.",
        "The National Institute on Aging funded the study.",
        "The study was published online today in JAMA.",
        "The trial lasted 12 weeks.",
        "Follow-up lasted a median of 8 years.",
        "The average age of the participants was 62.",
    ],
)
def test_facts_about_the_study_are_meta(sentence: str) -> None:
    assert kind_in_report(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "Nobody knows whether the effect lasts.",
        "No one knows how turmeric acts on the gut.",
        "Scientists are not sure why some people respond.",
        "Researchers aren't sure whether the benefit is real.",
        "It's not clear whether the tea helps.",
        "It isn't known if the pills are safe in pregnancy.",
        "The answer is not yet clear.",
        "Nothing is known about its effects in children.",
        "Experts disagree about whether vitamin D prevents colds.",
        "There is no consensus on the best dose.",
        "The jury is still out on fish oil.",
    ],
)
def test_more_ways_of_saying_that_something_is_not_known_are_meta(sentence: str) -> None:
    assert kind_of(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "It is clear that smoking harms the heart.",
        "Melatonin is not known to cause dependence.",
        "Most users are sure the tea helps them sleep.",
    ],
)
def test_knowledge_stated_stays_a_claim(sentence: str) -> None:
    assert kind_of(sentence) == "claim"


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("Let's all do our part and wear a mask.", "recommendation"),
        ("Let us not forget to wash our hands.", "recommendation"),
        ("Feel free to revert my edit.", "recommendation"),
        ("Let's say you take two tablets a day.", "claim"),
    ],
)
def test_first_person_plural_imperatives_and_invitations(sentence: str, kind: str) -> None:
    assert kind_of(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "The search identified 345 records.",
        "Twelve randomized trials were eligible.",
        "Most trials had a high risk of bias.",
        "The evidence was of low certainty.",
        "We did not find any trials in children.",
        "No trials reported adverse events.",
        "Adverse events were poorly reported.",
        "Publication bias could not be ruled out.",
        "Subgroup analyses were not possible.",
    ],
)
def test_how_a_review_was_done_and_the_quality_of_its_evidence_are_meta(sentence: str) -> None:
    assert kind_in_report(sentence) == "meta"


@pytest.mark.parametrize(
    "sentence",
    [
        "Pooled data showed a small reduction in pain.",
        "Ginger probably reduces nausea slightly (moderate-certainty evidence).",
        "Subgroup analyses showed a larger effect in women.",
    ],
)
def test_what_a_review_found_is_a_claim(sentence: str) -> None:
    assert kind_in_report(sentence) == "claim"


def test_patterns_opening_with_the_same_words_are_merged_per_word() -> None:
    from evidence_claims.extraction.kinds import factor

    merged = factor([r"\b(?:is|are)\s+foo", r"\bbar", r"\b(?:is|was)\s+baz"])
    assert merged == [r"\bis\s+(?:(?:foo)|(?:baz))", r"\bare\s+foo", r"\bbar", r"\bwas\s+baz"]


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("Analysis was by intention to treat.", "meta"),
        ("Diary data were available for 212 of the 240 volunteers.", "meta"),
        ("The trial was not powered to detect small effects.", "meta"),
        ("In terms of limitations, the sample was small.", "meta"),
        ("The cost results will be reported separately.", "meta"),
        ("The institute will fund three new centres.", "meta"),
        ("These findings will shape future research on sleep.", "meta"),
        ("Results of trials of valerian for sleep in older adults have been mixed.", "meta"),
        ("Migraine is a disorder of unknown cause in many patients.", "meta"),
        ("Researchers collected saliva samples every month.", "meta"),
        ("Here I will examine why so many trials disagree.", "meta"),
        ("Adherence is defined here as taking 80% of the doses.", "meta"),
        ("This should come as no surprise to most readers.", "claim"),
        ("CONTACT: Jane Roe, Ph.D.", "meta"),
    ],
)
def test_more_forms_of_study_conduct_plans_and_signposting(sentence: str, kind: str) -> None:
    assert kind_of(sentence) == kind


def test_a_title_and_its_subtitle_on_one_line_are_a_heading() -> None:
    title = "Ginger Extract for Nausea in Pregnancy. A Randomised and Placebo-Controlled Trial"
    doc = title + "\n\nBackground\n\nNausea is common in early pregnancy.\n"
    assert units(doc)[0] == (title, "meta")
