"""Readers that a claim's words cannot feed, answered once per source type and list of keys.

Most readers of the assessment look for their words in the claim's text first and then in
its cited entries ("a cue in the claim, else in its sources"). A claim's text holds the words
of few of them: in the synthetic 10,000-claim file with unique texts, the words of the risk
of bias reader are in about one claim in twelve. For the others, the reader's answer comes
from what the claim shares with many claims (its source type and its list of cited keys)
and the set's entries alone, yet the reader went through its layers of calls for each claim.

A :class:`.reads.Reads` declares, beside a reader, everything it reads in the claim's text:
its word lists, the substrings its patterns need (the words its ``may_hold`` tests use), whether it
reads the population groups, and whether it reads the claim's body of evidence (digits, study
and test accuracy words, which :func:`.body.read` and :func:`.diagnostic.is_accuracy_claim`
look for). A claim whose text is ASCII and holds none of them is *quiet* for that reader: its
answer is the answer for any other quiet claim of the same type and cited keys, so
:meth:`.context.SetContext.unless_read` keeps it per set. Non-ASCII text is never quiet (a
case-insensitive pattern may match letters such as "ſ" there). A reader that asks whether a
claim rests on test accuracy (``accuracy``) and gets yes is not shared for that type and list
of keys: its accuracy patterns read the claim's text with words not declared here.

Each declaration is checked against its reader by ``tests/test_quiet_readers.py``, which
compares the shared answers with the reader's own on generated claims made of the readers'
words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .body import _STUDY_STEMS
from .cues import lexicon
from .diagnostic import _ACCURACY_STEMS
from .indirectness import _groups
from .reads import Reads


@dataclass(frozen=True, slots=True)
class Gate:
    """A :class:`Reads` made ready to test texts: its word lists' first words merged, with the
    words each phrase needs (``after``), as :meth:`.cues.Lexicon.may_match` tests one list.
    ``first`` is None when a list cannot be prefiltered: no text is quiet then."""

    reads: Reads
    first: frozenset[str] | None
    after: dict[str, tuple[frozenset[str], ...]]
    substrings: tuple[str, ...]


_ANY: tuple[frozenset[str], ...] = (frozenset(),)  # the first word alone may match


@dataclass(frozen=True, slots=True)
class Gates:
    """Every gate built so far, merged so that one pass over a text finds the readers it
    may feed (:func:`loud`): per first word, the words each phrase needs and its reader; per
    substring, its readers; the readers of the body of evidence; the readers no text is
    quiet for (``never``)."""

    first: frozenset[str]
    after: dict[str, tuple[tuple[frozenset[str], str], ...]]
    substrings: tuple[tuple[str, frozenset[str]], ...]
    body: frozenset[str]
    never: frozenset[str]


_GATES: dict[str, Gate] = {}
_MERGED: list[Gates] = []


def gate(reads: Reads) -> Gate:
    """The :class:`Gate` of ``reads``, built once (looked up by its name: hashing the
    declaration would cost more than the test it saves); building one merges it into
    :func:`gates`."""
    found = _GATES.get(reads.name)
    if found is None or found.reads is not reads:
        found = _GATES[reads.name] = _build(reads)
        _MERGED[:] = [_merge(list(_GATES.values()))]
    return found


def gates() -> Gates:
    """Every gate built so far, merged (a new object whenever :func:`gate` builds one)."""
    if not _MERGED:
        _MERGED.append(_merge([]))
    return _MERGED[0]


def _merge(built: list[Gate]) -> Gates:
    after: dict[str, list[tuple[frozenset[str], str]]] = {}
    substrings: dict[str, set[str]] = {}
    body: set[str] = set()
    never: set[str] = set()
    for g in built:
        name = g.reads.name
        if g.first is None:
            never.add(name)
            continue
        for word, needs in g.after.items():
            after.setdefault(word, []).extend((needed, name) for needed in needs)
        for stem in g.reads.substrings:
            substrings.setdefault(stem, set()).add(name)
        if g.reads.body:
            body.add(name)
    return Gates(
        frozenset(after),
        {word: tuple(needs) for word, needs in after.items()},
        tuple((stem, frozenset(names)) for stem, names in substrings.items()),
        frozenset(body),
        frozenset(never),
    )


def loud(merged: Gates, lowered: str, words: frozenset[str], ascii_text: bool) -> set[str] | None:
    """The names of the readers of ``merged`` that a text may feed, in one pass: for each,
    ``not quiet(gate, lowered, words, ascii_text)``; None for every reader (a text that is
    not ASCII)."""
    if not ascii_text:
        return None
    out = set(merged.never)
    if merged.body and _body_words(lowered):
        out |= merged.body
    for stem, names in merged.substrings:
        if stem in lowered:
            out |= names
    after = merged.after
    for word in merged.first.intersection(words):
        for needed, name in after[word]:
            if needed <= words:
                out.add(name)
    return out


def _body_words(lowered: str) -> bool:
    """Whether an ASCII text holds a digit or a study or test accuracy word."""
    if _DIGIT.search(lowered) is not None:
        return True
    for stem in BODY_STEMS:  # noqa: SIM110 (a loop, not any(): see body.may_hold)
        if stem in lowered:
            return True
    return False


def _build(reads: Reads) -> Gate:
    first: set[str] = set()
    after: dict[str, list[frozenset[str]]] = {}
    usable = True
    for name in reads.lexicons:
        lex = lexicon(name)
        if lex.case_sensitive or lex.first_words is None:
            usable = False
            break
        for word in lex.first_words:
            first.add(word)
            needs = lex.words_after[word] if lex.words_after is not None else _ANY
            after.setdefault(word, []).extend(needs)
    if usable and reads.groups:
        for _name, _pattern, group_first in _groups():
            if group_first is None:
                usable = False
                break
            for word in group_first:
                first.add(word)
                after.setdefault(word, []).extend(_ANY)
    substrings = reads.substrings
    if reads.body:
        substrings = (*substrings, *BODY_STEMS)
    return Gate(
        reads,
        frozenset(first) if usable else None,
        {word: tuple(needs) for word, needs in after.items()},
        substrings,
    )


BODY_STEMS = (*_STUDY_STEMS, *_ACCURACY_STEMS)
"""What a text without a digit must hold for :func:`.body.read` to read anything in it (its
study words) or for :func:`.diagnostic.has_accuracy_words` to find test accuracy words: in
ASCII text, as substrings of its lower case (the two modules' own lists)."""


def quiet(g: Gate, lowered: str, words: frozenset[str], ascii_text: bool) -> bool:
    """Whether a text (``lowered``: its lower case, ``words``: :func:`.cues.words_in` of it)
    holds nothing the gate's reader reads."""
    if not ascii_text:
        return False
    first = g.first
    if first is None:
        return False
    if g.reads.body and _has_digit(lowered):
        return False
    for stem in g.substrings:
        if stem in lowered:
            return False
    if first.isdisjoint(words):
        return True
    after = g.after
    for word in first.intersection(words):
        for needed in after[word]:
            if needed <= words:
                return False
    return True


_DIGIT = re.compile(r"\d")


def _has_digit(lowered: str) -> bool:
    """Whether a text holds a digit."""
    return _DIGIT.search(lowered) is not None
