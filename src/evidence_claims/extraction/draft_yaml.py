"""Write a draft claim file as YAML, fast, in exactly the layout ruamel.yaml gives it.

A new draft has no comments or quoting to keep, and its shape is fixed (:func:`to_yaml_tree`
in :mod:`.draft`), yet dumping it through ruamel.yaml's emitter was 96% of an ``extract`` run
(about 1,000 statements a second). This writer produces the same bytes directly: quotes,
text and cues double-quoted with ruamel.yaml's escapes, the flow mappings of anchors, cues and
reviews, the claim-file indentation. Scalars ruamel.yaml would write plain (ids, kinds, types,
keys) are recognised by a conservative pattern; any other such value is written by ruamel.yaml
itself (once per distinct value), and when even that gives more than one line, the whole file
is left to ruamel.yaml (:func:`fast_yaml` returns None). A property test compares the two on
random drafts.
"""

from __future__ import annotations

import re
from typing import Any

# ruamel.yaml's double-quoted style with allow_unicode (emitter.write_double_quoted)
_ESCAPES = {
    "\0": "0",
    "\x07": "a",
    "\x08": "b",
    "\x09": "t",
    "\x0a": "n",
    "\x0b": "v",
    "\x0c": "f",
    "\x0d": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\xa0": "_",
    "\u2028": "L",
    "\u2029": "P",
}
# The characters ruamel.yaml escapes: '"', '\\', the C0 and C1 controls (U+0085 among them),
# U+2028, U+2029, surrogates, U+FEFF, U+FFFE and U+FFFF; the complement of the printable
# ranges it writes as they are. One class of a few ranges is compiled in half a millisecond
# (the same set written as a negated class of the printable ranges took 36 ms at every start)
# and scanned faster than an alternation.
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]')


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _ESCAPES:
        return "\\" + _ESCAPES[ch]
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"


def quoted(text: str) -> str:
    """``text`` double-quoted as ruamel.yaml writes it (no line is ever wrapped)."""
    return '"' + escaped(text) + '"'


def escaped(text: str) -> str:
    """The inside of :func:`quoted`: ``text`` with ruamel.yaml's escapes.

    Printable ASCII without a quote or a backslash, most of a draft's text, is kept as it is
    after four string tests, each far cheaper than the pattern's scan.
    """
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return text
    return _NEEDS_ESCAPE.sub(_escape, text)


# plain in block and flow context, and read back as the same string by YAML 1.2
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")
# A SHA-256 digest in lower-case hex with a letter other than "b" and "e": no YAML resolver
# reads it as anything but a string ("0b..." is binary, digits with one "e" a float, and an
# int or float needs no other letter), and ruamel.yaml writes it plain. The header's digest
# usually starts with a digit, which _PLAIN leaves to ruamel.yaml, whose import and dump cost
# 20 ms of every run (a test compares both on random digests).
_DIGEST = re.compile(r"(?=[0-9a-f]{64}\Z)[0-9be]*[acdf]")
_NOT_STRINGS = frozenset(
    {"true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL"}
)


_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")


class Multiline(Exception):
    """ruamel.yaml writes this value over several lines: only it can write the file."""


class Plain:
    """Scalars as ruamel.yaml writes them unquoted-if-it-can, in block or flow context."""

    def __init__(self) -> None:
        self.block: dict[Any, str] = {}
        self.flow: dict[Any, str] = {}

    def __call__(self, value: Any, *, flow: bool) -> str:
        if type(value) is int:
            return str(value)
        if type(value) is str and (
            (_PLAIN.match(value) and value not in _NOT_STRINGS) or _DIGEST.match(value)
        ):
            return value
        known = self.flow if flow else self.block
        shown = known.get(value)
        if shown is None:
            shown = known[value] = _by_ruamel(value, flow=flow)
        return shown


