"""Label Studio's JSON export read back into claim records, with what the curator changed.

Each task of the export holds the document text, the claim records it was made from
(``data.claims``, see :mod:`evidence_claims.render.interchange.label_studio`) and the
curator's annotation. Regions are grouped by result id, which Label Studio keeps from the
prediction, so a region whose id is a claim id updates that claim and any other region is a
new claim. Offsets are UTF-16 code units and are converted to code points; a region whose
text is not the document's text at its offsets is a problem, and nothing is imported then.

Only what the labelling config shows is taken from the annotation (span, kind, source type,
basis, certainty, review status, topic, sources, caveats, cues, relations); every other field
(evidence note, who reviewed and why, suppressions) stays as the claim record had it.
"""

from __future__ import annotations

import copy
from typing import Any

from ..model.anchors import context
from ..model.interchange import split_caveat
from ..model.offsets import Utf16Index
from .annotations import DEFAULT_SOURCE_TYPE, Imported, _order


def read_label_studio(data: Any, base: list[dict[str, Any]] | None = None) -> Imported:
    """Claim records of a Label Studio JSON export (one task per claim file).

    ``base`` is the claim records to apply the curator's work to (the claim file being
    updated); by default those the task carries.
    """
    result = Imported()
    task = _one_task(data, result.problems)
    if task is None:
        return result
    task_data = task["data"]
    text = task_data["text"]
    if isinstance(task_data.get("document"), dict):
        result.document = dict(task_data["document"])
    records = copy.deepcopy(base if base is not None else task_data.get("claims") or [])
    results = _annotation_result(task)
    if results is None:  # nothing submitted: the predictions stand
        result.claims = records
        return result
    regions, relations = _group_results(results)
    index = Utf16Index(text)
    spans: dict[str, tuple[int, int]] = {}
    for region_id, items in regions.items():
        span = _span(region_id, items, index, result.problems)
        if span is not None:
            spans[region_id] = span
    if result.problems:
        return result
    claim_regions = {
        rid: items
        for rid, items in regions.items()
        if not any(i.get("from_name") == "cue" for i in items)
    }
    cue_regions = {rid: items for rid, items in regions.items() if rid not in claim_regions}
    document_id = (result.document or {}).get("id", "claim")
    kept, claim_of_region = _claims_of_regions(records, claim_regions, spans, text, document_id)
    _apply_cues(kept, cue_regions, spans, text, result.problems)
    _apply_relations(kept, relations, claim_of_region, result.problems)
    if result.problems:
        return result
    for record in kept:
        _order(record)
    result.claims = kept
    return result


def _one_task(data: Any, problems: list[str]) -> dict[str, Any] | None:
    """The export's single task, if it is one evidence-claims wrote (text in UTF-16 offsets)."""
    tasks = data if isinstance(data, list) else [data]
    if len(tasks) != 1 or not isinstance(tasks[0], dict):
        problems.append(f"expected the export of one task (one claim file), found {len(tasks)}")
        return None
    task = tasks[0]
    task_data = task.get("data") or {}
    if not isinstance(task_data.get("text"), str):
        problems.append("task: no data.text (not a task of evidence-claims export)")
        return None
    if task_data.get("offset_unit", "utf-16") != "utf-16":
        problems.append(f"task: unknown offset unit {task_data.get('offset_unit')!r}")
        return None
    return task


