"""Writing a draft claim set as YAML or JSON, whole or a part at a time.

The bytes are those of the claim files the project bundles: JSON as
:func:`evidence_claims.io.json_files.dump_json` writes it, YAML as ruamel.yaml writes the
round-trip tree of :func:`to_yaml_tree` (produced faster by :mod:`.draft_yaml` when it can).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from ..io.claimset import ClaimSet
from ..model.records import ClaimFile, Document
from .notices import LANGUAGE

_OPTIONAL_LISTS = ("hedges", "boosters", "caveats", "relations", "suppress")


def _json_text(claim_set: ClaimSet, indent: int | None) -> str:
    """The set as JSON in claim-file order, without empty optional lists, written by
    pydantic-core (a tenth of the time of ``model_dump`` and ``json.dumps`` with an indent)."""
    return _model_json(claim_set.to_model(), indent)


def _model_json(model: ClaimFile, indent: int | None) -> str:
    empty = {
        i: {key for key in _OPTIONAL_LISTS if not getattr(claim, key)}
        for i, claim in enumerate(model.claims)
    }
    return model.model_dump_json(
        indent=indent, by_alias=True, exclude_none=True, exclude={"claims": empty}
    )


def to_data(claim_set: ClaimSet) -> dict[str, Any]:
    """Plain data in claim-file order, without empty optional lists (JSON-ready)."""
    import json

    return json.loads(_json_text(claim_set, None))


def to_yaml_tree(claim_set: ClaimSet, *, schema_ref: str | None = None) -> Any:
    """A ruamel round-trip tree in the style of the bundled claim sets (flow anchors, cues)."""
    return tree_from_data(to_data(claim_set), schema_ref=schema_ref)


def tree_from_data(data: dict[str, Any], *, schema_ref: str | None = None) -> Any:
    """The round-trip tree of :func:`to_yaml_tree` for draft data (:func:`to_data`)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Q

    root = CommentedMap()
    document = CommentedMap(data["document"])
    root["document"] = document
    claims = CommentedSeq()
    for raw in data["claims"]:
        claim = CommentedMap()
        claim["id"] = raw["id"]
        claim["text"] = Q(raw["text"])
        anchor = CommentedMap()
        anchor["start"] = raw["anchor"]["start"]
        anchor["end"] = raw["anchor"]["end"]
        anchor["prefix"] = Q(raw["anchor"]["prefix"])
        anchor["suffix"] = Q(raw["anchor"]["suffix"])
        anchor.fa.set_flow_style()
        claim["anchor"] = anchor
        claim["kind"] = raw["kind"]
        evidence = CommentedMap()
        evidence["type"] = raw["evidence"]["type"]
        sources = CommentedSeq(raw["evidence"]["sources"])
        sources.fa.set_flow_style()
        evidence["sources"] = sources
        evidence["basis"] = raw["evidence"]["basis"]
        if raw["evidence"].get("note"):
            evidence["note"] = Q(raw["evidence"]["note"])
        claim["evidence"] = evidence
        for key in ("hedges", "boosters"):
            if raw.get(key):
                cues = CommentedSeq()
                for item in raw[key]:
                    cue = CommentedMap(
                        [("cue", Q(item["cue"])), ("start", item["start"]), ("end", item["end"])]
                    )
                    cue.fa.set_flow_style()
                    cues.append(cue)
                claim[key] = cues
        review = CommentedMap(raw["review"])
        review.fa.set_flow_style()
        claim["review"] = review
        claims.append(claim)
    root["claims"] = claims
    root.yaml_set_start_comment("\n".join(_comment_lines(schema_ref)))
    return root


