"""The committed JSON Schema is generated from the models, and both accept the same files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError
from referencing import Registry
from ruamel.yaml import YAML

from evidence_claims.io.claim_file import parse_claim_file
from evidence_claims.model.records import ClaimFile, json_schema
from evidence_claims.model.schema import schema_text

from .conftest import BAD, MINI, ROOT, run_cli

SCHEMA_PATH = ROOT / "schemas" / "claim-file.schema.json"


def schema_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    # An empty registry: $ref resolution never reaches the network or the file system.
    return jsonschema.Draft202012Validator(schema, registry=Registry())


def model_accepts(data: object) -> bool:
    try:
        ClaimFile.model_validate(data, strict=True)
    except ValidationError:
        return False
    return True


def test_committed_schema_is_generated_from_the_models() -> None:
    assert SCHEMA_PATH.read_text("utf-8") == schema_text()


def test_schema_check_command_passes_on_the_committed_file() -> None:
    result = run_cli("schema", "--check", "--path", str(SCHEMA_PATH))
    assert result.exit_code == 0, result.output


def test_schema_check_command_fails_on_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "schema.json"
    stale.write_text(schema_text().replace('"claim"', '"claims"'), "utf-8")
    result = run_cli("schema", "--check", "--path", str(stale))
    assert result.exit_code == 1
    assert "stale" in result.output


def test_schema_command_writes_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert run_cli("schema", "-o", str(out)).exit_code == 0
    assert out.read_text("utf-8") == schema_text()


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_schema_lists_every_source_type_of_the_taxonomy() -> None:
    from evidence_claims.model.taxonomy import source_type_names

    enum = json_schema()["$defs"]["Evidence"]["properties"]["type"]["enum"]
    assert enum == list(source_type_names())


def _parsed_fixtures() -> list[Path]:
    """The fixtures that parse into data (the others never reach the schema)."""
    paths = [MINI / "claims.yaml"]
    paths += sorted(p for p in BAD.iterdir() if ".claims." in p.name)
    return [p for p in paths if parse_claim_file(p).data is not None]


@pytest.mark.parametrize("path", _parsed_fixtures(), ids=lambda p: p.name)
def test_schema_and_models_agree_on_fixture(path: Path) -> None:
    parsed = parse_claim_file(path)
    schema_ok = not list(schema_validator().iter_errors(parsed.data))
    assert schema_ok == model_accepts(parsed.data)


def test_editor_modeline_points_at_the_schema() -> None:
    first = (MINI / "claims.yaml").read_text("utf-8").splitlines()[0]
    target = first.split("$schema=", 1)[1]
    assert (MINI / target).resolve() == SCHEMA_PATH.resolve()


def test_integral_floats_are_integers_for_both(tmp_path: Path) -> None:
    data = YAML(typ="safe", pure=True).load((MINI / "claims.yaml").read_text("utf-8"))
    data["claims"][0]["anchor"]["start"] = 0.0
    assert not list(schema_validator().iter_errors(data))
    assert model_accepts(data)
    data["claims"][0]["anchor"]["start"] = 0.5
    assert list(schema_validator().iter_errors(data))
    assert not model_accepts(data)


def test_check_jsonschema_uses_the_schema_as_is() -> None:
    """Editors and check-jsonschema read patterns as ECMA-262 (Unicode mode), not Python."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA_PATH)]
    good = subprocess.run(
        [*command, str(MINI / "claims.yaml"), str(ROOT / "claims/kratom-addiction/claims.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run(
        [*command, str(BAD / "bad-id.claims.yaml")], capture_output=True, text=True, check=False
    )
    assert bad.returncode == 1 and "mini 001" in bad.stdout, bad.stdout + bad.stderr
