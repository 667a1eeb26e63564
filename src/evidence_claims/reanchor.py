"""Find each claim's quote again after its document changed, and update the claim file.

Each claim is looked for in turn (following the W3C Web Annotation selectors it carries):

1. *in place*: its quote is still at its offsets, with its prefix or suffix around it;
2. *exact*: the quote occurs elsewhere; when it occurs more than once, its prefix and suffix
   must single one occurrence out;
3. *context*: the quote was edited, but its old prefix and suffix still enclose exactly one
   stretch of similar length and wording: that stretch is the new quote;
4. *fuzzy*: one clear approximate match (rapidfuzz's partial-ratio alignment, similarity at
   least 90%, and no second match nearly as good).

A claim that fits none of these, or fits ambiguously, is an *orphan*: it is left untouched
and reported with its location; it is never moved to a place that may be wrong. Cue offsets
move with their claim (a cue no longer in the quote is removed and reported); a changed quote
sets the claim's review status back to ``suggested``. The claim file is rewritten once,
atomically, through its parsed ruamel tree, so comments, order and quoting survive and only
the changed lines change. The save goes through :func:`evidence_claims.io.storage.save_claim_file`:
under the file's save lock it checks that the file still has the bytes that were loaded, so
an edit made meanwhile by someone else is never overwritten (the result then carries a
``reanchor.conflict`` finding and nothing is written). ``document.sha256`` is updated only
when every claim was placed: until then the set is not in sync with its document.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .extraction.segment import strip_span
from .io.claimset import ClaimSet
from .model.anchors import context, context_match
from .model.records import Claim
from .model.report import Finding
from .rules import reanchor as R

Method = Literal["in place", "exact", "context", "fuzzy"]
FUZZY_MIN = 90.0
FUZZY_MARGIN = 3.0
CONTEXT_MIN = 0.6
CONTEXT_MARGIN = 8


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one claim's quote was found."""

    claim_id: str
    method: Method
    start: int
    end: int
    similarity: float = 100.0

    @property
    def quote_changed(self) -> bool:
        return self.method in ("context", "fuzzy")


@dataclass(slots=True)
class ReanchorResult:
    """What re-anchoring one claim file found and (unless a dry run) wrote."""

    file: str | None
    placements: list[Placement] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    changed: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)


def locate(document: str, claim: Claim) -> tuple[Placement | None, str]:
    """Where ``claim``'s quote is in ``document`` now, or None and why not."""
    quote, anchor = claim.text, claim.anchor
    size = len(quote)
    here = document[anchor.start : anchor.start + size] == quote
    if here and (
        _prefix_ok(document, anchor.start, anchor.prefix)
        or _suffix_ok(document, anchor.start + size, anchor.suffix)
    ):
        return Placement(claim.id, "in place", anchor.start, anchor.start + size), ""
    positions = _occurrences(document, quote)
    if len(positions) == 1:
        return Placement(claim.id, "exact", positions[0], positions[0] + size), ""
    if len(positions) > 1:
        scored = sorted(
            (
                (context_match(document, p, p + size, anchor.prefix, anchor.suffix), p)
                for p in positions
            ),
            reverse=True,
        )
        # The old context must tell one occurrence apart clearly, not by a stray space.
        if scored[0][0] >= CONTEXT_MARGIN and scored[0][0] >= scored[1][0] + CONTEXT_MARGIN:
            p = scored[0][1]
            return Placement(claim.id, "exact", p, p + size), ""
        return None, f"the quote occurs {len(positions)} times and its context does not tell which"
    placed = _between_context(document, claim)
    if placed is not None:
        return placed, ""
    return _fuzzy(document, claim)


def _prefix_ok(document: str, start: int, prefix: str) -> bool:
    return bool(prefix) and document[:start].endswith(prefix)


def _suffix_ok(document: str, end: int, suffix: str) -> bool:
    return bool(suffix) and document.startswith(suffix, end)


def _occurrences(document: str, quote: str) -> list[int]:
    positions = []
    i = document.find(quote)
    while i >= 0:
        positions.append(i)
        i = document.find(quote, i + 1)
    return positions


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


