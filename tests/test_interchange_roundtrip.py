"""import(export(x)) == x on generated claim sets, for Web Annotation and Label Studio.

The synthetic corpus (evidence_claims.testing.synthetic) varies what the bundled sets do not:
many claims per file, cues, relations, sources, every source type. Each set is exported with
the library's writers, serialised to JSON as the commands do, read back with the importers,
and must give the same claim file model.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import evidence_claims as ec
from evidence_claims.io.annotations import read_web_annotation
from evidence_claims.io.imports import validate_records
from evidence_claims.io.label_studio import read_label_studio
from evidence_claims.render.interchange.label_studio import label_studio_tasks
from evidence_claims.render.interchange.web_annotation import web_annotation_collection
from evidence_claims.testing.synthetic import CorpusShape, write_corpus


@pytest.fixture(scope="module")
def claim_sets(tmp_path_factory: pytest.TempPathFactory) -> list[ec.ClaimSet]:
    root = tmp_path_factory.mktemp("corpus")
    files = list(write_corpus(root, CorpusShape(claims=120, per_file=30), seed=7, error_rate=0))
    sets = [ec.load(path) for path in files]
    assert sum(len(s.claims) for s in sets) == 120
    assert any(c.relations for s in sets for c in s.claims)
    assert any(c.hedges or c.boosters for s in sets for c in s.claims)
    return sets


def _through_json(data: object) -> object:
    return json.loads(json.dumps(data, ensure_ascii=False))


def test_web_annotation_round_trip(claim_sets: list[ec.ClaimSet]) -> None:
    for cs in claim_sets:
        data = _through_json(web_annotation_collection(cs, base="https://example.org/c/"))
        imported = read_web_annotation(data, cs.document_text)
        assert imported.problems == []
        model, problems = validate_records(imported.document or {}, imported.claims)
        assert problems == []
        assert model == cs.to_model()


def test_label_studio_round_trip(claim_sets: list[ec.ClaimSet]) -> None:
    for cs in claim_sets:
        tasks = _through_json(label_studio_tasks(cs))
        assert isinstance(tasks, list)
        task = tasks[0]
        task["annotations"] = [{"id": 1, "result": copy.deepcopy(task["predictions"][0]["result"])}]
        imported = read_label_studio(tasks)
        assert imported.problems == []
        model, problems = validate_records(imported.document or {}, imported.claims)
        assert problems == []
        assert model == cs.to_model()


def test_base_uri_sets_where_annotation_ids_start(tmp_path: Path) -> None:
    from .conftest import MINI, run_cli
    from .interchange_helpers import failed_musts

    out = tmp_path / "out"
    result = run_cli(
        "export",
        "-f",
        "web-annotation",
        str(MINI),
        "-o",
        str(out),
        "--base-uri",
        "https://example.org/claims/mini#",
    )
    assert result.exit_code == 0, result.output
    collection = json.loads((out / "mini.jsonld").read_text(encoding="utf-8"))
    items = collection["first"]["items"]
    assert all(i["id"].startswith("https://example.org/claims/mini#") for i in items)
    assert all(failed_musts(i) == [] for i in items)
