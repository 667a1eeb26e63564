"""Checks that need more than one field: anchors against the document, citations against the
bibliography, ids and relations against each other, coverage of the document.

Each check is a function from a :class:`ClaimSet` to findings; :func:`run_checks` runs them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ..io.claimset import ClaimSet
from ..io.locate import LineIndex
from ..model.anchors import context
from ..model.records import Claim
from ..model.report import Finding
from ..rules import structural as R
from ..rules.suggest import Suggester

PREFIX_SUFFIX_MAX = 32
Check = Callable[[ClaimSet], Iterator[Finding]]


def _at(cs: ClaimSet, claim: Claim, *fields: Any, key: bool = False) -> dict[str, Any]:
    line, column = cs.locate(claim, *fields, key=key)
    return {
        "file": cs.file,
        "line": line,
        "column": column,
        "claim_id": claim.id,
        "path": cs.pointer(claim, *fields),
    }


def check_ids(cs: ClaimSet) -> Iterator[Finding]:
    first: dict[str, Claim] = {}
    for claim in cs.claims:
        if claim.id in first:
            first_line = cs.locate(first[claim.id])[0]
            yield R.ID_DUPLICATE.finding(
                **_at(cs, claim, "id"), id=claim.id, first_line=first_line or "?"
            )
        else:
            first[claim.id] = claim


def _occurrences(document: str, text: str) -> list[int]:
    """Starts of the non-overlapping occurrences of ``text`` (as ``re.finditer`` finds them),
    by ``str.find``: no pattern compiled per claim, so a document edited under a thousand
    anchors costs a thousand C scans, not a thousand regular expressions."""
    positions: list[int] = []
    if not text:
        return positions
    i = document.find(text)
    while i >= 0:
        positions.append(i)
        i = document.find(text, i + len(text))
    return positions


HINT_WINDOW = 1 << 20
"""How far from the anchor (in characters, each way) the quote is looked for in a document
longer than twice this: a hint that scanned a 75 MB document for every misplaced quote cost
13 ms each, and a file with thousands of them spent more time on hints than on everything
else. Documents up to 2 MB (nearly all) are searched whole."""


def _quote_hint(document: str, text: str, start: int) -> str:
    if len(document) <= 2 * HINT_WINDOW:
        where, offset, scope = document, 0, ""
    else:
        offset = max(0, start - HINT_WINDOW)
        where = document[offset : start + HINT_WINDOW + len(text)]
        scope = f" within {HINT_WINDOW:,} characters of the anchor"
    positions = [offset + p for p in _occurrences(where, text)]
    if len(positions) == 1:
        found = positions[0]
        return f"; the quote is at {found}..{found + len(text)} (off by {found - start:+d}){scope}"
    if positions:
        nearest = min(positions, key=lambda p: abs(p - start))
        return (
            f"; the quote occurs {len(positions)} times{scope}, nearest at "
            f"{nearest}..{nearest + len(text)}"
        )
    if scope:
        return f"; the quote is not in the document{scope}"
    return "; the quote is not in the document"


def check_anchors(cs: ClaimSet) -> Iterator[Finding]:
    document = cs.document_text
    if document is None:
        return
    length = len(document)
    for claim in cs.claims:
        anchor = claim.anchor
        if anchor.end <= anchor.start:
            yield R.ANCHOR_INVERTED.finding(
                **_at(cs, claim, "anchor"), start=anchor.start, end=anchor.end
            )
            continue
        if anchor.end > length:
            yield R.ANCHOR_RANGE.finding(
                **_at(cs, claim, "anchor"), start=anchor.start, end=anchor.end, length=length
            )
            continue
        actual = document[anchor.start : anchor.end]
        if actual != claim.text:
            yield R.ANCHOR_TEXT.finding(
                **_at(cs, claim, "text"),
                start=anchor.start,
                end=anchor.end,
                differ=differ_at(claim.text, actual),
                hint=_quote_hint(document, claim.text, anchor.start),
            )
        else:
            # (no copy of the text before the claim: on a large document that copy, made for
            # every claim, was the slowest step of all the checks)
            prefix = anchor.prefix
            if prefix and not document.endswith(prefix, 0, anchor.start):
                yield R.ANCHOR_CONTEXT.finding(
                    **_at(cs, claim, "anchor", "prefix"),
                    which="prefix",
                    given=_short(prefix),
                    differ=differ_at(
                        prefix, context(document, anchor.start, anchor.end, before=len(prefix))[0]
                    ),
                )
            if anchor.suffix and not document.startswith(anchor.suffix, anchor.end):
                yield R.ANCHOR_CONTEXT.finding(
                    **_at(cs, claim, "anchor", "suffix"),
                    which="suffix",
                    given=_short(anchor.suffix),
                    differ=differ_at(
                        anchor.suffix,
                        context(document, anchor.start, anchor.end, after=len(anchor.suffix))[1],
                    ),
                )
        if claim.hedges or claim.boosters:  # (most claims have no cue to check)
            yield from _check_cues(cs, claim, document)


def _check_cues(cs: ClaimSet, claim: Claim, document: str) -> Iterator[Finding]:
    for kind, cues in (("hedge", claim.hedges), ("booster", claim.boosters)):
        field = f"{kind}s"
        for i, cue in enumerate(cues):
            actual = document[cue.start : cue.end]
            if cue.end <= cue.start or actual != cue.cue:
                span = document[claim.anchor.start : claim.anchor.end]
                found = span.find(cue.cue)
                at = claim.anchor.start + found
                hint = f"; it is at {at}..{at + len(cue.cue)}" if found >= 0 else ""
                yield R.CUE_TEXT.finding(
                    **_at(cs, claim, field, i),
                    kind=kind,
                    cue=cue.cue,
                    start=cue.start,
                    end=cue.end,
                    differ=differ_at(cue.cue, actual),
                    hint=hint,
                )
            elif cue.start < claim.anchor.start or cue.end > claim.anchor.end:
                yield R.CUE_OUTSIDE.finding(
                    **_at(cs, claim, field, i),
                    kind=kind,
                    cue=cue.cue,
                    start=cue.start,
                    end=cue.end,
                    claim_start=claim.anchor.start,
                    claim_end=claim.anchor.end,
                )


def check_citations(cs: ClaimSet) -> Iterator[Finding]:
    cited = sum(len(c.evidence.sources) for c in cs.claims)
    yield from check_document_citation(cs, cited)
    yield from check_claim_citations(cs)


def check_document_citation(cs: ClaimSet, cited: int) -> Iterator[Finding]:
    """The set's own citation and a missing bibliography (``cited``: source keys of all its
    claims); a set read a part at a time checks this once, with every part's count."""
    bib = cs.bibliography
    if bib is None and (cited or cs.document.citation):
        line, column = (
            cs.parsed.locator.locate(("document",), key=True) if cs.parsed else (None, None)
        )
        yield R.CITE_NO_BIBLIOGRAPHY.finding(
            file=cs.file, line=line, column=column, path="/document", count=cited or 1
        )
    readable = bib is not None and bib.library is not None
    if readable and cs.document.citation and cs.document.citation not in bib:
        known = Suggester(bib.keys() if bib is not None else [])
        bib_name = (bib.file if bib is not None else None) or "the bibliography"
        line, column = (
            cs.parsed.locator.locate(("document", "citation")) if cs.parsed else (None, None)
        )
        yield R.CITE_UNKNOWN.finding(
            file=cs.file,
            line=line,
            column=column,
            path="/document/citation",
            key=cs.document.citation,
            bibliography=bib_name,
            hint=known.hint(cs.document.citation),
        )


