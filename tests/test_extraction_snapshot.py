"""The extractor's output on the gold documents and the seed, compared with a recorded snapshot.

A change meant only to make extraction faster must leave this test green. A change to the rules
or lexicons changes the snapshot on purpose: regenerate it with
``.venv/bin/python tests/test_extraction_snapshot.py`` and commit it with the change, so the
diff of ``tests/data/extraction_snapshot.json`` shows every statement whose reading changed.
Only ``benchmarks/gold/`` and the bundled seed are recorded, never the blind set.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "data" / "extraction_snapshot.json"
GOLD = sorted(p for p in (ROOT / "benchmarks" / "gold").iterdir() if (p / "document.txt").is_file())
FOLDERS = [ROOT / "claims" / "kratom-addiction", *GOLD]


def readings(folder: Path) -> list[list[Any]]:
    """(start, end, kind, type, basis, sources, hedges, boosters) of each extracted statement."""
    from evidence_claims.extraction.draft import extract

    text = (folder / "document.txt").read_text("utf-8")
    bib = folder / "references.bib"
    draft = extract(text, doc_id=folder.name, bibliography=bib if bib.exists() else None)
    return [
        [
            c.anchor.start,
            c.anchor.end,
            c.kind,
            c.evidence.type,
            c.evidence.basis,
            list(c.evidence.sources),
            [[h.start, h.end] for h in c.hedges],
            [[b.start, b.end] for b in c.boosters],
        ]
        for c in draft.claims
    ]


def test_extraction_matches_the_recorded_snapshot() -> None:
    recorded = json.loads(SNAPSHOT.read_text("utf-8"))
    assert sorted(recorded) == sorted(f.name for f in FOLDERS)
    for folder in FOLDERS:
        assert readings(folder) == recorded[folder.name], folder.name


def write() -> None:
    data = {folder.name: readings(folder) for folder in FOLDERS}
    lines = ["{"]
    for i, (name, rows) in enumerate(data.items()):
        lines.append(f"  {json.dumps(name)}: [")
        lines += [
            f"    {json.dumps(row)}{',' if j < len(rows) - 1 else ''}" for j, row in enumerate(rows)
        ]
        lines.append("  ]" + ("," if i < len(data) - 1 else ""))
    lines.append("}")
    SNAPSHOT.write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    write()
