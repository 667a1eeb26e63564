"""How often a judgement that a GRADE domain is NOT serious still moves the grade.

Run: python benchmarks/grade_not_serious.py

Every term of ``src/evidence_claims/data/grade_domain_terms.yaml`` (the words GRADE guidelines
4-9 and the Cochrane Handbook use to name a domain) is set in not-serious judgements: GRADE's
own words for every term ("<term>: not serious", "no serious <term>", "<term> was not
downgraded") and the not-serious word of its class ("<problem> was low", "<safeguard> was
adequate", "the <quantity> was large", "the <interval> was narrow", "the <results> were
consistent", "the <population, intervention...> was similar", "the trials were well <designed,
reported...>", "the assessors were unaware of the <allocation>", "the trials enrolled <group>
and others", "the cohorts were adequately <adjusted for> age", "a <protocol> was available for every
trial"). Each phrase is added to the
claim frame of ``grade_footnotes.py`` (a review of 8 randomized trials; the frame alone moves
nothing), and the script prints, per domain, the share of phrases for which the engine rates
any domain anyway (false alarms). The data file is read as YAML, so the script runs against
any version of the engine (e.g. one without the compositional reader, for a before figure).

It measures the engine against its own vocabulary, not against review authors: a low figure
says the engine reads a not-serious judgement as one, not that it finds every concern.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from grade_footnotes import rated  # noqa: E402

TERMS = ROOT / "src" / "evidence_claims" / "data" / "grade_domain_terms.yaml"
ALL = ("{t}: not serious", "no serious {t}", "{t} was not downgraded")
BY_CLASS = {
    "problem": ("{t} was low",),
    "safeguard": ("{t} was adequate",),
    "quantity": ("the {t} was large",),
    "interval": ("the {t} was narrow",),
    "results": ("the {t} were consistent",),
    "pico": ("the {t} was similar",),
    "conduct": ("the trials were well {t}",),
    "allocation": ("the assessors were unaware of the {t}",),
    "group": ("the trials enrolled {t} and others",),
    "adjustment": ("the cohorts were adequately {t} age",),
    "registration": ("a {t} was available for every trial",),
}


def phrases() -> list[tuple[str, str]]:
    """(domain, phrase) of every not-serious judgement of every term."""
    spec = yaml.safe_load(TERMS.read_text("utf-8"))
    out = []
    for domain, classes in spec["terms"].items():
        if domain == "none":
            continue
        for cls, terms in classes.items():
            if cls not in BY_CLASS:
                continue
            for term in terms:
                for form in (*ALL, *BY_CLASS[cls]):
                    out.append((domain, form.format(t=term)))
    return out


def main() -> int:
    moved: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for domain, phrase in phrases():
        found = rated("randomized_trial", phrase)
        row = moved[domain]
        row[0] += any(v != 0 for v in found.values())
        row[1] += 1
    print("not-serious judgements that still move the grade (frame: 8 randomized trials)")
    total = [0, 0]
    for domain, (k, n) in moved.items():
        print(f"  {domain:<18} {k / n:5.2f} ({k}/{n})")
        total[0] += k
        total[1] += n
    print(f"  {'all':<18} {total[0] / total[1]:5.2f} ({total[0]}/{total[1]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
