"""Case-insensitive matching without ``re.IGNORECASE``: lower-case the text once, not per match.

With ``re.IGNORECASE`` Python's matcher folds the case of every character it compares, and an
alternation can no longer skip a branch on its first character (the engine's quick check
works for plain literals only). For the extractor's large alternations (attribution cues,
the hedge lexicon, kinds) that made matching about three times slower than matching a
lower-case pattern against lower-case text. So the document is folded once (:func:`fold`)
and each pattern is rewritten for folded text (:func:`lower_pattern`): letters outside
``(?-i:...)`` become lower case, character sets gain the lower case of their letters.

The two ways agree exactly, character by character, because Python's ``re`` matches an ASCII
letter under IGNORECASE to precisely its two cases and four other characters ("İ" U+0130 and
"ı" U+0131 to ``i``, "ſ" U+017F to ``s``, "K" U+212A to ``k``: the ``re.IGNORECASE`` entry
of the Python documentation), and :func:`fold` maps each of those to the lower-case letter,
leaving every other character's class (``\\w``, ``\\s``, ``\\d``) as it was. A text whose
lower case has another length (it contains "İ") is not folded: callers then match the
original text with the flag. A pattern the rewrite cannot express (a case-sensitive part,
a non-ASCII letter, back-references, inline flags, escapes by code) raises
:class:`Unsupported`, and callers keep it on the original text. Both facts are checked by
``tests/test_extraction_caseless.py`` (every code point; generated text and patterns).
"""

from __future__ import annotations

import re
import string

_UPPER = frozenset(string.ascii_uppercase)
_LOWER = frozenset(string.ascii_lowercase)
_SCOPED = re.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]+))?:")
_NAMED = re.compile(r"\(\?P<\w+>")
_QUANTIFIER = re.compile(r"\{\d*(?:,\d*)?\}")


class Unsupported(ValueError):
    """A pattern that cannot be matched against folded text: match the original instead."""


def fold(text: str) -> str | None:
    """``text`` in lower case for :func:`lower_pattern` patterns, or None if it cannot be.

    Same length as ``text`` (offsets carry over), or None when lower-casing would change a
    length ("İ" becomes two code points).
    """
    low = text.lower()
    if len(low) != len(text):
        return None
    if "ſ" in low:
        low = low.replace("ſ", "s")
    if "ı" in low:
        low = low.replace("ı", "i")
    return low


def lower_pattern(pattern: str) -> str:
    """``pattern`` (meant for ``re.IGNORECASE``) rewritten to match text made by :func:`fold`."""
    out: list[str] = []
    depth = 0
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            if i + 1 >= n or pattern[i + 1].isdigit() or pattern[i + 1] in "xuUNg":
                raise Unsupported("a back-reference or an escape by code")
            out.append(pattern[i : i + 2])
            i += 2
        elif char == "[":
            i = _char_set(pattern, i, out)
        elif char == "(":
            i = _group(pattern, i, out)
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                raise Unsupported("unbalanced parenthesis")
            out.append(char)
            i += 1
        elif char == "{" and (quantifier := _QUANTIFIER.match(pattern, i)) is not None:
            out.append(quantifier.group())
            i = quantifier.end()
        else:
            out.append(_letter(char))
            i += 1
    return "".join(out)


def _letter(char: str) -> str:
    if char in _UPPER:
        return char.lower()
    if char in _LOWER or char.lower() == char.upper():
        return char
    raise Unsupported(f"the non-ASCII letter {char!r}")


def _group(pattern: str, i: int, out: list[str]) -> int:
    if not pattern.startswith("(?", i):
        out.append("(")
        return i + 1
    for opener in ("(?:", "(?=", "(?!", "(?<=", "(?<!"):
        if pattern.startswith(opener, i):
            out.append(opener)
            return i + len(opener)
    named = _NAMED.match(pattern, i)
    if named is not None:
        out.append(named.group())
        return named.end()
    scoped = _SCOPED.match(pattern, i)
    if scoped is not None and scoped.group(1) in ("", "i") and not scoped.group(2):
        out.append("(?:")  # (?i:...) is what folding does anyway
        return scoped.end()
    raise Unsupported("a case-sensitive part, inline flags, a comment or a conditional group")


