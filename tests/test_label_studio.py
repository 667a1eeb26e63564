"""Label Studio: claims as predictions, a labelling config, and the curator's round trip.

Label Studio counts text offsets in UTF-16 code units; the tasks say so and the exporter and
importer convert. Result ids are the claim ids, which Label Studio keeps from prediction to
annotation, so an import keeps every claim id and reports what the curator changed; without
edits, the claim file stays byte-identical.
"""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import evidence_claims as ec

from .conftest import KRATOM, run_cli
from .interchange_helpers import ASTRAL, copy_set, utf16_offset, utf16_slice


def _export(claims: Path, out: Path) -> tuple[list[dict[str, Any]], ET.Element]:
    result = run_cli("export", "--format", "label-studio", str(claims), "-o", str(out))
    assert result.exit_code == 0, result.output
    tasks_files = sorted(out.glob("*.json"))
    configs = sorted(out.glob("*.xml"))
    assert len(tasks_files) == 1 and len(configs) == 1, (tasks_files, configs)
    tasks = json.loads(tasks_files[0].read_text(encoding="utf-8"))
    return tasks, ET.fromstring(configs[0].read_text(encoding="utf-8"))


def _controls(config: ET.Element) -> dict[str, ET.Element]:
    return {el.get("name"): el for el in config.iter() if el.get("name")}


def _regions(task: dict[str, Any], key: str = "predictions") -> dict[str, list[dict[str, Any]]]:
    regions: dict[str, list[dict[str, Any]]] = {}
    for result in task[key][0]["result"]:
        if result["type"] != "relation":
            regions.setdefault(result["id"], []).append(result)
    return regions


