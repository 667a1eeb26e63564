"""Turn pydantic validation errors into located findings with stable schema codes.

pydantic reports every schema problem of a file in one pass; this module only translates each
error (its type and location) into the catalogue's wording, with a did-you-mean hint where a
misspelling is likely.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from ..model.records import ClaimFile
from ..model.report import Finding
from ..rules import structural as R
from ..rules.catalogue import Rule
from ..rules.suggest import did_you_mean
from .locate import Locator, json_pointer

_EXPECTED = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_from_float": "an integer",
    "int_parsing": "an integer",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "none_required": "null",
}
_RANGE = {
    "greater_than_equal": "must be at least {ge}",
    "greater_than": "must be greater than {gt}",
    "less_than_equal": "must be at most {le}",
    "string_too_short": "must have at least {min_length} character(s)",
    "string_too_long": "must have at most {max_length} characters",
    "too_short": "must have at least {min_length} item(s)",
    "too_long": "must have at most {max_length} items",
}


def describe_value(value: Any) -> str:
    """Name a parsed YAML/JSON value the way its author would recognise it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def where(loc: Iterable[Any]) -> str:
    """``claims[3].anchor.start`` for ``("claims", 3, "anchor", "start")``."""
    out = ""
    for item in loc:
        out += f"[{item}]" if isinstance(item, int) else (f".{item}" if out else str(item))
    return out or "file"


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    model: Any = ClaimFile
    for item in loc:
        if isinstance(item, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = model.model_fields.get(item) or next(
            (f for f in model.model_fields.values() if f.alias == item), None
        )
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    for arg in (annotation, *_flatten_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _flatten_args(annotation: Any) -> list[Any]:
    out = []
    for arg in typing.get_args(annotation):
        out.append(arg)
        out.extend(_flatten_args(arg))
    if isinstance(annotation, types.UnionType):
        out.extend(annotation.__args__)
    return out


def _field_names(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _hint(value: str, choices: Iterable[str]) -> str:
    return did_you_mean(value, choices)


def _claim_id(data: Any, loc: tuple[Any, ...]) -> str | None:
    if len(loc) >= 2 and loc[0] == "claims" and isinstance(loc[1], int):
        try:
            claim = data["claims"][loc[1]]
        except (KeyError, IndexError, TypeError):
            return None
        if isinstance(claim, dict) and isinstance(claim.get("id"), str):
            return claim["id"]
    return None


def findings_from_errors(
    errors: list[dict[str, Any]], data: Any, locator: Locator, file: str
) -> list[Finding]:
    """One finding per pydantic error, located in the file."""
    findings = []
    for error in errors:
        loc = tuple(error["loc"])
        rule, at, key, params = _describe(error, loc)
        line, column = locator.locate(at, key=key)
        findings.append(
            rule.finding(
                file=file,
                line=line,
                column=column,
                claim_id=_claim_id(data, loc),
                path=json_pointer(loc),
                **params,
            )
        )
    return findings


def _describe(
    error: dict[str, Any], loc: tuple[Any, ...]
) -> tuple[Rule, tuple[Any, ...], bool, dict[str, Any]]:
    """The rule of one pydantic error, the path it points at (and whether at the key rather
    than the value), and the parameters of the rule's message."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return R.SCHEMA_REQUIRED, loc[:-1], False, {"where": where(loc[:-1]), "field": loc[-1]}
    if kind == "extra_forbidden":
        hint = _hint(str(loc[-1]), _field_names(_model_at(loc[:-1])))
        params = {"where": where(loc[:-1]), "field": loc[-1], "hint": hint}
        return R.SCHEMA_UNKNOWN_FIELD, loc, True, params
    params = {"where": where(loc)}
    if kind in ("literal_error", "enum"):
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = _hint(value, allowed) if isinstance(value, str) else ""
        params.update(value=describe_value(value), allowed=", ".join(allowed), hint=hint)
        return R.SCHEMA_ENUM, loc, False, params
    if kind in _EXPECTED:
        params.update(expected=_EXPECTED[kind], got=describe_value(value))
        return R.SCHEMA_TYPE, loc, False, params
    if kind == "string_pattern_mismatch":
        # the models' "$(?!\n)" only keeps Python's "$" from passing a final newline
        pattern = str(ctx.get("pattern", "")).removesuffix("(?!\\n)")
        params.update(value=describe_value(value), problem="does not match the pattern " + pattern)
        return R.SCHEMA_PATTERN, loc, False, params
    if kind in _RANGE:
        params.update(value=describe_value(value), problem=_RANGE[kind].format(**ctx))
        return R.SCHEMA_RANGE, loc, False, params
    params.update(problem=error.get("msg", kind))
    return R.SCHEMA_INVALID, loc, False, params
