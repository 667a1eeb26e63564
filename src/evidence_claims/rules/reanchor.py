"""Rules of the findings ``evidence-claims reanchor`` reports."""

from __future__ import annotations

from .catalogue import register

REANCHOR_ORPHAN = register(
    "reanchor.orphan",
    "Claim cannot be re-anchored",
    "error",
    "quote not placed in the changed document: {reason}",
    "After the document changed, the claim's quote was not found exactly, between its old "
    "prefix and suffix, nor as one clear fuzzy match. The claim is left as it was (its offsets "
    "are stale) rather than moved to a place that may be wrong; find the quote by hand and fix "
    "the anchor, or remove the claim.",
    "reanchor",
)
REANCHOR_QUOTE_CHANGED = register(
    "reanchor.quote-changed",
    "Quote changed",
    "warning",
    "the quote changed ({method} match, similarity {similarity}%): check the record",
    "The claim was placed where the document now says something slightly different, so its "
    "text was updated and its review status set back to `suggested`: the kind, evidence and "
    "cues may no longer fit the new wording.",
    "reanchor",
)
REANCHOR_CUE_LOST = register(
    "reanchor.cue-lost",
    "Cue no longer in the quote",
    "warning",
    "{kind} '{cue}' is no longer in the claim's quote and was removed",
    "A hedge or booster recorded on the claim does not occur in the re-anchored quote any more.",
    "reanchor",
)
REANCHOR_MOVED = register(
    "reanchor.moved",
    "Claim moved",
    "info",
    "moved from {old_start}..{old_end} to {start}..{end} ({method} match)",
    "The claim's quote was found at a new position and its anchor (and cue offsets) updated.",
    "reanchor",
)
REANCHOR_CONFLICT = register(
    "reanchor.conflict",
    "Claim file changed during re-anchoring",
    "error",
    "not saved: {reason}",
    "The claim file was changed by someone else (another command or an editor) between the "
    "moment `reanchor` read it and the moment it was about to save, or another save held the "
    "file's lock too long. Nothing was written, so the other edit is kept; run `reanchor` again "
    "to re-anchor the file as it is now.",
    "reanchor",
)
REANCHOR_NOT_EDITABLE = register(
    "reanchor.not-editable",
    "Claim file cannot be edited in place",
    "error",
    "not saved: {reason}",
    "Saving keeps a YAML file's comments, order and quoting by reading it with ruamel.yaml's "
    "round-trip loader, which cannot read a few files that are valid YAML (a `%YAML 1.3` "
    "directive, some comment placements). Validation reads them; edits cannot be saved into "
    "them. Nothing was written: remove the construct (or save the set as JSON) and run the "
    "command again.",
    "reanchor",
)
