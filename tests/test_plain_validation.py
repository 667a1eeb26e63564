"""The plain-data validator of a model accepts exactly what the model accepts."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from evidence_claims.extraction.draft import extract, to_data
from evidence_claims.model.plain_validation import plain_validator
from evidence_claims.model.records import ClaimFile

from .conftest import KRATOM

_DRAFT = to_data(
    extract(
        (KRATOM / "document.txt").read_text("utf-8"),
        doc_id="kratom",
        bibliography=KRATOM / "references.bib",
    )
)
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 2**63),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.sampled_from(["", "kratom-001", "x" * 201, "a b", "claim", "meta", "animal_study", "-1"]),
    st.lists(st.text(max_size=3), max_size=2),
    st.just({"status": "suggested"}),
    st.just({"cue": "may", "start": 1, "end": 2}),
)


def _accepts_model(data: dict[str, Any]) -> bool:
    try:
        ClaimFile.model_validate(data, strict=True)
    except ValidationError:
        return False
    return True


def _accepts_plain(data: dict[str, Any]) -> bool:
    try:
        plain_validator(ClaimFile).validate_python(data, strict=True)
    except ValidationError:
        return False
    return True


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:3]):
            found += _paths(value, (*path, index))
    return found


_SMALL = {"document": _DRAFT["document"], "claims": _DRAFT["claims"][:4]}
_PATHS = [p for p in _paths(_SMALL) if p]


def test_the_draft_is_accepted_by_both() -> None:
    assert _accepts_model(_DRAFT) and _accepts_plain(_DRAFT)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(_PATHS),
    action=st.sampled_from(["set", "delete", "add"]),
    value=_VALUES,
    key=st.sampled_from(["extra", "topic", "certainty", "note", "caveats", "by", "$schema"]),
)
def test_a_changed_draft_is_judged_alike(
    path: tuple[Any, ...], action: str, value: Any, key: str
) -> None:
    data = copy.deepcopy(_SMALL)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "set":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    else:
        target = parent[last]
        if not isinstance(target, dict):
            return
        target[key] = value
    assert _accepts_plain(data) == _accepts_model(data)


def test_a_model_with_its_own_init_is_refused() -> None:
    from pydantic import BaseModel

    class Custom(BaseModel):
        x: int

        def __init__(self, **data: Any) -> None:
            super().__init__(**data)

    with pytest.raises(ValueError, match="only plain field models"):
        plain_validator(Custom)
