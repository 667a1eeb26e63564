"""The text report's shared parts give the lines of the plain formatting, whatever the values.

:class:`~evidence_claims.render.text_format._Where` escapes each file once for all its
findings, and :class:`~evidence_claims.render.text_format._ClaimLines` makes each grade and
each reason's step once for all the claims: both are compared here with the plain functions
they stand for (:func:`_where`, :func:`_claim_line`), on file names and notes with line
breaks, control characters, odd first characters and no file at all.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.model.report import ClaimAssessment, Finding, Reason
from evidence_claims.render.text_format import _claim_line, _ClaimLines, _Where, _where

# names that begin with a safe character, an unsafe one, a control, a line break, nothing
names = st.one_of(
    st.none(),
    st.just(""),
    st.text(alphabet=st.sampled_from("a./-_~:é \n\r\t\x1b\u202e=+@#"), max_size=12),
)
levels = st.sampled_from(["high", "moderate", "low", "very_low", "ungraded", "odd"])
lines = st.one_of(st.none(), st.integers(min_value=0, max_value=10**6))


@settings(max_examples=300, deadline=None)
@given(
    files=st.lists(names, min_size=1, max_size=4),
    rows=st.lists(st.tuples(st.integers(0, 3), lines, lines), max_size=30),
)
def test_where_is_the_plain_location(
    files: list[str | None], rows: list[tuple[int, int | None, int | None]]
) -> None:
    where = _Where()
    for n, line, column in rows:
        finding = Finding("c", "info", "m", files[n % len(files)], line, column)
        assert where(finding) == _where(finding)


reasons = st.lists(
    st.builds(
        Reason,
        code=st.sampled_from(["risk_of_bias.self_report", "imprecision.small_sample", "x\ny"]),
        effect=st.integers(min_value=-2, max_value=2),
        note=st.just(""),
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.builds(
            ClaimAssessment,
            claim_id=names.map(lambda s: s or "c1"),
            certainty=levels,
            start=st.one_of(st.none(), levels),
            stated=st.one_of(st.none(), levels),
            reasons=reasons.map(tuple),
            note=st.one_of(st.none(), names),
            relations=st.lists(st.sampled_from(["supports c2", "challenged by c3"])).map(tuple),
        ),
        max_size=20,
    )
)
def test_claim_lines_are_the_plain_lines(rows: list[ClaimAssessment]) -> None:
    made = _ClaimLines()
    for assessment in rows:
        assert made(assessment) == _claim_line(assessment)


@settings(max_examples=100, deadline=None)
@given(shared=reasons.map(tuple), other=reasons.map(tuple), starts=st.lists(levels, max_size=6))
def test_claim_lines_of_claims_sharing_their_reasons_are_the_plain_lines(
    shared: tuple[Reason, ...], other: tuple[Reason, ...], starts: list[str]
) -> None:
    """Claims graded alike share one tuple of reasons, whose steps are joined once: each line
    is still its own claim's, asked in turn and again."""
    rows = [
        ClaimAssessment(f"c{i}", start, start, None, shared if i % 2 else other)
        for i, start in enumerate(starts)
    ]
    made = _ClaimLines()
    for assessment in [*rows, *reversed(rows)]:
        assert made(assessment) == _claim_line(assessment)
