"""BibTeX field values as plain text: the LaTeX of hand-written .bib files resolved.

Used wherever a bibliography field meets a reader or a document: citations in tables and
reports, and author surnames matched against a document's "Müller et al.".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# A bare % starts a LaTeX comment, but in a hand-written .bib field it is meant as text ("50 %
# of users"); \url{...} is shown as its address (pylatexenc would add angle brackets).
_BARE_PERCENT = re.compile(r"(?<!\\)%")
_URL = re.compile(r"\\url\s*\{([^{}]*)\}")
# what LaTeX reads specially; a value without any of it is plain text already
_LATEX = re.compile(r"[\\{}$~%]|--")
_MACRO = re.compile(r"\\[A-Za-z]+\*?")
_ARGUMENT_BREAK = re.compile(r"\}\s*\{")


@lru_cache(maxsize=4096)
def plain_text(value: str) -> str:
    """A BibTeX field value as plain text: accents (``M\\"{u}ller`` -> ``Müller``), braces,
    ``\\&``, ``--``, ``~``, commands such as ``\\emph{...}`` and inline math resolved.

    pylatexenc (which bibtexparser already depends on) does the LaTeX-to-text conversion with
    its tables of accents and symbols (never raising: of a macro it cannot read, the arguments
    are kept); whitespace is collapsed. Field values repeat across
    tables and reports, so results are cached.
    """
    if not _LATEX.search(value):
        return " ".join(value.split())
    text = _URL.sub(r"\1", _BARE_PERCENT.sub(r"\\%", value))
    try:
        text = _converter().latex_to_text(text)
    except Exception:  # pylatexenc fails on a few macros: keep their arguments, drop the rest
        text = _MACRO.sub("", _ARGUMENT_BREAK.sub(" ", text)).replace("{", "").replace("}", "")
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text()
