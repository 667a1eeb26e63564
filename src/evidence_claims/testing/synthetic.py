"""Synthetic claim sets for benchmarks and scale tests.

Each generated set is a folder like a real one (``document.txt``, a claim file, and
``references.bib``): every claim quotes its exact span of the document, with prefix and suffix,
hedge and booster cues at their offsets, sources that are keys of the bibliography, relations
to earlier claims, caveats and a review. So validating a synthetic corpus does the same work as
a real one: anchors are compared with the document, citations looked up in the bibliography,
the document hashed. A small, fixed share of claims carries a mistake (a wrong offset, an
unknown key, a dangling relation) so that the finding path is exercised too.

Deterministic: the same arguments give byte-identical files.

The sentences are drawn from a small vocabulary, so the same sentence comes back again and
again; ``unique_texts`` names a different (made-up) place in each claim's sentence, so that no
two claims of a corpus share a text, as in real documents.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.anchors import context

# Vocabulary for sentences that read like a review's statements about a substance.
_SUBJECTS = (
    "Regular users",
    "Daily consumers",
    "Patients in the cohort",
    "Participants",
    "Heavy users",
    "Mice given the extract",
    "Rats treated with the alkaloid",
    "Cell cultures exposed to the compound",
    "Field workers",
    "Survey respondents",
    "Older adults",
    "People in withdrawal",
)
_VERBS = (
    "report",
    "develop",
    "show",
    "experience",
    "describe",
    "tolerate",
    "seek",
    "avoid",
)
_OBJECTS = (
    "mild withdrawal symptoms after stopping",
    "tolerance within a few weeks of daily use",
    "less craving than with opioids",
    "improved mood and energy",
    "nausea at higher doses",
    "a dependence comparable to caffeine",
    "cross-tolerance with morphine",
    "sleep problems during cessation",
    "no serious adverse events",
    "a dose-dependent analgesic effect",
    "reduced opioid use over six months",
    "constipation and weight loss",
)
_HEDGES = ("apparently", "may", "possibly", "likely", "seem to", "could")
_BOOSTERS = ("clearly", "certainly", "definitely", "consistently")
_TYPES = (
    ("anecdotal_report", "risk_of_bias.self_report"),
    ("observational_study", "imprecision.n_not_given"),
    ("clinical_trial", None),
    ("systematic_review", None),
    ("animal_study", "indirectness.animal"),
    ("in_vitro", "indirectness.preparation"),
    ("expert_opinion", None),
    ("case_report", "imprecision.n_not_given"),
    ("unsourced_assertion", "attribution.unsourced_fact"),
)
_KINDS = ("claim", "claim", "claim", "claim", "recommendation", "question", "meta")
_CERTAINTY = ("high", "moderate", "low", "very_low", "ungraded")
_TOPICS = ("addiction_potential", "withdrawal", "tolerance", "pharmacology", "adverse_effects")
_SURNAMES = (
    "Suwanlert",
    "Matsumoto",
    "Singh",
    "Grundmann",
    "Swogger",
    "Vicknasingam",
    "Saingam",
    "Tanguay",
    "Prozialeck",
    "Kruegel",
)
_JOURNALS = (
    "Life Sciences",
    "Bulletin on Narcotics",
    "Drug and Alcohol Dependence",
    "Journal of Ethnopharmacology",
    "Addiction",
)


@dataclass(frozen=True, slots=True)
class CorpusShape:
    """How many claims, and how many per claim file."""

    claims: int
    per_file: int

    @property
    def files(self) -> int:
        return -(-self.claims // self.per_file)


# Syllables of the made-up place names that make each sentence unique: 24 syllables, so five
# name 7,962,624 places, and no name is an English word a cue list could hold.
_SYLLABLES = (
    "ka", "vo", "ru", "mi", "te", "za", "lo", "qu", "ne", "bi", "xo", "fa",
    "du", "ye", "po", "gi", "wu", "he", "sa", "jo", "ti", "ke", "ma", "zu",
)  # fmt: skip


def place_name(n: int) -> str:
    """A made-up place name, different for each ``n`` below 24**5 ("Vokakakaka" for 1)."""
    digits = []
    for _ in range(5):
        n, digit = divmod(n, len(_SYLLABLES))
        digits.append(_SYLLABLES[digit])
    return "".join(digits).capitalize()


def _sentence(
    rng: random.Random, cite: str | None, unique: int | None = None
) -> tuple[str, list[dict[str, Any]], str]:
    """A sentence, its cues (offsets relative to the sentence) and whether it hedges; with
    ``unique``, its subject lives in the place :func:`place_name` names for that number."""
    subject = rng.choice(_SUBJECTS)
    if unique is not None:
        subject = f"{subject} in {place_name(unique)}"
    verb = rng.choice(_VERBS)
    obj = rng.choice(_OBJECTS)
    roll = rng.random()
    cues: list[dict[str, Any]] = []
    kind = "plain"
    if roll < 0.35:
        cue = rng.choice(_HEDGES)
        head = f"{subject} {cue} "
        cues.append({"cue": cue, "start": len(subject) + 1, "end": len(subject) + 1 + len(cue)})
        kind = "hedge"
    elif roll < 0.55:
        cue = rng.choice(_BOOSTERS)
        head = f"{subject} {cue} "
        cues.append({"cue": cue, "start": len(subject) + 1, "end": len(subject) + 1 + len(cue)})
        kind = "booster"
    else:
        head = f"{subject} "
    text = f"{head}{verb} {obj}"
    if cite:
        text += f" ({cite} et al.)"
    return text + ".", cues, kind


def _bibliography(
    rng: random.Random, set_id: str, n_claims: int
) -> tuple[list[str], dict[str, str], str]:
    """The set's BibTeX keys, the first author of each, and the BibTeX text."""
    n_refs = max(3, min(40, n_claims // 8))
    authors = [rng.choice(_SURNAMES) for _ in range(n_refs)]
    keys = [f"{a.lower()}{1990 + (i * 7) % 34}{chr(97 + i % 26)}{i}" for i, a in enumerate(authors)]
    author_of = dict(zip(keys, authors, strict=True))
    bib_parts = [f"% Synthetic bibliography of {set_id}.\n"]
    for i, key in enumerate(keys):
        bib_parts.append(
            f"\n@article{{{key},\n"
            f"  author  = {{{authors[i]}, A. and {rng.choice(_SURNAMES)}, B.}},\n"
            f"  title   = {{Synthetic study {i} of {set_id}}},\n"
            f"  journal = {{{rng.choice(_JOURNALS)}}},\n"
            f"  year    = {{{1990 + (i * 7) % 34}}},\n"
            f"  volume  = {{{1 + i % 90}}},\n"
            f"  pages   = {{{1 + i}--{9 + i}}}\n"
            f"}}\n"
        )
    return keys, author_of, "".join(bib_parts)


def _add_mistakes(
    claims: list[dict[str, Any]], rng: random.Random, error_rate: float, set_id: str
) -> None:
    """A few realistic mistakes, at fixed places: an anchor off by one, an unknown key, a
    relation to a claim that does not exist."""
    for n, claim in enumerate(claims):
        if rng.random() >= error_rate:
            continue
        mistake = n % 3
        if mistake == 0:
            claim["anchor"]["start"] += 1
        elif mistake == 1:
            claim["evidence"]["sources"] = [*claim["evidence"]["sources"], "nosuchkey2024"]
            claim["evidence"]["basis"] = "explicit"
        else:
            claim["relations"] = [{"type": "supports", "target": f"{set_id}-missing"}]


def make_set(
    index: int,
    n_claims: int,
    *,
    seed: int = 0,
    error_rate: float = 0.005,
    unique_from: int | None = None,
) -> tuple[str, dict[str, Any], str]:
    """One synthetic set: (document text, claim-file data, BibTeX text); with ``unique_from``,
    claim ``n`` names place ``unique_from + n`` (see :func:`place_name`)."""
    rng = random.Random(seed * 1_000_003 + index)
    set_id = f"synthetic-{index:06d}"
    keys, author_of, bib = _bibliography(rng, set_id, n_claims)

    pieces: list[str] = []
    offset = 0
    claims: list[dict[str, Any]] = []
    spans: list[tuple[int, int]] = []
    for n in range(n_claims):
        type_name, caveat = _TYPES[rng.randrange(len(_TYPES))]
        cited = (
            []
            if type_name in ("unsourced_assertion", "expert_opinion")
            else rng.sample(keys, k=rng.choice((1, 1, 1, 2, 3)))
        )
        mention = author_of[cited[0]] if cited and rng.random() < 0.7 else None
        unique = None if unique_from is None else unique_from + n
        text, cues, cue_kind = _sentence(rng, mention, unique)
        separator = "\n\n" if n and n % 6 == 0 else (" " if n else "")
        offset += len(separator)
        pieces.append(separator)
        start, end = offset, offset + len(text)
        pieces.append(text)
        offset = end
        spans.append((start, end))
        claim: dict[str, Any] = {
            "id": f"{set_id}-{n:05d}",
            "text": text,
            "anchor": {"start": start, "end": end},
            "kind": _KINDS[rng.randrange(len(_KINDS))],
            "topic": rng.choice(_TOPICS),
            "evidence": {
                "type": type_name,
                "sources": cited,
                "basis": ("explicit" if mention else "context") if cited else "none",
            },
        }
        if cue_kind != "plain":
            claim[f"{cue_kind}s"] = [
                {"cue": c["cue"], "start": start + c["start"], "end": start + c["end"]}
                for c in cues
            ]
        if caveat:
            claim["caveats"] = [{"code": caveat, "note": "synthetic"}]
        if n and rng.random() < 0.15:
            target = f"{set_id}-{rng.randrange(n):05d}"
            claim["relations"] = [
                {"type": rng.choice(("supports", "challenges")), "target": target}
            ]
        claim["certainty"] = "ungraded" if not cited else rng.choice(_CERTAINTY[:4])
        claim["review"] = {"status": "suggested", "by": "generator"}
        claims.append(claim)
    document = "".join(pieces) + "\n"
    for claim, (start, end) in zip(claims, spans, strict=True):
        claim["anchor"]["prefix"], claim["anchor"]["suffix"] = context(document, start, end)
    _add_mistakes(claims, rng, error_rate, set_id)
    data = {
        "document": {
            "id": set_id,
            "path": "document.txt",
            "sha256": hashlib.sha256(document.encode("utf-8")).hexdigest(),
            "title": f"Synthetic document {index}",
            "bibliography": "references.bib",
        },
        "claims": claims,
    }
    return document, data, bib


def write_corpus(
    root: Path,
    shape: CorpusShape,
    *,
    seed: int = 0,
    error_rate: float = 0.005,
    unique_texts: bool = False,
) -> Iterator[Path]:
    """Write ``shape.files`` sets below ``root`` (one folder each); yields the claim files.
    With ``unique_texts``, no two claims of the corpus have the same text."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    (root / ".evidence-claims-root").touch()
    remaining = shape.claims
    for index in range(shape.files):
        n = min(shape.per_file, remaining)
        unique_from = shape.claims - remaining if unique_texts else None
        remaining -= n
        document, data, bib = make_set(
            index, n, seed=seed, error_rate=error_rate, unique_from=unique_from
        )
        folder = root / f"set-{index:06d}"
        folder.mkdir(exist_ok=True)
        (folder / "document.txt").write_bytes(document.encode("utf-8"))
        (folder / "references.bib").write_bytes(bib.encode("utf-8"))
        path = folder / "claims.json"
        path.write_bytes(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
        yield path
