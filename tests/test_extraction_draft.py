"""Drafts: always valid, offsets always exact, written in the claim-file style; the CLI."""

from __future__ import annotations

import json
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_claims import extract, files
from evidence_claims.extraction.draft import to_data, to_json, to_yaml
from evidence_claims.model import ClaimFile
from evidence_claims.validation import validate

from .conftest import KRATOM, ROOT, run_cli

GOLD = ROOT / "benchmarks" / "gold"


@lru_cache(maxsize=1)
def schema_validator() -> Any:
    import jsonschema
    from referencing import Registry

    schema = json.loads((ROOT / "schemas" / "claim-file.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema, registry=Registry())


def check_draft(text: str) -> None:
    claim_set = extract(text, doc_id="doc")
    data = to_data(claim_set)
    ClaimFile.model_validate(data, strict=True)
    errors = list(schema_validator().iter_errors(data))
    assert not errors, errors[0].message
    previous_end = 0
    for claim in claim_set.claims:
        start, end = claim.anchor.start, claim.anchor.end
        assert claim.text == text[start:end] and claim.text.strip() == claim.text
        assert start >= previous_end
        previous_end = end
        assert text[:start].endswith(claim.anchor.prefix)
        assert text.startswith(claim.anchor.suffix, end)
        for cue in [*claim.hedges, *claim.boosters]:
            assert start <= cue.start < cue.end <= end
            assert text[cue.start : cue.end] == cue.cue
        if claim.evidence.basis == "none":
            assert not claim.evidence.sources


_PIECES = st.sampled_from(
    [
        "Dr. ",
        "et al. ",
        "e.g. ",
        "U.S. ",
        "3.5 mg ",
        "(see above.) ",
        '"Stop." ',
        "? ",
        "! ",
        "...",
        "\n",
        "\n\n",
        "- ",
        "1. ",
        "  ",
        "Users report ",
        "in mice ",
        "may ",
        "not clear ",
        "no doubt ",
        "should ",
        "Avoid ",
        "randomized trial ",
        "Background: ",
        "“",
        "”",
        "’",
        "–",
        "—",
        "\r\n",
        "\t",
        "μ",
        "😀",
        "Thai studies ",
        "Smith et al. (2019) ",
        ":",
        ";",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_drafts_of_arbitrary_text_are_valid_and_exact(text: str) -> None:
    check_draft(text)


@pytest.mark.parametrize(
    "folder", [KRATOM, *sorted(p for p in GOLD.iterdir() if p.is_dir())], ids=lambda p: p.name
)
def test_drafts_of_the_bundled_documents_validate(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / folder.name
    target.mkdir()
    (tmp_path / ".evidence-claims-root").write_text("")
    shutil.copy(folder / "document.txt", target / "document.txt")
    args = ["extract", str(target / "document.txt"), "-o", str(target / "claims.yaml")]
    if (folder / "references.bib").exists():
        shutil.copy(folder / "references.bib", target / "references.bib")
        args += ["--bib", str(target / "references.bib")]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    report = validate(target)
    assert report.ok, [f.message for f in report.errors]
    assert report.claims > 0
    # The draft is written in the claim-file style: a load/save round trip changes nothing.
    parsed = files.parse_claim_file(target / "claims.yaml")
    assert files.dump_yaml(parsed.tree) == (target / "claims.yaml").read_bytes()
    assert "anchor: {start: " in (target / "claims.yaml").read_text("utf-8")


def test_json_output_and_stdout(tmp_path: Path) -> None:
    document = tmp_path / "notes.txt"
    document.write_text("Users report headaches. Avoid driving.\n", "utf-8")
    (tmp_path / ".evidence-claims-root").write_text("")
    result = run_cli("extract", str(document), "-o", str(tmp_path / "notes.claims.json"))
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "notes.claims.json").read_text("utf-8"))
    assert data["document"]["id"] == "notes" and data["document"]["path"] == "notes.txt"
    assert [c["kind"] for c in data["claims"]] == ["claim", "recommendation"]
    assert all(c["review"] == {"status": "suggested"} for c in data["claims"])
    assert validate(tmp_path).ok
    printed = run_cli("extract", str(document), "--format", "json")
    assert json.loads(printed.stdout)["claims"][0]["id"] == "notes-001"


def test_extract_refuses_to_overwrite_and_reports_a_missing_document(tmp_path: Path) -> None:
    document = tmp_path / "doc.txt"
    document.write_text("It works.", "utf-8")
    output = tmp_path / "claims.yaml"
    output.write_text("keep me", "utf-8")
    result = run_cli("extract", str(document), "-o", str(output))
    assert result.exit_code == 1 and "--force" in result.output
    assert output.read_text("utf-8") == "keep me"
    assert run_cli("extract", str(document), "-o", str(output), "--force").exit_code == 0
    missing = run_cli("extract", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 1 and "file.not-found" in missing.output


def test_api_defaults_and_writers() -> None:
    claim_set = extract("Caffeine blocks adenosine receptors. It may help.")
    assert claim_set.document.id == "document" and claim_set.document_text is not None
    assert [c.id for c in claim_set.claims] == ["document-001", "document-002"]
    assert to_yaml(claim_set).startswith(b"# Draft claims")
    assert json.loads(to_json(claim_set))["claims"][1]["hedges"][0]["cue"] == "may"
    assert all(c.certainty is None for c in claim_set.claims)


def test_the_garbage_collector_is_paused_only_while_extracting() -> None:
    import gc

    from evidence_claims.extraction import draft

    assert gc.isenabled()
    seen = []
    original = draft._analyse

    def spy(text: str, bibliography: object) -> object:
        seen.append(gc.isenabled())
        return original(text, bibliography)  # type: ignore[arg-type]

    draft._analyse = spy  # type: ignore[assignment]
    try:
        extract("Some text. More text.")
        assert seen == [False] and gc.isenabled()
        gc.disable()
        extract("Some text.")
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
        draft._analyse = original
    with pytest.raises(AttributeError):
        draft.extract(None)  # type: ignore[arg-type]
    assert gc.isenabled()  # restored after an error too
