"""The pieces of the GRADE ceiling study on made-up items.

benchmarks/grade_ceiling_extract.py must hand the reviewer nothing but the text a claim file
carries (never the authors' rating), and benchmarks/grade_ceiling.py must score three raters
with grade_agreement.py's arithmetic and print held-out halves as aggregates only. A slip in
either would make the ceiling figure meaningless without any error, so both are checked here on
items small enough to work out by hand; the engine is replaced by a fixed answer.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from .benchmark_scripts import load_benchmark


@pytest.fixture(scope="module")
def ceiling():
    return load_benchmark("grade_ceiling")


@pytest.fixture(scope="module")
def extract():
    return load_benchmark("grade_ceiling_extract")


def _item(n: int, authors: str, reasons: bool = False, half: str = "val") -> dict:
    return {
        "id": f"grade-{half}-{n:03d}",
        "area": "drug",
        "review": "A made-up review (2020)",
        "source_url": "https://example.org/review",
        "licence": "CC BY 4.0",
        "outcome": "made-up outcome",
        "statement": f"Drug X lowered Y (RR 0.80, 95% CI 0.70 to 0.90; {n} trials) (Doe 2020).",
        "bibtex": "@article{doe2020,\n  title = {Made up},\n  year = {2020}\n}\n",
        "source_type": "systematic_review",
        "primary_design": "randomized_trial",
        "authors_certainty": authors,
        "authors_reasons": (
            [{"domain": "imprecision", "direction": "down", "levels": 1, "why": "wide"}]
            if reasons
            else []
        ),
    }


def _rating(item_id: str, certainty: str, start: str = "high", **down: int) -> dict:
    return {"id": item_id, "start": start, "certainty": certainty, "down": down, "up": {}}


def test_extract_keeps_only_the_text_a_reader_sees(extract, tmp_path: Path) -> None:
    source = tmp_path / "half.yaml"
    source.write_text(yaml.safe_dump([_item(1, "low", reasons=True)]), "utf-8")
    target = tmp_path / "out" / "half.yaml"
    assert extract.extract(source, target) == 1
    written = yaml.safe_load(target.read_text("utf-8"))
    assert list(written[0]) == ["id", "area", "outcome", "statement", "bibtex"]
    text = target.read_text("utf-8")
    for hidden in ("authors_certainty", "authors_reasons", "source_url", "primary_design", "wide"):
        assert hidden not in text


def test_implied_level_follows_grade_arithmetic_and_stays_in_range(ceiling) -> None:
    assert ceiling.implied_level("high", {"imprecision": 2}, {}) == "low"
    assert ceiling.implied_level("low", {}, {"large_effect": 1}) == "moderate"
    assert ceiling.implied_level("high", {"risk_of_bias": 2, "imprecision": 3}, {}) == "very_low"
    assert ceiling.implied_level("low", {}, {"large_effect": 2, "dose_response": 1}) == "high"


def test_check_ratings_refuses_an_incoherent_duplicate_or_unknown_rating(ceiling) -> None:
    good = [_rating("a", "moderate", imprecision=1), _rating("b", "high")]
    assert ceiling.check_ratings(good) == {"a": "moderate", "b": "high"}
    with pytest.raises(ValueError, match="does not follow"):
        ceiling.check_ratings([_rating("a", "high", imprecision=1)])
    with pytest.raises(ValueError, match="twice"):
        ceiling.check_ratings([_rating("a", "high"), _rating("a", "high")])
    with pytest.raises(ValueError, match="unknown level"):
        ceiling.check_ratings([_rating("a", "very low")])


def test_wilson_interval_matches_worked_values(ceiling) -> None:
    low, high = ceiling.wilson(5, 10)
    assert low == pytest.approx(0.2366, abs=1e-4) and high == pytest.approx(0.7634, abs=1e-4)
    low, high = ceiling.wilson(0, 20)
    assert low == 0.0 and high == pytest.approx(0.1611, abs=1e-4)
    low, high = ceiling.wilson(20, 20)
    assert high == 1.0 and low == pytest.approx(0.8389, abs=1e-4)
    assert all(math.isnan(v) for v in ceiling.wilson(0, 0))


def test_agreement_counts_exact_within_one_and_kappa(ceiling) -> None:
    authors = ["high", "moderate", "low", "very_low"]
    rater = ["high", "low", "low", "high"]
    agreed = ceiling.agreement(authors, rater)
    assert agreed.n == 4
    assert agreed.exact == 0.5 and agreed.within_one == 0.75
    # Observed 0.5; expected from the margins (1/4 x 2/4 + 1/4 x 2/4 on high and low) 0.25.
    assert agreed.kappa == pytest.approx((0.5 - 0.25) / 0.75)
    perfect = ceiling.agreement(authors, authors)
    assert perfect.exact == 1.0 and perfect.kappa == pytest.approx(1.0)


def test_pairs_need_every_item_rated(ceiling) -> None:
    items = [_item(1, "low"), _item(2, "high")]
    with pytest.raises(ValueError, match="not rated"):
        ceiling.pairs_of(items, {"grade-val-001": "low"}, lambda item: "high")
    pairs = ceiling.pairs_of(
        [_item(1, "low", reasons=True)], {"grade-val-001": "moderate"}, lambda item: "high"
    )
    assert pairs == [ceiling.Pair("low", "moderate", "high", True)]


def test_confusion_pools_authors_against_reviewer(ceiling) -> None:
    pairs = [
        ceiling.Pair("low", "low", "high", False),
        ceiling.Pair("low", "moderate", "high", False),
        ceiling.Pair("high", "moderate", "high", True),
    ]
    lines = ceiling.confusion(pairs)
    rows = {line.split()[0]: [int(x) for x in line.split()[1:]] for line in lines[2:]}
    assert rows["low"] == [0, 1, 1, 0, 2]
    assert rows["high"] == [0, 0, 1, 0, 1]
    assert rows["total"] == [0, 1, 2, 0, 3]


def test_small_groups_are_counted_not_scored(ceiling) -> None:
    pairs = [ceiling.Pair("low", "low", "low", True)] * 2
    assert ceiling.report("tiny", pairs, min_items=5) == [
        "tiny (n=2): fewer than 5 items, not scored"
    ]


def test_main_prints_aggregates_only(ceiling, monkeypatch, tmp_path: Path, capsys) -> None:
    levels = ("very_low", "low", "moderate", "high")
    ratings = []
    for half, name in ceiling.HALVES:
        stem = half.replace("-", "")
        items = [_item(n, levels[n % 4], reasons=n % 2 == 0, half=stem) for n in range(1, 13)]
        (tmp_path / name).write_text(yaml.safe_dump(items), "utf-8")
        ratings += [_rating(item["id"], "high") for item in items]
    ratings_file = tmp_path / "ratings.yaml"
    ratings_file.write_text(yaml.safe_dump(ratings), "utf-8")
    monkeypatch.setattr(ceiling.ga, "GOLD", tmp_path)
    monkeypatch.setattr(ceiling, "RATINGS", ratings_file)
    monkeypatch.setattr(ceiling, "engine_typed", lambda item: "moderate")
    assert ceiling.main() == 0
    out = capsys.readouterr().out
    assert "grade-" not in out
    assert "all blind (n=24)" in out and "all three halves (n=36)" in out
    # Reviewer always "high", authors high on 3 of 12 items per half.
    assert "reviewer vs authors  n=12  exact 0.25" in out
    assert "engine vs reviewer   n=12  exact 0.00" in out


def test_discordant_counts_and_sign_test(ceiling) -> None:
    pairs = [
        ceiling.Pair("low", "low", "high", False),  # reviewer only
        ceiling.Pair("low", "low", "low", False),  # both
        ceiling.Pair("high", "low", "high", False),  # engine only
        ceiling.Pair("high", "low", "low", False),  # neither
        ceiling.Pair("moderate", "moderate", "low", False),  # reviewer only
    ]
    assert ceiling.discordant(pairs) == (2, 1)
    # 3 discordant items split 2:1: P(X <= 1) = 4/8, two-sided 1.0.
    assert ceiling.sign_test(2, 1) == pytest.approx(1.0)
    # 10:0: two-sided 2 / 1024.
    assert ceiling.sign_test(10, 0) == pytest.approx(2 / 1024)
    assert ceiling.sign_test(0, 0) == 1.0
