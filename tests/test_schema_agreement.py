"""The published JSON Schema and the pydantic models accept exactly the same claim files.

Inputs are valid files mutated towards the boundary of validity (tests/fuzz/mutate.py): wrong
types, boundary numbers, empty and over-long strings, pattern edge cases, missing and extra
keys, nulls. 500 examples run here; ``benchmarks/schema_agreement.py`` runs 10,000 and more.
"""

from __future__ import annotations

import json
import random
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import referencing.exceptions
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from evidence_claims.io.claim_file import parse_claim_file
from evidence_claims.model.records import ClaimFile
from evidence_claims.model.schema_validator import claim_file_validator

from .benchmark_scripts import load_benchmark
from .conftest import KRATOM, MINI, ROOT
from .fuzz.mutate import mutate_data

COMMITTED = json.loads((ROOT / "schemas" / "claim-file.schema.json").read_text("utf-8"))
VALIDATOR = claim_file_validator(COMMITTED)


def _seeds() -> list[Any]:
    mini = parse_claim_file(MINI / "claims.yaml").data
    kratom = parse_claim_file(KRATOM / "claims.yaml").data
    kratom["claims"] = kratom["claims"][:8]  # varied claims, quick to validate
    return [mini, kratom]


SEEDS = _seeds()


def model_accepts(data: Any) -> bool:
    try:
        ClaimFile.model_validate(data, strict=True)
    except ValidationError:
        return False
    return True


def test_the_seeds_are_valid_for_both() -> None:
    for seed in SEEDS:
        assert VALIDATOR.is_valid(seed) and model_accepts(seed)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(seed=st.sampled_from(range(len(SEEDS))), rng=st.randoms(use_true_random=False))
def test_schema_and_models_accept_the_same_mutants(seed: int, rng: random.Random) -> None:
    data = mutate_data(SEEDS[seed], rng)
    schema_says = VALIDATOR.is_valid(data)
    assert model_accepts(data) == schema_says, [e.message for e in VALIDATOR.iter_errors(data)]


# Disagreements the generated inputs found, each fixed in model.py: Python's "$" matched
# before a final newline (jsonschema accepted what the models refused), and "\s" meant other
# characters in Python than in the models' regex engine.
@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("claims", 0, "id"), "mini-001\n"),
        (("claims", 0, "topic"), "addiction_potential\n"),
        (("claims", 0, "caveats"), [{"code": "indirectness.animal\n"}]),
        (("claims", 1, "evidence", "sources"), ["suwanlert1975\n"]),
        (("document", "sha256"), "a" * 64 + "\n"),
        (("document", "citation"), "key\x1cwith-a-separator"),
        (("document", "citation"), "key\u00a0nbsp"),
        (("document", "citation"), "key\ufeffbom"),
        (("document", "citation"), "kéy-accented"),
    ],
)
def test_former_disagreements_now_agree(path: tuple[Any, ...], value: Any) -> None:
    data = json.loads(json.dumps(SEEDS[0]))
    node = data
    for item in path[:-1]:
        node = node[item]
    node[path[-1]] = value
    assert model_accepts(data) == VALIDATOR.is_valid(data)
    if value != "kéy-accented":
        assert not model_accepts(data)


# --- $ref never leaves the schema ----------------------------------------------------------------


@pytest.fixture
def fetches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every URL urllib is asked to open (and opens none)."""
    seen: list[str] = []

    def urlopen(request: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(getattr(request, "full_url", request))
        raise OSError("the network is not used in tests")

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    return seen


REMOTE_REFS = [
    "https://example.invalid/schema.json",
    "http://127.0.0.1:9/schema.json",
    "file:///etc/passwd",
]


@pytest.mark.parametrize("ref", REMOTE_REFS)
def test_a_remote_ref_is_refused_without_fetching(ref: str, fetches: list[str]) -> None:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": ref}
    with pytest.raises(referencing.exceptions.Unresolvable):
        claim_file_validator(schema).is_valid({"document": {}})
    assert fetches == []


@pytest.mark.parametrize("ref", REMOTE_REFS)
def test_without_the_registry_jsonschema_would_fetch(ref: str, fetches: list[str]) -> None:
    # shows that the test above can fail: jsonschema's default resolves remote refs by urllib
    import jsonschema

    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": ref}
    with pytest.raises(referencing.exceptions.Unresolvable):
        jsonschema.Draft202012Validator(schema).is_valid({})
    assert fetches == [ref]


def test_the_claim_file_schema_resolves_its_own_refs_offline(fetches: list[str]) -> None:
    assert "$defs" in COMMITTED and VALIDATOR.is_valid(SEEDS[1])
    assert not VALIDATOR.is_valid({"document": {}, "claims": [{"id": "x"}]})
    assert fetches == []


def test_no_validator_in_the_package_is_built_without_a_registry() -> None:
    import re

    built = re.compile(r"(Draft\d+Validator|validator_for|jsonschema\.validate)\(")
    for path in (ROOT / "src" / "evidence_claims").rglob("*.py"):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if built.search(line) and "registry=" not in line and "check_schema" not in line:
                pytest.fail(f"{path.relative_to(ROOT)}:{number}: jsonschema without registry=")


def test_benchmark_agrees_on_a_sample(tmp_path: Path) -> None:
    module = load_benchmark("schema_agreement")
    result = module.run(count=200, seed=7)
    assert result["disagreements"] == 0 and result["inputs"] == 200
    assert 0 < result["accepted"] < 200
