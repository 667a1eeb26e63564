"""Shared by the interchange tests: the vendored W3C schemas, offsets in UTF-16, fixtures."""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path
from typing import Any

from .conftest import DATA

VENDOR = DATA / "vendor"
ANNOTATION_TESTS = VENDOR / "web-annotation-tests"
ANNO_CONTEXT = VENDOR / "web-annotation" / "anno.jsonld"
NANOPUB_SUITE = VENDOR / "nanopub-testsuite"
ASTRAL = DATA / "interchange" / "astral"
ANNO_CONTEXT_URL = "http://www.w3.org/ns/anno.jsonld"


def utf16_offset(text: str, index: int) -> int:
    """Code point offset -> UTF-16 code unit offset, computed independently of the library."""
    return len(text[:index].encode("utf-16-le")) // 2


def utf16_slice(text: str, start: int, end: int) -> str:
    """The text between two UTF-16 code unit offsets."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


@cache
def _musts() -> tuple[tuple[str, Any], ...]:
    """(id, validator) for every MUST assertion of the Web Annotation test suite, offline."""
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    resources = []
    files = [*(ANNOTATION_TESTS / "definitions").glob("*.json")]
    files += (ANNOTATION_TESTS / "annotations").rglob("*.json")
    for path in files:
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["id"], Resource(schema, specification=DRAFT4)))
    registry = Registry().with_resources(resources)  # no retrieve: a missing $ref fails
    listed = json.loads((ANNOTATION_TESTS / "annotations/annotationMusts.test").read_text())
    checker = FormatChecker()
    assert {"uri", "date-time"} <= set(checker.checkers), "install rfc3986/rfc3339 validators"
    validators = []
    for relative in listed["assertions"]:
        schema = json.loads((ANNOTATION_TESTS / relative).read_text(encoding="utf-8"))
        validators.append(
            (schema["id"], Draft4Validator(schema, registry=registry, format_checker=checker))
        )
    return tuple(validators)


def failed_musts(annotation: dict[str, Any]) -> list[str]:
    """Ids of the suite's MUST assertions that ``annotation`` fails."""
    return [name for name, validator in _musts() if not validator.is_valid(annotation)]


@cache
def anno_terms() -> frozenset[str]:
    """Terms and prefixes the vendored anno.jsonld context defines."""
    context = json.loads(ANNO_CONTEXT.read_text(encoding="utf-8"))["@context"]
    return frozenset(context)


def copy_set(source: Path, target: Path) -> Path:
    """A private copy of a claim set folder (with a root marker); returns its claims.yaml."""
    shutil.copytree(source, target)
    (target.parent / ".evidence-claims-root").write_text("")
    return target / "claims.yaml"
