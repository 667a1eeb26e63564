"""The arithmetic of benchmarks/annotator_agreement.py on tiny made-up annotations.

The benchmark reports how far two annotators of the same passages agree (percent, Cohen's
kappa, attributed source, cue precision/recall); a slip in the kappa formula or in the one-to-one
alignment would move every figure it prints without an error, so both are checked here on
pairs small enough to work out by hand.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from evidence_claims.model.records import Claim

from .benchmark_scripts import load_benchmark

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def iaa():
    """The benchmark module, loaded from its file."""
    return load_benchmark("annotator_agreement")


def _claim(
    n: int,
    start: int,
    end: int,
    kind: str = "claim",
    type_: str = "unsourced_assertion",
    basis: str = "none",
    sources: tuple[str, ...] = (),
    hedges: tuple[tuple[int, int], ...] = (),
) -> Claim:
    return Claim.model_validate(
        {
            "id": f"t-{n:03d}",
            "text": "x" * (end - start),
            "anchor": {"start": start, "end": end},
            "kind": kind,
            "evidence": {"type": type_, "sources": list(sources), "basis": basis},
            "hedges": [{"cue": "x" * (e - s), "start": s, "end": e} for s, e in hedges],
        }
    )


def test_kappa_of_the_textbook_two_by_two_table(iaa) -> None:
    """50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15: p_o .70, p_e .50, k .40."""
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    assert iaa.percent(pairs) == pytest.approx(0.70)
    assert iaa.cohen_kappa(pairs) == pytest.approx(0.40)


def test_kappa_at_its_bounds(iaa) -> None:
    # Perfect agreement on two labels is 1; systematic swapping of two balanced labels is -1.
    assert iaa.cohen_kappa([("a", "a"), ("b", "b")]) == pytest.approx(1.0)
    assert iaa.cohen_kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1.0)
    # Both raters always say the same single label: chance agreement is certain, kappa undefined.
    assert math.isnan(iaa.cohen_kappa([("a", "a")] * 3))
    assert math.isnan(iaa.cohen_kappa([]))
    # A label one rater never uses still counts in the other's marginals: p_o .75, p_e .5.
    assert iaa.cohen_kappa([("a", "a"), ("a", "a"), ("a", "b"), ("b", "b")]) == pytest.approx(0.5)


def test_alignment_is_one_to_one_and_leaves_the_split_half_unaligned(iaa) -> None:
    # Annotator 1: one sentence 0-20, one 21-40.  Annotator 2 splits the first at 12.
    first = [_claim(1, 0, 20), _claim(2, 21, 40)]
    second = [_claim(1, 0, 12), _claim(2, 13, 20), _claim(3, 21, 40)]
    assert iaa.align(first, second) == [(0, 0), (1, 2)]


def test_pairing_counts_labels_attribution_and_cues(iaa) -> None:
    first = [
        _claim(1, 0, 10, kind="meta"),
        _claim(2, 11, 30, type_="clinical_trial", basis="explicit", sources=("k1",)),
        _claim(3, 31, 50, type_="clinical_trial", basis="context", hedges=((31, 34),)),
    ]
    second = [
        _claim(1, 0, 10, kind="meta"),
        _claim(2, 11, 30, type_="clinical_trial", basis="explicit", sources=("k1",)),
        _claim(3, 31, 50, type_="observational_study", basis="context", hedges=((40, 44),)),
    ]
    result = iaa.pair(first, second, frozenset({1}))
    assert (result.units_first, result.units_second, result.aligned) == (3, 3, 3)
    assert iaa.percent(result.labels["kind"]) == 1.0
    assert iaa.percent(result.labels["type"]) == pytest.approx(2 / 3)
    # The meta unit is left out of the non-meta type agreement.
    assert result.labels["type_non_meta"] == [
        ("clinical_trial", "clinical_trial"),
        ("clinical_trial", "observational_study"),
    ]
    assert result.labels["type|decided"] == [("clinical_trial", "clinical_trial")]
    assert len(result.labels["type|open"]) == 2
    # Both non-meta units rest on a named design; the second annotator's type differs on one.
    assert (result.attributed.right, result.attributed.total) == (1, 2)
    # The hedges do not overlap: precision and recall are both nil.
    assert (result.hedges.precision, result.hedges.recall) == (0.0, 0.0)


def test_covering_picks_the_claim_sharing_most_characters_first_of_equals() -> None:
    """The one alignment rule behind the agreement figures and the models' training labels."""
    from evidence_claims.testing.agreement import covering, overlap

    claims = [_claim(1, 0, 10), _claim(2, 8, 30), _claim(3, 30, 40), _claim(4, 40, 60)]
    assert covering(5, 20, claims) == 1  # 12 characters of the second, 5 of the first
    assert covering(30, 60, claims) == 3  # 20 of the fourth, 10 of the third
    assert covering(25, 35, claims) == 1  # 5 and 5: the first of equals
    assert covering(60, 70, claims) is None  # touching is not overlapping
    assert overlap(claims[0], claims[1]) == 2
    assert overlap(claims[0], claims[3]) == 0


