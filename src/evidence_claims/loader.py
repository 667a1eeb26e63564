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

from . import structural_rules as R
from .bib import Bibliography, load_bibliography
from .claimset import ClaimSet
from .files import parse_claim_file, read_text
from .model import Claim, ClaimFile, Document
from .report import Finding
from .schema_errors import findings_from_errors

_CLAIM = TypeAdapter(Claim)
_DOCUMENT = TypeAdapter(Document)
ROOT_MARKERS = (".git", "pyproject.toml", ".evidence-claims-root")


@dataclass(slots=True)
class Loaded:
    """What loading one claim file produced: the set (when the header was readable)."""

    claim_set: ClaimSet | None
    findings: list[Finding] = field(default_factory=list)
    document_sha256: str | None = None


def display_path(path: Path) -> str:
    """A path as findings show it: relative to the working directory when below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith("..") else str(path)


def find_root(path: Path) -> Path:
    """The repository a claim file belongs to: the nearest ancestor with a root marker."""
    start = path.resolve().parent
    for candidate in (start, *start.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return start


def load_claim_file(path: Path, *, root: Path | None = None) -> Loaded:
    """Load one claim file with everything it refers to; never raises on bad input."""
    path = Path(path)
    file = display_path(path)
    parsed = parse_claim_file(path, file=file)
    loaded = Loaded(None, list(parsed.findings))
    if not parsed.ok:
        return loaded
    data = parsed.data
    try:
        model = ClaimFile.model_validate(data, strict=True)
    except ValidationError as exc:
        loaded.findings.extend(
            findings_from_errors(exc.errors(include_url=False), data, parsed.locator, file)
        )
        model = None
    if model is not None:
        document, claims, indexes, complete = model.document, model.claims, None, True
    else:
        document, claims, indexes = _salvage(data)
        complete = False
        if document is None:
            return loaded
    root = root or find_root(path)
    claim_set = ClaimSet(
        document=document,
        claims=claims,
        path=path,
        parsed=parsed,
        claim_indexes=indexes if indexes is not None else list(range(len(claims))),
        complete=complete,
    )
    _attach_document(claim_set, root, loaded)
    _attach_bibliography(claim_set, root, loaded)
    loaded.claim_set = claim_set
    return loaded


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


def resolve_inside(base: Path, relative: str, root: Path) -> tuple[Path | None, str | None]:
    """Resolve a path named in a claim file; refuse one that leaves ``root``."""
    if os.path.isabs(relative) or relative.startswith(("/", "\\")) or ":" in relative[:3]:
        return None, "is absolute; use a path relative to the claim file"
    candidate = (base / relative).resolve()
    try:
        candidate.relative_to(root.resolve())
    except ValueError:
        return None, f"leaves the repository ({root})"
    return candidate, None


def _attach_document(claim_set: ClaimSet, root: Path, loaded: Loaded) -> None:
    assert claim_set.path is not None and claim_set.parsed is not None
    file = claim_set.parsed.file
    locator = claim_set.parsed.locator
    line, column = locator.locate(("document", "path"))
    doc_path, problem = resolve_inside(claim_set.path.parent, claim_set.document.path, root)
    if doc_path is None:
        loaded.findings.append(
            R.DOCUMENT_PATH.finding(
                file=file,
                line=line,
                column=column,
                path="/document/path",
                what="document",
                name=claim_set.document.path,
                problem=problem,
            )
        )
        return
    text, raw, findings = read_text(doc_path, file=display_path(doc_path), what="document")
    for finding in findings:
        if finding.code in ("file.not-found", "file.unreadable"):
            finding = _relocate(finding, file, line, column, "/document/path")
        loaded.findings.append(finding)
    if raw is None:
        return
    actual = hashlib.sha256(raw).hexdigest()
    loaded.document_sha256 = actual
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


def _attach_bibliography(claim_set: ClaimSet, root: Path, loaded: Loaded) -> None:
    assert claim_set.path is not None and claim_set.parsed is not None
    name = claim_set.document.bibliography
    if name is None:
        return
    file = claim_set.parsed.file
    line, column = claim_set.parsed.locator.locate(("document", "bibliography"))
    bib_path, problem = resolve_inside(claim_set.path.parent, name, root)
    if bib_path is None:
        loaded.findings.append(
            R.DOCUMENT_PATH.finding(
                file=file,
                line=line,
                column=column,
                path="/document/bibliography",
                what="bibliography",
                name=name,
                problem=problem,
            )
        )
        claim_set.bibliography = Bibliography(file=name)
        return
    bib = load_bibliography(bib_path, file=display_path(bib_path))
    for finding in bib.findings:
        if finding.code in ("file.not-found", "file.unreadable"):
            finding = _relocate(finding, file, line, column, "/document/bibliography")
        loaded.findings.append(finding)
    claim_set.bibliography = bib
