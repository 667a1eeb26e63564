"""One escaping function per output kind, for text that comes from a claim file.

Claim files arrive in pull requests from strangers, and what the commands print lands in CI
logs, terminals, spreadsheets and rendered Markdown. Each kind of output has its own way for
user text to become something else:

- a log or terminal line (:func:`one_line`): a line break inside user text starts a new line
  that the user wrote, and CI runners read lines that start with ``::`` (GitHub Actions) or
  ``##vso[`` (Azure Pipelines) as commands; ESC and other control characters drive the
  terminal (clear the screen, hide text, forge links), and bidi overrides reorder what is
  shown. Every such character is *shown* as an escape (``\\n``, ``\\x1b``, ``\\u202e``), so
  the text stays on its line and reads the same as the file says it;
- a line that begins with user text (:func:`line_start`), such as a file name on its own
  line: prefixed with ``./`` when it does not begin with a letter, digit or one of
  ``. _ / ~ -``, so that no name can begin a line with a command;
- a Markdown table cell (:func:`markdown_cell`): one line, pipes and backslashes escaped, and
  ``<``, ``>``, ``&`` as HTML entities, ``[``, ``]`` backslash-escaped, so raw HTML
  (``<script>``, ``onerror=``) and links (``javascript:``) show as text on code-hosting sites;
- a spreadsheet cell (:func:`csv_cell`): a cell that begins with ``=``, ``+``, ``-``, ``@``,
  TAB or CR is read as a formula by Excel, LibreOffice and Google Sheets; OWASP's CSV
  injection guidance is to prefix such cells with a single quote, which the spreadsheet shows
  as text.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidi embedding,
# override and isolate characters ("Trojan Source", CVE-2021-42574)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SAFE_FIRST = re.compile(r"[A-Za-z0-9._/~-]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``text`` with every line break and control character shown as an escape."""
    if text.isprintable():  # the common case, and no character of _UNSAFE is printable
        return text
    return _UNSAFE.sub(_shown, text)


def line_start(text: str) -> str:
    """:func:`one_line`, and safe to begin a line with (``./`` before an odd first character)."""
    text = one_line(text)
    if text and not _SAFE_FIRST.match(text):
        return "./" + text
    return text


def markdown_cell(text: str) -> str:
    """A value safe inside a Markdown pipe table: one line, no live HTML or link syntax."""
    text = one_line(" ".join(text.split()))  # white space (line breaks too) folded first
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("[", "\\[")
        .replace("]", "\\]")
    )


def csv_cell(value: object) -> object:
    """A cell a spreadsheet would run as a formula, prefixed with ``'`` (others unchanged)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
