"""The evidence rules: caveat codes the certainty engine uses and the findings it reports.

Over 400 lines because it is a catalogue, one ``_rule`` call per code with its description, in
the order of GRADE's domains: split by domain, a reader looking for a code would have to guess
the file, and the engine would import several modules for one table.

Each rule is registered in the shared catalogue (category ``evidence``) with a stable code, a
title, a default severity, a message template (``{detail}`` is filled with what was found) and a
description that says why the rule exists and what to do about it. Codes are part of the claim
file format (``caveats[].code``, ``suppress[].code``): never rename one.

Besides the catalogue entry, every code has a *role* here:

- ``limitation``: a GRADE domain that rates certainty down (risk of bias, inconsistency,
  indirectness, imprecision, publication bias). It is reported as a finding only when the
  engine detects it and the claim file does not record it yet.
- ``upgrade``: a GRADE reason to rate up (large effect, dose-response, plausible confounding),
  recorded in the claim file or detected in observational evidence.
- ``design``: why the rating starts where it does (the studies read from the text); it never
  moves the grade itself.
- ``problem``: how the claim is stated or attributed (wording, attribution, recommendations,
  contradictions). Always reported; at ``info`` when the claim file records it, since the
  curator has acknowledged it, and at the rule's severity otherwise.
- ``check``: a finding about the assessment itself (stated certainty differs, unknown code).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .catalogue import Rule, Severity, register

Role = Literal["limitation", "upgrade", "problem", "check", "design"]

# GRADE's domains, in the order a GRADE evidence profile lists them; reasons are shown in this
# order. "stated" (a certainty the claim's own words give its evidence) caps the grade after
# the GRADE domains. "design" (where the rating starts), "attribution", "relations", "wording",
# "recommendation" and "check" do not move the grade.
DOMAINS: tuple[str, ...] = (
    "design",
    "risk_of_bias",
    "inconsistency",
    "indirectness",
    "imprecision",
    "publication_bias",
    "upgrade",
    "stated",
    "attribution",
    "relations",
    "wording",
    "recommendation",
    "check",
)
GRADING_DOMAINS = frozenset(DOMAINS[1:6])


@dataclass(frozen=True, slots=True)
class CaveatRule:
    """A catalogue rule with its place in the certainty engine."""

    rule: Rule
    role: Role
    domain: str

    @property
    def code(self) -> str:
        return self.rule.code


CAVEATS: dict[str, CaveatRule] = {}


def _rule(
    code: str,
    title: str,
    severity: Severity,
    message: str,
    description: str,
    *,
    role: Role,
    domain: str,
) -> Rule:
    rule = register(code, title, severity, message, description, "evidence")
    CAVEATS[code] = CaveatRule(rule, role, domain)
    return rule


_COMPOSED = (
    ' Also read by composition (docs/assessment.md, "Reading the domains by composition"): '
    'a term of the domain and a qualifier that judges it in one clause ("outcome assessors '
    'were not masked", "the confidence intervals were broad"), when no other rule rated '
    'the domain; a clause that judges the domain not serious ("attrition bias was low") '
    "overrules a cue in it."
)

# --- where the rating starts ------------------------------------------------------------------
OBSERVATIONAL_BODY = _rule(
    "design.observational_body",
    "Observational body of evidence",
    "info",
    "the studies behind it are mostly observational, so the rating starts low ({detail})",
    "GRADE starts a body of randomized trials at high and one of observational studies at low "
    "(Balshem et al. 2011, GRADE guidelines 3). A systematic review or a claim citing a review "
    "is graded by the studies it pools, not by the word 'review': when the claim or its cited "
    "entries count more observational studies (cohort, case-control, cross-sectional) than "
    'randomized ones, the start is low. Detected from counts such as "nine cohort studies and '
    'one trial", or from a review that counts none but names observational designs only ("in '
    'longitudinal and cross-sectional studies"); type the evidence as `observational_study` '
    "to say so directly.",
    role="design",
    domain="design",
)
RANDOMIZED_BODY = _rule(
    "design.randomized_body",
    "Body of randomized or accuracy studies",
    "info",
    "the studies behind it are randomized trials or test accuracy studies, so the rating starts "
    "high ({detail})",
    "The claim's source type starts lower (an observational study, an opinion or authority "
    "statement citing a source), but the claim or its cited entries count randomized trials "
    "(or cross-sectional test accuracy studies) and fewer observational ones. GRADE grades the "
    "body of evidence, not the label: randomized trials and test accuracy studies start high "
    '(Balshem et al. 2011; Schünemann et al. 2008). Detected from counts such as "12 '
    'randomized trials"; correct `evidence.type` when the label was wrong.',
    role="design",
    domain="design",
)
ROBINS_I_START = _rule(
    "design.robins_i_start",
    "Non-randomized studies judged with ROBINS-I",
    "info",
    "the non-randomized studies were judged with ROBINS-I, so the rating starts high and their "
    "risk of bias is rated in its domain ({detail})",
    "GRADE guidelines 18 (Schünemann et al. 2019, J Clin Epidemiol 111:105-114): when the risk "
    "of bias of non-randomized studies is judged with ROBINS-I, which puts them on the same "
    "scale as randomized trials, the body of evidence starts at high and is rated down in the "
    "risk of bias domain (`risk_of_bias.robins_i`) instead of starting low. Detected when the "
    "claim or a cited entry names ROBINS-I and the body is observational.",
    role="design",
    domain="design",
)
OPINION_NOT_EVIDENCE = _rule(
    "opinion.not_evidence",
    "Opinion is not evidence",
    "info",
    "an opinion or advice that cites no evidence is not graded ({detail})",
    "Opinion is an interpretation of evidence, not evidence (Schünemann, Zhang & Oxman 2019, "
    '"Distinguishing opinion from evidence in guidelines", BMJ 366:l4606). A bare opinion, '
    "authority statement or piece of advice that cites no source and reports no experience "
    "gets no certainty (`ungraded`) rather than 'very low': there is nothing to grade. Cite the "
    "evidence the opinion rests on, or say what experience it reports.",
    role="problem",
    domain="attribution",
)
OPINION_EXPERIENCE = _rule(
    "opinion.reports_experience",
    "Opinion that reports experience",
    "info",
    "graded as the experience it reports, like a case series ({detail})",
    'An opinion that reports what its author has seen ("in my experience", "we have '
    'treated") rests on unsystematic clinical observation: it is graded as that experience, '
    "like case reports and case series, which GRADE starts at very low (Schünemann, Zhang & "
    "Oxman 2019, BMJ 366:l4606).",
    role="design",
    domain="design",
)

# --- risk of bias ----------------------------------------------------------------------------
REPORTED_LIMITATIONS = _rule(
    "risk_of_bias.reported",
    "Study limitations reported",
    "info",
    "the studies have limitations that may bias the result ({detail})",
    "The claim or its cited entries report study limitations GRADE rates down for (Guyatt et "
    "al. 2011, GRADE guidelines 4): no or unclear allocation concealment, no blinding "
    "(open-label), high attrition or loss to follow-up, selective reporting, retrospective or "
    "self-reported data, a high risk of bias; or when few studies are at low risk of bias "
    '("only four of the 35 trials were at low risk of bias") or the effect vanishes in those '
    "that are (a sensitivity analysis restricted to low risk of bias). For test accuracy "
    "evidence also QUADAS-2 concerns (partial or differential verification, an imperfect "
    "reference standard, a domain at high risk) and case-control (two-gate) designs (GRADE "
    "guidelines 21 part 1). GRADE domain: risk of "
    'bias. Detected from such words, unless negated ("not at high risk of bias").' + _COMPOSED,
    role="limitation",
    domain="risk_of_bias",
)
UNBLINDED_SUBJECTIVE = _rule(
    "risk_of_bias.unblinded_subjective",
    "Participants not blind to the intervention, outcome judged by them",
    "info",
    "the participants knew which intervention they received and judged the outcome "
    "themselves ({detail})",
    "The claim names an intervention its participants cannot be blind to (exercise, yoga, a "
    "psychological or educational programme) and an outcome they judge or report themselves "
    "(pain, depression, function, quality of life), in a body of trials whose text says "
    "nothing of blinding, a sham control or a low risk of bias. GRADE guidelines 4 (Guyatt et "
    "al. 2011, J Clin Epidemiol 64:407) counts lack of blinding among the study limitations "
    "and weighs it most for subjective outcomes. GRADE domain: risk of bias; one level, and "
    "only when no stated limitation rated the domain already.",
    role="limitation",
    domain="risk_of_bias",
)
SELF_REPORT = _rule(
    "risk_of_bias.self_report",
    "Self-reported evidence",
    "info",
    "rests on self-reported, uncontrolled experience ({detail})",
    "The ground is what people say happened to them (user reports, testimonials, interviews "
    "about one's own use). Self-reports are open to recall and reporting bias, and nothing "
    "separates the effect from expectation or chance. GRADE domain: risk of bias. Detected from "
    "the source type `anecdotal_report`.",
    role="limitation",
    domain="risk_of_bias",
)
SELECTION = _rule(
    "risk_of_bias.selection",
    "Selected sample",
    "info",
    "the people observed were self-selected or chosen in a way that may bias the result ({detail})",
    "Those who report (or were studied) are not a fair sample of the people the claim is about: "
    "volunteers, forum posters, heavy users who chose to experiment, patients recruited at an "
    "addiction clinic. GRADE domain: risk of bias. Detected from words such as "
    '"self-selected", "volunteers", "convenience sample"; record it when you know more.',
    role="limitation",
    domain="risk_of_bias",
)
NO_CONTROL = _rule(
    "risk_of_bias.no_control",
    "No comparison group",
    "info",
    "no comparison or control group ({detail})",
    'The evidence has nothing to compare with: a case description, or a comparison ("much '
    'less than opiates", "nothing like heroin withdrawal") drawn from reports that never '
    "observed the other side. GRADE domain: risk of bias. Detected for case reports, and for "
    "comparative wording in claims that rest on anecdotal reports.",
    role="limitation",
    domain="risk_of_bias",
)

# --- inconsistency ---------------------------------------------------------------------------
CHALLENGED = _rule(
    "inconsistency.challenged_in_set",
    "Contradicted inside the set",
    "warning",
    "another claim of this set challenges it ({detail})",
    "A claim of the same set, resting on evidence of its own, `challenges` this one: the "
    "document contradicts itself, or its sources disagree. GRADE domain: inconsistency. "
    "Detected from the `relations` of the other claims, on every claim they challenge (graded "
    "or not); when no challenger cites evidence the finding is "
    "`inconsistency.disputed_in_set` instead, which does not move the grade.",
    role="problem",
    domain="inconsistency",
)
SOURCES_DISAGREE = _rule(
    "inconsistency.sources_disagree",
    "Cited sources disagree",
    "info",
    "the cited sources do not agree ({detail})",
    "The sources the claim cites report different or opposite results, and the claim does not "
    "say so. GRADE domain: inconsistency. Only a reader of the sources can tell: record it in "
    "`caveats`.",
    role="limitation",
    domain="inconsistency",
)

HETEROGENEITY = _rule(
    "inconsistency.heterogeneity",
    "Results differ between studies",
    "info",
    "the studies' results differ ({detail})",
    "The pooled studies disagree more than chance explains: an I² of 50% or more (the Cochrane "
    "Handbook calls 50-90% substantial and 75-100% considerable heterogeneity), or words such as "
    '"substantial heterogeneity", "results varied", "confidence intervals did not '
    'overlap" (Guyatt et al. 2011, GRADE guidelines 7), or for test accuracy study estimates '
    'of sensitivity or specificity 30 points or more apart ("sensitivities ranged from 42% to '
    '100%"; GRADE guidelines 21 part 2). GRADE domain: inconsistency. Detected '
    "in the claim and its cited entries." + _COMPOSED,
    role="limitation",
    domain="inconsistency",
)
HETEROGENEITY_EXPLAINED = _rule(
    "inconsistency.explained",
    "Differences between studies explained",
    "info",
    "the studies' results differ, but the difference is explained ({detail})",
    "GRADE rates down for inconsistency only when the heterogeneity is unexplained: when a "
    "credible subgroup analysis or meta-regression explains it, the review reports separate "
    "estimates instead of rating down (Guyatt et al. 2011, GRADE guidelines 7, J Clin "
    "Epidemiol 64:1294). Detected when the claim or its entries say the heterogeneity was "
    'explained ("heterogeneity was explained by dose", "explained by differences in baseline '
    'risk"); "partly explained", "not explained" and "unexplained" still count as '
    "inconsistency. It does not move the grade: record `inconsistency.heterogeneity` in "
    "`caveats` if the explanation is not credible.",
    role="design",
    domain="design",
)
DISPUTED = _rule(
    "inconsistency.disputed_in_set",
    "Disputed inside the set, without evidence",
    "info",
    "another claim of this set disputes it, citing no evidence ({detail})",
    "A claim of the same set `challenges` this one but cites no evidence of its own (an "
    "unsourced assertion, an opinion, a cross-reference). The document contradicts itself, "
    "which a reader should see, but a contradiction without evidence does not lower the "
    "certainty of evidence. Detected from the `relations` of the other claims.",
    role="problem",
    domain="relations",
)

# --- indirectness ----------------------------------------------------------------------------
ANIMAL = _rule(
    "indirectness.animal",
    "Animal evidence",
    "info",
    "indirect evidence: animal study ({detail})",
    "The evidence comes from animals (mice, rats, ...), but the claim is about people. Doses, "
    "metabolism and behaviour differ between species, and many animal findings do not "
    "replicate in humans. GRADE domain: indirectness. Detected from the source type "
    "`animal_study`, from animal words in the claim, and from the cited entries' title, note, "
    "keywords or abstract. Suppress it (with a reason) when the claim is about animals.",
    role="limitation",
    domain="indirectness",
)
IN_VITRO = _rule(
    "indirectness.in_vitro",
    "Laboratory evidence",
    "info",
    "indirect evidence: in vitro study ({detail})",
    "The evidence comes from cells, tissues or receptors outside a living organism. Binding or "
    "activity in a dish says little about effects in a person. GRADE domain: indirectness. "
    "Detected from the source type `in_vitro`, and from in-vitro words in the claim or the "
    "cited entries.",
    role="limitation",
    domain="indirectness",
)
PREPARATION = _rule(
    "indirectness.preparation",
    "Isolated compound, not the preparation",
    "info",
    "indirect evidence: an isolated compound was studied, not the preparation the claim is "
    "about ({detail})",
    "The study used one isolated or purified constituent (e.g. 7-hydroxymitragynine), while "
    "the claim speaks of the whole preparation (kratom leaf). Amounts, other constituents and "
    "route differ. GRADE domain: indirectness (intervention). Detected from words such as "
    '"isolated", "purified", "pure alkaloid" in the claim or the cited entries.',
    role="limitation",
    domain="indirectness",
)
POPULATION = _rule(
    "indirectness.population",
    "Other population",
    "info",
    "indirect evidence: studied in another population ({detail})",
    "The people studied differ from those the claim is about (traditional daily users versus "
    "occasional users, patients versus the general public, adults versus children). GRADE "
    "domain: indirectness (population). Detected when the claim names a group of people "
    "(children, adults, pregnant women) and its cited entries name only other groups; other "
    "differences only a reader can judge: record them in `caveats`.",
    role="limitation",
    domain="indirectness",
)
DOSE = _rule(
    "indirectness.dose",
    "Other dose or regimen",
    "info",
    "indirect evidence: studied at another dose or regimen ({detail})",
    "The doses, frequency or duration studied differ from those the claim is about. GRADE "
    "domain: indirectness (intervention). Only a reader can judge it: record it in `caveats`.",
    role="limitation",
    domain="indirectness",
)
INTERVENTION = _rule(
    "indirectness.intervention",
    "Other intervention or comparison",
    "info",
    "indirect evidence: the intervention or comparison differs from the one in question ({detail})",
    "The evidence compares other interventions than the claim is about, or reaches the "
    "comparison only indirectly (treatment A and B each compared with C, never with each "
    "other): GRADE rates such evidence down for indirectness (Guyatt et al. 2011, GRADE "
    "guidelines 8, J Clin Epidemiol 64:1303: differences in interventions and comparators, and "
    'indirect comparisons). Detected from words such as "indirect comparison", "no '
    'head-to-head trials", "the comparator differed" in the claim or its cited entries; other '
    "differences only a reader can judge: record them in `caveats`.",
    role="limitation",
    domain="indirectness",
)
STATED_INDIRECTNESS = _rule(
    "indirectness.reported",
    "Indirectness stated",
    "info",
    "the evidence is said to be indirect ({detail})",
    'The claim or its cited entries say the evidence is indirect ("serious indirectness", '
    '"downgraded for indirectness", "indirectness of the evidence", "concerns about '
    'applicability"): the people, interventions, comparisons or outcomes studied differ from '
    "those in question, a reason GRADE rates down (Guyatt et al. 2011, GRADE guidelines 8, J "
    "Clin Epidemiol 64:1303). Used when no more specific indirectness (population, "
    "intervention, surrogate outcome, animals) was found. GRADE domain: indirectness." + _COMPOSED,
    role="limitation",
    domain="indirectness",
)
SURROGATE = _rule(
    "indirectness.surrogate",
    "Surrogate outcome",
    "info",
    "indirect evidence: the outcome measured stands in for the one the claim is about ({detail})",
    "The evidence measured a surrogate (a laboratory value, test accuracy, an intermediate "
    "outcome) while the claim speaks of what matters to people, or the source itself calls its "
    "outcome a surrogate (Guyatt et al. 2011, GRADE guidelines 8). Test accuracy is a surrogate "
    "for patient outcomes (Schünemann et al. 2008, BMJ 336:1106). GRADE domain: indirectness. "
    'Detected from "surrogate" or "intermediate outcome" in the claim or its entries, and '
    "for claims about mortality, survival, quality of life or complications that rest on "
    "diagnostic accuracy studies.",
    role="limitation",
    domain="indirectness",
)
NOT_IN_HUMANS = _rule(
    "replication.not_in_humans",
    "Not shown in humans",
    "info",
    "not replicated in humans ({detail})",
    "The claim rests on animal or laboratory evidence and no claim of the set reports human "
    "evidence that supports it. Most findings in animals are never confirmed in people. "
    "GRADE domain: indirectness. Detected for animal and in-vitro evidence with no supporting "
    "human study (observational study, trial, systematic review, case report) in the set.",
    role="limitation",
    domain="indirectness",
)

# --- imprecision -----------------------------------------------------------------------------
SMALL_SAMPLE = _rule(
    "imprecision.small_sample",
    "Small sample",
    "info",
    "few participants ({detail})",
    "The evidence comes from few people, so chance alone could explain the result. GRADE "
    "(Guyatt et al. 2011, GRADE guidelines 6) judges imprecision against the optimal "
    "information size, the number of participants an adequately powered trial would need; as "
    "a rough stand-in this rule flags studies of fewer than 400 participants in all, GRADE's "
    'rule of thumb for continuous outcomes. Detected from counts such as "a survey of 30 '
    "users\" in the claim or in the cited entries' note or abstract.",
    role="limitation",
    domain="imprecision",
)
N_NOT_GIVEN = _rule(
    "imprecision.n_not_given",
    "Number not given",
    "info",
    "how many people the evidence covers is not given ({detail})",
    'The claim rests on reports or studies but says neither how many people ("some people", '
    '"users") nor cites a source that does. Without a number, a reader cannot tell one report '
    "from a thousand. GRADE domain: imprecision. Detected for anecdotal reports and studies "
    "when no count is found in the claim or its cited entries.",
    role="limitation",
    domain="imprecision",
)

CI_INCLUDES_NULL = _rule(
    "imprecision.ci_includes_null",
    "Confidence interval includes no effect",
    "info",
    "the confidence interval includes no effect and an appreciable one ({detail})",
    "The 95% confidence interval of the effect estimate includes no effect (1 for ratios, 0 "
    "for differences) and reaches an appreciable effect on at least one side, so the data are "
    "compatible with both (Guyatt et al. 2011, GRADE guidelines 6). Appreciable: a relative "
    "risk reduction or increase of 25% (ratios at or below 0.75 or at or above 1.25, GRADE's "
    "default), a standardized mean difference of half a standard deviation (Norman et al. "
    "2003, Med Care 41:582), any difference of unknown units. An interval that includes no "
    "effect but excludes any appreciable one is precise. GRADE domain: imprecision. Detected "
    'from estimates such as "RR 0.91 (95% CI 0.78 to 1.53)" in the claim or its entries.',
    role="limitation",
    domain="imprecision",
)
BENEFIT_AND_HARM = _rule(
    "imprecision.benefit_and_harm",
    "Confidence interval spans benefit and harm",
    "info",
    "the confidence interval spans both appreciable benefit and appreciable harm ({detail})",
    "The 95% confidence interval reaches an appreciable effect on both sides of no effect (e.g. "
    "a risk ratio from 0.5 to 2): the evidence cannot tell benefit from harm. GRADE rates this "
    "down two levels, very serious imprecision (Guyatt et al. 2011, GRADE guidelines 6). GRADE "
    "domain: imprecision; counted together with `imprecision.ci_includes_null`.",
    role="limitation",
    domain="imprecision",
)
TO_LARGE_EFFECT = _rule(
    "imprecision.to_large_effect",
    "Confidence interval runs from no effect to a large effect",
    "info",
    "the confidence interval runs from no effect past a large effect ({detail})",
    "The 95% confidence interval of a standardised mean difference includes no effect and "
    "reaches past a large effect (0.8 SD; the threshold of an appreciable effect is 0.5): it "
    "crosses that threshold by far, which GRADE guidance 34 (Zeng et al. 2022, J Clin "
    'Epidemiol 150:216) rates down more than one level ("when a CI appreciably crosses the '
    'threshold(s) of interest, one should consider rating down two or three levels"). GRADE '
    "domain: imprecision; counted together with `imprecision.ci_includes_null`, two levels.",
    role="limitation",
    domain="imprecision",
)
WIDE_INTERVAL = _rule(
    "imprecision.wide_interval",
    "Wide interval around an accuracy estimate",
    "info",
    "the confidence interval of the accuracy estimate is wide ({detail})",
    "A sensitivity, specificity, predictive value or AUC whose 95% confidence interval runs "
    "more than ten percentage points either side of the estimate (the widest of those the claim "
    "gives counts): true and false results per 1,000 tested could differ "
    "enough to change a decision (GRADE guidelines 21 part 2 judges the imprecision of test "
    "accuracy against such thresholds; ten points is this project's stand-in). GRADE domain: "
    "imprecision.",
    role="limitation",
    domain="imprecision",
)
OIS_NOT_MET = _rule(
    "imprecision.ois_not_met",
    "Optimal information size not met",
    "info",
    "fewer participants than an adequately powered trial would need ({detail})",
    "An interval that excludes no effect is precise only if the body of evidence is also as "
    "large as one adequately powered trial would be: GRADE's optimal information size "
    "(Guyatt et al. 2011, GRADE guidelines 6, J Clin Epidemiol 64:1283). For a binary outcome "
    'the engine computes it from the risk it reads ("3576/60,337", "646 per 1000"; of the '
    "first two written the larger, as the groups are rarely named) for a 25% relative risk "
    "reduction, "
    "GRADE's default appreciable effect, with two-sided alpha 0.05 and power 0.80, and compares "
    "it with the participants counted. GRADE domain: imprecision.",
    role="limitation",
    domain="imprecision",
)
STATED_IMPRECISION = _rule(
    "imprecision.reported",
    "Imprecision stated",
    "info",
    "the results are said to be imprecise ({detail})",
    'The claim or its cited entries say the results are imprecise ("imprecise", "wide '
    'confidence intervals", "few events", "sparse data"), one of the reasons GRADE rates down '
    "(Guyatt et al. 2011, GRADE guidelines 6). Used only when the numbers read from the text "
    "(interval, participants, events) did not already show imprecision. GRADE domain: "
    "imprecision." + _COMPOSED,
    role="limitation",
    domain="imprecision",
)
SINGLE_SMALL_STUDY = _rule(
    "imprecision.single_small_study",
    "A single small study",
    "info",
    "a single small study ({detail})",
    "All the evidence comes from one study with fewer than 100 participants: chance, and the "
    "particular setting of that study, could explain the result. Counted together with "
    "`imprecision.small_sample` as very serious imprecision (where one small study becomes "
    "very serious is this project's convention; GRADE guidelines 6 leaves it to judgement). "
    "GRADE domain: imprecision.",
    role="limitation",
    domain="imprecision",
)

# --- publication bias ------------------------------------------------------------------------
PUBLICATION_BIAS = _rule(
    "publication_bias.suspected",
    "Publication bias suspected",
    "info",
    "the published evidence may be a biased selection ({detail})",
    "Small studies with positive results, studies funded by an interested party, or an "
    "evidence base where null results are unlikely to be published. GRADE domain: publication "
    "bias (Guyatt et al. 2011, GRADE guidelines 5). Detected from funnel plot asymmetry, "
    "small-study effects, industry funding, or publication bias said to be suspected or likely "
    "in the claim or its entries; otherwise only a reader can judge it: record it in `caveats`."
    + _COMPOSED,
    role="limitation",
    domain="publication_bias",
)

# --- rating up (explicit grounds only) -------------------------------------------------------
LARGE_EFFECT = _rule(
    "upgrade.large_effect",
    "Large effect",
    "info",
    "rated up: large effect ({detail})",
    "GRADE may rate observational evidence up one level when the effect is large (e.g. a "
    "relative risk above 2 or below 0.5 with no plausible confounder), two when very large "
    "(above 5 or below 0.2; Guyatt et al. 2011, GRADE guidelines 9). Detected for evidence that "
    "starts low (observational) from a ratio estimate whose confidence interval excludes no "
    "effect; randomized evidence is never rated up. Applied only to evidence that was not "
    "rated down.",
    role="upgrade",
    domain="upgrade",
)
VERY_LARGE_EFFECT = _rule(
    "upgrade.very_large_effect",
    "Very large effect",
    "info",
    "rated up a second level: very large effect ({detail})",
    "With `upgrade.large_effect`, a second level up when the relative effect is very large "
    "(risk ratio above 5 or below 0.2; Guyatt et al. 2011, GRADE guidelines 9). Detected for "
    "observational evidence only, from a ratio estimate whose interval excludes no effect.",
    role="upgrade",
    domain="upgrade",
)
DOSE_RESPONSE = _rule(
    "upgrade.dose_response",
    "Dose-response gradient",
    "info",
    "rated up: dose-response gradient ({detail})",
    "GRADE may rate observational evidence up when the effect grows with the dose. Detected "
    'for observational evidence from "dose-response" or "dose-dependent" in the claim or '
    "its entries (unless negated); record it in `caveats` otherwise. Applied beside a "
    "downgrade too when the claim or the curator states it; one read only in a cited entry is "
    "applied only to evidence that was not rated down.",
    role="upgrade",
    domain="upgrade",
)
CONFOUNDING = _rule(
    "upgrade.plausible_confounding",
    "Confounding would reduce the effect",
    "info",
    "rated up: plausible confounding would reduce the effect ({detail})",
    "GRADE may rate observational evidence up when every plausible confounder would have "
    "reduced the effect seen (or suggested a spurious one when none is seen). Detected for "
    'observational evidence from words such as "confounding would have reduced" or "biased '
    'towards the null"; record it in `caveats` otherwise. Applied beside a downgrade too '
    "when the claim or the curator states it; one read only in a cited entry is applied only "
    "to evidence that was not rated down.",
    role="upgrade",
    domain="upgrade",
)

# --- attribution -----------------------------------------------------------------------------
ANECDOTAL_GENERALISATION = _rule(
    "attribution.anecdotal_generalisation",
    "Anecdote generalised",
    "warning",
    "user reports are generalised to everyone ({detail})",
    'A claim that rests on what some users report is stated for everyone ("there is no '
    'craving", "any of its alkaloids", "always"). Reports from the people who chose to speak '
    "cannot show what holds for all. Detected from generalising words (any, all, every, "
    "always, never, nobody) in claims whose source type is `anecdotal_report`.",
    role="problem",
    domain="attribution",
)
VAGUE = _rule(
    "attribution.vague",
    "Vague attribution",
    "warning",
    "attributed to unnamed sources ({detail})",
    'The claim appeals to evidence without naming it ("studies show", "it has been reported", '
    '"some people have mentioned") and cites no source. A reader cannot check it. Wikipedia '
    "calls these weasel words (Manual of Style, Words to watch). Detected from such phrases "
    "when `evidence.sources` is empty.",
    role="problem",
    domain="attribution",
)
INFERRED_SOURCE = _rule(
    "attribution.inferred_source",
    "Source inferred by the annotator",
    "info",
    "the source was resolved by the annotator, not cited by the document ({detail})",
    'The document mentions its ground informally ("the Thai studies", "Matsumoto et al.") and '
    "the annotator chose the reference (`basis: inferred`). The grade rests on that "
    "interpretation; ECO calls this curator inference (ECO:0000205). Say how the key was "
    "chosen in `evidence.note`.",
    role="problem",
    domain="attribution",
)
UNSOURCED_FACT = _rule(
    "attribution.unsourced_fact",
    "Unsourced assertion stated as fact",
    "warning",
    "stated as fact with no ground given ({detail})",
    "The claim asserts something about the world, unhedged, and names no ground at all: no "
    "source, no study, not even the author's experience. It cannot be graded (`ungraded`). "
    "Detected for `unsourced_assertion` claims without hedges.",
    role="problem",
    domain="attribution",
)

# --- wording against evidence ----------------------------------------------------------------
OVERCLAIM = _rule(
    "wording.overclaim",
    "Overclaim",
    "warning",
    "the wording is stronger than the evidence ({detail})",
    'Boosters ("have demonstrated", "it is clear", "will", "never") present as settled what '
    "rests on low, very low or no graded evidence. Detected when a claim has boosters, no "
    "hedges, and a suggested certainty of low, very low or ungraded. For a recommendation this "
    "is what GRADE calls a strong recommendation on low-certainty evidence.",
    role="problem",
    domain="wording",
)
UNDERCLAIM = _rule(
    "wording.underclaim",
    "Underclaim",
    "warning",
    "the wording is weaker than the evidence ({detail})",
    'Heavy hedging ("might possibly", "it seems") on evidence of high or moderate certainty '
    "understates what is known. Detected when a high-certainty claim has a hedge, or a "
    "moderate-certainty claim has two or more.",
    role="problem",
    domain="wording",
)
RECOMMENDATION_NO_EVIDENCE = _rule(
    "recommendation.no_evidence",
    "Recommendation without cited evidence",
    "warning",
    "a recommendation that cites no evidence ({detail})",
    "Advice (what to do, how often, how much) that cites no source. The advice may be "
    "sensible, but nothing shows that following it has the effect intended. Detected for "
    "claims of kind `recommendation` with no `evidence.sources`.",
    role="problem",
    domain="recommendation",
)


# --- a concern the claim's own words call very serious -----------------------------------------
def _very_serious(domain: str, words: str) -> Rule:
    return _rule(
        f"{domain}.very_serious",
        f"Very serious {words} stated",
        "info",
        f"the claim calls the {words} very serious, two levels ({{detail}})",
        f'The claim\'s own words call the {words} very serious ("very serious {words}", '
        f'"downgraded two levels for {words}"): in GRADE a very serious concern rates the '
        "certainty down two levels, a serious one one level (Guyatt et al. 2011, GRADE "
        "guidelines 4-8; Balshem et al. 2011, GRADE guidelines 3). Read in the claim's text "
        "only, as the judgement of those who rated its body of evidence; the domain still "
        f"takes two levels at most. GRADE domain: {domain.replace('_', ' ')}. Also read by "
        'composition: "very" before a concern that judges a term of the domain ("the '
        "confidence intervals were very wide\"), in the claim's text, when no other rule rated "
        "the domain (docs/assessment.md).",
        role="limitation",
        domain=domain,
    )


VERY_SERIOUS_RISK_OF_BIAS = _very_serious("risk_of_bias", "risk of bias")
VERY_SERIOUS_INCONSISTENCY = _very_serious("inconsistency", "inconsistency")
VERY_SERIOUS_INDIRECTNESS = _very_serious("indirectness", "indirectness")
VERY_SERIOUS_IMPRECISION = _very_serious("imprecision", "imprecision")
ROBINS_I_RISK = _rule(
    "risk_of_bias.robins_i",
    "Risk of bias of non-randomized studies (ROBINS-I)",
    "info",
    "non-randomized studies judged with ROBINS-I: risk of bias rated down two levels ({detail})",
    "A body of non-randomized studies judged with ROBINS-I starts high (`design.robins_i_start`) "
    "and is rated down for risk of bias: two levels when the studies are at serious or critical "
    "risk of bias, or when the text gives no judgement, since confounding and selection bias "
    "are expected to leave such a body where the traditional approach starts it, at low "
    "(GRADE guidelines 18, Schünemann et al. 2019, J Clin Epidemiol 111:105-114). An overall "
    "judgement of moderate risk takes one level instead (`risk_of_bias.robins_i_moderate`), "
    "and low risk, comparable to a well-performed randomized trial in ROBINS-I's terms, none. "
    "GRADE domain: risk of bias.",
    role="limitation",
    domain="risk_of_bias",
)
ROBINS_I_MODERATE = _rule(
    "risk_of_bias.robins_i_moderate",
    "Moderate risk of bias of non-randomized studies (ROBINS-I)",
    "info",
    "non-randomized studies at moderate risk of bias by ROBINS-I: one level ({detail})",
    "A body of non-randomized studies judged with ROBINS-I at moderate risk of bias (sound for "
    "a non-randomized study, not comparable to a well-performed randomized trial) is rated down "
    "one level from its high start (GRADE guidelines 18, Schünemann et al. 2019). GRADE "
    "domain: risk of bias.",
    role="limitation",
    domain="risk_of_bias",
)
VERY_SERIOUS_CODES: frozenset[str] = frozenset(
    r.code
    for r in (
        VERY_SERIOUS_RISK_OF_BIAS,
        VERY_SERIOUS_INCONSISTENCY,
        VERY_SERIOUS_INDIRECTNESS,
        VERY_SERIOUS_IMPRECISION,
        ROBINS_I_RISK,
    )
)
"""Codes that take two levels of their domain at once."""

# --- a certainty the claim's own words state ---------------------------------------------------
_STATED_WHY = (
    "The claim's own words state the certainty of its evidence the way GRADE summaries do: "
    '"low-certainty evidence", "the certainty of the evidence was moderate", "moderate-quality '
    'evidence", or GRADE\'s informative statement for very low certainty, "the evidence is very '
    'uncertain" (Santesso et al. 2020, GRADE guidelines 26, J Clin Epidemiol 119:126). That is '
    "the judgement of the people who rated the body of evidence for this outcome, with the "
    "reasons the text may not repeat, so the suggestion does not go above it (it is never raised "
    "to it). Read in the claim's text only, not in the cited entries, whose abstracts state "
    "certainties of other outcomes. Suppress it (with a reason) when the words describe other "
    "evidence than the claim rests on."
)
STATED_MODERATE = _rule(
    "stated.moderate",
    "Moderate certainty stated",
    "info",
    "the claim states moderate certainty for its evidence ({detail})",
    _STATED_WHY,
    role="limitation",
    domain="stated",
)
STATED_LOW = _rule(
    "stated.low",
    "Low certainty stated",
    "info",
    "the claim states low certainty for its evidence ({detail})",
    _STATED_WHY,
    role="limitation",
    domain="stated",
)
STATED_VERY_LOW = _rule(
    "stated.very_low",
    "Very low certainty stated",
    "info",
    "the claim states very low certainty for its evidence ({detail})",
    _STATED_WHY,
    role="limitation",
    domain="stated",
)
STATED_LEVELS: dict[str, str] = {
    STATED_MODERATE.code: "moderate",
    STATED_LOW.code: "low",
    STATED_VERY_LOW.code: "very_low",
}
"""The level each ``stated.*`` code caps the grade at."""

# --- a learned calibration of the rules' level ------------------------------------------------
CALIBRATED = _rule(
    "calibration.learned",
    "Level moved by the learned calibration",
    "info",
    "the learned calibration moved the suggested level ({detail})",
    "Asked for (`validate --certainty learned`, `assess(..., certainty='learned')`), a small "
    "model learned from outcomes rated by review authors (benchmarks/grade/dev.yaml; "
    "benchmarks/train_grade_model.py judges it leaving whole reviews out) moves the rules' "
    "level where authors usually rate such evidence otherwise, most often down for a body of "
    "trials whose statement and entries judge no GRADE domain in words, since authors rate from "
    "a full report the statement does not repeat. Its features are what the rules already "
    "computed: the start, "
    "each domain's finding and whether it came from numbers or words, the number of studies "
    "and participants, the estimate, I², and whether the text judges any GRADE domain. The "
    "rules' reasons stay; this reason carries the difference and names the features that "
    "weighed most. It is a statistical tendency, not a reason found in the text: check it "
    "against the review, and record the certainty you judge (the claim file's `certainty` "
    "always wins).",
    role="check",
    domain="calibration",
)

# --- the assessment itself -------------------------------------------------------------------
CERTAINTY_DIFFERS = _rule(
    "certainty.differs",
    "Stated certainty differs from the suggestion",
    "info",
    "the file states {stated}; the suggested certainty is {suggested} ({detail})",
    "The claim file's `certainty` is the curator's judgement and is never overwritten. The "
    "engine's per-claim suggestion follows GRADE's steps from the source type and the caveats; "
    "when the two differ, one of them is missing a reason. Record the missing caveat, or keep "
    "the judgement and say why in `review.why`.",
    role="check",
    domain="check",
)
UNKNOWN_CODE = _rule(
    "caveat.unknown-code",
    "Unknown caveat code",
    "error",
    "'{code}' is not a rule code{hint}",
    "Caveat and suppression codes must be codes of the rule catalogue (`evidence-claims "
    "rules`); a misspelt code would otherwise be silently ignored by the certainty engine or "
    "suppress nothing.",
    role="check",
    domain="check",
)


def caveat_rule(code: str) -> CaveatRule | None:
    """The engine's view of a code, or None when the code is not an evidence caveat."""
    return CAVEATS.get(code)
