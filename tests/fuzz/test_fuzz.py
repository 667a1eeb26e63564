"""A quick sample of the fuzz run (benchmarks/fuzz.py runs 100,000 inputs per format).

Two kinds of input per format: hypothesis-chosen case numbers of the mutation harness (byte
and structure mutations of the bundled files), and raw bytes from hypothesis itself. Each is
held to the contract of tests/fuzz/harness.py: no exception, every finding located with a
catalogue code, an error whenever nothing loads, and no slow input.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_claims.pipeline.config import load_config
from evidence_claims.pipeline.validation import validate_file

from .harness import FORMATS, MINI, Seeds, check_findings, load_seeds, run_case

SEEDS: Seeds = load_seeds()
QUICK = settings(
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# examples per format: ruamel.yaml's round-trip parser is the slow one
EXAMPLES = {"yaml": 40, "json": 80, "bibtex": 60, "document": 40, "config": 120}


@pytest.mark.parametrize("fmt", FORMATS)
def test_mutated_inputs_keep_the_contract(
    fmt: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    scratch = tmp_path_factory.mktemp(f"fuzz-{fmt}")

    @settings(QUICK, max_examples=EXAMPLES[fmt])
    @given(case=st.integers(min_value=0, max_value=2**40))
    def run(case: int) -> None:
        outcome = run_case(fmt, case, SEEDS, scratch / "case")
        assert outcome.failure is None, (
            f"{fmt} case {case}: {outcome.failure}: {outcome.detail} "
            f"(replay with tests.fuzz.harness.replay({fmt!r}, {case}, path))"
        )

    run()


def _scratch(tmp_path: Path, name: str, raw: bytes) -> Path:
    (tmp_path / ".evidence-claims-root").write_bytes(b"")
    for other in ("document.txt", "references.bib"):
        (tmp_path / other).write_bytes((MINI / other).read_bytes())
    path = tmp_path / name
    path.write_bytes(raw)
    return path


@settings(QUICK, max_examples=60)
@given(raw=st.binary(max_size=400), suffix=st.sampled_from(["yaml", "json"]))
def test_arbitrary_bytes_as_a_claim_file(tmp_path: Path, raw: bytes, suffix: str) -> None:
    path = _scratch(tmp_path, f"claims.{suffix}", raw)
    cs, report = validate_file(path, root=tmp_path)
    assert check_findings(report.findings, cs is not None) == []


@settings(QUICK, max_examples=60)
@given(text=st.text(max_size=300), suffix=st.sampled_from(["yaml", "json"]))
def test_arbitrary_text_as_a_claim_file(tmp_path: Path, text: str, suffix: str) -> None:
    path = _scratch(tmp_path, f"claims.{suffix}", text.encode("utf-8", errors="surrogatepass"))
    cs, report = validate_file(path, root=tmp_path)
    assert check_findings(report.findings, cs is not None) == []


@settings(QUICK, max_examples=60)
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_as_configuration(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_bytes(raw)
    _config, findings = load_config(path)
    assert check_findings(findings, True) == []


@settings(QUICK, max_examples=40)
@given(raw=st.binary(max_size=600), which=st.sampled_from(["document.txt", "references.bib"]))
def test_arbitrary_bytes_as_document_or_bibliography(
    tmp_path: Path, raw: bytes, which: str
) -> None:
    path = _scratch(tmp_path, "claims.yaml", (MINI / "claims.yaml").read_bytes())
    (tmp_path / which).write_bytes(raw)
    cs, report = validate_file(path, root=tmp_path)
    assert check_findings(report.findings, cs is not None) == []
