"""Durability of saves: SIGKILL at random moments, and editors racing on one version.

1. Kill test: writer processes save two versions of a sizeable claim file in turn
   (``storage.save_claim_file``: lock, hash compare, temp file, fsync, rename) and each is
   killed with SIGKILL after a random delay of up to 2.5 median saves. After every kill the file
   must be exactly the old or the new bytes.
2. Race: two processes that loaded the same version save different edits at the same moment,
   many times; exactly one must win and the other get ConflictError, every time.

Run: .venv/bin/python benchmarks/durability.py [--kills 10000] [--size-mb 2] [--races 200]
Prints: kills, corrupt files (must be 0), saves completed, saves cut mid-write, how often each
version survived, the median save time; then races, wins, conflicts, lost updates (must be 0).
POSIX only (fork and SIGKILL). Exit status 1 on any corrupt file or lost update.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for entry in (ROOT, ROOT / "src"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from tests.test_storage import _race, kill_during_saves, median_save_seconds  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=10_000)
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--races", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    source = (ROOT / "claims" / "kratom-addiction" / "claims.yaml").read_bytes()
    size = int(args.size_mb * 1_000_000)
    old = source * (size // len(source) + 1)
    new = old.replace(b"certainty: very_low", b"certainty: low")
    failed = False
    with tempfile.TemporaryDirectory(prefix="evidence-claims-durability-") as scratch:
        path = Path(scratch) / "claims.yaml"
        median = median_save_seconds(path, old, new, saves=21)
        started = time.perf_counter()
        counts = kill_during_saves(path, old, new, args.kills, 2.5 * median, seed=args.seed)
        seconds = time.perf_counter() - started
        print(f"file size          {len(old) / 1e6:10.2f} MB")
        print(f"median save        {median * 1000:10.1f} ms")
        print(f"kills (SIGKILL)    {counts['kills']:10,}")
        print(f"corrupt or partial {counts['corrupt']:10,}")
        print(f"saves completed    {counts['saved']:10,}")
        print(f"saves cut mid-way  {counts['interrupted']:10,}")
        print(f"left old / new     {counts['old']:>5,} / {counts['new']:,}")
        print(f"kill test time     {seconds:10.1f} s")
        failed |= counts["corrupt"] > 0

        started = time.perf_counter()
        outcomes = _race(Path(scratch) / "race.claims.yaml", args.races)
        seconds = time.perf_counter() - started
        states = [sorted(state for state, _mine in got) for got in outcomes]
        good = sum(1 for s in states if s == ["conflict", "won"])
        lost = sum(1 for s in states if s == ["won", "won"])
        print(f"races              {len(outcomes):10,}")
        print(f"one wins, one gets ConflictError {good:,}")
        print(f"lost updates (both won)          {lost:,}")
        print(f"other outcomes                   {len(outcomes) - good - lost:,}")
        print(f"race time          {seconds:10.1f} s")
        failed |= good != len(outcomes)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