def check_claim_citations(cs: ClaimSet) -> Iterator[Finding]:
    """Each claim's source keys against the bibliography, and its evidence basis."""
    bib = cs.bibliography
    readable = bib is not None and bib.library is not None
    known = Suggester(bib.keys() if bib is not None else [])
    bib_name = (bib.file if bib is not None else None) or "the bibliography"
    entries = bib.entries if bib is not None else {}  # `key in bib`, without a call per key
    for claim in cs.claims:
        evidence = claim.evidence
        if readable:
            for i, key in enumerate(evidence.sources):
                if key not in entries:
                    yield R.CITE_UNKNOWN.finding(
                        **_at(cs, claim, "evidence", "sources", i),
                        key=key,
                        bibliography=bib_name,
                        hint=known.hint(key),
                    )
        if evidence.basis == "none" and evidence.sources:
            yield R.EVIDENCE_BASIS.finding(
                **_at(cs, claim, "evidence", "basis"),
                problem="basis is 'none' but the claim cites sources; use explicit, context "
                "or inferred",
            )
        elif evidence.basis == "inferred" and not evidence.sources:
            yield R.EVIDENCE_BASIS.finding(
                **_at(cs, claim, "evidence", "basis"),
                problem="basis is 'inferred' but no source key was inferred; cite the key or "
                "use 'none'",
            )
        elif evidence.basis == "inferred" and not (evidence.note or "").strip():
            yield R.EVIDENCE_INFERRED_NOTE.finding(
                **_at(cs, claim, "evidence", "basis"), keys=", ".join(evidence.sources)
            )


