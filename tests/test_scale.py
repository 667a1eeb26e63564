"""Scale: locating in large files, did-you-mean over many choices, claim positions."""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from evidence_claims.io.json_index import JsonIndex
from evidence_claims.io.json_locate import JsonLocator
from evidence_claims.pipeline.validation import validate
from evidence_claims.rules.suggest import CUTOFF, EXACT_UP_TO, Suggester, closest
from evidence_claims.testing.synthetic import CorpusShape, make_set, write_corpus

from .json_helpers import json_paths

# --- JsonLocator agrees with the full index --------------------------------------------------


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(value=json_values, indent=st.sampled_from([None, 0, 1, 2]), data=st.data())
def test_lazy_locator_agrees_with_full_index(value: object, indent: int | None, data) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=data.draw(st.booleans()))
    if data.draw(st.booleans()):
        text = "\n " + text.replace("\n", "\r\n") + " \n"
    paths = json_paths(value)
    # existing paths, and paths that go one step too far or name a missing member
    paths += [(*p, "missing") for p in paths[:5]] + [(*p, 99) for p in paths[:5]]
    index = JsonIndex(text)
    for path in paths:
        for key in (False, True):
            assert JsonLocator(text).locate(path, key=key) == index.position(path, key=key), path


def test_locator_reads_only_up_to_the_wanted_claim() -> None:
    _document, data, _bib = make_set(0, 300, error_rate=0.0)
    text = json.dumps(data, indent=1)
    locator = JsonLocator(text)
    assert locator.locate(("claims", 2, "anchor", "start")) == JsonIndex(text).position(
        ("claims", 2, "anchor", "start"), key=False
    )
    claims_array = next(m for m in locator._containers.values() if not m.is_object)
    assert len(claims_array.entries) == 3  # claims 3..299 were not read


# --- did-you-mean ----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    choices=st.lists(st.text("abcdefgh-0123", min_size=1, max_size=12), max_size=40),
    value=st.text("abcdefgh-0123", max_size=12),
    seed=st.integers(0, 1000),
)
def test_suggester_gives_the_closest_choice_whatever_their_order(
    choices: list[str], value: str, seed: int
) -> None:
    # the reference: every choice scored one by one, ties to the greatest, as difflib breaks them
    scored = [(fuzz.ratio(value, c), c) for c in choices if fuzz.ratio(value, c) >= CUTOFF]
    expected = max(scored)[1] if scored else None
    shuffled = choices[:]
    random.Random(seed).shuffle(shuffled)
    assert Suggester(choices).closest(value) == expected
    assert Suggester(shuffled).closest(value) == expected


def test_hints_read_as_before_for_a_typical_slip() -> None:
    keys = ["matsumoto2005", "suwanlert1975", "saingam2013", "assanangkornchai2007"]
    assert Suggester(keys).hint("matsumoto2050") == "; did you mean 'matsumoto2005'?"
    assert Suggester(keys).hint("who2021") == ""
    assert (
        closest("anchor.quote", ["anchor.quote-mismatch", "anchor.range", "cite.unknown-key"], 3)[0]
        == "anchor.quote-mismatch"
    )


def test_suggester_finds_near_misses_among_many_choices() -> None:
    ids = [f"review-{i:05d}" for i in range(20_000)]
    assert len(ids) > EXACT_UP_TO
    suggester = Suggester(ids)
    assert suggester.closest("review-01234x") == "review-01234"  # slip at the end
    assert suggester.closest("reveiw-01234") == "review-01234"  # slip at the start
    assert suggester.closest("zzzzzzzzzzzzzzzzzzz") is None


# --- claim positions -------------------------------------------------------------------------


