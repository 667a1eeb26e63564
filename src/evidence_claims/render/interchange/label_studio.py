"""Claims as Label Studio tasks with predictions, and the labelling config that shows them.

One task per claim file: the document text (``data.text``) with every claim as a
pre-annotated region (a prediction) that a curator confirms or edits:

- region labels ``kind`` (claim, recommendation, question, meta) and ``source_type`` (the
  taxonomy's types);
- per-region choices ``certainty``, ``basis`` and ``review``, per-region text areas ``topic``,
  ``sources`` (one BibTeX key per line) and ``caveats`` (one ``code: note`` per line);
- hedge and booster cues as regions of their own (label ``cue``);
- relations (supports, challenges, qualifies) between claim regions.

Region ids are the claim ids: Label Studio keeps a prediction's result ids when a curator
accepts or edits it, which is how :mod:`evidence_claims.io.label_studio` tells every claim
apart on import. Label Studio counts text offsets in UTF-16 code units (JavaScript string
indexes); the tasks hold them so (``data.offset_unit``) and the claim records in code points
(``data.claims``, what the import compares the curator's result with).
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import quoteattr

from ...io.claimset import ClaimSet
from ...model.interchange import caveat_text
from ...model.offsets import UTF16, Utf16Index
from ...model.records import Claim
from ...model.taxonomy import source_type_names

KINDS = ("claim", "recommendation", "question", "meta")
CERTAINTIES = ("high", "moderate", "low", "very_low", "ungraded")
BASES = ("explicit", "context", "inferred", "none")
REVIEWS = ("suggested", "confirmed", "overridden")
RELATIONS = ("supports", "challenges", "qualifies")
CUES = ("hedge", "booster")
TEXT = "text"


def cue_region_id(claim_id: str, role: str, n: int) -> str:
    return f"{claim_id}~{role}~{n}"


def label_studio_config() -> str:
    """The labelling config (XML) for the tasks of :func:`label_studio_tasks`."""

    def options(tag: str, values: tuple[str, ...] | list[str]) -> str:
        return "".join(f"\n    <{tag} value={quoteattr(v)}/>" for v in values)

    def per_region(name: str, values: tuple[str, ...]) -> str:
        return (
            f'  <Choices name="{name}" toName="{TEXT}" perRegion="true" choice="single"'
            f' showInline="true">{options("Choice", values)}\n  </Choices>\n'
        )

    def text_area(name: str, hint: str) -> str:
        return (
            f'  <TextArea name="{name}" toName="{TEXT}" perRegion="true" editable="true"'
            f" placeholder={quoteattr(hint)}/>\n"
        )

    return (
        "<View>\n"
        f'  <Labels name="kind" toName="{TEXT}">{options("Label", KINDS)}\n  </Labels>\n'
        f'  <Labels name="source_type" toName="{TEXT}">'
        f"{options('Label', list(source_type_names()))}\n  </Labels>\n"
        f'  <Labels name="cue" toName="{TEXT}">{options("Label", CUES)}\n  </Labels>\n'
        f'  <Text name="{TEXT}" value="$text"/>\n'
        f"  <Relations>{options('Relation', RELATIONS)}\n  </Relations>\n"
        '  <View visibleWhen="region-selected">\n'
        + per_region("certainty", CERTAINTIES)
        + per_region("basis", BASES)
        + per_region("review", REVIEWS)
        + text_area("topic", "topic (lower_case)")
        + text_area("sources", "BibTeX key, one per line")
        + text_area("caveats", "rule code: note, one per line")
        + "  </View>\n</View>\n"
    )


def label_studio_tasks(
    claim_set: ClaimSet, *, model_version: str = "evidence-claims"
) -> list[dict[str, Any]]:
    """The task of a claim set (a list of one, as Label Studio imports it)."""
    text = claim_set.document_text
    if text is None:
        raise ValueError(f"{claim_set.file}: the document could not be read")
    index = Utf16Index(text)
    results: list[dict[str, Any]] = []
    for claim in claim_set.claims:
        results += claim_results(claim, index)
    for claim in claim_set.claims:
        for relation in claim.relations:
            results.append(
                {
                    "type": "relation",
                    "from_id": claim.id,
                    "to_id": relation.target,
                    "direction": "right",
                    "labels": [relation.type],
                }
            )
    header = claim_set.document.model_dump(mode="json", by_alias=True, exclude_none=True)
    records = [
        c.model_dump(mode="json", by_alias=True, exclude_none=True) for c in claim_set.claims
    ]
    return [
        {
            "data": {
                TEXT: text,
                "offset_unit": UTF16,
                "document": header,
                "claims": records,
            },
            "predictions": [{"model_version": model_version, "result": results}],
        }
    ]


def _region(
    region_id: str, control: str, kind: str, index: Utf16Index, start: int, end: int, **value: Any
) -> dict[str, Any]:
    return {
        "id": region_id,
        "from_name": control,
        "to_name": TEXT,
        "type": kind,
        "value": {
            "start": index.to_utf16(start),
            "end": index.to_utf16(end),
            "text": index.text[start:end],
            **value,
        },
    }


def claim_results(claim: Claim, index: Utf16Index) -> list[dict[str, Any]]:
    """The prediction results of one claim: its region's labels, choices and text areas,
    then its cues' regions."""
    start, end = claim.anchor.start, claim.anchor.end

    def region(control: str, kind: str, **value: Any) -> dict[str, Any]:
        return _region(claim.id, control, kind, index, start, end, **value)

    evidence = claim.evidence
    results = [
        region("kind", "labels", labels=[claim.kind]),
        region("source_type", "labels", labels=[evidence.type]),
        region("basis", "choices", choices=[evidence.basis]),
    ]
    if claim.certainty is not None:
        results.append(region("certainty", "choices", choices=[claim.certainty]))
    if claim.review is not None:
        results.append(region("review", "choices", choices=[claim.review.status]))
    if claim.topic is not None:
        results.append(region("topic", "textarea", text=[claim.topic]))
    if evidence.sources:
        results.append(region("sources", "textarea", text=list(evidence.sources)))
    if claim.caveats:
        caveats = [caveat_text(c.code, c.note) for c in claim.caveats]
        results.append(region("caveats", "textarea", text=caveats))
    for role, cues in (("hedge", claim.hedges), ("booster", claim.boosters)):
        for n, cue in enumerate(cues, start=1):
            results.append(
                _region(
                    cue_region_id(claim.id, role, n),
                    "cue",
                    "labels",
                    index,
                    cue.start,
                    cue.end,
                    labels=[role],
                )
            )
    return results