def _group_results(
    results: list[Any],
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """Result items by region id (a region has one item per control), and the relations."""
    regions: dict[str, list[dict[str, Any]]] = {}
    relations: list[dict[str, Any]] = []
    for item in results:
        if not isinstance(item, dict):
            continue
        if item.get("type") == "relation":
            relations.append(item)
        elif "id" in item:
            regions.setdefault(str(item["id"]), []).append(item)
    return regions, relations


def _claims_of_regions(
    records: list[dict[str, Any]],
    claim_regions: dict[str, list[dict[str, Any]]],
    spans: dict[str, tuple[int, int]],
    text: str,
    document_id: str,
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The claim records the regions keep or add, in the claim file's order (new ones last),
    and the claim id of each region (a region the file does not know gets a new id)."""
    by_id = {r.get("id"): r for r in records}
    kept: list[dict[str, Any]] = []
    used_ids = set(by_id)
    claim_of_region: dict[str, str] = {}
    for region_id, items in claim_regions.items():
        record = by_id.get(region_id)
        if record is None:
            record = {"id": _new_id(document_id, used_ids), "text": ""}
            used_ids.add(record["id"])
        _apply(record, items, spans[region_id], text)
        claim_of_region[region_id] = record["id"]
        kept.append(record)
    order = {r.get("id"): n for n, r in enumerate(records)}
    kept.sort(key=lambda r: order.get(r["id"], len(order)))
    return kept, claim_of_region


def _annotation_result(task: dict[str, Any]) -> list[Any] | None:
    annotations = [
        a
        for a in task.get("annotations") or []
        if isinstance(a, dict) and not a.get("was_cancelled")
    ]
    if not annotations:
        return None
    latest = max(annotations, key=lambda a: (str(a.get("updated_at", "")), a.get("id") or 0))
    result = latest.get("result")
    return result if isinstance(result, list) else []


def _span(
    region_id: str, items: list[dict[str, Any]], index: Utf16Index, problems: list[str]
) -> tuple[int, int] | None:
    for item in items:
        value = item.get("value") or {}
        if isinstance(value.get("text"), str):
            break
    else:
        value = (items[0].get("value") or {}) if items else {}
    start, end = value.get("start"), value.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        problems.append(f"region {region_id}: no start/end offsets")
        return None
    try:
        span = index.to_code_point(start), index.to_code_point(end)
    except ValueError as exc:
        problems.append(f"region {region_id}: {exc}")
        return None
    quoted = value.get("text")
    if isinstance(quoted, str) and index.text[span[0] : span[1]] != quoted:
        problems.append(
            f"region {region_id}: the text at UTF-16 offsets {start}..{end} is not {quoted[:40]!r}"
        )
        return None
    return span


def _values(items: list[dict[str, Any]], control: str, key: str) -> list[str] | None:
    for item in items:
        if item.get("from_name") == control:
            values = (item.get("value") or {}).get(key)
            return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []
    return None


def _apply(
    record: dict[str, Any], items: list[dict[str, Any]], span: tuple[int, int], text: str
) -> None:
    start, end = span
    anchor = record.get("anchor") or {}
    if record.get("text") != text[start:end] or (anchor.get("start"), anchor.get("end")) != span:
        record["text"] = text[start:end]
        prefix, suffix = context(text, start, end)
        record["anchor"] = {"start": start, "end": end, "prefix": prefix, "suffix": suffix}
    evidence = record.setdefault("evidence", {})
    kind = _values(items, "kind", "labels")
    record["kind"] = kind[0] if kind else record.get("kind", "claim")
    source_type = _values(items, "source_type", "labels")
    if source_type:
        evidence["type"] = source_type[0]
    evidence.setdefault("type", DEFAULT_SOURCE_TYPE)
    sources = _values(items, "sources", "text")
    evidence["sources"] = [s.strip() for s in sources or [] if s.strip()]
    basis = _values(items, "basis", "choices")
    if basis:
        evidence["basis"] = basis[0]
    evidence.setdefault("basis", "explicit" if evidence["sources"] else "none")
    certainty = _values(items, "certainty", "choices")
    if certainty:
        record["certainty"] = certainty[0]
    else:
        record.pop("certainty", None)
    topic = _values(items, "topic", "text")
    if topic and topic[0].strip():
        record["topic"] = topic[0].strip()
    else:
        record.pop("topic", None)
    review = _values(items, "review", "choices")
    if review:
        record["review"] = {**(record.get("review") or {}), "status": review[0]}
    else:
        record.pop("review", None)
    caveats = [line for line in _values(items, "caveats", "text") or [] if line.strip()]
    old = {(c.get("code"), c.get("note")): c for c in record.get("caveats") or []}
    record["caveats"] = []
    for line in caveats:
        code, note = split_caveat(line)
        caveat = old.get((code, note)) or {"code": code, **({"note": note} if note else {})}
        record["caveats"].append(caveat)
    if not record["caveats"]:
        del record["caveats"]


def _apply_cues(
    records: list[dict[str, Any]],
    cue_regions: dict[str, list[dict[str, Any]]],
    spans: dict[str, tuple[int, int]],
    text: str,
    problems: list[str],
) -> None:
    """Hedge and booster cues to their claims: by the claim id in the region id, or (a cue
    the curator marked) to the claim whose span holds it."""
    by_id = {r["id"]: r for r in records}
    found: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for region_id, items in cue_regions.items():
        role = (_values(items, "cue", "labels") or ["hedge"])[0]
        start, end = spans[region_id]
        owner = region_id.split("~", 1)[0] if "~" in region_id else None
        if owner not in by_id:  # a new cue: the claim whose span holds it
            owner = next(
                (
                    r["id"]
                    for r in records
                    if r["anchor"]["start"] <= start and end <= r["anchor"]["end"]
                ),
                None,
            )
        if owner is None:
            problems.append(f"region {region_id}: a {role} cue outside every claim")
            continue
        found.setdefault(owner, {}).setdefault(f"{role}s", []).append(
            {"cue": text[start:end], "start": start, "end": end}
        )
    for record in records:
        for key in ("hedges", "boosters"):
            cues = sorted(found.get(record["id"], {}).get(key, []), key=lambda c: c["start"])
            if cues:
                record[key] = cues
            else:
                record.pop(key, None)


def _apply_relations(
    records: list[dict[str, Any]],
    relations: list[dict[str, Any]],
    claim_of_region: dict[str, str],
    problems: list[str],
) -> None:
    """The relations the annotation draws between claim regions (a relation without a label
    or from or to anything else is a problem)."""
    new: dict[str, list[dict[str, str]]] = {}
    for relation in relations:
        source = claim_of_region.get(str(relation.get("from_id")))
        target = claim_of_region.get(str(relation.get("to_id")))
        labels = relation.get("labels") or []
        if source is None or target is None or not labels:
            problems.append(
                f"relation {relation.get('from_id')} -> {relation.get('to_id')}: "
                "needs a label and two claim regions"
            )
            continue
        for label in labels:
            new.setdefault(source, []).append({"type": label, "target": target})
    for record in records:
        old = record.get("relations") or []
        wanted = new.get(record["id"], [])
        # keep the file's order for relations that stay, then the new ones
        kept = [r for r in old if r in wanted] + [r for r in wanted if r not in old]
        if kept:
            record["relations"] = kept
        else:
            record.pop("relations", None)


def _new_id(document_id: str, used: set[Any]) -> str:
    n = len(used) + 1
    while f"{document_id}-{n:03d}" in used:
        n += 1
    return f"{document_id}-{n:03d}"