def _char_set(pattern: str, i: int, out: list[str]) -> int:
    """Copy ``[...]`` starting at ``i``, adding the lower case of its upper-case letters."""
    j = i + 1
    if pattern.startswith("^", j):
        j += 1
    items: list[str] = []
    first = True
    while True:
        if j >= len(pattern):
            raise Unsupported("an unterminated character set")
        char = pattern[j]
        if char == "]" and not first:
            break
        first = False
        if char == "\\":
            if j + 1 >= len(pattern) or pattern[j + 1] in "xuUN0123456789":
                raise Unsupported("an escape by code in a character set")
            token = pattern[j : j + 2]
            j += 2
        elif char == "[":
            raise Unsupported("nested set syntax")
        else:
            token = char
            j += 1
            if j + 1 < len(pattern) and pattern[j] == "-" and pattern[j + 1] not in "]\\":
                token += "-" + pattern[j + 1]
                j += 2
        items.append(token)
    extra = [x for token in items for x in _lowered_member(token)]
    head = pattern[i : i + 2] if pattern.startswith("^", i + 1) else "["
    out.append(head + "".join(items) + "".join(x for x in extra if x not in items) + "]")
    return j + 1


def _lowered_member(token: str) -> list[str]:
    if token.startswith("\\"):
        return []
    if len(token) == 1:
        _letter(token)  # refuses non-ASCII letters
        return [token.lower()] if token in _UPPER else []
    low, high = token[0], token[2]
    letters = [chr(c) for c in range(ord(low), ord(high) + 1) if chr(c) in _UPPER]
    if any(_is_other_letter(chr(c)) for c in range(ord(low), min(ord(high), 0x24F) + 1)):
        raise Unsupported("a range with non-ASCII letters")
    if ord(high) > 0x24F:
        raise Unsupported("a range beyond Latin letters")
    if not letters:
        return []
    if letters != [chr(c) for c in range(ord(letters[0]), ord(letters[-1]) + 1)]:
        raise Unsupported("a range with a gap in its letters")
    return [letters[0].lower() + "-" + letters[-1].lower()]


def _is_other_letter(char: str) -> bool:
    return char not in _UPPER and char not in _LOWER and char.lower() != char.upper()


class FoldedSearch:
    """A case-insensitive pattern, matched on folded text where possible.

    ``search``/``finditer`` take the original text and, optionally, its :func:`fold`; with
    a folded text and a pattern the rewrite can express, the fast form is used, else the
    original pattern with ``re.IGNORECASE``. Results are identical either way.

    The exact form is compiled when first needed (only a text that cannot be folded needs
    it): compiling a large alternation costs a tenth of a second, once per process.
    ``fast`` may give the folded form's source when the caller writes it better (split by
    first character), or that form compiled (with ``flags`` but re.IGNORECASE); else it is
    ``lower_pattern(pattern)``, if the rewrite can express it.
    """

    __slots__ = ("_exact", "_flags", "_source", "fast")

    def __init__(
        self, pattern: str, flags: int = 0, *, fast: str | re.Pattern[str] | None = None
    ) -> None:
        self._source = pattern
        self._flags = flags
        self._exact: re.Pattern[str] | None = None
        if fast is None:
            try:
                fast = lower_pattern(pattern)
            except Unsupported:
                fast = None
        if isinstance(fast, str):
            fast = re.compile(fast, flags & ~re.IGNORECASE)
        self.fast = fast

    @property
    def exact(self) -> re.Pattern[str]:
        if self._exact is None:
            self._exact = re.compile(self._source, self._flags | re.IGNORECASE)
        return self._exact

    def pick(self, text: str, folded: str | None) -> tuple[re.Pattern[str], str]:
        if folded is not None and self.fast is not None:
            return self.fast, folded
        return self.exact, text
