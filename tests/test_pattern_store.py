"""The store of compiled patterns (io/pattern_store.py): a pattern read back from it
is the pattern ``re`` compiles (patterns compare equal when their flags, source and matcher
program are equal), and no problem with the store changes a result."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_claims.extraction.attribution_rules import build_rules
from evidence_claims.extraction.kinds import _compile
from evidence_claims.io import pattern_store as pattern_cache
from evidence_claims.model.data_yaml import load_data_yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "evidence_claims" / "data"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private store folder for the test, nothing read or pending from before."""
    monkeypatch.setenv(pattern_cache.ENVIRONMENT, str(tmp_path / "store"))
    pattern_cache.forget()
    yield tmp_path / "store"
    pattern_cache.forget()


def _never() -> str:
    raise AssertionError("built again: the stored entry was not used")


def _stored(source: str, flags: int = 0) -> re.Pattern[str]:
    """``source`` compiled through the store, saved, and read back in a fresh state."""
    first = pattern_cache.cached_pattern(("t", source), "code", lambda: source, flags)
    pattern_cache.save()
    pattern_cache.forget()
    second = pattern_cache.cached_pattern(("t", source), "code", _never, flags)
    assert first == second
    return second


def test_a_stored_pattern_is_the_compiled_one(store: Path) -> None:
    source = r"(?<![\w-])(?:(?P<a0>said)|(?-i:RCT)(?P<a1>)|(?:one|two|\d+)\s+cases)(?!\w)"
    pattern = _stored(source, re.IGNORECASE)
    assert pattern == re.compile(source, re.IGNORECASE)
    assert pattern.groupindex == re.compile(source, re.IGNORECASE).groupindex
    assert pattern.search("Smith said so").group() == "said"
    assert pattern.search("an rct") is None and pattern.search("an RCT").lastgroup == "a1"
    assert list(store.iterdir()), "the store was not written"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "(?:ab|a)", "[a-c]", "\\w", "x?", "(?P<g{}>b)", "|", "+"]))
)
def test_any_pattern_reads_back_as_compiled(pieces: list[str]) -> None:
    source, named = "", 0
    for piece in pieces:
        if piece == "+" and (not source or source[-1] in "|+?("):
            continue
        if "{}" in piece:
            piece, named = piece.format(named), named + 1
        source += piece
    try:
        expected = re.compile(source)
    except re.error:
        return
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as d:
        patch.setenv(pattern_cache.ENVIRONMENT, d)
        pattern_cache.forget()
        try:
            assert _stored(source) == expected
        finally:
            pattern_cache.forget()


def test_a_damaged_store_is_ignored(store: Path) -> None:
    pattern_cache.cached_pattern(("t",), "code", lambda: "ab+c", 0)
    pattern_cache.save()
    for damage in (b"", b"\x00garbage", b"\xe9" * 100):
        (file,) = store.iterdir()
        file.write_bytes(damage)
        pattern_cache.forget()
        assert pattern_cache.cached_pattern(("t",), "code", lambda: "ab+c", 0) == re.compile("ab+c")


def test_an_entry_with_another_program_is_not_trusted(store: Path) -> None:
    """An entry _sre refuses (a damaged program) is compiled again."""
    pattern_cache.cached_pattern(("t",), "code", lambda: "ab+c", 0)
    (entry,) = pattern_cache._stores[pattern_cache.cache_file()].values()
    entry[2][:] = [999999] * len(entry[2])
    assert pattern_cache.cached_pattern(("t",), "code", lambda: "ab+c", 0) == re.compile("ab+c")


def test_other_inputs_or_other_code_build_again(store: Path) -> None:
    pattern_cache.cached_pattern(("t",), "code", lambda: "ab", 0)
    built: list[str] = []

    def build() -> str:
        built.append("x")
        return "ab"

    pattern_cache.cached_pattern(("t",), "other code", build, 0)
    pattern_cache.cached_pattern(("u",), "code", build, 0)
    pattern_cache.cached_pattern(("t",), "code", build, re.IGNORECASE)
    assert len(built) == 3


def test_an_error_of_the_build_passes_through_and_stores_nothing(store: Path) -> None:
    class Refused(Exception):
        pass

    def build() -> str:
        raise Refused

    with pytest.raises(Refused):
        pattern_cache.cached_pattern(("t",), "code", build, 0)
    pattern_cache.save()
    assert not store.exists()