def test_identical_claims_are_located_at_their_own_records(tmp_path: Path) -> None:
    """Two byte-identical records (same id): the duplicate-id finding points at the second one.

    Locating by equality (``list.index``) found the first record for both.
    """
    document, data, bib = make_set(0, 3, error_rate=0.0)
    data["claims"].append(json.loads(json.dumps(data["claims"][1])))
    (tmp_path / ".evidence-claims-root").touch()
    (tmp_path / "document.txt").write_text(document, encoding="utf-8")
    (tmp_path / "references.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "claims.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    report = validate(tmp_path / "claims.json")
    duplicate = [f for f in report.findings if f.code == "id.duplicate"]
    assert len(duplicate) == 1
    assert duplicate[0].path == "/claims/3/id"
    text = (tmp_path / "claims.json").read_text(encoding="utf-8")
    assert duplicate[0].line == JsonIndex(text).position(("claims", 3, "id"), key=False)[0]


def test_claimset_positions_follow_changes_to_the_list(mini_copy: Path) -> None:
    from evidence_claims import load

    cs = load(mini_copy)
    first, second = cs.claims[0], cs.claims[1]
    assert cs.index_of(second) == 1
    cs.claims.reverse()
    assert cs.index_of(second) == len(cs.claims) - 2
    assert cs.index_of(first) == len(cs.claims) - 1
    copy = second.model_copy()
    assert cs.index_of(copy) == cs.index_of(second)  # equal but not the same object


# --- synthetic corpora -----------------------------------------------------------------------


def test_synthetic_sets_are_deterministic_and_mostly_valid(tmp_path: Path) -> None:
    assert make_set(3, 50, seed=1) == make_set(3, 50, seed=1)
    files = list(write_corpus(tmp_path, CorpusShape(claims=250, per_file=100), error_rate=0.0))
    assert len(files) == 3
    report = validate(tmp_path)
    assert report.claims == 250
    structural = {"anchor.", "cite.", "relation.", "schema.", "file.", "document."}
    assert not [f for f in report.errors if f.code.startswith(tuple(structural))]


def test_synthetic_mistakes_are_found(tmp_path: Path) -> None:
    random.seed(0)
    list(write_corpus(tmp_path, CorpusShape(claims=400, per_file=200), error_rate=0.05))
    codes = validate(tmp_path).codes()
    assert codes["anchor.text-mismatch"] and codes["cite.unknown-key"]
    assert codes["relation.unknown-target"]


@settings(max_examples=200, deadline=None)
@given(path=st.lists(st.one_of(st.text("ab~/0", max_size=4), st.integers(0, 20)), max_size=5))
def test_json_pointer_escapes_as_rfc_6901(path: list) -> None:
    from evidence_claims.io.locate import json_pointer

    expected = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)
    assert json_pointer(path) == expected


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 6),
    indent=st.sampled_from([None, 0, 1, 2]),
    document_last=st.booleans(),
    shuffled=st.lists(st.integers(0, 5), max_size=3),
    escaped=st.lists(st.integers(0, 5), max_size=2),
    escaped_field=st.sampled_from(["id", "kind", "certainty"]),
)
def test_claim_file_locator_agrees_with_full_index(
    n: int,
    indent: int | None,
    document_last: bool,
    shuffled: list[int],
    escaped: list[int],
    escaped_field: str,
) -> None:
    """Claims found by key search: any key order, claims whose ``id`` is not first, keys
    written with escapes, the document before or after the claims."""
    _document, data, _bib = make_set(7, n, error_rate=0.0)
    claims = data["claims"]
    for i in shuffled:
        if i < n:
            claims[i] = dict(reversed(list(claims[i].items())))
    if document_last:
        data = {"claims": claims, "document": data["document"]}
    text = json.dumps(data, indent=indent)
    for i in escaped:  # write one key of claim i as \\u0069d, \\u006bind, ...
        if i < n:
            plain = f'"{escaped_field}"'
            first = text.find(f'"id": "{claims[i]["id"]}"')
            at = text.find(plain, first)
            if at >= 0:
                escape = f"\\u{ord(escaped_field[0]):04x}"
                text = text[:at] + f'"{escape}{escaped_field[1:]}"' + text[at + len(plain) :]
    value = json.loads(text)
    locator = JsonLocator(text, claim_file=value)
    index = JsonIndex(text)
    for path in json_paths(value):
        if path[:1] == ("claims",):
            for key in (False, True):
                assert locator.locate(path, key=key) == index.position(path, key=key), path
    for path in [("claims", 99), ("claims", 0, "missing"), ("claims", 0, "anchor", "missing")]:
        assert locator.locate(path) == index.position(path)


def test_claim_file_locator_searches_instead_of_reading() -> None:
    _document, data, _bib = make_set(0, 200, error_rate=0.0)
    text = json.dumps(data, indent=1)
    locator = JsonLocator(text, claim_file=json.loads(text))
    path = ("claims", 150, "evidence", "type")
    assert locator.locate(path) == JsonIndex(text).position(path, key=False)
    assert locator._claims() is not None
    arrays = [m for m in locator._containers.values() if not m.is_object]
    assert not arrays  # the claims array was never read element by element
