"""Claims as W3C Web Annotations (JSON-LD): one Annotation per claim, one per relation.

Each claim becomes an Annotation whose target is the quoted span of the document, selected
twice as the model recommends: a TextQuoteSelector (exact, prefix, suffix) and a
TextPositionSelector counting code points, as the Web Annotation Data Model defines it (so
no conversion is needed: claim files count code points too). Its bodies carry the claim
with the purposes the model defines:

- ``identifying``: the claim id;
- ``tagging``: ``kind:``, ``topic:``, ``source-type:``, ``basis:`` and one ``source:`` per
  BibTeX key (the tags Hypothesis and other tools show and search);
- ``tagging`` SpecificResources: hedge and booster cues, each with its own selectors;
- ``assessing``: ``certainty:<level>`` and one body per caveat (``code: note``);
- ``commenting``: the evidence note; ``describing``: the review.

A relation becomes an Annotation with motivation ``linking`` from the claim's annotation to
the target claim's, tagged with the relation type. What the model cannot say (the document
header, suppressions, who reviewed and why) uses the ``ec:`` extension prefix declared in
the ``@context``. The collection holds them all, ready for ``evidence-claims import``.
"""

from __future__ import annotations

from typing import Any

from ...io.claimset import ClaimSet
from ...model.interchange import (
    CONTEXT,
    TAG_BASIS,
    TAG_CERTAINTY,
    TAG_KIND,
    TAG_SOURCE,
    TAG_SOURCE_TYPE,
    TAG_TOPIC,
    caveat_text,
    default_base,
    document_uri,
    tag,
)
from ...model.records import Claim, Cue

OFFSET_UNIT = "code-point"


def web_annotation_collection(claim_set: ClaimSet, *, base: str | None = None) -> dict[str, Any]:
    """An AnnotationCollection of the claims (and relations) of a claim set."""
    document = claim_set.document
    base = base or default_base(document.id)
    source = document_uri(document.sha256)
    ids = {claim.id: base + claim.id for claim in claim_set.claims}
    items = [claim_annotation(claim, ids[claim.id], source) for claim in claim_set.claims]
    for claim in claim_set.claims:
        for relation in claim.relations:
            target = ids.get(relation.target, base + relation.target)
            items.append(
                {
                    "@context": CONTEXT,
                    "id": f"{ids[claim.id]}/{relation.type}/{relation.target}",
                    "type": "Annotation",
                    "motivation": "linking",
                    "body": [
                        target,
                        {"type": "TextualBody", "purpose": "tagging", "value": relation.type},
                    ],
                    "target": ids[claim.id],
                }
            )
    header = document.model_dump(mode="json", by_alias=True, exclude_none=True)
    return {
        "@context": CONTEXT,
        "id": base,
        "type": "AnnotationCollection",
        "label": document.title or document.id,
        "ec:document": {f"ec:{key}": value for key, value in header.items()},
        "ec:offsetUnit": OFFSET_UNIT,
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }


def _selectors(text: str, start: int, end: int, prefix: str = "", suffix: str = "") -> list[Any]:
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": text}
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    return [quote, {"type": "TextPositionSelector", "start": start, "end": end}]


def _textual(purpose: str, value: str, **extra: Any) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, **extra}


def _cue(cue: Cue, role: str, source: str) -> dict[str, Any]:
    return {
        "type": "SpecificResource",
        "purpose": "tagging",
        "source": source,
        "selector": _selectors(cue.cue, cue.start, cue.end),
        "ec:cue": role,
    }


def claim_annotation(claim: Claim, annotation_id: str, source: str) -> dict[str, Any]:
    """The Annotation of one claim (see the module's docstring for its bodies)."""
    evidence = claim.evidence
    bodies: list[dict[str, Any]] = [
        _textual("identifying", claim.id),
        _textual("tagging", tag(TAG_KIND, claim.kind)),
    ]
    if claim.topic:
        bodies.append(_textual("tagging", tag(TAG_TOPIC, claim.topic)))
    bodies.append(_textual("tagging", tag(TAG_SOURCE_TYPE, evidence.type)))
    bodies.append(_textual("tagging", tag(TAG_BASIS, evidence.basis)))
    bodies += [_textual("tagging", tag(TAG_SOURCE, key)) for key in evidence.sources]
    if evidence.note is not None:
        bodies.append(_textual("commenting", evidence.note, **{"ec:field": "evidence.note"}))
    bodies += [_cue(cue, "hedge", source) for cue in claim.hedges]
    bodies += [_cue(cue, "booster", source) for cue in claim.boosters]
    if claim.certainty is not None:
        bodies.append(_textual("assessing", tag(TAG_CERTAINTY, claim.certainty)))
    bodies += [_textual("assessing", caveat_text(c.code, c.note)) for c in claim.caveats]
    if claim.review is not None:
        review: dict[str, Any] = {}
        if claim.review.by is not None:
            review["ec:by"] = claim.review.by
        if claim.review.why is not None:
            review["ec:why"] = claim.review.why
        bodies.append(_textual("describing", f"review:{claim.review.status}", **review))
    annotation: dict[str, Any] = {
        "@context": CONTEXT,
        "id": annotation_id,
        "type": "Annotation",
        "motivation": "describing",
        "body": bodies,
        "target": {
            "source": source,
            "selector": _selectors(
                claim.text,
                claim.anchor.start,
                claim.anchor.end,
                claim.anchor.prefix,
                claim.anchor.suffix,
            ),
        },
    }
    if claim.suppress:
        annotation["ec:suppress"] = [
            {"ec:code": s.code, "ec:reason": s.reason} for s in claim.suppress
        ]
    return annotation
