"""Validation and assessment output compared with a recorded snapshot.

Work meant only to make validation faster (locating, detectors, gathering) must leave every
finding, position and assessment as it was. The snapshot records, field by field:

* ``validate`` of the bundled set, the mini set, every annotated gold set (``benchmarks/gold``
  and ``benchmarks/gold-blind``) and every broken fixture of ``tests/data/bad`` (YAML and the
  exact JSON reader);
* ``validate`` of a synthetic corpus (the JSON fast path, with a high share of mistakes so that
  many findings are located), one of its files written on a single line;
* the assessment engine alone on "stress" sets: every claim text of the real sets under every
  source type, with and without its sources, as a claim and as a recommendation, so that every
  detector runs on every text (recorded as one digest per set, as the records are many).

A change to the rules changes the snapshot on purpose: regenerate it with
``.venv/bin/python tests/test_validation_snapshot.py`` and commit it with the change, so that
the diff of ``tests/data/validation_snapshot.json`` shows what moved.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "data" / "validation_snapshot.json"
BAD = ROOT / "tests" / "data" / "bad"


def _sets() -> list[Path]:
    gold = [
        p
        for base in ("gold", "gold-blind")
        for p in sorted((ROOT / "benchmarks" / base).iterdir())
        if (p / "claims.yaml").is_file()
    ]
    return [ROOT / "claims" / "kratom-addiction", ROOT / "tests" / "data" / "mini", *gold]


@contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def _portable(text: str | None) -> str | None:
    """The text with the repository's absolute path replaced, so clones anywhere agree."""
    return None if text is None else text.replace(str(ROOT), "<repo>")


def _report(report: Any) -> dict[str, Any]:
    return {
        "files": list(report.files),
        "claims": report.claims,
        "findings": [
            [
                f.code,
                f.severity,
                _portable(f.message),
                _portable(f.file),
                f.line,
                f.column,
                f.claim_id,
                f.path,
            ]
            for f in report.findings
        ],
        "assessments": [
            [
                a.claim_id,
                a.certainty,
                a.start,
                a.stated,
                [[r.code, r.effect, r.note, r.origin] for r in a.reasons],
                a.wording,
                a.note,
                _portable(a.file),
                a.line,
            ]
            for a in report.assessments
        ],
    }


def _validated() -> dict[str, Any]:
    from evidence_claims.pipeline.validation import validate

    out: dict[str, Any] = {}
    with _cwd(ROOT):
        for folder in _sets():
            out[str(folder.relative_to(ROOT))] = _report(validate(folder, jobs=1))
        for path in sorted(BAD.iterdir()):
            if ".claims." in path.name:
                out[str(path.relative_to(ROOT))] = _report(validate(path, jobs=1))
    return out


def _synthetic(tmp: Path) -> dict[str, Any]:
    from evidence_claims.pipeline.validation import validate
    from evidence_claims.testing.synthetic import CorpusShape, write_corpus

    files = list(write_corpus(tmp / "corpus", CorpusShape(1200, 400), seed=7, error_rate=0.05))
    # one file on a single line: claims found by key search in a text without line breaks
    data = json.loads(files[1].read_text("utf-8"))
    files[1].write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with _cwd(tmp):
        return _report(validate(Path("corpus"), jobs=1))


def _stress_sets() -> Iterator[tuple[str, Any]]:
    """Every claim text of the real sets under every source type, kind and citation."""
    from evidence_claims.io.claimset import ClaimSet
    from evidence_claims.model.taxonomy import source_types
    from evidence_claims.pipeline.validation import load

    types = sorted(source_types())
    with _cwd(ROOT):
        for folder in _sets():
            try:
                cs = load(folder)
            except Exception:  # a set that does not load is covered by _validated
                continue
            claims = []
            for claim in cs.claims:
                for type_name in types:
                    for kind in ("claim", "recommendation"):
                        for cited in (True, False):
                            evidence = claim.evidence.model_copy(
                                update={
                                    "type": type_name,
                                    "sources": list(claim.evidence.sources) if cited else [],
                                }
                            )
                            claims.append(
                                claim.model_copy(
                                    update={
                                        "id": f"{claim.id}~{type_name}~{kind}~{int(cited)}",
                                        "kind": kind,
                                        "evidence": evidence,
                                    }
                                )
                            )
            yield (
                str(folder.relative_to(ROOT)),
                ClaimSet(
                    document=cs.document,
                    claims=claims,
                    path=cs.path,
                    document_text=cs.document_text,
                    bibliography=cs.bibliography,
                    claim_indexes=list(range(len(claims))),
                ),
            )


def _stressed() -> dict[str, Any]:
    from evidence_claims.assessment import assess_claim_set
    from evidence_claims.model.report import Report

    out = {}
    for name, cs in _stress_sets():
        result = assess_claim_set(cs)
        record = _report(Report(result.findings, [], len(cs.claims), result.assessments))
        text = json.dumps(record, ensure_ascii=False, sort_keys=True)
        codes = Counter(f.code for f in result.findings)
        grades = Counter(a.certainty for a in result.assessments)
        out[name] = {
            "claims": len(cs.claims),
            "codes": dict(sorted(codes.items())),
            "certainties": dict(sorted(grades.items())),
            "sha256": hashlib.sha256(text.encode()).hexdigest(),
        }
    return out


def current(tmp: Path) -> dict[str, Any]:
    return {"validated": _validated(), "synthetic": _synthetic(tmp), "stressed": _stressed()}


def test_validation_matches_the_recorded_snapshot(tmp_path: Path) -> None:
    recorded = json.loads(SNAPSHOT.read_text("utf-8"))
    now = json.loads(json.dumps(current(tmp_path), ensure_ascii=False))
    assert sorted(now["validated"]) == sorted(recorded["validated"])
    for name, report in recorded["validated"].items():
        assert now["validated"][name] == report, name
    assert now["synthetic"] == recorded["synthetic"]
    assert now["stressed"] == recorded["stressed"]


def write() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        data = current(Path(tmp))
    SNAPSHOT.write_text(_dumps(data) + "\n", "utf-8")


def _dumps(value: Any, depth: int = 0) -> str:
    """JSON with one finding or assessment per line, so that a diff shows each change."""
    if depth < 3 and isinstance(value, dict) and value:
        pad = " " * (depth + 1)
        items = [f"{pad}{json.dumps(k)}: {_dumps(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    if depth < 4 and isinstance(value, list) and value and isinstance(value[0], list):
        pad = " " * (depth + 1)
        items = [pad + json.dumps(v, ensure_ascii=False) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * depth + "]"
    return json.dumps(value, ensure_ascii=False)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    write()