def _as_annotated(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What Label Studio's JSON export gives after a curator submits the predictions as is."""
    done = copy.deepcopy(tasks)
    for n, task in enumerate(done, start=1):
        task["id"] = n
        task["annotations"] = [
            {
                "id": 100 + n,
                "completed_by": 1,
                "was_cancelled": False,
                "result": copy.deepcopy(task["predictions"][0]["result"]),
            }
        ]
    return done


def test_config_declares_every_control_the_predictions_use(tmp_path: Path) -> None:
    tasks, config = _export(KRATOM / "claims.yaml", tmp_path / "out")
    assert config.tag == "View"
    controls = _controls(config)
    text = controls["text"]
    assert text.tag == "Text" and text.get("value") == "$text"
    assert controls["kind"].tag == "Labels"
    assert {el.get("value") for el in controls["kind"]} == {
        "claim",
        "recommendation",
        "question",
        "meta",
    }
    assert controls["source_type"].tag == "Labels"
    assert controls["certainty"].tag == "Choices"
    assert controls["certainty"].get("perRegion") == "true"
    relations = [el for el in config.iter() if el.tag == "Relations"]
    assert len(relations) == 1
    assert {el.get("value") for el in relations[0]} == {"supports", "challenges", "qualifies"}
    for task in tasks:
        for result in task["predictions"][0]["result"]:
            if result["type"] == "relation":
                assert set(result["labels"]) <= {"supports", "challenges", "qualifies"}
                continue
            control = controls[result["from_name"]]
            assert result["to_name"] == "text"
            values = {el.get("value") for el in control}
            if result["type"] == "labels":
                assert set(result["value"]["labels"]) <= values, result
            if result["type"] == "choices":
                assert control.get("perRegion") == "true"
                assert set(result["value"]["choices"]) <= values, result


def test_tasks_hold_every_claim_as_a_prediction_with_relations(tmp_path: Path) -> None:
    tasks, _ = _export(KRATOM / "claims.yaml", tmp_path / "out")
    cs = ec.load(KRATOM / "claims.yaml")
    assert len(tasks) == 1
    task = tasks[0]
    regions = _regions(task)
    assert set(cs.ids()) <= set(regions)
    for claim in cs.claims:
        by_control = {r["from_name"]: r for r in regions[claim.id]}
        assert by_control["kind"]["value"]["labels"] == [claim.kind]
        assert by_control["source_type"]["value"]["labels"] == [claim.evidence.type]
        if claim.certainty:
            assert by_control["certainty"]["value"]["choices"] == [claim.certainty]
    relations = {
        (r["from_id"], r["labels"][0], r["to_id"])
        for r in task["predictions"][0]["result"]
        if r["type"] == "relation"
    }
    assert relations == {(c.id, r.type, r.target) for c in cs.claims for r in c.relations}


def test_offsets_are_utf16_code_units_and_declared(tmp_path: Path) -> None:
    tasks, _ = _export(ASTRAL / "claims.yaml", tmp_path / "out")
    text = (ASTRAL / "document.txt").read_bytes().decode("utf-8")
    task = tasks[0]
    assert task["data"]["text"] == text
    assert task["data"]["offset_unit"] == "utf-16"
    cs = ec.load(ASTRAL / "claims.yaml")
    for claim in cs.claims:
        for region in _regions(task)[claim.id]:
            value = region["value"]
            if region["type"] == "textarea":  # per-region text: value.text is its lines
                continue
            assert value["start"] == utf16_offset(text, claim.anchor.start)
            assert value["end"] == utf16_offset(text, claim.anchor.end)
            assert utf16_slice(text, value["start"], value["end"]) == value["text"] == claim.text


def _import(annotated: list[dict[str, Any]], tmp_path: Path, claims: Path) -> Any:
    export = tmp_path / "label-studio-export.json"
    export.write_text(json.dumps(annotated), encoding="utf-8")
    return run_cli("import", "--from", "label-studio", str(export), "-o", str(claims))


@pytest.mark.parametrize("source", [KRATOM, ASTRAL], ids=["kratom", "astral"])
def test_round_trip_without_edits_is_byte_identical(source: Path, tmp_path: Path) -> None:
    claims = copy_set(source, tmp_path / "set")
    before = claims.read_bytes()
    tasks, _ = _export(claims, tmp_path / "out")
    result = _import(_as_annotated(tasks), tmp_path, claims)
    assert result.exit_code == 0, result.output
    assert "no change" in result.output
    assert claims.read_bytes() == before


def test_import_into_a_new_file_gives_the_same_claims(tmp_path: Path) -> None:
    tasks, _ = _export(ASTRAL / "claims.yaml", tmp_path / "out")
    folder = tmp_path / "new"
    folder.mkdir()
    (tmp_path / ".evidence-claims-root").write_text("")
    for name in ("document.txt", "references.bib"):
        (folder / name).write_bytes((ASTRAL / name).read_bytes())
    result = _import(_as_annotated(tasks), tmp_path, folder / "claims.yaml")
    assert result.exit_code == 0, result.output
    back = ec.load(folder / "claims.yaml")
    assert back.to_model() == ec.load(ASTRAL / "claims.yaml").to_model()


def test_curator_edits_are_applied_reported_and_ids_kept(tmp_path: Path) -> None:
    claims = copy_set(ASTRAL, tmp_path / "set")
    tasks, _ = _export(claims, tmp_path / "out")
    annotated = _as_annotated(tasks)
    result_list = annotated[0]["annotations"][0]["result"]
    text = annotated[0]["data"]["text"]
    for r in result_list:
        if r.get("id") == "astral-003" and r.get("from_name") == "certainty":
            r["value"]["choices"] = ["very_low"]
        if r.get("id") == "astral-004" and r.get("from_name") == "kind":
            r["value"]["labels"] = ["claim"]
    # the curator drops the 'supports' relation and marks a new span
    result_list[:] = [
        r for r in result_list if r.get("type") != "relation" or r["from_id"] != "astral-003"
    ]
    start = text.index("the 𝛽 value")
    end = start + len("the 𝛽 value is not reported")
    s16, e16 = utf16_offset(text, start), utf16_offset(text, end)
    result_list.append(
        {
            "id": "Xy9_aB",
            "from_name": "kind",
            "to_name": "text",
            "type": "labels",
            "origin": "manual",
            "value": {"start": s16, "end": e16, "text": text[start:end], "labels": ["meta"]},
        }
    )
    result = _import(annotated, tmp_path, claims)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "astral-003" in out and "certainty" in out
    assert "astral-004" in out and "kind" in out
    assert "relations" in out
    assert "added" in out
    back = ec.load(claims)
    ids = back.ids()
    assert {"astral-001", "astral-002", "astral-003", "astral-004"} <= set(ids)
    assert back["astral-003"].certainty == "very_low"
    assert back["astral-003"].relations == []
    assert back["astral-004"].kind == "claim"
    new = [
        c
        for c in back.claims
        if c.id not in {"astral-001", "astral-002", "astral-003", "astral-004"}
    ]
    assert len(new) == 1
    assert new[0].text == "the 𝛽 value is not reported"
    assert (new[0].anchor.start, new[0].anchor.end) == (start, end)
    assert new[0].kind == "meta"
    # untouched claims keep every field, including what Label Studio does not show
    original = ec.load(ASTRAL / "claims.yaml")
    assert back["astral-001"] == original["astral-001"]
    assert back["astral-002"] == original["astral-002"]


def test_import_of_a_region_that_does_not_match_the_text_is_a_finding(tmp_path: Path) -> None:
    claims = copy_set(ASTRAL, tmp_path / "set")
    tasks, _ = _export(claims, tmp_path / "out")
    annotated = _as_annotated(tasks)
    for r in annotated[0]["annotations"][0]["result"]:
        if r.get("id") == "astral-002" and r["type"] != "relation":
            r["value"]["start"] += 1  # off by one: value.text no longer matches
    before = claims.read_bytes()
    result = _import(annotated, tmp_path, claims)
    assert result.exit_code == 1, result.output
    assert "astral-002" in result.output
    assert claims.read_bytes() == before


def test_a_relation_from_a_new_region_points_from_its_new_claim(tmp_path: Path) -> None:
    claims = copy_set(ASTRAL, tmp_path / "set")
    tasks, _ = _export(claims, tmp_path / "out")
    annotated = _as_annotated(tasks)
    results = annotated[0]["annotations"][0]["result"]
    text = annotated[0]["data"]["text"]
    start = text.index("the 𝛽 value")
    end = start + len("the 𝛽 value is not reported")
    value = {"start": utf16_offset(text, start), "end": utf16_offset(text, end)}
    results.append(
        {
            "id": "n3w",
            "from_name": "kind",
            "to_name": "text",
            "type": "labels",
            "value": {**value, "text": text[start:end], "labels": ["meta"]},
        }
    )
    results.append(
        {"type": "relation", "from_id": "n3w", "to_id": "astral-002", "labels": ["qualifies"]}
    )
    result = _import(annotated, tmp_path, claims)
    assert result.exit_code == 0, result.output
    back = ec.load(claims)
    new = [c for c in back.claims if c.text == "the 𝛽 value is not reported"]
    assert len(new) == 1
    assert [(r.type, r.target) for r in new[0].relations] == [("qualifies", "astral-002")]


def test_an_unreadable_export_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    claims = copy_set(ASTRAL, tmp_path / "set")
    before = claims.read_bytes()
    export = tmp_path / "broken.json"
    export.write_text("[{", encoding="utf-8")
    result = run_cli("import", "--from", "label-studio", str(export), "-o", str(claims))
    assert result.exit_code == 1, result.output
    assert "not JSON" in result.output
    assert claims.read_bytes() == before
    export.write_text(json.dumps([{"data": {}}, {"data": {}}]), encoding="utf-8")
    result = run_cli("import", "--from", "label-studio", str(export), "-o", str(claims))
    assert result.exit_code == 1, result.output
    assert "one task" in result.output


def test_an_export_of_another_document_is_refused(tmp_path: Path) -> None:
    tasks, _ = _export(KRATOM / "claims.yaml", tmp_path / "out")
    claims = copy_set(ASTRAL, tmp_path / "set")
    before = claims.read_bytes()
    result = _import(_as_annotated(tasks), tmp_path, claims)
    assert result.exit_code == 1, result.output
    assert "kratom-addiction" in result.output and "astral" in result.output
    assert claims.read_bytes() == before
