"""Load a claim file into a :class:`ClaimSet`: parse → schema → document → bibliography.

Each step adds located findings and the next step runs on whatever the previous one could
read, so one pass reports every problem of a file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..model.records import Claim, ClaimFile, Document
from ..model.report import Finding
from ..rules import structural as R
from .bib import Bibliography, load_bibliography
from .claim_file import parse_claim_file
from .claimset import ClaimSet
from .limits import Limits
from .paths import find_root, resolve_inside
from .paths import resolve as _resolve
from .reading import read_text
from .schema_errors import findings_from_errors
from .surrogates import SURROGATE

_CLAIM = TypeAdapter(Claim)
_DOCUMENT = TypeAdapter(Document)


@dataclass(slots=True)
class Loaded:
    """What loading one claim file produced: the set (when the header was readable)."""

    claim_set: ClaimSet | None
    findings: list[Finding] = field(default_factory=list)
    document_sha256: str | None = None


def display_path(path: Path) -> str:
    """A path as findings show it: relative to the working directory when below it.

    Bytes of a file name that are not UTF-8 are shown as ``\\xff`` escapes (as git quotes
    such names): the lone surrogates Python decodes them to (PEP 383) cannot be printed to a
    UTF-8 stream, stored in a DataFrame or Parquet, or written into HTML.
    """
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = str(path)
    shown = rel if not rel.startswith("..") else str(path)
    if shown.isascii() or SURROGATE.search(shown) is None:
        return shown
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def load_claim_file(
    path: Path, *, root: Path | None = None, limits: Limits | None = None
) -> Loaded:
    """Load one claim file with everything it refers to; never raises on bad input.

    ``limits`` bound every file read (claim file, document, bibliography); see
    :class:`~evidence_claims.io.limits.Limits`.
    """
    path = Path(path)
    limits = limits or Limits()
    file = display_path(path)
    root = root or find_root(path)
    escape = _escaping_link(path, root, file)
    if escape is not None:
        return Loaded(None, [escape])
    parsed = parse_claim_file(path, file=file, limits=limits)
    loaded = Loaded(None, list(parsed.findings))
    if not parsed.ok:
        return loaded
    data = parsed.data
    try:
        model = parsed.model or ClaimFile.model_validate(data, strict=True)
    except ValidationError as exc:
        loaded.findings.extend(
            findings_from_errors(exc.errors(include_url=False), data, parsed.locator, file)
        )
        model = None
    if model is not None:
        document, claims, indexes, complete = model.document, model.claims, None, True
        del data  # the models hold it all now: let the parsed value go (JSON fast path)
        parsed.release_data()
    else:
        document, claims, indexes = _salvage(data)
        complete = False
        if document is None:
            return loaded
    claim_set = ClaimSet(
        document=document,
        claims=claims,
        path=path,
        parsed=parsed,
        claim_indexes=indexes if indexes is not None else list(range(len(claims))),
        complete=complete,
    )
    _attach_document(claim_set, root, loaded, limits)
    _attach_bibliography(claim_set, root, loaded, limits)
    loaded.claim_set = claim_set
    return loaded


def attach_references(claim_set: ClaimSet, root: Path, loaded: Loaded, limits: Limits) -> None:
    """Read the document and the bibliography the set's header names into ``claim_set``; their
    findings go to ``loaded`` (for a claim file read a part at a time, whose header is known
    only once the file is read)."""
    _attach_document(claim_set, root, loaded, limits)
    _attach_bibliography(claim_set, root, loaded, limits)


def _escaping_link(path: Path, root: Path, file: str) -> Finding | None:
    """A finding when the claim file is a symbolic link to a file outside ``root``."""
    if not path.is_symlink():
        return None
    target, inside = _resolve(path), _resolve(root)
    if target is None or inside is None:
        return None  # a link loop: reading it fails and says so
    try:
        target.relative_to(inside)
    except ValueError:
        return R.FILE_OUTSIDE_ROOT.finding(
            file=file, line=1, column=1, name=file, target=str(target), root=str(inside)
        )
    return None


def _salvage(data: Any) -> tuple[Document | None, list[Claim], list[int]]:
    """When the file as a whole fails the schema, keep the parts that pass it."""
    if not isinstance(data, dict):
        return None, [], []
    try:
        document = _DOCUMENT.validate_python(data.get("document"), strict=True)
    except ValidationError:
        return None, [], []
    claims, indexes = [], []
    raw_claims = data.get("claims")
    if isinstance(raw_claims, list):
        for i, raw in enumerate(raw_claims):
            try:
                claims.append(_CLAIM.validate_python(raw, strict=True))
                indexes.append(i)
            except ValidationError:
                continue
    return document, claims, indexes


def _resolve_named(
    claim_set: ClaimSet, member: str, root: Path, loaded: Loaded, documents: tuple[str, ...]
) -> tuple[Path | None, tuple[int, int]]:
    """The file the header's ``document.<member>`` names, resolved inside the repository, and
    the position of that member; a name that leaves the repository (``..``, an absolute path,
    a link out) is recorded as a finding there and gives no path."""
    assert claim_set.path is not None and claim_set.parsed is not None
    name = getattr(claim_set.document, member)
    line, column = claim_set.parsed.locator.locate(("document", member))
    resolved, problem = resolve_inside(claim_set.path.parent, name, root, documents)
    if resolved is None:
        loaded.findings.append(
            R.DOCUMENT_PATH.finding(
                file=claim_set.parsed.file,
                line=line,
                column=column,
                path=f"/document/{member}",
                what="document" if member == "path" else member,
                name=name,
                problem=problem,
            )
        )
    return resolved, (line, column)


def _attach_document(claim_set: ClaimSet, root: Path, loaded: Loaded, limits: Limits) -> None:
    assert claim_set.path is not None and claim_set.parsed is not None
    file = claim_set.parsed.file
    locator = claim_set.parsed.locator
    doc_path, (line, column) = _resolve_named(claim_set, "path", root, loaded, limits.documents)
    if doc_path is None:
        return
    text, raw, findings = read_text(
        doc_path,
        file=display_path(doc_path),
        what="document",
        max_bytes=limits.max_file_bytes,
        text_only=True,
    )
    for finding in findings:
        if finding.code in ("file.not-found", "file.unreadable", "limits.size"):
            finding = _relocate(finding, file, line, column, "/document/path")
        loaded.findings.append(finding)
    if raw is None:
        return
    actual = hashlib.sha256(raw).hexdigest()
    loaded.document_sha256 = claim_set.document_sha256 = actual
    if actual != claim_set.document.sha256:
        hline, hcolumn = locator.locate(("document", "sha256"))
        loaded.findings.append(
            R.DOCUMENT_HASH.finding(
                file=file,
                line=hline,
                column=hcolumn,
                path="/document/sha256",
                actual=actual,
                expected=claim_set.document.sha256,
            )
        )
    claim_set.document_text = text


def _relocate(finding: Finding, file: str, line: int, column: int, pointer: str) -> Finding:
    """Point a finding about a referenced file at the line of the claim file that names it."""
    from dataclasses import replace

    return replace(finding, file=file, line=line, column=column, path=pointer)


def _attach_bibliography(claim_set: ClaimSet, root: Path, loaded: Loaded, limits: Limits) -> None:
    assert claim_set.path is not None and claim_set.parsed is not None
    name = claim_set.document.bibliography
    if name is None:
        return
    file = claim_set.parsed.file
    bib_path, (line, column) = _resolve_named(
        claim_set, "bibliography", root, loaded, limits.documents
    )
    if bib_path is None:
        claim_set.bibliography = Bibliography(file=name)
        return
    most, limit_name = limits.bibliography_bytes()
    bib = load_bibliography(
        bib_path, file=display_path(bib_path), max_bytes=most, limit_name=limit_name
    )
    for finding in bib.findings:
        if finding.code in ("file.not-found", "file.unreadable", "limits.size"):
            finding = _relocate(finding, file, line, column, "/document/bibliography")
        loaded.findings.append(finding)
    claim_set.bibliography = bib