def _all_ids(cs: ClaimSet) -> set[str]:
    """Ids of every claim in the file, including ones that failed the schema."""
    ids = {c.id for c in cs.claims}
    if cs.complete:  # every claim of the file passed the schema: no other id to add
        return ids
    data = cs.parsed.data if cs.parsed is not None else None
    if isinstance(data, dict) and isinstance(data.get("claims"), list):
        ids.update(
            c["id"] for c in data["claims"] if isinstance(c, dict) and isinstance(c.get("id"), str)
        )
    return ids


def check_relations(
    cs: ClaimSet, ids: set[str] | None = None, suggester: Suggester | None = None
) -> Iterator[Finding]:
    """Relation targets against the ids of the file (``ids``, default: the set's); a set read
    a part at a time passes the ids of all its parts, and one ``suggester`` of them."""
    ids = _all_ids(cs) if ids is None else ids
    for claim in cs.claims:
        seen: set[tuple[str, str]] = set()
        for i, relation in enumerate(claim.relations):
            if relation.target == claim.id:
                yield R.RELATION_SELF.finding(
                    **_at(cs, claim, "relations", i), id=claim.id, type=relation.type
                )
            elif relation.target not in ids:
                if suggester is None:
                    suggester = Suggester(sorted(ids))
                yield R.RELATION_TARGET.finding(
                    **_at(cs, claim, "relations", i),
                    type=relation.type,
                    target=relation.target,
                    hint=suggester.hint(relation.target),
                )
            pair = (relation.type, relation.target)
            if pair in seen:
                yield R.RELATION_DUPLICATE.finding(
                    **_at(cs, claim, "relations", i), type=relation.type, target=relation.target
                )
            seen.add(pair)


def check_reviews(cs: ClaimSet) -> Iterator[Finding]:
    for claim in cs.claims:
        review = claim.review
        if review is not None and review.status == "overridden" and not (review.why or "").strip():
            yield R.REVIEW_REASON.finding(**_at(cs, claim, "review"))


def uncovered_spans(document: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of the document no span covers that hold at least one letter or digit.

    Works on the spans merged in order, so the cost follows the number of claims, not the
    length of the document (a per-character pass was the slowest part of checking a set).
    """
    n = len(document)
    clamped = sorted((max(0, start), min(n, end)) for start, end in spans)
    gaps = []
    i = 0
    for start, end in [*(span for span in clamped if span[1] > span[0]), (n, n)]:
        if start > i:
            chunk = document[i:start]
            if _ALNUM.search(chunk):
                lead = len(chunk) - len(chunk.lstrip())
                trail = len(chunk) - len(chunk.rstrip())
                gaps.append((i + lead, start - trail))
        i = max(i, end)
    return gaps


_ALNUM = re.compile(r"[^\W_]")  # str.isalnum(): word characters but the underscore


def check_coverage(cs: ClaimSet) -> Iterator[Finding]:
    document = cs.document_text
    if document is None or not cs.complete:
        return
    spans = [(c.anchor.start, c.anchor.end) for c in cs.claims]
    gaps = uncovered_spans(document, spans)
    if not gaps:
        return
    lines = LineIndex(document)
    doc_file = _document_display(cs)
    for start, end in gaps:
        line, column = lines.position(start)
        size = end - start
        length = f"{size} character" if size == 1 else f"{size} characters"
        yield R.COVERAGE_GAP.finding(file=doc_file, line=line, column=column, length=length)


def _document_display(cs: ClaimSet) -> str | None:
    from ..io.loader import display_path

    if cs.path is None:
        return cs.document.path
    return display_path(cs.path.parent / cs.document.path)


def differ_at(given: str, actual: str) -> int:
    """The 1-based character where ``given`` and ``actual`` first differ.

    Findings say where a quote or context goes wrong, never what the document holds there:
    a claim file may name any text file of the repository as its document, and findings are
    printed in CI logs (see :mod:`evidence_claims.io.paths`)."""
    for i, (a, b) in enumerate(zip(given, actual, strict=False)):
        if a != b:
            return i + 1
    return min(len(given), len(actual)) + 1


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


CHECKS: tuple[Check, ...] = (
    check_ids,
    check_anchors,
    check_citations,
    check_relations,
    check_reviews,
    check_coverage,
)


def run_checks(cs: ClaimSet) -> list[Finding]:
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(cs))
    return findings
