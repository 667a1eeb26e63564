"""Web Annotations and Hypothesis annotations read back into claim records.

:func:`read_web_annotation` reads what ``export --format web-annotation`` writes (or any
Annotation, AnnotationPage or AnnotationCollection that follows the same conventions);
:func:`read_hypothesis` reads the Hypothesis API's annotations (a search result's ``rows``,
or a list of them). Hypothesis counts TextPositionSelector offsets in UTF-16 code units, the
Web Annotation model in code points: the first are converted, and every span is checked
against the document's text before it becomes an anchor (a quote that cannot be placed is a
problem, never a silently wrong anchor).

The result is plain data (claim records as dicts, in the claim file's field order) for
:mod:`evidence_claims.io.imports` to validate and save.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model.anchors import context, context_match
from ..model.interchange import (
    TAG_BASIS,
    TAG_CERTAINTY,
    TAG_ID,
    TAG_KIND,
    TAG_REVIEW,
    TAG_SOURCE,
    TAG_SOURCE_TYPE,
    TAG_TOPIC,
    split_caveat,
    split_tag,
)
from ..model.offsets import Utf16Index
from ..model.records import Claim, Evidence

DEFAULT_SOURCE_TYPE = "unsourced_assertion"


@dataclass
class Imported:
    """Claim records read from another tool, the document header if it carried one, and
    what could not be read (each ``where: what``)."""

    claims: list[dict[str, Any]] = field(default_factory=list)
    document: dict[str, Any] | None = None
    problems: list[str] = field(default_factory=list)


# --- Web Annotation ----------------------------------------------------------------------


def annotations_of(data: Any) -> list[dict[str, Any]]:
    """The Annotations of a collection, page, list or single annotation."""
    if isinstance(data, list):
        return [a for a in data if isinstance(a, dict)]
    if not isinstance(data, dict):
        return []
    if isinstance(data.get("first"), dict):
        return annotations_of(data["first"])
    if isinstance(data.get("items"), list):
        return annotations_of(data["items"])
    return [data] if "target" in data else []


def _unprefixed(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key.removeprefix("ec:"): value for key, value in mapping.items()}


def read_web_annotation(
    data: Any, text: str | None = None, document_id: str | None = None
) -> Imported:
    """Claim records of a Web Annotation export; ``text`` (the document) checks the spans
    and places quotes that have no TextPositionSelector. An annotation without an
    ``identifying`` body gets the last part of its IRI as claim id (or
    ``<document_id>-<n>``)."""
    result = Imported()
    taken: set[str] = set()
    if isinstance(data, dict) and isinstance(data.get("ec:document"), dict):
        result.document = _unprefixed(data["ec:document"])
        document_id = document_id or result.document.get("id")
    annotations = annotations_of(data)
    claims_by_annotation: dict[str, dict[str, Any]] = {}
    links = []
    for n, annotation in enumerate(annotations):
        if annotation.get("motivation") == "linking":
            links.append(annotation)
            continue
        where = str(annotation.get("id") or f"annotation {n + 1}")
        record = _claim_of_annotation(annotation, where, text, result.problems)
        if record is not None:
            if record["id"] is None or record["id"] in taken:
                record["id"] = f"{document_id or 'claim'}-{n + 1:03d}"
            taken.add(record["id"])
            result.claims.append(record)
            claims_by_annotation[str(annotation.get("id"))] = record
    for link in links:
        source = claims_by_annotation.get(str(link.get("target")))
        bodies = _as_list(link.get("body"))
        targets = [claims_by_annotation.get(b) for b in bodies if isinstance(b, str)]
        types = [b.get("value") for b in bodies if isinstance(b, dict)]
        if source is None or len(targets) != 1 or targets[0] is None or len(types) != 1:
            result.problems.append(f"{link.get('id')}: a link between unknown annotations")
            continue
        source.setdefault("relations", []).append({"type": types[0], "target": targets[0]["id"]})
    for record in result.claims:
        _order(record)
    return result


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _selectors(target: Any) -> dict[str, dict[str, Any]]:
    targets = _as_list(target)
    for item in targets:
        if isinstance(item, dict):
            return {s.get("type"): s for s in _as_list(item.get("selector")) if isinstance(s, dict)}
    return {}


def _claim_of_annotation(
    annotation: dict[str, Any], where: str, text: str | None, problems: list[str]
) -> dict[str, Any] | None:
    selectors = _selectors(annotation.get("target"))
    quote = selectors.get("TextQuoteSelector", {})
    exact = quote.get("exact")
    if not isinstance(exact, str) or not exact:
        problems.append(f"{where}: no TextQuoteSelector with the quoted text")
        return None
    span = _target_span(selectors.get("TextPositionSelector"), quote, text)
    if span is None:
        problems.append(f"{where}: the quote cannot be placed in the document")
        return None
    start, end = span
    if text is not None and text[start:end] != exact:
        problems.append(f"{where}: the document holds other text at {start}..{end}")
        return None
    bodies = [b for b in _as_list(annotation.get("body")) if isinstance(b, dict)]
    record: dict[str, Any] = {"id": None, "text": exact}
    record["anchor"] = {
        "start": start,
        "end": end,
        "prefix": quote.get("prefix", ""),
        "suffix": quote.get("suffix", ""),
    }
    tags, evidence = _tags(bodies, "tagging"), {}
    for body in bodies:
        _read_body(body, record, evidence)
    if record["id"] is None:  # another tool's annotation: the last part of its IRI
        tail = re.split(r"[/#:]", str(annotation.get("id") or ""))[-1]
        record["id"] = _NOT_ID.sub("-", tail).strip("-._:") or None
    _apply_tags(record, evidence, tags)
    if "ec:suppress" in annotation:
        record["suppress"] = [_unprefixed(s) for s in _as_list(annotation["ec:suppress"])]
    return record


def _target_span(
    position: dict[str, Any] | None, quote: dict[str, Any], text: str | None
) -> tuple[int, int] | None:
    """Where the target is: its position selector, else where its quote (with the quote's
    prefix and suffix) stands in the document."""
    if position is not None:
        start, end = position.get("start"), position.get("end")
    else:
        found = find_quote(text, quote["exact"], quote.get("prefix", ""), quote.get("suffix", ""))
        start, end = found if found else (None, None)
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    return start, end


def _read_body(body: dict[str, Any], record: dict[str, Any], evidence: dict[str, Any]) -> None:
    """What one body says of the claim, by its purpose: id, note, review, certainty or caveat,
    or a hedge/booster cue (a SpecificResource body)."""
    purpose, value = body.get("purpose"), body.get("value")
    if purpose == "identifying" and isinstance(value, str):
        record["id"] = value
    elif purpose == "commenting" and isinstance(value, str):
        evidence["note"] = value
    elif purpose == "describing" and isinstance(value, str) and value.startswith("review:"):
        review = {"status": value.split(":", 1)[1]}
        for key in ("by", "why"):
            if f"ec:{key}" in body:
                review[key] = body[f"ec:{key}"]
        record["review"] = review
    elif purpose == "assessing" and isinstance(value, str):
        parts = split_tag(value)
        if parts and parts[0] == TAG_CERTAINTY:
            record["certainty"] = parts[1]
        else:
            code, note = split_caveat(value)
            record.setdefault("caveats", []).append(
                {"code": code, **({"note": note} if note is not None else {})}
            )
    elif body.get("type") == "SpecificResource" and body.get("ec:cue") in ("hedge", "booster"):
        cue = _selectors(body)
        cue_quote = cue.get("TextQuoteSelector", {})
        cue_position = cue.get("TextPositionSelector", {})
        record.setdefault(f"{body['ec:cue']}s", []).append(
            {
                "cue": cue_quote.get("exact"),
                "start": cue_position.get("start"),
                "end": cue_position.get("end"),
            }
        )


def _tags(bodies: list[dict[str, Any]], purpose: str) -> list[str]:
    return [
        b["value"]
        for b in bodies
        if b.get("purpose") == purpose and isinstance(b.get("value"), str)
    ]


def _apply_tags(record: dict[str, Any], evidence: dict[str, Any], tags: list[str]) -> None:
    """kind, topic, evidence and certainty from ``prefix:value`` tags (others are ignored)."""
    sources: list[str] = []
    for text in tags:
        parts = split_tag(text)
        if parts is None:
            continue
        prefix, value = parts
        if prefix == TAG_KIND:
            record["kind"] = value
        elif prefix == TAG_TOPIC:
            record["topic"] = value
        elif prefix == TAG_SOURCE_TYPE:
            evidence["type"] = value
        elif prefix == TAG_BASIS:
            evidence["basis"] = value
        elif prefix == TAG_SOURCE:
            sources.append(value)
        elif prefix == TAG_CERTAINTY:
            record["certainty"] = value
        elif prefix == TAG_REVIEW:
            record.setdefault("review", {"status": value})
        elif prefix == TAG_ID and record.get("id") is None:
            record["id"] = value
    record.setdefault("kind", "claim")
    evidence.setdefault("type", DEFAULT_SOURCE_TYPE)
    evidence["sources"] = sources
    evidence.setdefault("basis", "explicit" if sources else "none")
    record["evidence"] = evidence


# the claim file's key order is the models' field order (as the schema and every save write it)
FIELD_ORDER = tuple(f.alias or name for name, f in Claim.model_fields.items())
EVIDENCE_ORDER = tuple(f.alias or name for name, f in Evidence.model_fields.items())


def _order(record: dict[str, Any]) -> None:
    """Put a record's keys in the claim file's order (in place)."""
    items = {k: record.pop(k) for k in list(record)}
    for key in FIELD_ORDER:
        if key in items:
            record[key] = items.pop(key)
    record.update(items)
    evidence = record.get("evidence")
    if isinstance(evidence, dict):
        ordered = {k: evidence[k] for k in EVIDENCE_ORDER if k in evidence}
        ordered.update({k: v for k, v in evidence.items() if k not in ordered})
        record["evidence"] = ordered


# --- Hypothesis --------------------------------------------------------------------------

_NOT_ID = re.compile(r"[^A-Za-z0-9._:-]")


def read_hypothesis(data: Any, text: str, document_id: str) -> Imported:
    """Claim records of Hypothesis API annotations on ``text`` (the document)."""
    rows = data.get("rows") if isinstance(data, dict) else data
    result = Imported()
    if not isinstance(rows, list):
        result.problems.append("not a Hypothesis export: expected a list or {'rows': [...]}")
        return result
    index = Utf16Index(text)
    for n, row in enumerate(rows):
        if not isinstance(row, dict):
            result.problems.append(f"row {n + 1}: not an annotation")
            continue
        hid = str(row.get("id") or n + 1)
        selectors = _selectors(row.get("target"))
        quote = selectors.get("TextQuoteSelector", {})
        exact = quote.get("exact")
        if not isinstance(exact, str) or not exact:
            result.problems.append(f"{hid}: no quoted text (a page note, not a highlight)")
            continue
        span = _hypothesis_span(selectors.get("TextPositionSelector"), index, exact)
        if span is None:
            span = find_quote(text, exact, quote.get("prefix", ""), quote.get("suffix", ""))
        if span is None:
            result.problems.append(f"{hid}: the quote {exact[:40]!r} is not in the document")
            continue
        start, end = span
        prefix, suffix = context(text, start, end)
        record: dict[str, Any] = {
            "id": None,
            "text": exact,
            "anchor": {"start": start, "end": end, "prefix": prefix, "suffix": suffix},
        }
        evidence: dict[str, Any] = {}
        note = row.get("text")
        if isinstance(note, str) and note.strip():
            evidence["note"] = note.strip()
        _apply_tags(record, evidence, [t for t in row.get("tags") or [] if isinstance(t, str)])
        if record["id"] is None:
            record["id"] = f"{document_id}-{_NOT_ID.sub('-', hid).strip('-._:') or n + 1}"
        _order(record)
        result.claims.append(record)
    return result


def _hypothesis_span(
    position: dict[str, Any] | None, index: Utf16Index, exact: str
) -> tuple[int, int] | None:
    """The code point span of a Hypothesis TextPositionSelector (UTF-16 code units), if it
    holds the quote."""
    if not position:
        return None
    start, end = position.get("start"), position.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    try:
        span = index.to_code_point(start), index.to_code_point(end)
    except ValueError:
        return None
    return span if index.text[span[0] : span[1]] == exact else None


def find_quote(
    text: str | None, exact: str, prefix: str = "", suffix: str = ""
) -> tuple[int, int] | None:
    """Where ``exact`` sits in ``text``: the occurrence whose surroundings best match the
    prefix and suffix (the TextQuoteSelector rule), or None."""
    if text is None or not exact:
        return None
    best, best_score = None, -1
    start = text.find(exact)
    while start != -1:
        end = start + len(exact)
        score = context_match(text, start, end, prefix, suffix)
        if score > best_score:
            best, best_score = (start, end), score
        start = text.find(exact, start + 1)
    return best
