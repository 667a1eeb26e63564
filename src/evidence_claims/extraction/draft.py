"""Build a draft claim set from a document's text, and write it as YAML or JSON.

Every statement becomes a claim with ``review: {status: suggested}``; ``certainty`` is left
out (the assessment computes it). The result always validates against the schema, and every
offset is exact: ``document[anchor.start:anchor.end] == text`` and each cue lies inside its
claim (the property tests check both on arbitrary text).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from ..io.bib import Bibliography
from ..io.claimset import ClaimSet
from ..model.anchors import context
from ..model.records import ClaimFile, Kind
from ..model.report import Finding
from .asides import aside_spans, outside
from .attribute import Attribution, attribute
from .caseless import fold
from .cues import CueMatch, load_lexicon, merge_adjacent, resolve
from .draft_output import _stream_json, _stream_yaml, to_data, to_json, to_yaml, to_yaml_tree
from .kind_model import DEFAULT_METHOD, KindMethod, decide_kinds
from .notices import notices
from .segment import Segment, segment
from .source_model import load_source_model

__all__ = [
    "ATTRIBUTION_MODES",
    "DEFAULT_ATTRIBUTION",
    "STREAM_CHUNK",
    "AttributionMode",
    "Statement",
    "analyse",
    "document_id",
    "extract",
    "to_data",
    "to_json",
    "to_yaml",
    "to_yaml_tree",
    "write_draft",
]

_ID_BAD = re.compile(r"[^A-Za-z0-9._:-]+")


@dataclass(frozen=True, slots=True)
class Statement:
    """Everything the pipeline found about one segment, before it becomes a claim."""

    segment: Segment
    kind: Kind
    attribution: Attribution
    hedges: tuple[CueMatch, ...]
    boosters: tuple[CueMatch, ...]


def document_id(name: str) -> str:
    """A valid claim-set id from a file stem ("My notes (v2)" -> "My-notes-v2")."""
    cleaned = _ID_BAD.sub("-", name).strip("-._:")
    return cleaned[:150] or "document"


AttributionMode = Literal["rules", "learned"]
ATTRIBUTION_MODES: tuple[AttributionMode, ...] = ("rules", "learned")
DEFAULT_ATTRIBUTION: AttributionMode = "rules"


def analyse(
    text: str,
    *,
    bibliography: Bibliography | None = None,
    attribution: AttributionMode = DEFAULT_ATTRIBUTION,
    features: list[list[str]] | None = None,
    kinds: KindMethod = DEFAULT_METHOD,
) -> list[Statement]:
    """Run the pipeline: segments, asides, kinds, attribution and cues, in document order.

    ``attribution`` chooses how source types are decided: by the ``rules`` alone, or with the
    ``learned`` model overruling them where it is confident (:mod:`.source_model`). When
    ``features`` is a list, each statement's source features are appended to it (an empty
    list for a statement that names its own ground, which the rules decide). ``kinds`` says
    how statements get their kind: by the hand-written ``rules`` or by the ``learned`` model
    (:mod:`.kind_model`).
    """
    with _collector_paused():
        return _analyse(text, bibliography, attribution, features, kinds)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the draft is built.

    Extraction allocates a few small objects per statement and frees them by reference
    counting (none forms a cycle); with the collector running, its generation scans over the
    growing set of live objects took a third of `extract`'s time on a long document. It is
    switched back on afterwards, even on error, and only if it was on.

    The objects made meanwhile are still in the youngest generation then, and the first
    allocation after the pause would scan them all (a twentieth of `extract`'s time). They
    are moved to the oldest generation instead (``gc.freeze`` then ``gc.unfreeze``, two list
    moves): every object stays tracked and a later full collection still finds any cycle.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def _analyse(
    text: str,
    bibliography: Bibliography | None,
    mode: AttributionMode = DEFAULT_ATTRIBUTION,
    features: list[list[str]] | None = None,
    method: KindMethod = DEFAULT_METHOD,
) -> list[Statement]:
    folded = fold(text)  # the lower case every case-insensitive pattern is matched on
    segments = segment(text)
    asides = [aside_spans(text, s.start, s.end) for s in segments]
    kinds: list[Kind] = decide_kinds(
        text,
        segments,
        [outside(text, s.start, s.end, a) for s, a in zip(segments, asides, strict=True)],
        method,
    )
    attributions = attribute(
        text,
        segments,
        kinds,
        asides,
        bibliography=bibliography,
        folded=folded,
        learned=load_source_model() if mode == "learned" else None,
        features=features,
    )
    raw = load_lexicon().scan(text, folded=folded)
    statements = []
    r = 0
    for seg, kind, attribution in zip(segments, kinds, attributions, strict=True):
        while r < len(raw) and raw[r].start < seg.start:
            r += 1
        inside = []
        j = r
        while j < len(raw) and raw[j].start < seg.end:
            if raw[j].end <= seg.end:
                inside.append(raw[j])
            j += 1
        cues = merge_adjacent(text, resolve(text, inside, start=seg.start, end=seg.end, kind=kind))
        statements.append(
            Statement(
                seg,
                kind,
                attribution,
                tuple(c for c in cues if c.kind == "hedge"),
                tuple(c for c in cues if c.kind == "booster"),
            )
        )
    return statements


def extract(
    text: str,
    *,
    doc_id: str = "document",
    path: str = "document.txt",
    sha256: str | None = None,
    bibliography: Bibliography | str | Path | None = None,
    bibliography_path: str | None = None,
    title: str | None = None,
    findings: list[Finding] | None = None,
    attribution: AttributionMode = DEFAULT_ATTRIBUTION,
    kinds: KindMethod = DEFAULT_METHOD,
) -> ClaimSet:
    """A draft claim set for ``text``, for a person to review.

    When ``findings`` is a list, what the person should know about the text is appended to it
    (see :mod:`.notices`: a text that is not English, citations with no bibliography entry).

    ``path`` is how the claim file will name the document (relative to the claim file);
    ``sha256`` defaults to the hash of ``text`` encoded as UTF-8 (pass the file's own hash when
    its bytes differ, e.g. with a byte order mark). ``bibliography`` (a parsed
    :class:`~evidence_claims.io.bib.Bibliography` or the path of a ``.bib`` file) lets informal
    mentions ("Matsumoto et al.", "the Thai studies") resolve to keys; ``bibliography_path`` is
    how the claim file names it. ``attribution`` and ``kinds`` are as for :func:`analyse`.
    """
    bib, bibliography_path = _resolve_bibliography(bibliography, bibliography_path)
    naming = _Naming(doc_id, path, sha256, bibliography_path, title)
    with _collector_paused():
        return _extract(text, bib, naming, findings, attribution, kinds)


@dataclass(frozen=True)
class _Naming:
    """How a draft names its document: the id, the path and hash of the text, the path of
    the bibliography and the title (what :func:`extract` and :func:`write_draft` share)."""

    doc_id: str
    path: str
    sha256: str | None
    bibliography_path: str | None
    title: str | None


def _resolve_bibliography(
    bibliography: Bibliography | str | Path | None, bibliography_path: str | None
) -> tuple[Bibliography | None, str | None]:
    """The parsed bibliography, and how the claim file names it (a file's own name when the
    caller gave a path and no name)."""
    bib = _bibliography(bibliography)
    if bib is not None and bibliography_path is None and isinstance(bibliography, str | Path):
        bibliography_path = Path(bibliography).name
    return bib, bibliography_path


def _read_draft(
    text: str,
    bib: Bibliography | None,
    naming: _Naming,
    findings: list[Finding] | None,
    mode: AttributionMode = DEFAULT_ATTRIBUTION,
    kinds: KindMethod = DEFAULT_METHOD,
) -> tuple[list[Statement], dict[str, Any], list[str]]:
    """The statements of ``text``, the draft's document header and its claim ids; the notices
    about the text are appended to ``findings`` when it is a list."""
    statements = _analyse(text, bib, mode, None, kinds)
    document, ids = _header(text, statements, bib, naming)
    if findings is not None:
        findings.extend(notices(text, statements, ids, file=naming.path))
    return statements, document, ids


def _extract(
    text: str,
    bib: Bibliography | None,
    naming: _Naming,
    findings: list[Finding] | None = None,
    mode: AttributionMode = DEFAULT_ATTRIBUTION,
    kinds: KindMethod = DEFAULT_METHOD,
) -> ClaimSet:
    statements, document, ids = _read_draft(text, bib, naming, findings, mode, kinds)
    # One validation of the whole file (in pydantic-core) checks every draft against the
    # contract, and is much faster than building each nested model in Python.
    model = ClaimFile.model_validate(
        {
            "document": document,
            "claims": [_claim(text, ids, i, s) for i, s in enumerate(statements)],
        },
        strict=True,
    )
    return ClaimSet.from_model(model, document_text=text, bibliography=bib)


def _header(
    text: str, statements: Sequence[Statement], bib: Bibliography | None, naming: _Naming
) -> tuple[dict[str, Any], list[str]]:
    """The ``document`` header of the draft and the ids of its claims."""
    doc_id = document_id(naming.doc_id)
    path, sha256, title = naming.path, naming.sha256, naming.title
    width = max(3, len(str(len(statements))))
    ids = [f"{doc_id}-{i:0{width}d}" for i in range(1, len(statements) + 1)]
    document: dict[str, Any] = {
        "id": doc_id,
        "path": path,
        "sha256": sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    if title is not None:
        document["title"] = title
    if bib is not None and naming.bibliography_path is not None:
        document["bibliography"] = naming.bibliography_path
    return document, ids


STREAM_CHUNK = 2000
"""Claims validated and written at a time by :func:`write_draft`."""


def write_draft(
    text: str,
    out: BinaryIO,
    fmt: str = "yaml",
    *,
    doc_id: str = "document",
    path: str = "document.txt",
    sha256: str | None = None,
    bibliography: Bibliography | str | Path | None = None,
    bibliography_path: str | None = None,
    title: str | None = None,
    schema_ref: str | None = None,
    findings: list[Finding] | None = None,
    attribution: AttributionMode = DEFAULT_ATTRIBUTION,
    kinds: KindMethod = DEFAULT_METHOD,
) -> Counter[str] | None:
    """Write the draft of :func:`extract` to ``out`` as ``fmt`` (yaml or json), a part at a
    time: the bytes are those of :func:`to_yaml` / :func:`to_json`, but only
    :data:`STREAM_CHUNK` claims are ever held as models and text (50 MB of text took 6.5 GB
    drafted at once). Returns the number of claims of each kind, or None when a value can
    only be written by ruamel.yaml: ``out`` then holds a part, and the caller writes the
    whole draft with :func:`to_yaml` instead. ``findings`` is filled as by :func:`extract`,
    ``attribution`` and ``kinds`` are as for :func:`analyse`.
    """
    bib, bibliography_path = _resolve_bibliography(bibliography, bibliography_path)
    naming = _Naming(doc_id, path, sha256, bibliography_path, title)
    with _collector_paused():
        statements, document, ids = _read_draft(text, bib, naming, findings, attribution, kinds)
        counts = Counter(s.kind for s in statements)
        chunks = range(0, len(statements), STREAM_CHUNK)

        def parts() -> Iterator[tuple[ClaimFile, list[dict[str, Any]]]]:
            for start in chunks:
                claims = [
                    _claim(text, ids, i, statements[i])
                    for i in range(start, min(start + STREAM_CHUNK, len(statements)))
                ]
                data = {"document": document, "claims": claims}
                yield ClaimFile.model_validate(data, strict=True), claims

        if fmt == "json":
            _stream_json(out, (model for model, _ in parts()), document)
            return counts
        return counts if _stream_yaml(out, parts(), document, schema_ref) else None


def _bibliography(value: Bibliography | str | Path | None) -> Bibliography | None:
    if value is None or isinstance(value, Bibliography):
        return value
    from ..io.bib import load_bibliography

    return load_bibliography(Path(value))


def _claim(text: str, ids: Sequence[str], index: int, statement: Statement) -> dict[str, Any]:
    seg = statement.segment
    attribution = statement.attribution
    start, end = seg.start, seg.end
    evidence: dict[str, Any] = {
        "type": attribution.type,
        "sources": list(attribution.sources),
        "basis": attribution.basis,
    }
    note = _note(text, ids, attribution)
    if note is not None:
        evidence["note"] = note
    prefix, suffix = context(text, start, end)
    return {
        "id": ids[index],
        "text": text[start:end],
        "anchor": {
            "start": start,
            "end": end,
            "prefix": prefix,
            "suffix": suffix,
        },
        "kind": statement.kind,
        "evidence": evidence,
        "hedges": [_cue(text, c) for c in statement.hedges],
        "boosters": [_cue(text, c) for c in statement.boosters],
        "review": {"status": "suggested"},
    }


def _cue(text: str, match: CueMatch) -> dict[str, Any]:
    return {"cue": text[match.start : match.end], "start": match.start, "end": match.end}


def _note(text: str, ids: Sequence[str], attribution: Attribution) -> str | None:
    """Why the extractor chose this evidence, so the reviewer can check it quickly."""
    parts = []
    if attribution.cue is not None and attribution.basis != "context":
        parts.append(f"cue: {_short(text[attribution.cue[0] : attribution.cue[1]])!r}")
    if attribution.basis == "context" and attribution.carried_from is not None:
        parts.append(f"carried from {ids[attribution.carried_from]}")
    if attribution.mention and attribution.sources:
        keys = ", ".join(attribution.sources)
        parts.append(
            f"{_short(attribution.mention)!r} resolved to {keys} by matching the bibliography; "
            "the document does not cite them in full: check"
        )
    elif attribution.sources and attribution.by_position:
        parts.append(
            "cited by number: " + ", ".join(attribution.sources) + " (the entries at those "
            "places in the bibliography, numbered in citation order: check)"
        )
    elif attribution.sources and attribution.basis == "explicit":
        parts.append("cited by name: " + ", ".join(attribution.sources))
    if attribution.cue is None and attribution.basis == "explicit" and attribution.sources:
        parts.append("design taken from the bibliography entry")
    for citation, closest in attribution.unresolved:
        near = f" (closest keys: {', '.join(closest)})" if closest else ""
        parts.append(f"unresolved citation {_short(citation)!r}: no bibliography entry{near}")
    return "; ".join(parts) or None


def _short(value: str, limit: int = 80) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 3] + "..."
