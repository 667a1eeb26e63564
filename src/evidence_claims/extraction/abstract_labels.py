"""Structured-abstract and post labels ("Methods:", "Authors' conclusions:", "TL;DR:").

A label opens a paragraph or stands inside running text ("... research. Methods: Kratom ...");
either way it is a unit of its own, so both the line-layout reader and the sentence splitter
look for one.
"""

from __future__ import annotations

import re

from .units import word_set

# Structured-abstract and post labels that open a paragraph ("Methods: In this trial ...").
LABELS = word_set(
    """
    background backgrounds objective objectives aim aims purpose purposes introduction context
    subjects
    importance methods method design setting settings participants patients interventions
    intervention measurements outcomes results result findings conclusion conclusions
    interpretation discussion limitations summary note notes update edit disclaimer funding
    evidence
    """
) | frozenset(
    {
        "materials and methods",
        # Labels that join two parts: PLoS Medicine ("Methods and Findings"), the AHA journals
        # ("Methods and Results"), JAMA ("Conclusions and Relevance"), the older PLoS ONE
        # abstracts ("Methodology/Principal Findings", "Conclusions/Significance": the parts
        # of a "/" name are looked up one by one).
        "methods and findings",
        "methods and results",
        "patients and methods",
        "subjects and methods",
        "conclusions and relevance",
        "methodology",
        "principal findings",
        "significance",
        "main outcome measures",
        "main outcomes and measures",
        "design and setting",
        "evidence acquisition",
        "evidence synthesis",
        # Cochrane abstracts (Cochrane Handbook, ch. III) and PRISMA 2020 for Abstracts.
        "search methods",
        "selection criteria",
        "data collection and analysis",
        "main results",
        "authors' conclusions",
        "authors’ conclusions",
        "eligibility criteria",
        "information sources",
        "data sources",
        "study selection",
        "data extraction",
        "data synthesis",
        "key results",
        "tl;dr",
        # CONSORT 2010 for Abstracts (item "Trial registration") and index terms after an abstract.
        "trial registration",
        "clinical trial registration",
        "registration",
        "keywords",
        "key words",
    }
)

# ("Authors' conclusions:", the Cochrane label, ends its first word with an apostrophe.)
_LABEL = re.compile(r"[ \t]*([A-Za-z][A-Za-z;]*['’]?(?:[ /][A-Za-z]+){0,3})[ \t]*:[ \t]+(?=\S)")


def is_label_name(name: str) -> bool:
    """A structured-abstract label, or labels joined by "/" ("Subjects/Methods")."""
    return all(part.strip().lower() in LABELS for part in name.split("/"))


def label_at(document: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(start, end, text start) of a structured-abstract label opening a paragraph."""
    match = _LABEL.match(document, start, end)
    if match is None or not is_label_name(match.group(1)):
        return None
    return match.start(1), document.index(":", match.end(1)) + 1, match.end()


# Labels that journals set in bold without a colon ("Objectives To assess ...", "Design
# Systematic review", BMJ and JAMA abstracts): copied as text, the label runs into its
# sentence. Only names that rarely open an ordinary sentence with a capitalised second word.
BARE_LABELS = frozenset(
    {
        "background",
        "objective",
        "objectives",
        "aim",
        "aims",
        "purpose",
        "importance",
        "methods",
        "design",
        "setting",
        "settings",
        "participants",
        "interventions",
        "intervention",
        "main outcome measures",
        "main outcomes and measures",
        "outcome measures",
        "results",
        "findings",
        "conclusion",
        "conclusions",
        "conclusions and relevance",
        "interpretation",
        "data sources",
        "study selection",
        "data extraction",
        "data synthesis",
        "review methods",
        "eligibility criteria",
        "study design",
        "design, setting, and participants",
        "design, setting and participants",
        "exposures",
        "limitations",
    }
)
_NAMES = "|".join(re.escape(n) for n in sorted(BARE_LABELS, key=lambda n: (-len(n), n)))
# Case is ignored in the name but not at its first letter nor at the next word's.
_BARE_LABEL = re.compile(r"[ \t]*(?=[A-Z])((?i:" + _NAMES + r"))[ \t]+(?=[A-Z\d])")
_BARE_LABEL_LINES = re.compile(r"(?m)^[ \t]*(?=[A-Z])(?i:" + _NAMES + r")[ \t]+[A-Z\d][^\n]*")


def bare_labels_used(document: str) -> bool:
    """Does the document open two lines or more with a colonless label and three words?"""
    count = 0
    # (An abstract opens its document: its first 50,000 characters are enough to look at.)
    for match in _BARE_LABEL_LINES.finditer(document, 0, 50_000):
        if bare_label_at(document, match.start(), match.end()) is not None:
            count += 1
            if count >= 2:
                return True
    return False


def bare_label_at(document: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of a colonless label opening the line ("Design Systematic review ...").

    The label must start with a capital and be followed by a capitalised word (or a number)
    and at least three words in all.
    """
    match = _BARE_LABEL.match(document, start, end)
    if match is None:
        return None
    if len(document[match.end() : end].split()) < 3:
        return None
    return match.start(1), match.end(1)
