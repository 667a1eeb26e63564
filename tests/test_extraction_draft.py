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

from evidence_claims import extract
from evidence_claims.extraction.draft import to_data, to_json, to_yaml
from evidence_claims.io.claim_file import parse_claim_file
from evidence_claims.io.yaml_style import dump_yaml
from evidence_claims.model.records import ClaimFile
from evidence_claims.pipeline.validation import validate

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
    parsed = parse_claim_file(target / "claims.yaml")
    assert dump_yaml(parsed.tree) == (target / "claims.yaml").read_bytes()
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

    def spy(text: str, bibliography: object, *rest: object) -> object:
        seen.append(gc.isenabled())
        return original(text, bibliography, *rest)  # type: ignore[arg-type]

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


def _documents(tmp_path: Path) -> list[Path]:
    (tmp_path / ".evidence-claims-root").write_text("")
    docs = tmp_path / "docs"
    docs.mkdir()
    texts = {
        "a.txt": "Users report headaches. Avoid driving.\n",
        "b.txt": "In mice, the compound reduced pain. It may help people too.\n",
        "c.txt": "According to the FDA, the product is not approved. Is it safe?\n",
    }
    for name, text in texts.items():
        (docs / name).write_text(text, "utf-8")
    return [docs / name for name in texts]


def test_several_documents_are_drafted_into_a_folder(tmp_path: Path) -> None:
    documents = _documents(tmp_path)
    out = tmp_path / "drafts"
    result = run_cli("extract", *map(str, documents), "-o", str(out))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == ["a.claims.yaml", "b.claims.yaml", "c.claims.yaml"]
    report = validate(out)
    assert report.ok and len(report.files) == 3, [f.message for f in report.errors]
    assert json.loads(run_cli("extract", str(documents[0]), "--format", "json").stdout)
    as_json = run_cli("extract", *map(str, documents), "-o", str(out), "--format", "json")
    assert as_json.exit_code == 0 and (out / "b.claims.json").is_file()


def test_several_documents_check_every_output_before_writing_any(tmp_path: Path) -> None:
    documents = _documents(tmp_path)
    out = tmp_path / "drafts"
    out.mkdir()
    (out / "b.claims.yaml").write_text("keep me", "utf-8")
    result = run_cli("extract", *map(str, documents), "-o", str(out))
    assert result.exit_code == 1 and "--force" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["b.claims.yaml"]
    assert (out / "b.claims.yaml").read_text("utf-8") == "keep me"
    # two documents with one stem would overwrite each other's draft
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("Another text.", "utf-8")
    clash = run_cli("extract", str(documents[0]), str(other / "a.txt"), "-o", str(out))
    assert clash.exit_code == 2 and "would both be drafted" in clash.output
    assert run_cli("extract", *map(str, documents)).exit_code == 2  # no -o FOLDER
    assert run_cli("extract", *map(str, documents), "-o", str(out), "--id", "x").exit_code == 2


def test_an_unreadable_document_does_not_stop_the_others(tmp_path: Path) -> None:
    documents = _documents(tmp_path)
    documents[1].write_bytes(b"caf\xe9 is not UTF-8")
    out = tmp_path / "drafts"
    result = run_cli("extract", *map(str, documents), "-o", str(out))
    assert result.exit_code == 1
    assert "file.encoding" in result.output and "1 of 3 document(s) not drafted" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.claims.yaml", "c.claims.yaml"]


def test_several_documents_report_progress(tmp_path: Path, monkeypatch) -> None:
    from contextlib import contextmanager

    import evidence_claims.pipeline.progress as progress_module

    calls: list[tuple[str, int, int]] = []

    @contextmanager
    def recording(label: str, **_kwargs: object):
        yield lambda done, total: calls.append((label, done, total))

    monkeypatch.setattr(progress_module, "terminal_progress", recording)
    documents = _documents(tmp_path)
    result = run_cli("extract", *map(str, documents), "-o", str(tmp_path / "drafts"))
    assert result.exit_code == 0, result.output
    assert calls == [("Extracting", done, 3) for done in range(4)]
