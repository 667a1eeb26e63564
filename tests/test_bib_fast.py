"""The plain BibTeX reader agrees with bibtexparser on everything it reads, and reads the
project's bibliographies (it gives up, returning None, on the rest)."""

from __future__ import annotations

import logging
from pathlib import Path

import bibtexparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_claims.io.bib import parse_bibliography
from evidence_claims.io.bib_fast import read_plain_bibtex

ROOT = Path(__file__).resolve().parents[1]
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)


def _reference(text: str) -> list[tuple[str, str, dict[str, str], int]] | None:
    """bibtexparser's reading, or None when it sets a block aside or holds macros."""
    library = bibtexparser.parse_string(text)
    if library.failed_blocks or library.strings or library.preambles:
        return None
    return [
        (e.key, e.entry_type, {f.key: str(f.value) for f in e.fields}, e.start_line)
        for e in library.entries
    ]


def _bib_files() -> list[Path]:
    return sorted(
        p for p in ROOT.rglob("*.bib") if ".git" not in p.parts and ".venv" not in p.parts
    )


def test_project_bibliographies_agree_with_bibtexparser() -> None:
    read = 0
    for path in _bib_files():
        text = path.read_text("utf-8", errors="replace")
        fast = read_plain_bibtex(text)
        if fast is None:
            continue
        read += 1
        assert fast == _reference(text), path
    assert read >= 10  # the bundled and gold sets are plain BibTeX


def test_bundled_bibliography_is_read_fast_and_the_same() -> None:
    text = (ROOT / "claims" / "kratom-addiction" / "references.bib").read_text("utf-8")
    assert read_plain_bibtex(text) is not None
    fast = parse_bibliography(text, file="references.bib")
    slow = bibtexparser.parse_string(text)
    assert [(e.key, e.line) for e in fast.entries.values()] == [
        (e.key, e.start_line + 1) for e in slow.entries
    ]
    # the raw library is still there to write from, parsed on first use
    assert len(fast.library.entries) == len(slow.entries)


_VALUE_CHARS = st.sampled_from(list('ab {}"@,=#%\n\t\\() 12é'))
_values = st.text(_VALUE_CHARS, max_size=12)


@st.composite
def _bibtex(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        parts.append(draw(st.sampled_from(["", "\n", "% comment\n", "text @ here\n", "  \n"])))
        kind = draw(st.sampled_from(["article", "Book", "string", "misc"]))
        key = draw(st.sampled_from(["k1", "k2", "k1", "a b", "x(y", "k3"]))
        fields = []
        for _ in range(draw(st.integers(0, 3))):
            name = draw(st.sampled_from(["title", "Title", "year", "note", "bad name"]))
            form = draw(st.sampled_from(["{%s}", '"%s"', "%s", "{{%s}}"]))
            fields.append(f"  {name} = {form % draw(_values)}")
        comma = draw(st.sampled_from([",\n", ",", "\n"]))
        tail = draw(st.sampled_from(["\n}", ",\n}", "}", ""]))
        parts.append(f"@{kind}{{{key},\n" + comma.join(fields) + tail + "\n")
    return "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_bibtex())
def test_whatever_it_reads_bibtexparser_reads_the_same(text: str) -> None:
    fast = read_plain_bibtex(text)
    if fast is not None:
        assert fast == _reference(text)
