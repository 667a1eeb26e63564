"""The fast draft writer gives the bytes ruamel.yaml gives, for any text a draft can hold."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_claims.extraction.draft_output import _comment_lines, tree_from_data
from evidence_claims.extraction.draft_yaml import Plain, _by_ruamel, fast_yaml, quoted
from evidence_claims.io.yaml_style import dump_yaml

_TEXT = st.text(max_size=40)
_WORD = st.one_of(
    st.from_regex(r"[A-Za-z0-9_.:\-]{1,12}", fullmatch=True),
    st.sampled_from(["true", "null", "no", "1", "0o7", "-x", "a b", "é", "2024-01-01", "~"]),
    st.text(min_size=1, max_size=8),
)


@st.composite
def drafts(draw: Any) -> dict[str, Any]:
    document = {"id": draw(_WORD), "path": draw(_WORD), "sha256": "0" * 64}
    if draw(st.booleans()):
        document["title"] = draw(_TEXT)
    claims = []
    for i in range(draw(st.integers(0, 3))):
        evidence: dict[str, Any] = {
            "type": draw(st.sampled_from(["animal_study", "unsourced_assertion"])),
            "sources": draw(st.lists(_WORD, max_size=3)),
            "basis": "explicit",
        }
        if draw(st.booleans()):
            evidence["note"] = draw(_TEXT)
        claim: dict[str, Any] = {
            "id": draw(_WORD),
            "text": draw(_TEXT),
            "anchor": {"start": i, "end": i + 5, "prefix": draw(_TEXT), "suffix": draw(_TEXT)},
            "kind": "claim",
            "evidence": evidence,
            "review": {"status": draw(st.sampled_from(["suggested", "confirmed"]))},
        }
        for key in ("hedges", "boosters"):
            cues = [
                {"cue": draw(_TEXT), "start": 1, "end": 2} for _ in range(draw(st.integers(0, 2)))
            ]
            if cues:
                claim[key] = cues
        claims.append(claim)
    return {"document": document, "claims": claims}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=drafts(), schema=st.sampled_from([None, "../schemas/claim-file.schema.json"]))
def test_fast_writer_matches_ruamel_yaml(data: dict[str, Any], schema: str | None) -> None:
    expected = dump_yaml(tree_from_data(data, schema_ref=schema)).decode("utf-8")
    written = fast_yaml(data, _comment_lines(schema))
    assert written is None or written == expected


@given(st.text())
def test_quoting_matches_ruamel_yaml(text: str) -> None:
    import io

    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from evidence_claims.io.yaml_style import make_yaml

    buffer = io.StringIO()
    make_yaml().dump([DoubleQuotedScalarString(text)], buffer)
    assert buffer.getvalue() == f"  - {quoted(text)}\n"


def test_every_character_is_escaped_where_ruamel_yaml_escapes_it() -> None:
    # The rule of ruamel.yaml's Emitter.write_double_quoted with allow_unicode, for every code
    # point (the writer's character class is its complement, written out by hand).
    from evidence_claims.extraction.draft_yaml import _NEEDS_ESCAPE

    def escaped_by_ruamel(ch: str) -> bool:
        return ch in '"\\\x85\u2028\u2029\ufeff' or not (
            "\x20" <= ch <= "\x7e"
            or "\xa0" <= ch <= "\ud7ff"
            or "\ue000" <= ch <= "\ufffd"
            or "\U00010000" <= ch <= "\U0010ffff"
        )

    wrong = [
        hex(code)
        for code in range(0x110000)
        if (_NEEDS_ESCAPE.match(chr(code)) is not None) != escaped_by_ruamel(chr(code))
    ]
    assert wrong == []


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
        st.from_regex(r"[0-9be]{60}[0-9a-f]{4}", fullmatch=True),
        st.from_regex(r"0b[01]{62}|[0-9]{30}e[0-9]{33}|[0-9]{64}|[0-9a-f]{63}", fullmatch=True),
    )
)
def test_a_digest_is_written_as_ruamel_yaml_writes_it(digest: str) -> None:
    """The header's SHA-256, kept as it is without ruamel.yaml, is what ruamel.yaml writes."""
    for flow in (False, True):
        assert Plain()(digest, flow=flow) == _by_ruamel(digest, flow=flow)


def test_a_digest_needs_no_ruamel_yaml() -> None:
    """The digest of an ordinary text starts with a digit: it is no longer sent to ruamel.yaml
    (whose import cost 20 ms of a run), unless it could be read as a number."""
    digest = "4e8bd72b1b4e4aeb9d6f3c6a2f8b8e4cf2e6e1b3f3a9c2d1e0f9a8b7c6d5e4f3"
    plain = Plain()
    assert plain(digest, flow=False) == digest
    assert plain.block == {}  # (values sent to ruamel.yaml are remembered there)
    assert plain("0b" + "1" * 62, flow=False) == _by_ruamel("0b" + "1" * 62, flow=False)
    assert plain.block != {}
