"""The shortcuts taken for speed change no result: each is compared with the plain way.

- :class:`~evidence_claims.io.locate.LazyLines` counts line breaks as positions are asked,
  where :class:`~evidence_claims.io.locate.LineIndex` indexes every line first;
- :func:`evidence_claims.assessment.certainty.grade` remembers its results;
- a worker packs each tuple of reasons shared by several claims once (``_pack``/``_unpack``);
- the JSON locator builds each claim's key sets once per key order;
- a word list is scanned only when all the words of one of its phrases are words of the text.

The whole validation is run both ways on the synthetic corpus (with mistakes, schema errors
and a duplicate key among its files) and on the bundled set, and the reports compared.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.assessment import certainty, engine
from evidence_claims.assessment.certainty import Applied
from evidence_claims.assessment.cues import lexicon
from evidence_claims.io import json_locate
from evidence_claims.io.json_locate import FLAT_RECORDS, _ClaimKeys, _shape_key
from evidence_claims.io.locate import LazyLines, LineIndex
from evidence_claims.model.taxonomy import source_types
from evidence_claims.pipeline.validation import _pack, _unpack, validate
from evidence_claims.rules.assessment import CAVEATS
from evidence_claims.testing.synthetic import CorpusShape, make_set, write_corpus

ROOT = Path(__file__).resolve().parents[1]

# --- line and column ---------------------------------------------------------------------------

texts = st.text(alphabet=st.sampled_from("ab \n\r\u00e9\U0001f600"), max_size=300)


@settings(max_examples=300, deadline=None)
@given(text=texts, offsets=st.lists(st.integers(min_value=0, max_value=320), max_size=60))
def test_lazy_lines_answer_as_the_line_index(text: str, offsets: list[int]) -> None:
    """In any order of requests (in order, backwards, repeated, past the end)."""
    full, lazy = LineIndex(text), LazyLines(text)
    for offset in offsets:
        assert lazy.position(offset) == full.position(offset)


@settings(max_examples=300, deadline=None)
@given(
    text=texts,
    marked=st.lists(st.integers(min_value=0, max_value=320), max_size=30),
    asked_before=st.lists(st.integers(min_value=0, max_value=320), max_size=5),
    offsets=st.lists(st.integers(min_value=0, max_value=320), max_size=60),
)
def test_lazy_lines_marked_answer_as_the_line_index(
    text: str, marked: list[int], asked_before: list[int], offsets: list[int]
) -> None:
    """Offsets marked in one pass (a claim file's claim starts) change no answer, whatever
    was asked before them and after."""
    full, lazy = LineIndex(text), LazyLines(text)
    for offset in asked_before:
        assert lazy.position(offset) == full.position(offset)
    lazy.mark(sorted(marked))
    for offset in offsets:
        assert lazy.position(offset) == full.position(offset)


def test_lazy_lines_index_the_text_when_asked_far_out_of_order() -> None:
    text = "x\n" * 100_000
    lazy = LazyLines(text)
    offsets = list(range(len(text) - 1, 0, -997))  # backwards: each counts from the start
    for offset in offsets:
        assert lazy.position(offset) == (offset // 2 + 1, offset % 2 + 1)
    assert lazy._full is not None  # gave up counting, as documented


# --- grades ------------------------------------------------------------------------------------

codes = st.sampled_from(sorted(CAVEATS))
applied = st.builds(
    Applied,
    codes,
    st.sampled_from(["", "a note", "another"]),
    st.sampled_from(["recorded", "detected"]),
)
starts = st.sampled_from([None, "high", "moderate", "low", "very_low"])


@settings(max_examples=300, deadline=None)
@given(start=starts, caveats=st.lists(applied, max_size=6))
def test_remembered_grades_are_the_grades(start: str | None, caveats: list[Applied]) -> None:
    expected = certainty._grade(start, tuple(caveats))
    assert certainty.grade(start, caveats) == expected
    assert certainty.grade(start, iter(caveats)) == expected  # asked again, any iterable


def test_remembered_grades_stay_bounded() -> None:
    for n in range(certainty._GRADES_KEPT + 10):
        certainty.grade("high", [Applied("imprecision.small_sample", f"note {n}", "detected")])
    assert len(certainty._GRADES) <= certainty._GRADES_KEPT


# --- the JSON locator's key sets ---------------------------------------------------------------


def _keys_one_by_one(data: dict[str, Any]) -> list[Any]:
    """The key sets as built before: one per claim."""
    one: Any = {}.setdefault
    out = []
    for claim in data["claims"]:
        records = {
            name: frozenset(value)
            for name in FLAT_RECORDS
            if type(value := claim.get(name)) is dict
        }
        shape = (frozenset(claim), records)
        out.append(one(_shape_key(shape), shape))
    return out


def test_claim_key_sets_are_those_built_one_by_one() -> None:
    _document, data, _bib = make_set(3, 200, error_rate=0.05)
    # the same keys in another order, and a claim without its review
    data["claims"][5] = dict(reversed(list(data["claims"][5].items())))
    data["claims"][7].pop("review", None)
    data["claims"][9]["anchor"] = dict(reversed(list(data["claims"][9]["anchor"].items())))
    shape = _ClaimKeys.of(data)
    assert shape is not None
    assert shape.keys == _keys_one_by_one(data)


# --- whole validations, both ways --------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    files = list(write_corpus(tmp_path, CorpusShape(claims=900, per_file=150), error_rate=0.05))
    # a file the models refuse (the exact reader and its full line index answer)
    data = json.loads(files[1].read_text("utf-8"))
    data["claims"][3]["kind"] = "bogus"
    data["claims"][4]["anchor"]["start"] = "twelve"
    files[1].write_text(json.dumps(data, indent=2), "utf-8")
    # a duplicate key, and CRLF line ends
    text = files[2].read_text("utf-8")
    files[2].write_text(text.replace('"kind": ', '"kind": "claim", "kind": ', 1), "utf-8")
    files[3].write_bytes(files[3].read_bytes().replace(b"\n", b"\r\n"))
    return tmp_path


def _plain_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_locate, "LazyLines", LineIndex)
    monkeypatch.setattr(
        engine,
        "grade",
        lambda start, caveats, stated=(): certainty._grade(
            start, tuple(caveats), dict(stated) if stated else None
        ),
    )


@pytest.mark.parametrize("target", ["corpus", "bundled"])
def test_validation_gives_the_report_of_the_plain_ways(
    target: str, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = corpus if target == "corpus" else ROOT / "claims"
    fast = validate(where, jobs=1).to_dict()
    with monkeypatch.context() as patched:
        _plain_ways(patched)
        plain = validate(where, jobs=1).to_dict()
    assert fast == plain
    if target == "corpus":
        codes = {f["code"] for f in fast["findings"]}
        assert {"anchor.text-mismatch", "file.duplicate-key"} <= codes
        assert any(c.startswith("schema.") for c in codes)


def test_packed_reports_rebuild_the_report(corpus: Path) -> None:
    report = validate(corpus, jobs=1)
    assert len({id(a.reasons) for a in report.assessments}) < len(report.assessments)
    packed = pickle.loads(pickle.dumps(_pack(report)))
    rebuilt = _unpack(packed)
    assert rebuilt.to_dict() == report.to_dict()
    assert rebuilt.assessments == report.assessments


# --- word lists: all the words of a phrase, not only its first -------------------------------

_TYPE_LISTS = sorted(f"type:{name}" for name in source_types())
_TYPE_PHRASES = sorted({p for name in _TYPE_LISTS for p in lexicon(name).phrases})
_NOISE = [" ", "-", "–", ".", ",", "(", ")", "\n", "É", "x-", "a", "the"]


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.sampled_from(_TYPE_PHRASES + _NOISE), max_size=8),
    name=st.sampled_from(_TYPE_LISTS),
)
def test_source_type_lists_are_skipped_only_when_they_cannot_match(
    parts: list[str], name: str
) -> None:
    lowered = " ".join(parts).lower()
    lex = lexicon(name)
    if lex.pattern.search(lowered) is not None:
        assert lex.may_match(lowered)


def test_a_first_word_alone_does_not_make_a_scan() -> None:
    lex = lexicon("intervention_indirect")
    assert lex.first_words is not None and lex.words_after is not None
    needs = {first: [n for n in lex.words_after[first] if len(n) > 1] for first in lex.words_after}
    first, longer = next((f, n) for f, n in needs.items() if n)
    text = f"{first} word"  # the first word of a longer phrase, without the rest of it
    assert lex.pattern.search(text) is None
    assert not lex.may_match(text)
    assert lex.may_match(" ".join(sorted(longer[0])))  # all its words: scanned
