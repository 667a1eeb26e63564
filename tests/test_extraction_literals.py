"""The strings a pattern needs (extraction/literals.py) and the gates built on them: a gated
test gives what the pattern itself gives, on generated patterns and on the kind rules."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from evidence_claims.extraction import kinds
from evidence_claims.extraction.caseless import fold
from evidence_claims.extraction.literals import Gated, holds, required

# Small patterns over a small alphabet, so that generated texts often match them.
_ATOMS = st.sampled_from(["a", "b", "c", "ab", "[ab]", "[^a]", ".", r"\s", r"\b", "(?i:a)", "A"])


def _patterns() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map(lambda p: f"(?:{p[0]}|{p[1]})"),
            inner.map(lambda p: f"(?:{p})?"),
            inner.map(lambda p: f"(?:{p})+"),
            inner.map(lambda p: f"(?:{p}){{2,3}}"),
            inner.map(lambda p: f"(?=b)(?:{p})"),
            inner.map(lambda p: f"(?<!c)(?:{p})"),
        )

    return st.recursive(_ATOMS, extend, max_leaves=8)


_TEXT = st.text(alphabet="abcAB \n", max_size=30)


@settings(max_examples=400, deadline=None)
@given(_patterns(), _TEXT, st.integers(0, 5))
def test_every_match_holds_a_required_string(pattern: str, text: str, pos: int) -> None:
    compiled = re.compile(pattern)
    strings = required(pattern)
    gated = Gated(compiled, strings)
    found = compiled.search(text, pos)
    for gate_says, pattern_says in (
        (gated.search(text, pos), found),
        (gated.match(text, pos), compiled.match(text, pos)),
    ):
        assert (gate_says and gate_says.span()) == (pattern_says and pattern_says.span())
    if strings is not None and found is not None:
        assert holds(text, strings, pos)
        assert any(s in found.group() for s in strings)


def test_required_reads_literals_classes_and_groups() -> None:
    assert required("a[^b]c") == {"a"}  # a negated class spells nothing
    assert required(r"9[05]\s*%") == {"90", "95"}
    assert required(r"\b(?:found|showed)\s+that\b") == {"found", "showed"}
    assert required("x|y?") is None  # an alternative that needs nothing
    assert required("(?i:abc)") is None  # a case-insensitive part
    assert required("(?i)abc") is None
    assert required("(?:ab)?") is None


_STATEMENTS = st.lists(
    st.sampled_from(
        [
            "In my view",
            "I THINK",
            "IMO",
            "to me,",
            "the trial",
            "found that",
            "Studies",
            "showed",
            "95 % CI",
            "99%",
            "of",
            "randomized",
            "reported",
            "were",
            "no",
            "been",
            "ſhowed",
            "Kelvin K",
            "İ",
            "needed",
            "Shown",
            ",",
            ".",
            "we",
            "9",
            "5",
        ]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_STATEMENTS)
def test_gated_kind_rules_agree_with_the_patterns(text: str) -> None:
    rules = kinds.load_rules()
    assert rules.findings_need is not None and rules.stance_need is not None
    assert kinds._reports_finding(text, rules) == (rules.findings.search(text) is not None)
    plain = kinds._STANCE.search(text) is not None and kinds._NEEDED.search(text) is None
    assert kinds._writers_stance(text, fold(text), rules.stance_need) == plain


_OPENINGS = st.lists(
    st.sampled_from(
        [
            "Future",
            "further",
            "research",
            "studies",
            "is",
            "are",
            "needed",
            "will",
            "need",
            "defined",
            "here",
            "Outcomes",
            "the",
            "This",
            "fact",
            "sheet",
            "explains",
            "describes",
            "Health",
            "Notes,",
            "a",
            "new",
            "series,",
            "presents",
            "İ",
            "ſ",
            "“",
            "-",
            "more",
            "trials",
            "must",
            "be",
            "confirmed",
            "“Health",
        ]
    ),
    max_size=10,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_OPENINGS, st.integers(0, 2))
@example("Outcomes are defined here as deaths", 0)
@example("Further, larger trials are needed", 0)
@example("So future research will need to test it", 0)
@example("“Health Notes,” a new series, presents", 1)
@example("Future research is ſtill needed", 0)
def test_split_signposting_agrees_with_the_whole_family(text: str, first: int) -> None:
    from importlib import resources

    from evidence_claims.model.data_yaml import load_data_yaml

    data = load_data_yaml(
        resources.files("evidence_claims").joinpath("data/kinds.yaml").read_text("utf-8")
    )
    family = data["signposting"] + data["publications"]
    whole = re.compile(kinds._GUARD + "(?:" + "|".join(f"(?:{p})" for p in family) + ")", re.I)
    rules = kinds.load_rules()
    assert rules.signposting_gated  # the split is in use
    folded = fold(text)
    pattern, target = rules.signposting.pick(text, folded)
    split = pattern.match(target, first) is not None or kinds._gated_signposting(
        text, folded, first, rules
    )
    assert split == (whole.match(text, first) is not None)
