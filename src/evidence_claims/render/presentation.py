"""How grades, source types and topics look to a reader: symbols, words, colours and order.

Shared by the tables, the Jupyter display, the evidence map and the report page, so that a
claim looks the same wherever it is shown.

Certainty symbols are GRADE's (GRADE Handbook, Schünemann et al. 2013, section 5; Balshem et
al. 2011, J Clin Epidemiol 64(4):401–406): High ⊕⊕⊕⊕, Moderate ⊕⊕⊕◯, Low ⊕⊕◯◯,
Very low ⊕◯◯◯. ``ungraded`` is ours: no evidence is cited, so there is nothing to grade.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..assessment.certainty import SYMBOLS
from ..model.records import Claim
from ..model.report import ClaimAssessment
from ..model.taxonomy import CERTAINTY_LEVELS, source_types

CERTAINTY_ORDER: tuple[str, ...] = (*CERTAINTY_LEVELS, "ungraded")
"""Every certainty value, strongest first, ``ungraded`` last."""

CERTAINTY_WORDS: dict[str, str] = {
    "high": "High",
    "moderate": "Moderate",
    "low": "Low",
    "very_low": "Very low",
    "ungraded": "Ungraded",
}
CERTAINTY_SYMBOLS: dict[str, str] = SYMBOLS  # GRADE's ⊕/◯ notation, one definition
NOT_ASSESSED = "Not assessed"

# One colour per source type, chosen so that neighbours on the evidence scale differ and the
# weakest grounds stand out: greens for trials and reviews, blues for human observation, browns
# for animal and bench work, orange for anecdote, purples for opinion and authority, red for
# bare assertion, grey for pointers elsewhere. Unknown types (a taxonomy extended later) take
# colours from FALLBACK_COLORS in taxonomy order.
SOURCE_COLORS: dict[str, str] = {
    "systematic_review": "#1b7837",
    "clinical_trial": "#5aae61",
    "observational_study": "#2166ac",
    "case_report": "#4393c3",
    "animal_study": "#8c510a",
    "in_vitro": "#bf812d",
    "anecdotal_report": "#e08214",
    "expert_opinion": "#762a83",
    "authority_statement": "#9970ab",
    "unsourced_assertion": "#d6604d",
    "cross_reference": "#878787",
}
FALLBACK_COLORS: tuple[str, ...] = ("#35978f", "#c51b7d", "#7f3b08", "#4d4d4d", "#01665e")

CERTAINTY_COLORS: dict[str, str] = {
    "high": "#1a9850",
    "moderate": "#91cf60",
    "low": "#fc8d59",
    "very_low": "#d73027",
    "ungraded": "#999999",
}


def certainty_word(level: str | None) -> str:
    if level is None:
        return NOT_ASSESSED
    return CERTAINTY_WORDS.get(level, level.replace("_", " ").capitalize())


def certainty_label(level: str | None) -> str:
    """``⊕⊕◯◯ Low``; ``—  Ungraded`` when no evidence is cited; ``Not assessed`` for None."""
    if level is None:
        return NOT_ASSESSED
    if level == "ungraded":
        return "—  Ungraded"
    return f"{CERTAINTY_SYMBOLS.get(level, '?')} {certainty_word(level)}"


def source_label(name: str) -> str:
    """The taxonomy's label of a source type (the name itself for an unknown type)."""
    st = source_types().get(name)
    return st.label if st is not None else name


def source_color(name: str) -> str:
    if name in SOURCE_COLORS:
        return SOURCE_COLORS[name]
    names = [n for n in source_types() if n not in SOURCE_COLORS]
    index = names.index(name) if name in names else len(names)
    return FALLBACK_COLORS[index % len(FALLBACK_COLORS)]


def source_order() -> list[str]:
    """Source types strongest first: by GRADE starting certainty, then OCEBM level.

    Types that start nowhere (unsourced, cross-reference) come last; ties keep taxonomy order.
    """
    rank = {level: i for i, level in enumerate(CERTAINTY_ORDER)}
    types = list(source_types().values())
    return [
        st.name
        for _, st in sorted(
            enumerate(types),
            key=lambda item: (
                rank.get(item[1].grade_start or "ungraded", len(rank)),
                item[1].ocebm_level if item[1].ocebm_level is not None else 99,
                item[0],
            ),
        )
    ]


