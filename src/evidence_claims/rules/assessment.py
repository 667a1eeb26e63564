"""The evidence rules: caveat codes the certainty engine uses and the findings it reports.

Each rule is registered in the shared catalogue (category ``evidence``) with a stable code, a
title, a default severity, a message template (``{detail}`` is filled with what was found) and a
description that says why the rule exists and what to do about it. Codes are part of the claim
file format (``caveats[].code``, ``suppress[].code``): never rename one.

Besides the catalogue entry, every code has a *role* here:

- ``limitation``: a GRADE domain that rates certainty down (risk of bias, inconsistency,
  indirectness, imprecision, publication bias). It is reported as a finding only when the
  engine detects it and the claim file does not record it yet.
- ``upgrade``: a GRADE reason to rate up; only ever taken from the claim file (explicit grounds).
- ``problem``: how the claim is stated or attributed (wording, attribution, recommendations,
  contradictions). Always reported; at ``info`` when the claim file records it, since the
  curator has acknowledged it, and at the rule's severity otherwise.
- ``check``: a finding about the assessment itself (stated certainty differs, unknown code).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .catalogue import Rule, Severity, register

Role = Literal["limitation", "upgrade", "problem", "check"]

# GRADE's domains, in the order a GRADE evidence profile lists them; reasons are shown in this
# order. "attribution", "wording", "recommendation" and "check" do not move the grade.
DOMAINS: tuple[str, ...] = (
    "risk_of_bias",
    "inconsistency",
    "indirectness",
    "imprecision",
    "publication_bias",
    "upgrade",
    "attribution",
    "wording",
    "recommendation",
    "check",
)
GRADING_DOMAINS = frozenset(DOMAINS[:5])


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


# --- risk of bias ----------------------------------------------------------------------------
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
    "Detected from the `relations` of the other claims; challengers that cite no evidence "
    "(unsourced assertions, cross-references) do not count.",
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
    "occasional users, patients versus the general public). GRADE domain: indirectness "
    "(population). Only a reader can judge it: record it in `caveats`.",
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

# --- publication bias ------------------------------------------------------------------------
PUBLICATION_BIAS = _rule(
    "publication_bias.suspected",
    "Publication bias suspected",
    "info",
    "the published evidence may be a biased selection ({detail})",
    "Small studies with positive results, studies funded by an interested party, or an "
    "evidence base where null results are unlikely to be published. GRADE domain: publication "
    "bias. Only a reader can judge it: record it in `caveats`.",
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
    "relative risk above 2 or below 0.5 with no plausible confounder), two when very large. "
    "Never detected: record it in `caveats` with the numbers. Applied only to evidence that "
    "was not rated down.",
    role="upgrade",
    domain="upgrade",
)
DOSE_RESPONSE = _rule(
    "upgrade.dose_response",
    "Dose-response gradient",
    "info",
    "rated up: dose-response gradient ({detail})",
    "GRADE may rate observational evidence up when the effect grows with the dose. Never "
    "detected: record it in `caveats` with the evidence. Applied only to evidence that was not "
    "rated down.",
    role="upgrade",
    domain="upgrade",
)
CONFOUNDING = _rule(
    "upgrade.plausible_confounding",
    "Confounding would reduce the effect",
    "info",
    "rated up: plausible confounding would reduce the effect ({detail})",
    "GRADE may rate observational evidence up when every plausible confounder would have "
    "reduced the effect seen (or suggested a spurious one when none is seen). Never detected: "
    "record it in `caveats`. Applied only to evidence that was not rated down.",
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
