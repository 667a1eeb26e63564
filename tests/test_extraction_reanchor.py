"""Re-anchoring claims after their document changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evidence_claims.io.claim_file import parse_claim_file
from evidence_claims.io.yaml_style import dump_yaml
from evidence_claims.pipeline.validation import validate
from evidence_claims.reanchor import reanchor

from .conftest import KRATOM, run_cli


@pytest.fixture
def kratom(tmp_path: Path) -> Path:
    target = tmp_path / "kratom"
    shutil.copytree(KRATOM, target)
    (tmp_path / ".evidence-claims-root").write_text("")
    return target


def edit(folder: Path, old: str, new: str, *, prepend: str = "") -> None:
    path = folder / "document.txt"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(prepend + text.replace(old, new), "utf-8")


def test_an_insertion_moves_every_claim_and_keeps_the_file_style(kratom: Path) -> None:
    before = (kratom / "claims.yaml").read_text("utf-8")
    edit(kratom, "x", "x", prepend="A new first paragraph.\n\n")
    result = reanchor(kratom / "claims.yaml")
    assert result.ok and result.written and not result.orphans
    assert {p.method for p in result.placements} == {"exact"}
    assert validate(kratom).ok
    after = (kratom / "claims.yaml").read_text("utf-8")
    # Comments and the header survive; only anchor, cue and sha256 lines change.
    assert after.splitlines()[:8] == before.splitlines()[:8]
    changed = [b for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed and all(
        line.lstrip().startswith(("anchor:", "- {cue:", "sha256:")) for line in changed
    )
    parsed = parse_claim_file(kratom / "claims.yaml")
    assert dump_yaml(parsed.tree) == (kratom / "claims.yaml").read_bytes()


def test_an_edited_quote_is_placed_by_its_context_and_sent_back_to_review(kratom: Path) -> None:
    edit(
        kratom,
        "This state generally lasts around 4 days.",
        "This state generally lasts about four days.",
    )
    result = reanchor(kratom / "claims.yaml")
    assert not result.orphans
    [changed] = [p for p in result.placements if p.quote_changed]
    assert changed.claim_id == "kratom-addiction-024" and changed.method == "context"
    codes = {f.code for f in result.findings if f.claim_id == "kratom-addiction-024"}
    assert {"reanchor.quote-changed", "reanchor.cue-lost"} <= codes
    report = validate(kratom)
    assert report.ok, [f.message for f in report.errors]
    claim = parse_claim_file(kratom / "claims.yaml").data["claims"][23]
    assert claim["text"] == "This state generally lasts about four days."
    assert claim["review"]["status"] == "suggested"
    assert [h["cue"] for h in claim["hedges"]] == ["generally"]


def test_a_deleted_or_ambiguous_quote_is_an_orphan_never_moved(kratom: Path) -> None:
    sentence = "One should really not use Mitragyna speciosa Kratom more than once a week."
    edit(kratom, sentence, "")
    before = (kratom / "claims.yaml").read_bytes()
    result = reanchor(kratom / "claims.yaml")
    assert result.orphans == ["kratom-addiction-037"]
    [orphan] = [f for f in result.findings if f.code == "reanchor.orphan"]
    assert orphan.line is not None and orphan.file is not None
    parsed = parse_claim_file(kratom / "claims.yaml")
    # The orphan keeps its old anchor; sha256 is not updated while a claim is unplaced.
    assert parsed.data["claims"][36]["anchor"]["start"] == 5150
    assert b"acaaf32bf760028aaa93601da7342a59deb18067289f4606ee4c49ad343792f3" in before
    assert parsed.data["document"]["sha256"].startswith("acaaf32b")


def test_a_duplicated_quote_without_telling_context_is_an_orphan(kratom: Path) -> None:
    sentence = "This state generally lasts around 4 days."
    path = kratom / "document.txt"
    text = path.read_text("utf-8").replace(sentence, "It varies.")
    path.write_text(text + f"\n\n{sentence}\n\n{sentence}", "utf-8")
    result = reanchor(kratom / "claims.yaml")
    assert "kratom-addiction-024" in result.orphans


def test_dry_run_writes_nothing_and_the_cli_exits_1_on_orphans(kratom: Path) -> None:
    edit(kratom, "x", "x", prepend="New.\n\n")
    before = (kratom / "claims.yaml").read_bytes()
    dry = run_cli("reanchor", str(kratom), "--dry-run")
    assert dry.exit_code == 0 and "would update" in dry.output
    assert (kratom / "claims.yaml").read_bytes() == before
    edit(kratom, "One should really not use Mitragyna speciosa Kratom more than once a week.", "")
    wet = run_cli("reanchor", str(kratom / "claims.yaml"))
    assert wet.exit_code == 1 and "reanchor.orphan" in wet.output


def test_an_unchanged_document_leaves_the_file_alone(kratom: Path) -> None:
    before = (kratom / "claims.yaml").read_bytes()
    result = reanchor(kratom / "claims.yaml")
    assert not result.changed and not result.written
    assert {p.method for p in result.placements} == {"in place"}
    assert (kratom / "claims.yaml").read_bytes() == before


def test_an_edit_made_meanwhile_is_never_overwritten(
    kratom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evidence_claims import reanchor as module

    edit(kratom, "x", "x", prepend="A new first paragraph.\n\n")
    claims = kratom / "claims.yaml"
    original_locate = module.locate
    edited: list[bool] = []

    def locate_after_someone_saved(document: str, claim: object) -> object:
        if not edited:  # another editor saves the file after reanchor loaded it
            claims.write_bytes(claims.read_bytes() + b"# reviewed by someone else\n")
            edited.append(True)
        return original_locate(document, claim)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "locate", locate_after_someone_saved)
    result = reanchor(claims)
    assert result.changed and not result.written
    [conflict] = [f for f in result.findings if f.code == "reanchor.conflict"]
    assert conflict.severity == "error" and "changed since it was loaded" in conflict.message
    assert claims.read_bytes().endswith(b"# reviewed by someone else\n")  # their edit kept
    assert not validate(kratom).ok  # and nothing of ours written: the anchors are still stale

    edited.clear()
    cli = run_cli("reanchor", str(claims))
    assert cli.exit_code == 1 and "reanchor.conflict" in cli.output

    monkeypatch.setattr(module, "locate", original_locate)
    again = reanchor(claims)  # run again on the file as it is now: saved, their edit kept
    assert again.written and again.ok
    assert b"# reviewed by someone else" in claims.read_bytes()
    assert validate(kratom).ok


def test_a_file_only_the_fast_reader_reads_is_reported_not_edited(kratom: Path) -> None:
    """ruamel.yaml cannot read a %YAML 1.3 directive: validation reads the file, reanchor says
    it cannot save into it (it ended in an internal error) and writes nothing."""
    claims = kratom / "claims.yaml"
    claims.write_text("%YAML 1.3\n---\n" + claims.read_text("utf-8"), "utf-8")
    before = claims.read_bytes()
    edit(kratom, "x", "x", prepend="A new first paragraph.\n\n")
    assert validate(kratom).claims == 41
    cli = run_cli("reanchor", str(claims))
    assert cli.exit_code == 1, cli.output
    assert "reanchor.not-editable" in cli.output and "internal error" not in cli.output
    assert claims.read_bytes() == before