def _between_context(document: str, claim: Claim) -> Placement | None:
    """The one stretch between the old prefix and suffix, if it still reads like the quote."""
    prefix, suffix, quote = claim.anchor.prefix, claim.anchor.suffix, claim.text
    if len(prefix.strip()) < 8 or len(suffix.strip()) < 8:
        return None
    candidates = []
    for p in _occurrences(document, prefix):
        start = p + len(prefix)
        end = document.find(suffix, start)
        if end < 0 or not (len(quote) // 2 <= end - start <= 2 * len(quote) + 40):
            continue
        left, right = strip_span(document, start, end)
        if right > left:
            candidates.append((left, right))
    if len(set(candidates)) != 1:
        return None
    start, end = candidates[0]
    similarity = _similarity(quote, document[start:end])
    if similarity < CONTEXT_MIN * 100:
        return None
    return Placement(claim.id, "context", start, end, round(similarity, 1))


def _fuzzy(document: str, claim: Claim) -> tuple[Placement | None, str]:
    from rapidfuzz import fuzz

    quote = claim.text
    if len(quote) < 12:
        return None, "the quote is not in the document (too short to match approximately)"
    best = fuzz.partial_ratio_alignment(quote, document, score_cutoff=FUZZY_MIN)
    if best is None:
        return None, "the quote is not in the document, exactly or approximately"
    start, end = strip_span(document, best.dest_start, best.dest_end)
    masked = document[:start] + "\0" * (end - start) + document[end:]
    second = fuzz.partial_ratio_alignment(quote, masked, score_cutoff=best.score - FUZZY_MARGIN)
    if second is not None:
        return None, (
            f"two places match the quote about equally ({best.score:.0f}% and {second.score:.0f}%)"
        )
    similarity = _similarity(quote, document[start:end])
    return Placement(claim.id, "fuzzy", start, end, round(max(similarity, best.score), 1)), ""


# --- updating the claim file ------------------------------------------------------------------


def reanchor_set(
    claim_set: ClaimSet, *, document_sha256: str | None = None, dry_run: bool = False
) -> ReanchorResult:
    """Re-anchor a loaded claim set against its (changed) document; write unless ``dry_run``.

    ``document_sha256`` is the hash of the document file's bytes (by default, of its text
    encoded as UTF-8).
    """
    parsed = claim_set.parsed
    document = claim_set.document_text
    result = ReanchorResult(file=claim_set.file)
    if parsed is None or document is None:
        return result
    container = parsed.tree if parsed.format == "yaml" else parsed.data
    if container is None:
        result.findings.append(
            R.REANCHOR_NOT_EDITABLE.finding(
                file=claim_set.file,
                line=1,
                column=1,
                reason="ruamel.yaml, which keeps the file's comments and layout when saving, "
                "cannot read it",
            )
        )
        return result
    for index, claim in enumerate(claim_set.claims):
        file_index = claim_set.claim_indexes[index] if claim_set.claim_indexes else index
        node = container["claims"][file_index]
        placement, reason = locate(document, claim)
        line, column = claim_set.locate(claim, "anchor")
        where = {
            "file": claim_set.file,
            "line": line,
            "column": column,
            "claim_id": claim.id,
            "path": claim_set.pointer(claim, "anchor"),
        }
        if placement is None:
            result.orphans.append(claim.id)
            result.findings.append(R.REANCHOR_ORPHAN.finding(**where, reason=reason))
            continue
        result.placements.append(placement)
        if _apply(_Move(document, claim, node, placement, result, claim_set, where)):
            result.changed = True
    sha = document_sha256 or hashlib.sha256(document.encode("utf-8")).hexdigest()
    if not result.orphans and container["document"].get("sha256") != sha:
        container["document"]["sha256"] = sha
        result.changed = True
    if result.changed and not dry_run:
        reason = _save(claim_set)
        if reason is None:
            result.written = True
        else:
            result.findings.append(
                R.REANCHOR_CONFLICT.finding(file=claim_set.file, line=1, column=1, reason=reason)
            )
    return result


@dataclass
class _Move:
    """One claim being moved to its new placement: what each step reads and writes."""

    document: str
    claim: Claim
    node: Any  # the claim's node in the file's tree, edited in place
    placement: Placement
    result: ReanchorResult
    claim_set: ClaimSet
    where: dict[str, Any]  # the claim's location, for findings

    def pointer(self, *path: str | int) -> str:
        return self.claim_set.pointer(self.claim, *path)


def _apply(move: _Move) -> bool:
    """Write one placement into the claim's node; True when anything changed."""
    changed = _move_anchor(move)
    changed |= _update_quote(move)
    changed |= _move_cues(move)
    return changed


def _move_anchor(move: _Move) -> bool:
    """The anchor's offsets, and its prefix and suffix where they no longer hold."""
    document, claim, anchor = move.document, move.claim, move.node["anchor"]
    changed = False
    start, end = move.placement.start, move.placement.end
    if anchor.get("start") != start or anchor.get("end") != end:
        move.result.findings.append(
            R.REANCHOR_MOVED.finding(
                **move.where,
                old_start=claim.anchor.start,
                old_end=claim.anchor.end,
                start=start,
                end=end,
                method=move.placement.method,
            )
        )
        anchor["start"], anchor["end"] = start, end
        changed = True
    prefix, suffix = context(document, start, end)
    if "prefix" in anchor and not document.endswith(claim.anchor.prefix, 0, start):
        anchor["prefix"] = _like(anchor["prefix"], prefix)
        changed = True
    if "suffix" in anchor and not document.startswith(claim.anchor.suffix, end):
        anchor["suffix"] = _like(anchor["suffix"], suffix)
        changed = True
    return changed


def _update_quote(move: _Move) -> bool:
    """A quote placed by a fuzzy or context match becomes the new text, marked for review."""
    node, placement = move.node, move.placement
    quote = move.document[placement.start : placement.end]
    if quote == move.claim.text:
        return False
    node["text"] = _like(node["text"], quote)
    review = node.get("review")
    why = "the quote changed when the claim was re-anchored: check the record"
    if review is None:
        node["review"] = {"status": "suggested", "why": why}
    else:
        review["status"] = "suggested"
        review["why"] = _like(review.get("why", ""), why)
    move.result.findings.append(
        R.REANCHOR_QUOTE_CHANGED.finding(
            **{**move.where, "path": move.pointer("text")},
            method=placement.method,
            similarity=f"{placement.similarity:.0f}",
        )
    )
    return True


def _move_cues(move: _Move) -> bool:
    """Hedge and booster cues follow the quote; a cue no longer inside it is dropped."""
    changed = False
    start, end = move.placement.start, move.placement.end
    shift = start - move.claim.anchor.start
    for kind in ("hedges", "boosters"):
        cues = move.node.get(kind)
        if not cues:
            continue
        for i in reversed(range(len(cues))):
            cue = cues[i]
            text = str(cue["cue"])
            found = _place_cue(move.document, text, cue["start"] + shift, start, end)
            if found is None:
                del cues[i]
                move.result.findings.append(
                    R.REANCHOR_CUE_LOST.finding(
                        **{**move.where, "path": move.pointer(kind, i)},
                        kind=kind[:-1],
                        cue=text,
                    )
                )
                changed = True
            elif found != cue["start"]:
                cue["start"], cue["end"] = found, found + len(text)
                changed = True
    return changed


def _place_cue(document: str, cue: str, guess: int, start: int, end: int) -> int | None:
    """The cue's new start inside ``[start, end)``: where it moved to, or the nearest copy."""
    if start <= guess and guess + len(cue) <= end and document.startswith(cue, guess):
        return guess
    positions = [p for p in _occurrences(document[start:end], cue)]
    if not positions:
        return None
    return start + min(positions, key=lambda p: abs(start + p - guess))


def _like(old: Any, new: str) -> Any:
    """``new`` in the scalar style of ``old`` (double quoted stays double quoted)."""
    kind = type(old)
    if kind is not str and isinstance(old, str):
        try:
            return kind(new)
        except TypeError:
            return new
    return new


def _save(claim_set: ClaimSet) -> str | None:
    """Save the edited tree with the conflict-checked save; why not, when it was refused."""
    from .io.storage import render_claim_file, save_claim_file
    from .model.errors import ConflictError, LockTimeoutError

    parsed = claim_set.parsed
    assert parsed is not None
    try:
        save_claim_file(parsed, render_claim_file(parsed))
    except (ConflictError, LockTimeoutError) as error:
        return str(error)
    return None


def reanchor(path: str | Path, *, dry_run: bool = False) -> ReanchorResult:
    """Re-anchor the claim file at ``path``; a file that cannot be loaded gives findings only."""
    from .io.loader import load_claim_file

    loaded = load_claim_file(Path(path))
    claim_set = loaded.claim_set
    blocking = [
        f for f in loaded.findings if f.severity == "error" and f.code != "document.hash-mismatch"
    ]
    if claim_set is None or claim_set.document_text is None or blocking or not claim_set.complete:
        result = ReanchorResult(file=str(path))
        result.findings = [f for f in loaded.findings if f.severity == "error"]
        return result
    return reanchor_set(claim_set, document_sha256=loaded.document_sha256, dry_run=dry_run)
