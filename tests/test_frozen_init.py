"""model.frozen.fast_init: the same records as the dataclass's own __init__, made faster."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_claims.assessment.certainty import Applied
from evidence_claims.assessment.detected import Detected
from evidence_claims.model.frozen import fast_init
from evidence_claims.model.report import ClaimAssessment, Finding, Reason

RECORDS = (Finding, Reason, ClaimAssessment, Detected, Applied)


def _plain(cls: type) -> type:
    """The same dataclass with the decorator's own __init__ (built again from its fields)."""
    return dataclasses.make_dataclass(
        cls.__name__,
        [(f.name, f.type, f) for f in dataclasses.fields(cls)],
        frozen=True,
        slots=True,
    )


@pytest.mark.parametrize("cls", RECORDS)
def test_records_use_the_fast_init(cls: type) -> None:
    assert cls.__init__.__module__ == cls.__module__
    assert "_set_" in " ".join(cls.__init__.__code__.co_names)


_values = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.tuples(st.integers()))


@pytest.mark.parametrize("cls", RECORDS)
@given(data=st.data())
def test_same_fields_defaults_and_behaviour(cls: type, data: st.DataObject) -> None:
    plain = _plain(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    required = [f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING]
    given_n = data.draw(st.integers(len(required), len(names)))
    args = [data.draw(_values) for _ in range(given_n)]
    fast, slow = cls(*args), plain(*args)
    assert [getattr(fast, n) for n in names] == [getattr(slow, n) for n in names]
    kwargs = dict(zip(names, args, strict=False))
    assert cls(**kwargs) == fast
    assert hash(cls(**kwargs)) == hash(fast)
    assert pickle.loads(pickle.dumps(fast)) == fast
    assert copy.copy(fast) == fast
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(fast, names[0], 1)


@pytest.mark.parametrize("cls", RECORDS)
def test_missing_and_unknown_arguments_are_refused(cls: type) -> None:
    required = [f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING]
    with pytest.raises(TypeError):
        cls(*range(len(required) - 1))
    with pytest.raises(TypeError):
        cls(*range(len(required)), no_such_field=1)


def test_replace_keeps_working() -> None:
    finding = Finding("a.b", "warning", "message", "f.yaml", 3, 4, "c1", "/claims/0")
    moved = dataclasses.replace(finding, line=9)
    assert (moved.line, moved.column, moved.code) == (9, 4, "a.b")


def test_classes_it_cannot_speed_up_are_left_alone() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        items: list = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(slots=True)
    class NotFrozen:
        a: int

    for cls in (WithFactory, NoSlots, NotFrozen):
        init = cls.__init__
        assert fast_init(cls).__init__ is init