def _comment_lines(schema_ref: str | None) -> list[str]:
    lines = []
    if schema_ref:
        lines.append(f"yaml-language-server: $schema={schema_ref}")
    lines.append(
        "Draft claims extracted by `evidence-claims extract`: every record is a suggestion "
        "(review.status: suggested)."
    )
    lines.append(
        "Check each kind, evidence type, basis and cue; set review.status to confirmed or "
        "overridden (with why)."
    )
    lines.append(f"Extraction rules are written for {LANGUAGE} text.")
    return lines


def to_yaml(claim_set: ClaimSet, *, schema_ref: str | None = None) -> bytes:
    """The draft as YAML: the bytes ruamel.yaml writes for :func:`to_yaml_tree`, produced by
    :mod:`.draft_yaml` (30 times faster), or by ruamel.yaml when a value needs it."""
    from .draft_yaml import fast_yaml

    text = fast_yaml(to_data(claim_set), _comment_lines(schema_ref))
    if text is not None:
        return text.encode("utf-8")
    from ..io.yaml_style import dump_yaml

    return dump_yaml(to_yaml_tree(claim_set, schema_ref=schema_ref))


def to_json(claim_set: ClaimSet) -> bytes:
    """The draft as JSON, as :func:`evidence_claims.io.json_files.dump_json` writes it."""
    return (_json_text(claim_set, 2) + "\n").encode("utf-8")


def _header(document: dict[str, Any]) -> dict[str, Any]:
    """The draft's document header validated, in the model's order, as the model writes it."""
    import json

    model = Document.model_validate(document, strict=True)
    header: dict[str, Any] = json.loads(model.model_dump_json(by_alias=True, exclude_none=True))
    return header


def _stream_json(
    out: BinaryIO, parts: Iterator[list[dict[str, Any]]], document: dict[str, Any]
) -> None:
    """Write the parts' claims as one claim file's JSON.

    Each part's claims (validated plain data) are written by pydantic-core's ``to_json``, the
    serializer ``model_dump_json`` uses: the same bytes as the model's dump when the data holds
    what the dump keeps, in the model's field order (:func:`.draft._claim` builds it so),
    without computing the exclusions of empty lists claim by claim (half the cost).
    """
    from pydantic_core import to_json

    # Indentation depends only on depth, so each part's claims, cut from the part's own
    # dump, are the lines the whole file's dump has for them.
    opening, closing = b'\n  "claims": [\n', b"\n  ]\n}"
    first = True
    header: dict[str, Any] = {}
    for claims in parts:
        if first:
            header = _header(document)
        dumped = to_json({"document": header, "claims": claims}, indent=2)
        at = dumped.index(opening) + len(opening)
        if first:
            out.write(dumped[:at])
        else:
            out.write(b",\n")
        out.write(dumped[at : dumped.rindex(closing)])
        first = False
    if first:  # no statement at all
        empty = ClaimFile.model_validate({"document": document, "claims": []}, strict=True)
        out.write((_model_json(empty, 2) + "\n").encode("utf-8"))
    else:
        out.write(closing + b"\n")


def _stream_yaml(
    out: BinaryIO,
    parts: Iterator[list[dict[str, Any]]],
    document: dict[str, Any],
    schema_ref: str | None,
) -> bool:
    import json

    from .draft_yaml import Multiline, Plain, claim_lines, head_lines

    plain = Plain()
    first = True
    try:
        for claims in parts:
            if first:
                # the header in the model's order; the claims as validated (the writer reads
                # their fields by name, so their order does not matter)
                header = _header(document)
                lines = head_lines(header, _comment_lines(schema_ref), plain, has_claims=True)
                out.write("".join(lines).encode("utf-8"))
                first = False
            out.write("".join(claim_lines(claims, plain)).encode("utf-8"))
        if first:
            empty = ClaimFile.model_validate({"document": document, "claims": []}, strict=True)
            data = json.loads(_model_json(empty, None))
            lines = head_lines(
                data["document"], _comment_lines(schema_ref), plain, has_claims=False
            )
            out.write("".join(lines).encode("utf-8"))
    except Multiline:
        return False
    return True