def test_wilson_interval_reproduces_published_figures(iaa) -> None:
    """The intervals quoted in benchmarks/gold-real-iaa/README.md for 82/84 and 151/153."""
    low, high = iaa.wilson(82, 84)
    assert (round(100 * low, 1), round(100 * high, 1)) == (91.7, 99.3)
    low, high = iaa.wilson(151, 153)
    assert (round(100 * low, 1), round(100 * high, 1)) == (95.4, 99.6)
    # All right: the upper end is 1, the lower stays below; none right mirrors it.
    low, high = iaa.wilson(10, 10)
    assert high == pytest.approx(1.0) and 0.6 < low < 0.8
    assert iaa.wilson(0, 10) == pytest.approx((1 - high, 1 - low))
    assert all(math.isnan(v) for v in iaa.wilson(0, 0))


def test_passages_find_the_first_annotation_by_folder_name(iaa, tmp_path: Path) -> None:
    second = tmp_path / "second"
    halves = [("one", tmp_path / "one"), ("two", tmp_path / "two")]
    for folder in (second / "a", second / "b", halves[0][1] / "a", halves[1][1] / "b"):
        folder.mkdir(parents=True)
        (folder / "claims.yaml").write_text("claims: []\n", "utf-8")
    assert iaa.passages(second, halves) == [
        ("one", halves[0][1] / "a", second / "a"),
        ("two", halves[1][1] / "b", second / "b"),
    ]
    assert iaa.passages(tmp_path / "absent", halves) == []
    (second / "c").mkdir()
    (second / "c" / "claims.yaml").write_text("claims: []\n", "utf-8")
    with pytest.raises(SystemExit):
        iaa.passages(second, halves)


def test_blind_halves_score_the_draft_against_both_annotators(iaa, monkeypatch) -> None:
    """ext/1 compares the draft with annotator 1, ext/2 with annotator 2; halves pool."""
    first = [_claim(1, 0, 10, type_="clinical_trial", basis="explicit"), _claim(2, 11, 20)]
    second = [_claim(1, 0, 10, type_="clinical_trial", basis="explicit"), _claim(2, 11, 20)]
    second[1] = _claim(2, 11, 20, kind="meta")
    draft = [_claim(1, 0, 10, type_="observational_study", basis="explicit"), _claim(2, 11, 20)]
    folders = {"a1": first, "a2": second, "b1": first, "b2": second}
    monkeypatch.setattr(
        iaa,
        "passages",
        lambda *_: [("blind", Path("a1"), Path("a2")), ("blind-2", Path("b1"), Path("b2"))],
    )
    monkeypatch.setattr(iaa, "_claims", lambda folder: folders[str(folder)])
    halves = iaa.blind_halves(extracted=lambda folder: draft)
    assert set(halves) == {"blind", "blind-2"}
    one = halves["blind"]
    assert one.passages == 1
    assert iaa.percent(one.human.labels["kind"]) == pytest.approx(0.5)
    assert iaa.percent(one.human.labels["type"]) == 1.0
    assert iaa.percent(one.machine_first.labels["kind"]) == 1.0
    assert iaa.percent(one.machine_second.labels["kind"]) == pytest.approx(0.5)
    assert (one.machine_first.attributed.right, one.machine_first.attributed.total) == (0, 1)
    pooled = iaa.BlindHalf()
    for result in halves.values():
        pooled += result
    assert pooled.passages == 2 and pooled.human.aligned == 4
    assert [name for name, _ in pooled.columns("pooled")] == [
        "pooled ann2/1",
        "pooled ext/1",
        "pooled ext/2",
    ]


def test_kind_matrix_counts_rows_as_annotator_one(iaa) -> None:
    text = iaa.kind_matrix([("meta", "claim"), ("meta", "claim"), ("claim", "claim")])
    rows = {line.split()[0]: line.split()[1:] for line in text.splitlines()[1:]}
    assert rows["meta"] == ["2", "0", "0", "0"]
    assert rows["claim"] == ["1", "0", "0", "0"]
    assert rows["question"] == ["0", "0", "0", "0"]


def test_label_changes_count_each_differing_field_of_aligned_units(iaa) -> None:
    """The fresh passages' disagreement count: one entry per differing label, unaligned units
    and equal labels left out."""
    first = [
        _claim(1, 0, 10, kind="meta"),
        _claim(2, 11, 30, type_="clinical_trial", basis="explicit"),
        _claim(3, 31, 50),
    ]
    second = [
        _claim(1, 0, 10, kind="claim"),
        _claim(2, 11, 30, type_="observational_study", basis="context"),
        _claim(3, 31, 50),
        _claim(4, 60, 70, kind="meta"),
    ]
    changes = iaa.label_changes(first, second)
    assert changes == {
        "kind meta->claim": 1,
        "type clinical_trial->observational_study": 1,
        "basis explicit->context": 1,
    }


def test_fresh_passages_are_second_annotations_of_tune_passages(iaa) -> None:
    """Every name of fresh.yaml is a second annotation whose first one is in gold-real (tune):
    a misspelt name would silently move a passage into the earlier ten's columns."""
    fresh = iaa._fresh()
    assert fresh
    for name in fresh:
        assert (iaa.IAA / name / "claims.yaml").is_file(), name
        assert (ROOT / "benchmarks" / "gold-real" / name / "claims.yaml").is_file(), name