def topic_label(topic: str | None) -> str:
    """``addiction_potential`` → ``Addiction potential``; no topic → ``(no topic)``."""
    if not topic:
        return "(no topic)"
    return topic.replace("_", " ").capitalize()


def hex_to_rgba(color: str, alpha: float) -> str:
    color = color.lstrip("#")
    r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha:g})"


@dataclass(frozen=True, slots=True)
class ClaimGrade:
    """What a reader is shown as a claim's certainty and wording check.

    The assessment's suggestion when there is one; otherwise the claim file's own statement.
    """

    certainty: str | None
    stated: str | None
    assessed: bool
    wording: str | None  # "overclaim" | "underclaim" | None
    cues: tuple[str, ...]  # the boosters (overclaim) or hedges (underclaim) behind the wording
    note: str | None = None  # the assessment's reason for leaving a claim ungraded

    @property
    def disagrees(self) -> bool:
        return self.assessed and self.stated is not None and self.stated != self.certainty


def grade_of(claim: Claim, assessment: ClaimAssessment | None = None) -> ClaimGrade:
    note = None
    if assessment is not None:
        certainty: str | None = assessment.certainty
        wording = assessment.wording
        note = assessment.note
    else:
        certainty = claim.certainty
        codes = {c.code for c in claim.caveats}
        wording = (
            "overclaim"
            if "wording.overclaim" in codes
            else "underclaim"
            if "wording.underclaim" in codes
            else None
        )
    cues: tuple[str, ...] = ()
    if wording == "overclaim":
        cues = tuple(b.cue for b in claim.boosters)
    elif wording == "underclaim":
        cues = tuple(h.cue for h in claim.hedges)
    return ClaimGrade(
        certainty=certainty,
        stated=claim.certainty,
        assessed=assessment is not None,
        wording=wording,
        cues=cues,
        note=note,
    )


def wording_label(grade: ClaimGrade) -> str:
    """``Overclaim: “have demonstrated”``; ``—`` when the wording fits the evidence."""
    if grade.wording is None:
        return "—"
    word = grade.wording.capitalize()
    if grade.cues:
        return f"{word}: " + ", ".join(f"“{cue}”" for cue in grade.cues)
    return word


def assessments_by_claim(
    assessments: Iterable[ClaimAssessment] | None,
) -> dict[str, ClaimAssessment]:
    return {a.claim_id: a for a in assessments or ()}


@dataclass(frozen=True, slots=True)
class CaveatItem:
    """One caveat as shown: its code, the note that explains it, and how it moved the grade."""

    code: str
    note: str | None
    effect: int | None  # None when no assessment says (the curator's caveat alone)
    origin: str | None = None  # "recorded" in the claim file | "detected" by the assessment

    def text(self) -> str:
        """``indirectness.animal (−1): mice``; ``(detected)`` when the file does not record it."""
        tags = []
        if self.effect:
            tags.append(f"{'+' if self.effect > 0 else '−'}{abs(self.effect)}")
        if self.origin == "detected":
            tags.append("detected")
        label = f"{self.code} ({', '.join(tags)})" if tags else self.code
        return f"{label}: {self.note}" if self.note else label


def caveat_items(claim: Claim, assessment: ClaimAssessment | None = None) -> list[CaveatItem]:
    """The caveats a reader is shown for a claim, one item per code.

    With an assessment, its reasons in their order: they carry the claim file's caveats
    ("recorded", with the curator's note) and what the assessment found itself ("detected"),
    each with its effect on the grade. Caveats of the file that no reason carries (a code the
    assessment does not know) follow, so that nothing the curator wrote is hidden.
    """
    items: list[CaveatItem] = []
    seen: set[str] = set()
    if assessment is not None:
        for reason in assessment.reasons:
            if reason.code not in seen:
                seen.add(reason.code)
                items.append(
                    CaveatItem(reason.code, reason.note or None, reason.effect, reason.origin)
                )
    for caveat in claim.caveats:
        if caveat.code not in seen:
            seen.add(caveat.code)
            items.append(CaveatItem(caveat.code, caveat.note, None, "recorded"))
    return items
