"""What is left of a pattern once its first character is known: ``derive("the|this", "t")``
is ``"(?:he|his)"``.

Python's ``re`` tries the branches of an alternation one by one, but it rejects a branch
whose first item is a plain character (or character set) by one comparison, without
entering it. The cue alternations are grouped by first character (:mod:`.first_chars`);
inside a group every branch starts with that character, so the quick test never rejects
anything and each branch is entered and fails on its second character. Writing the group
as the character followed by the branches' remainders (``t(?:he...|rial...)``) moves the
quick test to the second character, where it rejects most branches at once.

The remainder is exact: at a position holding ``char``, ``derive(p, char)`` matches from the
next position exactly where ``p`` matches from this one, to the same end, trying the same
ways in the same order (``(?:a)?b`` becomes "the remainder of ``a`` then ``b``, else the
remainder of ``b``", which is the order greedy matching tries them in). Lookarounds at the
start move with it: a lookbehind gains the character (``(?<=x)`` becomes ``(?<=xc)``), a
lookahead is derived too, and ``\\b`` and ``^`` become the lookbehinds they stand for. Anything else
(a capturing group, a counted repeat, a lazy quantifier, ``$``, a conditional) gives
None: the caller keeps that alternative whole. :data:`NEVER` says the pattern cannot start
with ``char``. ``tests/test_extraction_derivative.py`` compares both forms on generated
patterns and texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum


class _Never(Enum):
    NEVER = 0


NEVER = _Never.NEVER
Derived = str | _Never | None

_QUANTIFIERS = "?*+{"
_LOOKAROUNDS = ("(?<=", "(?<!", "(?=", "(?!")
# Groups that consume what they match, and the flags their body is matched with.
_SCOPES = {
    "(?:": lambda flags: flags,
    "(?i:": lambda flags: flags | re.IGNORECASE,
    "(?-i:": lambda flags: flags & ~re.IGNORECASE,
}


def derive(pattern: str, char: str, flags: int = 0, *, after_non_word: bool = False) -> Derived:
    """The rest of ``pattern`` after a first character ``char``; :data:`NEVER` if no match
    of ``pattern`` starts with ``char``; None if this module cannot tell.

    ``flags`` are those the pattern is compiled with (the rest is compiled with them too;
    ``(?i:...)`` and ``(?-i:...)`` scopes are followed). ``after_non_word`` promises that
    the character before the position is no word character (the cue scans' guards test
    it): a ``\\b`` at the start then needs no lookbehind.
    """
    try:
        return _alternation(pattern, char, flags, after_non_word)
    except ValueError:  # unbalanced or unusual syntax: unknown
        return None


def _alternation(pattern: str, char: str, flags: int, after_non_word: bool) -> Derived:
    kept: list[str] = []
    for branch in _branches(pattern):
        rest = _sequence(branch, char, flags, after_non_word)
        if rest is None:
            return None
        if rest is not NEVER:
            kept.append(rest)
    return _either(kept)


def _either(branches: list[str]) -> Derived:
    # Each branch has no top-level "|", so one of them can be followed by more pattern as is.
    if not branches:
        return NEVER
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _sequence(pattern: str, char: str, flags: int, after_non_word: bool) -> Derived:
    """The derivative of one branch (no top-level ``|``)."""
    if not pattern:
        return None  # the match may be empty: ``char`` belongs to what follows
    escaped = re.escape(char)
    word = re.fullmatch(r"\w", char, flags) is not None
    if pattern.startswith(("\\b", "\\B")):
        # \b before a word character: no word character before it; before another, one.
        # ``wanted``: a word character must come before.
        wanted = (pattern[1] == "b") != word
        after = _sequence(pattern[2:], char, flags, after_non_word)
        if after is None or after is NEVER:
            return after
        if after_non_word:  # no word character before: the answer is known
            return NEVER if wanted else after
        return ("(?<=" if wanted else "(?<!") + rf"\w{escaped})" + after
    if pattern.startswith("^"):
        # The start of the text (of a line with re.M): nothing (or a line break) before.
        after = _sequence(pattern[1:], char, flags, after_non_word)
        if after is None or after is NEVER:
            return after
        before = r"[^\n]" if flags & re.MULTILINE else r"[\s\S]"
        return f"(?<!{before}{escaped})" + after
    if pattern.startswith("("):
        return _group(pattern, char, flags, escaped, after_non_word)
    end = _atom_end(pattern)
    if end is None:
        return None
    atom = pattern[:end]
    quantifier, rest = _quantifier(pattern, end)
    if quantifier is None:
        return None
    least, most = _counts(quantifier)
    hit = most != 0 and re.fullmatch(atom, char, flags) is not None
    # The atom takes the character as its first repeat (greedy: tried first) ...
    taken = _repeated(atom, max(least - 1, 0), most - 1 if most > 0 else most) + rest
    if least > 0:
        return taken if hit else NEVER
    # ... or, where it may repeat no time, what follows takes it.
    skipped = _sequence(rest, char, flags, after_non_word)
    if skipped is None:
        return None
    return _either(([taken] if hit else []) + ([] if skipped is NEVER else [skipped]))


def _group(pattern: str, char: str, flags: int, escaped: str, after_non_word: bool) -> Derived:
    end = closing(pattern)
    for opener in _LOOKAROUNDS:
        if pattern.startswith(opener):
            if end < len(pattern) and pattern[end] in _QUANTIFIERS:
                return None
            body = pattern[len(opener) : end - 1]
            after = _sequence(pattern[end:], char, flags, after_non_word)
            if after is None or after is NEVER:
                return after
            if opener.startswith("(?<"):
                # Checked before the character, it is the same check ending after it.
                return f"{opener}(?:{body}){escaped})" + after
            ahead = _alternation(body, char, flags, after_non_word)
            if ahead is None:
                return None
            positive = opener == "(?="
            if ahead is NEVER:
                return NEVER if positive else after
            if ahead == "":  # the lookahead's match is the character itself
                return after if positive else NEVER
            return f"{opener}{ahead})" + after
    opener = next((o for o in _SCOPES if pattern.startswith(o)), None)
    if opener is None:
        return None  # a capturing group, inline flags, a comment or a conditional
    quantifier, rest = _quantifier(pattern, end)
    if quantifier is None:
        return None
    least, most = _counts(quantifier)
    inside = _SCOPES[opener](flags)
    inner = _alternation(pattern[len(opener) : end - 1], char, inside, after_non_word)
    if inner is None:
        return None
    if inner is not NEVER and opener != "(?:":
        inner = f"{opener}{inner})"  # the rest keeps its scope's case rule
    # As for one character: the group's first repeat takes the character (its body can match
    # nothing empty here, else the rest would be None), the repeats left follow as written.
    again = _repeated(pattern[:end], max(least - 1, 0), most - 1 if most > 0 else most)
    taken = None if inner is NEVER or most == 0 else inner + again + rest
    if least > 0:
        return NEVER if taken is None else taken
    skipped = _sequence(rest, char, flags, after_non_word)
    if skipped is None:
        return None
    return _either(([] if taken is None else [taken]) + ([] if skipped is NEVER else [skipped]))


def _atom_end(pattern: str) -> int | None:
    """The end of the one-character atom ``pattern`` starts with, None if it starts another."""
    head = pattern[0]
    if head == "[":
        return _set_end(pattern, 0)
    if head == "\\":
        if len(pattern) < 2 or pattern[1] in "0123456789xuUNgABZbBz":
            return None  # back-references, escapes by code, anchors
        return 2
    if head in "^$*+?{}|)":
        return None
    return 1


def _quantifier(pattern: str, end: int) -> tuple[str | None, str]:
    """The greedy ``?``/``*``/``+`` or ``{m,n}`` after ``end`` ("" if none) and the pattern
    after it; None for a lazy or possessive repeat."""
    if end >= len(pattern) or pattern[end] not in _QUANTIFIERS:
        return "", pattern[end:]
    mark = pattern[end]
    if mark == "{":
        counted = _COUNTED.match(pattern, end)
        if counted is None or counted.group() in ("{}", "{,}"):
            return None, ""
        mark = counted.group()
    after = end + len(mark)
    if pattern[after : after + 1] in ("?", "+"):
        return None, ""
    return mark, pattern[after:]


_COUNTED = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_INFINITE = -1


def _counts(quantifier: str) -> tuple[int, int]:
    """(least, most) repeats of a quantifier; most is _INFINITE for none."""
    fixed = {"": (1, 1), "?": (0, 1), "*": (0, _INFINITE), "+": (1, _INFINITE)}
    if quantifier in fixed:
        return fixed[quantifier]
    counted = _COUNTED.fullmatch(quantifier)
    assert counted is not None
    least = int(counted.group(1) or 0)
    if "," not in quantifier:
        return least, least
    return least, int(counted.group(2)) if counted.group(2) else _INFINITE


def _repeated(atom: str, least: int, most: int) -> str:
    """``atom`` repeated between ``least`` and ``most`` times, as short as it is written."""
    if most == 0:
        return ""
    if (least, most) == (1, 1):
        return atom
    short = {(0, 1): "?", (0, _INFINITE): "*", (1, _INFINITE): "+"}.get((least, most))
    if short is not None:
        return atom + short
    return atom + "{" + str(least) + "," + ("" if most == _INFINITE else str(most)) + "}"


def closing(pattern: str) -> int:
    """The index after the parenthesis that closes the group ``pattern`` opens."""
    depth = 0
    for i, char in _syntax(pattern):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    raise ValueError("an unclosed group")


def _syntax(pattern: str) -> Iterator[tuple[int, str]]:
    """(index, character) of each character of ``pattern`` outside escapes and character
    sets: where its groups open and close and its top-level ``|`` stand."""
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _set_end(pattern, i)
            continue
        yield i, char
        i += 1


def _set_end(pattern: str, start: int) -> int:
    """The index after the ``]`` that closes the character set opened at ``start``."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "[":
            raise ValueError("nested set syntax")
        if pattern[i] == "]":
            return i + 1
        i += 1
    raise ValueError("an unterminated character set")


def _branches(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|``."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, char in _syntax(pattern):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts
