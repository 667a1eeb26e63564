"""Validating against the published JSON Schema without ever leaving it.

jsonschema resolves ``$ref`` through a ``referencing.Registry``; without an explicit one, 4.x
versions fall back to fetching unknown URIs (``http://``, ``https://``, even ``file://``) with
urllib. A schema or an instance from an untrusted source must never make the validator reach
the network or the file system, so every validator here gets a registry that holds the
claim-file schema and nothing else, and whose ``retrieve`` refuses every other URI.

Import this module only where a JSON Schema check is wanted: jsonschema is a heavy import and
stays off the ``validate`` path, which checks the same contract through the models (proven to
agree with the schema in tests/test_schema_agreement.py).
"""

from __future__ import annotations

from typing import Any

from .records import SCHEMA_ID, json_schema


def refuse_retrieval(uri: str) -> Any:
    """A ``retrieve`` for ``referencing.Registry`` that fetches nothing."""
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)


def offline_registry(schema: dict[str, Any] | None = None) -> Any:
    """A registry holding only ``schema`` (default: the claim-file schema), fetching nothing."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    schema = json_schema() if schema is None else schema
    resource = Resource.from_contents(schema, default_specification=DRAFT202012)
    uri = schema.get("$id", SCHEMA_ID) if isinstance(schema, dict) else SCHEMA_ID
    return Registry(retrieve=refuse_retrieval).with_resource(uri, resource)  # type: ignore[call-arg]


def claim_file_validator(schema: dict[str, Any] | None = None) -> Any:
    """A Draft 2020-12 validator of the claim-file schema (or ``schema``), offline.

    A ``$ref`` to anything outside the schema raises ``referencing.exceptions.Unresolvable``
    instead of being fetched.
    """
    import jsonschema

    schema = json_schema() if schema is None else schema
    return jsonschema.Draft202012Validator(schema, registry=offline_registry(schema))
