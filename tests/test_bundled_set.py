"""The bundled kratom claim set: complete, exact, and validated."""

from __future__ import annotations

import re
from collections import Counter

import pytest

import evidence_claims as ec
from evidence_claims.checks.cross_field import uncovered_spans

from .conftest import KRATOM, ROOT, in_ci, run_cli

SEED = ROOT.parent / "shared" / "seed" / "kratom-addiction.txt"


@pytest.fixture(scope="module")
def kratom() -> ec.ClaimSet:
    return ec.load(KRATOM)


def test_validate_claims_folder_exits_zero() -> None:
    result = run_cli("validate", str(ROOT / "claims"))
    assert result.exit_code == 0, result.output
    # Evidence findings (warnings and infos) inform about the document; none is an error.
    assert "0 error(s)" in result.output


def test_document_is_the_seed_verbatim() -> None:
    if not SEED.exists():
        if in_ci():
            pytest.fail(f"CI must have the shared seed beside the checkout: {SEED} is missing")
        pytest.skip("the shared seed folder is not beside this checkout")
    assert (KRATOM / "document.txt").read_bytes() == SEED.read_bytes()


def test_every_anchor_is_exact(kratom: ec.ClaimSet) -> None:
    doc = kratom.document_text
    assert doc is not None
    for claim in kratom:
        a = claim.anchor
        assert doc[a.start : a.end] == claim.text, claim.id
        assert doc[: a.start].endswith(a.prefix) and doc[a.end :].startswith(a.suffix)
        for cue in [*claim.hedges, *claim.boosters]:
            assert doc[cue.start : cue.end] == cue.cue
            assert a.start <= cue.start < cue.end <= a.end


def test_every_sentence_is_covered(kratom: ec.ClaimSet) -> None:
    doc = kratom.document_text
    spans = [(c.anchor.start, c.anchor.end) for c in kratom]
    assert uncovered_spans(doc, spans) == []
    # Independently of the claim boundaries: each sentence start lies inside some claim.
    sentence_starts = [0] + [m.end() for m in re.finditer(r"[.?!]\s+", doc)]
    for start in sentence_starts:
        assert any(s <= start < e for s, e in spans), doc[start : start + 40]


def test_size_and_source_types(kratom: ec.ClaimSet) -> None:
    assert len(kratom) >= 30
    types = Counter(c.evidence.type for c in kratom)
    assert {"anecdotal_report", "observational_study", "animal_study"} <= set(types)
    kinds = Counter(c.kind for c in kratom)
    assert kinds["recommendation"] >= 5 and kinds["question"] >= 1


def test_matsumoto_claims_cite_the_mouse_study(kratom: ec.ClaimSet) -> None:
    matsumoto = [c for c in kratom if "Matsumoto" in c.text]
    assert matsumoto
    for claim in matsumoto:
        assert claim.evidence.type == "animal_study"
        assert claim.evidence.sources == ["matsumoto2005"]
    entry = kratom.bibliography["matsumoto2005"]
    assert entry.get("journal") == "Life Sciences" and entry.get("pages") == "2--7"


def test_inferred_keys_say_so(kratom: ec.ClaimSet) -> None:
    inferred = [c for c in kratom if c.evidence.basis == "inferred"]
    assert inferred
    for claim in inferred:
        assert claim.evidence.sources and "annotator" in (claim.evidence.note or "")
