"""The short ways of locating (``JsonLocator.locate_claim``, members read only as far as
asked) give the positions the full tokenizer gives, whatever the order of the requests."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.io import json_locate as locate
from evidence_claims.io.json_index import JsonIndex
from evidence_claims.io.json_locate import FLAT_RECORDS, JsonLocator
from evidence_claims.model.records import Claim
from evidence_claims.testing.synthetic import make_set

from .json_helpers import json_paths


def test_flat_records_hold_no_records() -> None:
    """The claim fields locate_claim searches by key hold scalars and lists of strings only."""
    schema = Claim.model_json_schema()
    for name in FLAT_RECORDS:
        ref = schema["properties"][name]
        ref = ref.get("$ref") or next(a["$ref"] for a in ref["anyOf"] if "$ref" in a)
        record = schema["$defs"][ref.rsplit("/", 1)[1]]
        for field, spec in record["properties"].items():
            text = str(spec)
            assert "$ref" not in text and "'object'" not in text, (name, field)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text('ab"\\c', max_size=3), inner)
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(value=json_values, indent=st.sampled_from([None, 1]), data=st.data())
def test_members_read_lazily_in_any_order(
    value: object, indent: int | None, data: st.DataObject
) -> None:
    text = json.dumps(value, indent=indent)
    index = JsonIndex(text)
    locator = JsonLocator(text)
    paths = json_paths(value)
    extra = [(*p, "missing") for p in paths[:3]] + [(*p, 99) for p in paths[:3]]
    requests = data.draw(st.lists(st.sampled_from([*paths, *extra]), max_size=25))
    for path in requests:
        for key in (False, True):
            assert locator.locate(path, key=key) == index.position(path, key=key), path


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 6),
    indent=st.sampled_from([None, 0, 1, 2]),
    reversed_claims=st.lists(st.integers(0, 5), max_size=3),
    emptied=st.lists(st.integers(0, 5), max_size=2),
    escaped=st.lists(st.integers(0, 5), max_size=2),
    escaped_field=st.sampled_from(["id", "kind", "certainty", "evidence", "type", "prefix"]),
    data=st.data(),
)
def test_locate_claim_agrees_with_the_full_index(
    n: int,
    indent: int | None,
    reversed_claims: list[int],
    emptied: list[int],
    escaped: list[int],
    escaped_field: str,
    data: st.DataObject,
) -> None:
    _document, value, _bib = make_set(3, n, error_rate=0.0)
    claims = value["claims"]
    for i in emptied:  # empty arrays: the first item of [] is the array itself
        if i < n:
            claims[i]["hedges"] = []
            claims[i]["caveats"] = []
    for i in reversed_claims:
        if i < n:
            claims[i] = dict(reversed(list(claims[i].items())))
    text = json.dumps(value, indent=indent)
    for i in escaped:  # write one key of claim i with an escape
        if i < n:
            first = text.find(f'"id": "{claims[i]["id"]}"')
            at = text.find(f'"{escaped_field}"', first)
            if at >= 0:
                escape = f"\\u{ord(escaped_field[0]):04x}"
                text = (
                    text[:at]
                    + f'"{escape}{escaped_field[1:]}"'
                    + text[at + 2 + len(escaped_field) :]
                )
    value = json.loads(text)
    index = JsonIndex(text)
    claim_paths = [p[2:] for p in json_paths(value) if p[:1] == ("claims",) and len(p) >= 2]
    wanted = [(p, i) for i in range(n + 1) for p in {q for q in claim_paths}]
    requests = data.draw(st.permutations(wanted))
    saved, saved_per_key = locate.KEY_SEARCHES_BEFORE_TABLE, locate.TABLE_CHARS_PER_KEY
    try:
        for searches in (0, 2, 1000):  # keys found by bounded search, by table, by both
            locate.KEY_SEARCHES_BEFORE_TABLE = searches
            locator = JsonLocator(text, claim_file=value)
            for fields, i in requests:
                for key in (False, True):
                    expected = index.position(("claims", i, *fields), key=key)
                    found = locator.locate_claim(i, fields, key=key)
                    assert found == expected, (searches, i, fields, key)
            # all at once (the engine's way), on a fresh locator and on the one asked above,
            # each name's keys searched claim by claim (1) or indexed (a billion)
            asked = [(i, fields, key) for fields, i in requests for key in (False, True)]
            expected_all = [index.position(("claims", i, *f), key=k) for i, f, k in asked]
            for per_key in (1, 10**9):
                locate.TABLE_CHARS_PER_KEY = per_key
                assert JsonLocator(text, claim_file=value).locate_claims(asked) == expected_all
                assert locator.locate_claims(asked) == expected_all
    finally:
        locate.KEY_SEARCHES_BEFORE_TABLE = saved
        locate.TABLE_CHARS_PER_KEY = saved_per_key


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(0, 6),
    indent=st.sampled_from([None, 0, 1, 2]),
    returns=st.booleans(),
    asked_before=st.lists(st.integers(0, 6), max_size=3),
    how=st.sampled_from(["all", "some", "any"]),
    data=st.data(),
)
def test_claim_lines_are_the_claims_lines(
    n: int,
    indent: int | None,
    returns: bool,
    asked_before: list[int],
    how: str,
    data: st.DataObject,
) -> None:
    """The claims' lines from their starts in one count (``JsonLocator.claim_lines``) are the
    lines the full tokenizer gives; the way is refused (None) where it would not be: every
    claim in order, some in order, or any numbers in any order (out of range too)."""
    _document, value, _bib = make_set(3, n, error_rate=0.0)
    text = json.dumps(value, indent=indent)
    if returns:
        text = text.replace("\n", "\r\n")
    value = json.loads(text)
    index = JsonIndex(text)
    locator = JsonLocator(text, claim_file=value)
    for i in asked_before:  # positions asked before (counted as asked) change nothing
        if i < n:
            locator.locate_claim(i, ("text",))
    if how == "all":
        asked = list(range(n))
    elif how == "some":
        asked = sorted(data.draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=8)))
    else:
        asked = data.draw(st.lists(st.integers(-1, n), max_size=8))
    found = locator.claim_lines(asked)
    if found is None:
        in_order = asked == sorted(asked) and all(0 <= i < n for i in asked)
        assert returns or not in_order or n == 0, "refused a plain request"
        return
    assert found == [index.position(("claims", i))[0] for i in asked]


def test_record_order_names_the_flat_records() -> None:
    """The key orders of a claim's flat records are read in one written-out order."""
    assert sorted(locate._RECORD_ORDER) == sorted(FLAT_RECORDS)
    assert len(set(locate._RECORD_ORDER)) == len(locate._RECORD_ORDER)