@pytest.mark.parametrize("value", ["off", "", "0"])
def test_the_store_can_be_turned_off(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(pattern_cache.ENVIRONMENT, value)
    monkeypatch.chdir(tmp_path)
    pattern_cache.forget()
    assert pattern_cache.cache_file() is None
    assert pattern_cache.compiled("a|b") == re.compile("a|b")
    pattern_cache.save()
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_store_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(pattern_cache.ENVIRONMENT, str(blocker / "store"))
    pattern_cache.forget()
    assert pattern_cache.compiled("a|b") == re.compile("a|b")
    pattern_cache.save()  # cannot write: nothing happens
    pattern_cache.forget()


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(pattern_cache.ENVIRONMENT, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    file = pattern_cache.cache_file()
    assert file is not None and file.parent == tmp_path / "evidence-claims"


def test_the_bundled_rules_from_the_store_are_the_rules_built_anew(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kind rules' and the attribution cues' patterns read from the store equal those
    built and compiled without it."""
    kinds = load_data_yaml((DATA / "kinds.yaml").read_text("utf-8"))
    cues = load_data_yaml((DATA / "attribution.yaml").read_text("utf-8"))

    def build() -> list[re.Pattern[str] | None]:
        rules = build_rules(cues)
        found = [rules.folded, rules.cased]
        for name, flags, at_start in (
            ("meta", re.M, False),
            ("recommendation", 0, False),
            ("signposting", 0, True),
        ):
            found.append(_compile(kinds[name], flags, at_start=at_start).fast)
        return found

    built = build()  # misses: built, compiled and stored
    pattern_cache.save()
    pattern_cache.forget()
    stored = build()  # hits
    monkeypatch.setenv(pattern_cache.ENVIRONMENT, "off")
    plain = build()
    assert all(p is not None for p in plain)
    assert stored == built == plain


def test_the_store_keeps_what_was_used_within_its_size(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Old entries no run looks up any more are dropped when the store would grow too big;
    those of this run stay."""
    monkeypatch.setattr(pattern_cache, "MAX_PROGRAM", 200)
    for word in ("aa", "bb", "cc"):  # a former run's entries
        pattern_cache.cached_pattern((word,), "code", lambda w=word: "x|" * 20 + w, 0)
    pattern_cache.save()
    pattern_cache.forget()
    pattern_cache.cached_pattern(("dd",), "code", lambda: "x|" * 20 + "dd", 0)
    pattern_cache.save()
    pattern_cache.forget()
    (entries,) = [pattern_cache._read(f) for f in store.iterdir()]
    sources = {entry[0][-2:] for entry in entries.values()}
    assert "dd" in sources and "aa" not in sources
    assert sum(len(entry[2]) for entry in entries.values()) <= 200


def test_each_named_store_is_a_file_of_its_own(store: Path) -> None:
    """The assessment's patterns go to their own file: a validation reads none of the
    extraction rules' programs, and an entry of one store is not found in the other."""
    pattern_cache.cached_pattern(("t",), "code", lambda: "ab+c", 0)
    pattern_cache.assessment_pattern("x[yz]+")
    pattern_cache.save()
    pattern_cache.forget()
    names = sorted(f.name.split("-cpython")[0] for f in store.iterdir())
    assert names == [pattern_cache.ASSESSMENT, pattern_cache.PATTERNS]
    built = []

    def build() -> str:
        built.append(1)
        return "ab+c"

    assert pattern_cache.cached_pattern(("t",), "code", build, store=pattern_cache.ASSESSMENT)
    assert built == [1]
    assert pattern_cache.cached_pattern(("t",), "code", _never) == re.compile("ab+c")


def test_a_damaged_assessment_store_gives_the_compiled_patterns(store: Path) -> None:
    source = r"(?<![\w-])(?:risk\s+of\s+bias|n't)"
    assert pattern_cache.assessment_pattern(source, re.IGNORECASE) == re.compile(
        source, re.IGNORECASE
    )
    pattern_cache.save()
    (file,) = store.iterdir()
    for damage in (b"", b"\x00garbage", file.read_bytes()[:-7]):
        file.write_bytes(damage)
        pattern_cache.forget()
        assert pattern_cache.assessment_pattern(source, re.IGNORECASE) == re.compile(
            source, re.IGNORECASE
        )


def test_a_store_with_a_smaller_limit_keeps_this_runs_entries_within_it(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The assessment's store (read whole by every validation) keeps the entries the last
    run used and as many others as its own limit allows, whatever the global limit."""
    monkeypatch.setitem(pattern_cache.STORE_PROGRAM, pattern_cache.ASSESSMENT, 300)
    for word in ("aa", "bb", "cc"):  # a former run's patterns
        pattern_cache.assessment_pattern("x|" * 20 + word)
    pattern_cache.save()
    pattern_cache.forget()
    pattern_cache.assessment_pattern("x|" * 20 + "dd")
    pattern_cache.save()
    pattern_cache.forget()
    (entries,) = [pattern_cache._read(f) for f in store.iterdir()]
    # 120 program words each, within 300: the former run kept "aa" and "bb" ("cc" went over),
    # this one keeps its own, then the newest other
    assert [entry[0][-2:] for entry in entries.values()] == ["dd", "bb"]
