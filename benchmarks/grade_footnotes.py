"""How much of the way review authors word a GRADE judgement the engine reads.

Run: python benchmarks/grade_footnotes.py [--misses]

Reads benchmarks/grade/footnote-corpus.yaml: phrases transcribed from the footnotes and
judgement cells of GRADE evidence profiles and summary-of-findings tables (none from a review of
the GRADE gold set), each with the domain the authors rated it on, the levels they took and the
direction. Each phrase is set in a claim about a body of evidence, the way a writer would add it
to a sentence citing a review, and the claim is assessed through the public API:

    A systematic review of 8 randomized trials (Smith 2020) found that the treatment improved
    the outcome. <phrase>.

(8 cohort studies instead when the review's evidence was observational, so that it starts low
and rating up can apply; 5 trials and 3 cohort studies for a mix). The cited entry says only
what the review was a review of. The frame alone moves no domain (checked before scoring), so
every domain the engine rates comes from the phrase.

Printed per split (train: the reviews cues may be written from; test: a third of the reviews,
held out by review; fresh: reviews read after the cues were written; fresh-2: fifteen more
reviews read later still, a measuring split only; fresh-3a and fresh-3b: seventeen more reviews,
halved by review, fresh-3a tunable and fresh-3b held out; fresh-4a and fresh-4b: twenty-one more
reviews halved the same way, mostly prose; each fresh-3 and fresh-4 half includes sentences marked
``form: prose``, reported again on their own line) and per domain:

- recall: of the phrases the authors rated down (or up) in a domain, the share for which the
  engine rates that domain in the same direction; "levels" is the share that also takes the
  authors' number of levels (phrases whose levels the table does not state are left out of it);
- false alarms: of the phrases the authors judged "not serious" in a domain (levels 0), the
  share for which the engine rates that domain anyway;
- false domain: of all phrases, the share for which the engine rates a domain other than the
  phrase's own (or than the other domains the same sentence names, ``also``).

``--misses`` lists the train split's misses phrase by phrase (``--misses-split`` names other
splits to list); fresh-2, fresh-3b and fresh-4b are printed as aggregate figures only, whatever is
asked.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from grade_gold import DOMAINS, assess_one_claim  # noqa: E402

from evidence_claims.rules.assessment import caveat_rule  # noqa: E402

CORPUS = ROOT / "benchmarks" / "grade" / "footnote-corpus.yaml"
BODY = {
    "randomized_trial": ("8 randomized trials", "the treatment improved the outcome"),
    "mixed": ("5 randomized trials and 3 cohort studies", "the treatment improved the outcome"),
    "observational": ("8 cohort studies", "the exposure was associated with the outcome"),
}
SPLITS = ("train", "test", "fresh", "fresh-2", "fresh-3a", "fresh-3b", "fresh-4a", "fresh-4b")
HELD_OUT = ("fresh-2", "fresh-3b", "fresh-4b")
UP = {
    "upgrade.large_effect": "large_effect",
    "upgrade.very_large_effect": "large_effect",
    "upgrade.dose_response": "dose_response",
    "upgrade.plausible_confounding": "plausible_confounding",
}
BIB = """@article{{smith2020,
  author = {{Smith, Jane}},
  title = {{A systematic review}},
  journal = {{Journal of Reviews}},
  year = {{2020}},
  note = {{Systematic review of {body}.}}
}}
"""


def claim_text(design: str, phrase: str) -> str:
    body, finding = BODY.get(design, BODY["randomized_trial"])
    text = f"A systematic review of {body} (Smith 2020) found that {finding}."
    if phrase:
        text += " " + phrase.rstrip(". ") + "."
    return text


def rated(design: str, phrase: str) -> dict[str, int]:
    """Domain -> levels the engine moves (negative down, positive up) for the phrase."""
    text = claim_text(design, phrase)
    body = BODY.get(design, BODY["randomized_trial"])[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "document.txt").write_text(text, "utf-8")
        (folder / "references.bib").write_text(BIB.format(body=body), "utf-8")
        assessment = assess_one_claim(
            folder, text, doc_id="footnote", evidence_type="systematic_review", key="smith2020"
        )
    out: dict[str, int] = defaultdict(int)
    for reason in assessment.reasons:
        if not reason.effect:
            continue
        domain = UP.get(reason.code)
        if domain is None:
            rule = caveat_rule(reason.code)
            domain = rule.domain if rule else ""
        if domain in DOMAINS:
            out[domain] += reason.effect
    return dict(out)


@dataclass
class Scored:
    phrase: str
    review: str
    domain: str
    levels: int | None
    direction: str
    found: dict[str, int]
    also: tuple[str, ...] = ()
    prose: bool = False

    @property
    def expected_sign(self) -> int:
        return 1 if self.direction == "up" else -1

    def hit(self) -> bool:
        """The phrase's domain is rated in the authors' direction."""
        moved = self.found.get(self.domain, 0)
        return moved != 0 and (moved > 0) == (self.expected_sign > 0)

    def levels_right(self) -> bool:
        return self.hit() and abs(self.found[self.domain]) == self.levels

    def other_domain(self) -> bool:
        return any(d != self.domain and d not in self.also for d in self.found)


def score(corpus: dict) -> dict[str, list[Scored]]:
    reviews = {r["id"]: r for r in corpus["reviews"]}
    for design in BODY:
        frame = rated(design, "")
        if frame:
            raise SystemExit(f"the {design} frame alone rates {frame}: fix the frame first")
    by_split: dict[str, list[Scored]] = defaultdict(list)
    for p in corpus["phrases"]:
        review = reviews[p["review"]]
        found = rated(review["design"], p["phrase"])
        by_split[review["split"]].append(
            Scored(
                p["phrase"],
                p["review"],
                p["domain"],
                p["levels"],
                p["direction"],
                found,
                tuple(p.get("also", ())),
                p.get("form") == "prose",
            )
        )
    return by_split


def _share(k: int, n: int) -> str:
    return f"{k / n:4.2f} ({k}/{n})" if n else "   -     "


def report(name: str, rows: list[Scored], reviews: int) -> None:
    print(f"{name}: {len(rows)} phrases from {reviews} reviews")
    print(f"  {'domain':<22} {'recall':>13} {'levels':>13} {'false alarms':>14}")
    pos_all = [r for r in rows if r.levels != 0]
    neg_all = [r for r in rows if r.levels == 0]
    for domain in DOMAINS:
        pos = [r for r in pos_all if r.domain == domain]
        neg = [r for r in neg_all if r.domain == domain]
        if not pos and not neg:
            continue
        stated = [r for r in pos if r.levels is not None]
        print(
            f"  {domain:<22} {_share(sum(r.hit() for r in pos), len(pos)):>13} "
            f"{_share(sum(r.levels_right() for r in stated), len(stated)):>13} "
            f"{_share(sum(r.found.get(r.domain, 0) != 0 for r in neg), len(neg)):>14}"
        )
    stated = [r for r in pos_all if r.levels is not None]
    print(
        f"  {'all':<22} {_share(sum(r.hit() for r in pos_all), len(pos_all)):>13} "
        f"{_share(sum(r.levels_right() for r in stated), len(stated)):>13} "
        f"{_share(sum(r.found.get(r.domain, 0) != 0 for r in neg_all), len(neg_all)):>14}"
    )
    print(f"  false domain (any phrase): {_share(sum(r.other_domain() for r in rows), len(rows))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--misses", action="store_true", help="train-split misses, per phrase")
    parser.add_argument(
        "--misses-split",
        action="append",
        choices=[split for split in SPLITS if split not in HELD_OUT],
        help="list this split's misses too (repeatable); held-out splits are never listed",
    )
    args = parser.parse_args(argv)
    corpus = yaml.safe_load(CORPUS.read_text("utf-8"))
    by_split = score(corpus)
    counts: dict[str, int] = defaultdict(int)
    for review in corpus["reviews"]:
        counts[review["split"]] += 1
    for split in SPLITS:
        rows = by_split.get(split, [])
        report(split, rows, counts[split])
        prose = [r for r in rows if r.prose]
        if prose:
            report(f"{split}, prose sentences", prose, len({r.review for r in prose}))
    listed = (["train"] if args.misses else []) + (args.misses_split or [])
    for name in dict.fromkeys(listed):
        print(f"{name} misses:")
        for r in by_split.get(name, []):
            wrong = (r.levels == 0 and r.found.get(r.domain, 0) != 0) or (
                r.levels != 0 and not r.levels_right() and not (r.levels is None and r.hit())
            )
            if wrong or r.other_domain():
                print(f"  [{r.domain} {r.direction} {r.levels}] {r.phrase!r} -> {r.found or '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
