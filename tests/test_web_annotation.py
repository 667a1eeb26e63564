"""W3C Web Annotation export and import, checked against the W3C test suite's schemas offline.

Every exported Annotation must pass every MUST assertion of the Web Annotation test suite
(tests/data/vendor/web-annotation-tests, draft-04 JSON Schemas), use only terms the anno.jsonld
context defines (or the declared ``ec:`` extension prefix), and count TextPositionSelector
offsets in code points. Importing the export gives back the same claim file; importing
Hypothesis API annotations converts their UTF-16 offsets to code points.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import evidence_claims as ec

from .conftest import KRATOM, MINI, run_cli
from .interchange_helpers import (
    ANNO_CONTEXT,
    ANNO_CONTEXT_URL,
    ANNOTATION_TESTS,
    ASTRAL,
    anno_terms,
    copy_set,
    failed_musts,
    utf16_offset,
)

JSONLD_KEYWORDS = {"@context", "@id", "@type", "@value", "@language", "@list", "@graph"}


def _export(claims: Path, out: Path, *extra: str) -> dict[str, Any]:
    result = run_cli("export", "--format", "web-annotation", str(claims), "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.jsonld"))
    assert len(files) == 1, files
    return json.loads(files[0].read_text(encoding="utf-8"))


def _items(collection: dict[str, Any]) -> list[dict[str, Any]]:
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items)
    return items


def _claim_annotations(collection: dict[str, Any], cs: ec.ClaimSet) -> dict[str, dict[str, Any]]:
    by_claim = {}
    for item in _items(collection):
        if item.get("motivation") == "linking":
            continue
        matches = [c.id for c in cs.claims if item["id"].endswith(c.id)]
        assert len(matches) >= 1, item["id"]
        by_claim[max(matches, key=len)] = item
    return by_claim


def _selectors(annotation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    target = annotation["target"]
    return {s["type"]: s for s in target["selector"]}


def _tags(annotation: dict[str, Any]) -> set[str]:
    return {
        b["value"]
        for b in annotation.get("body", [])
        if isinstance(b, dict) and b.get("purpose") == "tagging" and "value" in b
    }


# --- the harness itself must accept and reject what the suite says ---------------------


def test_schema_harness_accepts_the_suites_correct_samples() -> None:
    samples = sorted((ANNOTATION_TESTS / "samples" / "correct").glob("*.json"))
    assert len(samples) > 30
    for path in samples:
        assert failed_musts(json.loads(path.read_text(encoding="utf-8"))) == [], path.name


def test_schema_harness_rejects_the_suites_incorrect_samples() -> None:
    samples = sorted((ANNOTATION_TESTS / "samples" / "incorrect").glob("*.json"))
    assert len(samples) > 15
    for path in samples:
        assert failed_musts(json.loads(path.read_text(encoding="utf-8"))), path.name


# --- export -----------------------------------------------------------------------------


@pytest.mark.parametrize("source", [KRATOM, MINI, ASTRAL], ids=["kratom", "mini", "astral"])
def test_every_exported_annotation_passes_the_suites_musts(source: Path, tmp_path: Path) -> None:
    collection = _export(source / "claims.yaml", tmp_path / "out")
    cs = ec.load(source / "claims.yaml")
    items = _items(collection)
    relations = sum(len(c.relations) for c in cs.claims)
    assert len(items) == len(cs.claims) + relations
    for item in items:
        assert failed_musts(item) == [], (item["id"], failed_musts(item))
    assert set(_claim_annotations(collection, cs)) == set(cs.ids())


def test_annotations_carry_the_claim_in_bodies_the_model_allows(tmp_path: Path) -> None:
    cs = ec.load(KRATOM / "claims.yaml")
    by_claim = _claim_annotations(_export(KRATOM / "claims.yaml", tmp_path / "out"), cs)
    allowed = {"identifying", "tagging", "describing", "assessing", "commenting"}
    for claim in cs.claims:
        annotation = by_claim[claim.id]
        bodies = annotation["body"]
        assert {b["purpose"] for b in bodies} <= allowed
        tags = _tags(annotation)
        assert f"kind:{claim.kind}" in tags
        assert f"source-type:{claim.evidence.type}" in tags
        assert {f"source:{key}" for key in claim.evidence.sources} <= tags
        assessing = [b["value"] for b in bodies if b["purpose"] == "assessing"]
        if claim.certainty:
            assert f"certainty:{claim.certainty}" in assessing
        for caveat in claim.caveats:
            assert any(v.startswith(caveat.code) for v in assessing), caveat.code
        cues = [b for b in bodies if b.get("type") == "SpecificResource"]
        assert len(cues) == len(claim.hedges) + len(claim.boosters)


def test_relations_are_linking_annotations_between_claim_annotations(tmp_path: Path) -> None:
    cs = ec.load(KRATOM / "claims.yaml")
    collection = _export(KRATOM / "claims.yaml", tmp_path / "out")
    by_claim = _claim_annotations(collection, cs)
    links = [i for i in _items(collection) if i.get("motivation") == "linking"]
    expected = {
        (by_claim[c.id]["id"], r.type, by_claim[r.target]["id"])
        for c in cs.claims
        for r in c.relations
    }
    found = set()
    for link in links:
        bodies = link["body"]
        targets = [b for b in bodies if isinstance(b, str)]
        kinds = [b["value"] for b in bodies if isinstance(b, dict)]
        assert len(targets) == 1 and len(kinds) == 1
        found.add((link["target"], kinds[0], targets[0]))
    assert found == expected


def test_selectors_count_code_points_on_astral_text_and_crlf(tmp_path: Path) -> None:
    cs = ec.load(ASTRAL / "claims.yaml")
    text = (ASTRAL / "document.txt").read_bytes().decode("utf-8")
    assert "\r\n" in text and "😊" in text and "𝛽" in text
    by_claim = _claim_annotations(_export(ASTRAL / "claims.yaml", tmp_path / "out"), cs)
    shifted = 0
    for claim in cs.claims:
        selectors = _selectors(by_claim[claim.id])
        position, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
        assert (position["start"], position["end"]) == (claim.anchor.start, claim.anchor.end)
        assert text[position["start"] : position["end"]] == quote["exact"] == claim.text
        assert quote.get("prefix", "") == claim.anchor.prefix
        assert quote.get("suffix", "") == claim.anchor.suffix
        shifted += utf16_offset(text, claim.anchor.start) != claim.anchor.start
    assert shifted >= 2  # the test would not see a UTF-16 mistake otherwise


def test_only_terms_of_the_anno_context_or_the_declared_extension(tmp_path: Path) -> None:
    collection = _export(KRATOM / "claims.yaml", tmp_path / "out")
    context = collection["@context"]
    contexts = context if isinstance(context, list) else [context]
    assert ANNO_CONTEXT_URL in contexts
    declared = {k for c in contexts if isinstance(c, dict) for k in c}
    terms = anno_terms()

    def walk(node: Any, path: str) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{path}/{i}")
        elif isinstance(node, dict):
            for key, value in node.items():
                prefix = key.split(":", 1)[0] if ":" in key else None
                ok = key in JSONLD_KEYWORDS or key in terms or prefix in declared
                assert ok, f"{path}/{key} is not defined by anno.jsonld"
                if key != "@context":
                    walk(value, f"{path}/{key}")

    walk(collection, "")


def test_export_is_linked_data_with_the_vendored_context(tmp_path: Path) -> None:
    rdflib = pytest.importorskip("rdflib")
    collection = _export(MINI / "claims.yaml", tmp_path / "out")
    local = json.loads(ANNO_CONTEXT.read_text(encoding="utf-8"))["@context"]

    def offline(node: Any) -> Any:  # the remote context replaced by the vendored copy
        if isinstance(node, list):
            return [offline(n) for n in node]
        if isinstance(node, dict):
            return {k: (local if v == ANNO_CONTEXT_URL else offline(v)) for k, v in node.items()}
        return local if node == ANNO_CONTEXT_URL else node

    graph = rdflib.Graph().parse(data=json.dumps(offline(collection)), format="json-ld")
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    annotations = set(graph.subjects(rdflib.RDF.type, oa.Annotation))
    assert len(annotations) == len(_items(collection))
    starts = {int(o) for o in graph.objects(None, oa.start)}
    cs = ec.load(MINI / "claims.yaml")
    assert {c.anchor.start for c in cs.claims} <= starts


def test_export_of_an_invalid_set_exits_1_with_its_findings(tmp_path: Path) -> None:
    from .conftest import BAD

    result = run_cli(
        "export",
        "--format",
        "web-annotation",
        str(BAD / "bad-kind.claims.yaml"),
        "-o",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 1, result.output
    assert "schema" in result.output or "kind" in result.output
    assert not list((tmp_path / "out").glob("*.jsonld"))


# --- import -----------------------------------------------------------------------------


@pytest.mark.parametrize("source", [KRATOM, ASTRAL], ids=["kratom", "astral"])
def test_import_of_the_export_gives_the_same_claim_file(source: Path, tmp_path: Path) -> None:
    _export(source / "claims.yaml", tmp_path / "out")
    exported = next((tmp_path / "out").glob("*.jsonld"))
    target = tmp_path / "new"
    target.mkdir()
    for name in ("document.txt", "references.bib"):
        (target / name).write_bytes((source / name).read_bytes())
    (tmp_path / ".evidence-claims-root").write_text("")
    result = run_cli(
        "import", "--from", "web-annotation", str(exported), "-o", str(target / "claims.yaml")
    )
    assert result.exit_code == 0, result.output
    back = ec.load(target / "claims.yaml")
    assert back.to_model() == ec.load(source / "claims.yaml").to_model()


def test_import_into_the_unchanged_file_leaves_it_byte_identical(tmp_path: Path) -> None:
    claims = copy_set(ASTRAL, tmp_path / "astral")
    before = claims.read_bytes()
    _export(claims, tmp_path / "out")
    exported = next((tmp_path / "out").glob("*.jsonld"))
    result = run_cli("import", "--from", "web-annotation", str(exported), "-o", str(claims))
    assert result.exit_code == 0, result.output
    assert "no change" in result.output
    assert claims.read_bytes() == before


def _hypothesis_row(text: str, start: int, end: int, tags: list[str], hid: str) -> dict[str, Any]:
    """An annotation as the Hypothesis API returns it: positions in UTF-16 code units."""
    return {
        "id": hid,
        "uri": "https://example.org/astral.txt",
        "text": "",
        "tags": tags,
        "target": [
            {
                "source": "https://example.org/astral.txt",
                "selector": [
                    {
                        "type": "TextPositionSelector",
                        "start": utf16_offset(text, start),
                        "end": utf16_offset(text, end),
                    },
                    {
                        "type": "TextQuoteSelector",
                        "exact": text[start:end],
                        "prefix": text[max(0, start - 32) : start],
                        "suffix": text[end : end + 32],
                    },
                ],
            }
        ],
    }


def test_hypothesis_import_converts_utf16_offsets_to_code_points(tmp_path: Path) -> None:
    folder = tmp_path / "h"
    folder.mkdir()
    (tmp_path / ".evidence-claims-root").write_text("")
    text = (ASTRAL / "document.txt").read_bytes().decode("utf-8")
    (folder / "document.txt").write_bytes(text.encode("utf-8"))
    cs = ec.load(ASTRAL / "claims.yaml")
    rows = [
        _hypothesis_row(
            text,
            c.anchor.start,
            c.anchor.end,
            [f"kind:{c.kind}", f"source-type:{c.evidence.type}"],
            f"hyp{i}",
        )
        for i, c in enumerate(cs.claims)
    ]
    later = cs.claims[-1]
    assert utf16_offset(text, later.anchor.start) != later.anchor.start
    export = tmp_path / "hypothesis.json"
    export.write_text(json.dumps({"total": len(rows), "rows": rows}), encoding="utf-8")
    out = folder / "claims.yaml"
    result = run_cli(
        "import",
        "--from",
        "hypothesis",
        str(export),
        "--document",
        str(folder / "document.txt"),
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    back = ec.load(out)
    assert [(c.anchor.start, c.anchor.end) for c in back.claims] == [
        (c.anchor.start, c.anchor.end) for c in cs.claims
    ]
    assert [c.text for c in back.claims] == [c.text for c in cs.claims]
    assert [c.kind for c in back.claims] == [c.kind for c in cs.claims]
    assert [c.evidence.type for c in back.claims] == [c.evidence.type for c in cs.claims]
    report = run_cli("validate", str(out))
    assert "anchor." not in report.output, report.output


def test_hypothesis_import_reports_a_quote_it_cannot_place(tmp_path: Path) -> None:
    folder = tmp_path / "h"
    folder.mkdir()
    (tmp_path / ".evidence-claims-root").write_text("")
    (folder / "document.txt").write_bytes((ASTRAL / "document.txt").read_bytes())
    row = _hypothesis_row("not in the document at all", 0, 10, [], "lost")
    export = tmp_path / "hypothesis.json"
    export.write_text(json.dumps([row]), encoding="utf-8")
    result = run_cli(
        "import",
        "--from",
        "hypothesis",
        str(export),
        "--document",
        str(folder / "document.txt"),
        "-o",
        str(folder / "claims.yaml"),
    )
    assert result.exit_code == 1, result.output
    assert "lost" in result.output
    assert "Traceback" not in result.output


def test_import_of_another_tools_web_annotation_places_its_quote(tmp_path: Path) -> None:
    """An annotation with only a TextQuoteSelector and plain tags, as other tools write."""
    folder = tmp_path / "w"
    folder.mkdir()
    (tmp_path / ".evidence-claims-root").write_text("")
    (folder / "document.txt").write_bytes((ASTRAL / "document.txt").read_bytes())
    text = (ASTRAL / "document.txt").read_bytes().decode("utf-8")
    exact = "One should avoid daily use 😊."
    annotation = {
        "@context": ANNO_CONTEXT_URL,
        "id": "http://example.org/annotations/anno-7",
        "type": "Annotation",
        "body": [
            {"type": "TextualBody", "purpose": "tagging", "value": "kind:recommendation"},
            {"type": "TextualBody", "purpose": "tagging", "value": "source-type:expert_opinion"},
        ],
        "target": {
            "source": "http://example.org/astral.txt",
            "selector": {"type": "TextQuoteSelector", "exact": exact, "prefix": "1975).\r\n"},
        },
    }
    assert failed_musts(annotation) == []
    source = tmp_path / "anno.jsonld"
    source.write_text(json.dumps(annotation), encoding="utf-8")
    out = folder / "claims.yaml"
    result = run_cli(
        "import",
        "--from",
        "web-annotation",
        str(source),
        "--document",
        str(folder / "document.txt"),
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    claim = ec.load(out).claims[0]
    assert claim.id == "anno-7"
    assert (claim.anchor.start, claim.anchor.end) == (text.index(exact), text.index(exact) + 29)
    assert claim.kind == "recommendation" and claim.evidence.type == "expert_opinion"
