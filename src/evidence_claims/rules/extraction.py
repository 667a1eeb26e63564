"""Rules of the findings ``evidence-claims extract`` reports about the text it drafts."""

from __future__ import annotations

from .catalogue import register

EXTRACT_UNRESOLVED_CITATION = register(
    "extract.unresolved-citation",
    "Citation without a bibliography entry",
    "warning",
    "citation '{citation}' matches no entry of the bibliography{closest}; "
    "kept on claim {claim} as unresolved",
    'The text cites an author ("Smith et al.", "(Smith 2020)") but no entry of the '
    "bibliography given with `--bib` has that author and year. The draft claim keeps the "
    "citation in its evidence note and counts it as cited, with no key: add the entry (or fix "
    "the key the note suggests) and put its key in the claim's sources.",
    "extract",
)
EXTRACT_LANGUAGE = register(
    "extract.language",
    "Text not in English",
    "warning",
    "the text looks like {language}; extraction rules are written for English, so the draft's "
    "sentences, kinds, sources and cues are unreliable",
    "The extractor's rules (sentence ends, attribution cues, hedges and boosters) are English "
    "word lists and patterns. On text in another language or script it still drafts a claim "
    "per sentence it can find, but they say little; check every record, or annotate by hand.",
    "extract",
)
