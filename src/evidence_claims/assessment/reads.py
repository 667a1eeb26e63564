"""What a reader of the assessment reads in a claim's text, declared beside the reader.

Only the declaration lives here (it imports nothing of the package, so that every reader can
hold one); :mod:`.quiet` tests texts against it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reads:
    """What a reader reads in a claim's text: its word lists (``lexicons``, names of
    :func:`.cues.lexicon`), the substrings its patterns need (``substrings``: the words of
    its ``may_hold`` tests), whether it reads the population groups (``groups``) and the
    claim's body of evidence (``body``: digits, study and test accuracy words), and whether
    it reads the text with test accuracy patterns when the claim rests on test accuracy
    (``accuracy``). ``name`` tells its shared answers apart (:mod:`.quiet`); ``by_type``:
    whether its answer for a claim whose text holds none of these depends on the claim's
    source type (else claims of any type share it)."""

    name: str
    lexicons: tuple[str, ...] = ()
    substrings: tuple[str, ...] = ()
    groups: bool = False
    body: bool = False
    accuracy: bool = False
    by_type: bool = True
