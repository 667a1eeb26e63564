"""Nanopublications: TriG per claim (head, assertion, provenance, publication info).

The well-formedness check is first held against cases of the official nanopub test suite
(tests/data/vendor/nanopub-testsuite, MIT): it must accept the valid ones and reject the
invalid ones. Then every exported claim must be a well-formed nanopublication, with its
certainty in the assertion and its anchor in the provenance.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import evidence_claims as ec

from .conftest import KRATOM, MINI, run_cli
from .interchange_helpers import ASTRAL, NANOPUB_SUITE

rdflib = pytest.importorskip("rdflib")

NP = rdflib.Namespace("http://www.nanopub.org/nschema#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")


def _check(text: str) -> dict[str, list[str]]:
    from evidence_claims.io.nanopub import check_trig

    return check_trig(text)


@pytest.mark.parametrize(
    "path", sorted((NANOPUB_SUITE / "valid").glob("*.trig")), ids=lambda p: p.name
)
def test_suite_valid_cases_are_well_formed(path: Path) -> None:
    problems = _check(path.read_text(encoding="utf-8"))
    assert problems and all(p == [] for p in problems.values()), problems


@pytest.mark.parametrize(
    "path", sorted((NANOPUB_SUITE / "invalid").glob("*.trig")), ids=lambda p: p.name
)
def test_suite_invalid_cases_are_rejected(path: Path) -> None:
    problems = _check(path.read_text(encoding="utf-8"))
    assert any(problems.values()), path.name


def test_check_reports_a_trig_syntax_error_without_raising() -> None:
    problems = _check("this is { not trig")
    assert any(problems.values())


def _export(claims: Path, out: Path) -> str:
    result = run_cli("export", "--format", "nanopub", str(claims), "-o", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.trig"))
    assert len(files) == 1, files
    return files[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("source", [KRATOM, MINI, ASTRAL], ids=["kratom", "mini", "astral"])
def test_every_exported_claim_is_a_well_formed_nanopub(source: Path, tmp_path: Path) -> None:
    text = _export(source / "claims.yaml", tmp_path / "out")
    problems = _check(text)
    cs = ec.load(source / "claims.yaml")
    assert len(problems) == len(cs.claims)
    assert all(p == [] for p in problems.values()), problems


def test_assertion_holds_certainty_and_provenance_holds_the_anchor(tmp_path: Path) -> None:
    text = _export(ASTRAL / "claims.yaml", tmp_path / "out")
    cs = ec.load(ASTRAL / "claims.yaml")
    dataset = rdflib.Dataset()
    dataset.parse(data=text, format="trig")
    heads = list(dataset.quads((None, NP.hasAssertion, None, None)))
    assert len(heads) == len(cs.claims)
    seen_certainty, seen_anchor = 0, 0
    document = (ASTRAL / "document.txt").read_bytes().decode("utf-8")
    for nanopub, _, assertion, _ in heads:
        provenance = next(dataset.quads((nanopub, NP.hasProvenance, None, None)))[2]
        a_graph = dataset.graph(assertion)
        p_graph = dataset.graph(provenance)
        literals = {str(o) for o in a_graph.objects() if isinstance(o, rdflib.Literal)}
        certainties = {c.certainty for c in cs.claims if c.certainty}
        seen_certainty += bool(literals & certainties) or any(
            str(o).endswith(tuple(certainties)) for o in a_graph.objects()
        )
        starts = [int(o) for o in p_graph.objects(None, OA.start)]
        ends = [int(o) for o in p_graph.objects(None, OA.end)]
        exacts = [str(o) for o in p_graph.objects(None, OA.exact)]
        assert len(starts) == len(ends) == len(exacts) == 1
        assert document[starts[0] : ends[0]] == exacts[0]  # code points
        seen_anchor += 1
    assert seen_anchor == len(cs.claims)
    assert seen_certainty == sum(1 for c in cs.claims if c.certainty)


def test_export_writes_nothing_malformed_for_an_invalid_set(tmp_path: Path) -> None:
    from .conftest import BAD

    result = run_cli(
        "export",
        "--format",
        "nanopub",
        str(BAD / "bad-kind.claims.yaml"),
        "-o",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 1, result.output
    assert not list((tmp_path / "out").glob("*.trig"))


def test_the_same_claim_file_gives_the_same_trig_whatever_the_hash_seed(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "evidence_claims.cli",
                "export",
                "-f",
                "nanopub",
                str(MINI),
                "-o",
                str(out),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
        outputs.append((out / "mini.trig").read_bytes())
    assert outputs[0] == outputs[1]
