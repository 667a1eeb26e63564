"""Drafts written a part at a time hold the bytes of the draft written at once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from evidence_claims.extraction import draft

from .conftest import KRATOM, run_cli


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("chunk", [1, 7, 2000])
def test_streamed_draft_is_the_draft(fmt: str, chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(draft, "STREAM_CHUNK", chunk)
    text = (KRATOM / "document.txt").read_text("utf-8")
    bib = KRATOM / "references.bib"
    options = {"doc_id": "kratom", "bibliography": bib, "title": "Kratom: a #title"}
    whole = draft.extract(text, **options)
    expected = (
        draft.to_yaml(whole, schema_ref="../schema.json") if fmt == "yaml" else draft.to_json(whole)
    )
    out = io.BytesIO()
    kinds = draft.write_draft(text, out, fmt, schema_ref="../schema.json", **options)
    assert out.getvalue() == expected
    assert kinds is not None and sum(kinds.values()) == len(whole.claims)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_document_without_statements(fmt: str) -> None:
    whole = draft.extract("")
    expected = draft.to_yaml(whole) if fmt == "yaml" else draft.to_json(whole)
    out = io.BytesIO()
    assert draft.write_draft("", out, fmt) is not None
    assert out.getvalue() == expected


def test_a_value_only_ruamel_yaml_writes_falls_back_to_the_whole_draft(tmp_path: Path) -> None:
    document = tmp_path / "doc\u2028ument.txt"  # a line separator in the id and the path
    document.write_text("Mice given the extract slept longer. It may help.\n", "utf-8")
    out = tmp_path / "draft.claims.yaml"
    assert draft.write_draft(document.read_text("utf-8"), io.BytesIO(), title="a\u2028b") is None
    result = run_cli("extract", str(document), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "2 draft claims" in result.output
    text = out.read_text("utf-8")
    claim_set = draft.extract(document.read_text("utf-8"), doc_id=document.stem, path=document.name)
    assert text.encode("utf-8") == draft.to_yaml(claim_set)