def _by_ruamel(value: Any, *, flow: bool) -> str:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from ..io.yaml_style import dump_yaml

    if isinstance(value, str) and _BREAKS.search(value):
        raise Multiline  # a line break of YAML 1.1 would be written as one, then indented
    if flow:
        seq = CommentedSeq([value])
        seq.fa.set_flow_style()
        text = dump_yaml(seq).decode("utf-8")
        if not (text.startswith("[") and text.endswith("]\n")) or text.count("\n") != 1:
            raise Multiline
        return text[1:-2]
    text = dump_yaml(CommentedMap([("k", value)])).decode("utf-8")
    if not text.startswith("k: ") or text.count("\n") != 1:
        raise Multiline
    return text[3:-1]


def fast_yaml(data: dict[str, Any], comment_lines: list[str]) -> str | None:
    """The YAML text of draft ``data`` (:func:`.draft.to_data`), as ruamel.yaml would write
    the tree :func:`.draft_output.to_yaml_tree` builds from it; None when only ruamel.yaml can."""
    plain = Plain()
    try:
        return "".join(_lines(data, comment_lines, plain))
    except Multiline:
        return None


def _lines(data: dict[str, Any], comment_lines: list[str], plain: Plain) -> list[str]:
    out = head_lines(data["document"], comment_lines, plain, has_claims=bool(data["claims"]))
    out.extend(claim_lines(data["claims"], plain))
    return out


def head_lines(
    document: dict[str, Any], comment_lines: list[str], plain: Plain, *, has_claims: bool
) -> list[str]:
    """The comment, the document header and the ``claims:`` line."""
    out = [f"# {line}\n" for line in comment_lines]
    out.append("document:\n")
    for key, value in document.items():
        out.append(f"  {plain(key, flow=False)}: {plain(value, flow=False)}\n")
    out.append("claims:\n" if has_claims else "claims: []\n")
    return out


def claim_lines(claims: list[dict[str, Any]], plain: Plain) -> list[str]:
    """The lines of these claims (items of the ``claims:`` sequence), one string per claim.

    Each claim is one formatted string, and a value that recurs (kind, type, basis, review)
    is looked up once per distinct value: a line at a time with a call per value was two
    thirds of the writer's time.
    """
    out: list[str] = []
    append = out.append
    block: dict[str, str] = {}  # a recurring value as a block-context scalar
    reviews: dict[tuple[tuple[str, Any], ...], str] = {}

    def shown(value: str) -> str:
        text = block.get(value)
        if text is None:
            text = block[value] = plain(value, flow=False)
        return text

    for claim in claims:
        anchor, evidence = claim["anchor"], claim["evidence"]
        sources = evidence["sources"]
        listed = ", ".join([plain(s, flow=True) for s in sources]) if sources else ""
        note = evidence.get("note")
        review_items = tuple(claim["review"].items())
        review = reviews.get(review_items)
        if review is None:
            pairs = [f"{plain(k, flow=True)}: {plain(v, flow=True)}" for k, v in review_items]
            review = reviews[review_items] = "{" + ", ".join(pairs) + "}"
        cues = ""
        for key in ("hedges", "boosters"):
            found = claim.get(key)
            if found:
                cues += f"    {key}:\n" + "".join(
                    [
                        f'      - {{cue: "{escaped(c["cue"])}", start: {c["start"]}, '
                        f"end: {c['end']}}}\n"
                        for c in found
                    ]
                )
        append(
            f"  - id: {plain(claim['id'], flow=False)}\n"
            f'    text: "{escaped(claim["text"])}"\n'
            f"    anchor: {{start: {anchor['start']}, end: {anchor['end']}, "
            f'prefix: "{escaped(anchor["prefix"])}", suffix: "{escaped(anchor["suffix"])}"}}\n'
            f"    kind: {shown(claim['kind'])}\n"
            "    evidence:\n"
            f"      type: {shown(evidence['type'])}\n"
            f"      sources: [{listed}]\n"
            f"      basis: {shown(evidence['basis'])}\n"
            + (f'      note: "{escaped(note)}"\n' if note else "")
            + cues
            + f"    review: {review}\n"
        )
    return out
