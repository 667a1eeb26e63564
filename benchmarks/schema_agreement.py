"""Schema and models agree: 10,000+ claim files near the boundary of validity, judged by both.

Each input is a valid claim file (the mini set, or the first claims of the kratom set) with 1-3
mutations (tests/fuzz/mutate.py): wrong types, boundary numbers (0, -1, 1.0, 2.5, huge),
empty and over-long strings, pattern edge cases, missing and extra keys, nulls. The committed
JSON Schema (jsonschema Draft 2020-12, offline registry) and the pydantic models
(``ClaimFile.model_validate(data, strict=True)``) must accept and reject exactly the same ones.

Run: .venv/bin/python benchmarks/schema_agreement.py [--count 10000] [--seed 1] [--workers 2]
Prints inputs, accepted, rejected, disagreements (each with its seed and both verdicts), and
seconds. Exit status 1 when any input is judged differently.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for entry in (ROOT, ROOT / "src"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from pydantic import ValidationError  # noqa: E402
from tests.fuzz.mutate import mutate_data  # noqa: E402

from evidence_claims.io.claim_file import parse_claim_file  # noqa: E402
from evidence_claims.model.records import ClaimFile  # noqa: E402
from evidence_claims.model.schema_validator import claim_file_validator  # noqa: E402

_STATE: dict[str, Any] = {}


def _setup() -> None:
    schema = json.loads((ROOT / "schemas" / "claim-file.schema.json").read_text("utf-8"))
    mini = parse_claim_file(ROOT / "tests" / "data" / "mini" / "claims.yaml").data
    kratom = parse_claim_file(ROOT / "claims" / "kratom-addiction" / "claims.yaml").data
    kratom["claims"] = kratom["claims"][:8]
    _STATE["validator"] = claim_file_validator(schema)
    _STATE["seeds"] = [mini, kratom]


def _judge(case: int) -> tuple[int, bool, bool]:
    if not _STATE:
        _setup()
    rng = random.Random(case)
    data = mutate_data(rng.choice(_STATE["seeds"]), rng)
    schema_says = bool(_STATE["validator"].is_valid(data))
    try:
        ClaimFile.model_validate(data, strict=True)
        model_says = True
    except ValidationError:
        model_says = False
    return case, schema_says, model_says


def run(count: int, seed: int = 1, workers: int = 1) -> dict[str, Any]:
    """Judge ``count`` mutants (case numbers seed*10**9 + i); return the tallies."""
    cases = range(seed * 10**9, seed * 10**9 + count)
    started = time.perf_counter()
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_setup) as pool:
            verdicts = list(pool.imap_unordered(_judge, cases, chunksize=200))
    else:
        verdicts = [_judge(case) for case in cases]
    seconds = time.perf_counter() - started
    disagreements = [(c, s, m) for c, s, m in verdicts if s != m]
    accepted = sum(1 for _c, s, m in verdicts if s and m)
    return {
        "inputs": len(verdicts),
        "accepted": accepted,
        "rejected": len(verdicts) - accepted - len(disagreements),
        "disagreements": len(disagreements),
        "examples": disagreements[:10],
        "seconds": seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    result = run(args.count, args.seed, args.workers)
    print(f"inputs          {result['inputs']:>8,}")
    print(f"accepted (both) {result['accepted']:>8,}")
    print(f"rejected (both) {result['rejected']:>8,}")
    print(f"disagreements   {result['disagreements']:>8,}")
    for case, schema_says, model_says in result["examples"]:
        print(f"  case {case}: schema {schema_says}, models {model_says}")
    print(f"seconds         {result['seconds']:>8.1f}  ({args.workers} worker(s))")
    return 1 if result["disagreements"] else 0


if __name__ == "__main__":
    sys.exit(main())
