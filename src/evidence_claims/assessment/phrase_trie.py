"""A long alternation of plain phrases written as a trie: same matches, a smaller program.

The compositional reader (:mod:`.compose`) matches some 2,200 phrases as one alternation,
longest first. Python's ``re`` compiles such an alternation in pure Python, about 70-100 ms
for each of the reader's two patterns on every start of the command (most of the regular
expressions a validation compiles), and tries the phrases that share a start one after the
other. Written as a trie (shared starts factored out, a longer phrase tried before a phrase
it extends), the same matches compile in about 40 % of the time and scan faster.

Why the matches are the same: the phrases are literal words joined by single spaces (each
space matches ``\\s+``), so at any position of a text at most one branch of a trie node can go
on (its literal characters differ, and a literal is never a blank). Two phrases that both match
at one position are then one a prefix of the other, and the longer is the longer string; the
trie tries the longer first (its continuation is a greedy optional group) and falls back to the
shorter when the rest of the pattern fails after it, exactly as the longest-first alternation
does. ``tests/test_phrase_trie.py`` compares the two on generated texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def trie_alternation(phrases: Iterable[str]) -> str:
    """A regular expression (no group captures) that matches, at any position, what the
    alternation of ``phrases`` sorted longest first matches there (each phrase's words joined
    by ``\\s+``); phrases are split on blanks, so their spacing does not matter. Matches
    nothing when there are no phrases."""
    root: dict[str, dict] = {}
    # sorted: the branches' order changes no match (they are disjoint), but a pattern built
    # from a set would differ with the interpreter's hash seed from one run to the next
    for phrase in sorted({" ".join(p.split()) for p in phrases} - {""}):
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not root:
        return r"(?!x)x"
    return _emit(root)


def _emit(node: dict[str, dict]) -> str:
    """The expression of a trie node: its branches (a blank as ``\\s+``), optional when a
    phrase ends here. Iterative, so that a long phrase cannot exhaust the interpreter's
    stack."""
    # post-order walk: build each node's expression after its children's
    out: dict[int, str] = {}
    stack: list[tuple[dict[str, dict], bool]] = [(node, False)]
    while stack:
        current, ready = stack.pop()
        if not ready:
            stack.append((current, True))
            stack.extend((child, False) for key, child in current.items() if key != _END)
            continue
        branches = [
            (r"\s+" if key == " " else re.escape(key)) + out[id(child)]
            for key, child in current.items()
            if key != _END
        ]
        ends = _END in current
        if not branches:
            out[id(current)] = ""
        elif len(branches) == 1 and not ends:
            out[id(current)] = branches[0]
        else:
            out[id(current)] = "(?:" + "|".join(branches) + ")" + ("?" if ends else "")
    return out[id(node)]
