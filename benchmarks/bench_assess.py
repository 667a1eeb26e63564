"""How fast the evidence assessment runs: claims per second, median of repeated runs.

The corpus is the bundled kratom set repeated (ids and relation targets renamed per copy), so
every claim carries realistic text, cues, caveats, relations and citations. Prints the median
time and rate of `assess_claim_set` alone, and of `validate` on the bundled set as the CLI runs
it, then the same assessment with the learned calibration (``certainty="learned"``) and its
cost per claim. Usage: python benchmarks/bench_assess.py [--copies 250] [--repeat 5]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from timing import median_seconds

import evidence_claims as ec
from evidence_claims.assessment import assess_claim_set
from evidence_claims.io.claimset import ClaimSet

ROOT = Path(__file__).resolve().parents[1]
KRATOM = ROOT / "claims" / "kratom-addiction"


def repeated(cs: ClaimSet, copies: int) -> ClaimSet:
    claims = []
    for n in range(copies):
        for claim in cs.claims:
            relations = [
                r.model_copy(update={"target": f"{r.target}-{n}"}) for r in claim.relations
            ]
            claims.append(
                claim.model_copy(update={"id": f"{claim.id}-{n}", "relations": relations})
            )
    return ClaimSet(
        document=cs.document,
        claims=claims,
        document_text=cs.document_text,
        bibliography=cs.bibliography,
        claim_indexes=list(range(len(claims))),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=250)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    base = ec.load(KRATOM)
    big = repeated(base, args.copies)
    n = len(big.claims)
    seconds = median_seconds(lambda: assess_claim_set(big), args.repeat)
    print(f"assess_claim_set: {n} claims, median {seconds:.3f} s, {n / seconds:,.0f} claims/s")
    learned = median_seconds(lambda: assess_claim_set(big, "learned"), args.repeat)
    print(
        f"assess_claim_set, certainty learned: median {learned:.3f} s, {n / learned:,.0f} "
        f"claims/s, {(learned - seconds) / n * 1e6:+.1f} µs per claim"
    )
    seconds = median_seconds(lambda: ec.validate(KRATOM), args.repeat)
    print(
        f"validate (load + checks + assessment) on the bundled set: {len(base.claims)} claims, "
        f"median {seconds * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
