"""The claim record and the claim file, as pydantic models.

These models are the single source of the claim-file contract: ``schemas/claim-file.schema.json``
is generated from them (``evidence-claims schema``). They hold only what a JSON Schema can
express (types, enums, patterns, bounds), so that the schema and the models accept exactly the
same files; every check that needs more than one field (anchors against the document, citations
against the bibliography, relation targets) is a separate check in
:mod:`evidence_claims.checks.cross_field`.

All models are strict (no coercion of ``"5"`` to ``5``) and forbid unknown fields, because a typo
in a hand-edited claim file must be reported, not silently dropped.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .taxonomy import source_type_names
from .views import view

SCHEMA_ID = "urn:evidence-claims:schema:claim-file"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

Kind = Literal["claim", "recommendation", "question", "meta"]
Basis = Literal["explicit", "context", "inferred", "none"]
Certainty = Literal["high", "moderate", "low", "very_low", "ungraded"]
RelationType = Literal["supports", "challenges", "qualifies"]
ReviewStatus = Literal["suggested", "confirmed", "overridden"]
SourceTypeName = Literal[source_type_names()]  # type: ignore[valid-type]

# Every pattern ends in ``$(?!\n)``: JSON Schema validators written in Python (jsonschema)
# search with ``re``, whose ``$`` also matches before a final newline, so ``"mini-001\n"`` would
# pass the published schema while ECMA-262 engines reject it. The look-ahead makes every engine
# agree; the models use the same ``re`` (``regex_engine="python-re"``), so models and schema
# accept exactly the same files (tests/test_schema_agreement.py). Character classes are spelt
# out instead of ``\s``, whose members differ between Python, ECMA-262 and Rust.
_END = r"$(?!\n)"

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*" + _END,
        max_length=200,
        description="Letters, digits and . _ : - ; starts with a letter or digit.",
    ),
]
BibKey = Annotated[
    str,
    Field(
        # Quotes as \x22 and \x27: an escaped quote is not a valid ECMA-262 regular expression
        # in Unicode mode, which editors and check-jsonschema use for JSON Schema patterns.
        pattern=r"^[^\x00-\x20\x7f-\xa0\u2028\u2029\ufeff,{}()\x22#%\x27=\\]+" + _END,
        max_length=200,
        description="A key of the set's BibTeX bibliography.",
    ),
]
RuleCode = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_-]+)*" + _END,
        max_length=100,
        description="A rule code from the catalogue (`evidence-claims rules`).",
    ),
]


def _integral_float_to_int(value: Any) -> Any:
    """Accept ``3.0`` where an integer is wanted, as JSON Schema's ``integer`` type does."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# No document has more characters than 2**62 (the largest size limit a configuration may set):
# a larger offset is a schema error where it is written, not an overflow in a 64-bit column.
MAX_OFFSET = 2**62
Offset = Annotated[
    int,
    Field(ge=0, le=MAX_OFFSET, description="Character (code point) offset into the document."),
    BeforeValidator(_integral_float_to_int),
]
Topic = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*" + _END, max_length=100)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, regex_engine="python-re")


class Anchor(_Model):
    """Where a claim's quote sits in the document.

    Combines the two W3C Web Annotation selectors: a TextPositionSelector (``start``/``end``,
    end exclusive) and a TextQuoteSelector (the claim's ``text`` as ``exact``, with up to 32
    characters of ``prefix`` and ``suffix``), so that a claim can be found again when the
    document changes.
    """

    start: Offset
    end: Offset
    prefix: str = Field(default="", max_length=200, description="Text just before the quote.")
    suffix: str = Field(default="", max_length=200, description="Text just after the quote.")


class Cue(_Model):
    """A hedge or booster: the words that lower or raise the claim's commitment."""

    cue: str = Field(min_length=1, max_length=200, description="The cue exactly as in the text.")
    start: Offset
    end: Offset


class Evidence(_Model):
    """What the claim rests on."""

    type: SourceTypeName = Field(description="Source type, from the taxonomy.")
    sources: list[BibKey] = Field(
        default_factory=list, description="BibTeX keys of the cited sources; empty when none."
    )
    basis: Basis = Field(
        description=(
            "explicit: the sentence names its ground; context: carried from the surrounding "
            "passage; inferred: the annotator resolved an informal mention to a reference; "
            "none: no ground given."
        )
    )
    note: str | None = Field(default=None, max_length=2000)


class Caveat(_Model):
    """A named reason to trust the claim less (or more), with a stable code."""

    code: RuleCode
    note: str | None = Field(default=None, max_length=2000)


class Relation(_Model):
    """A link from this claim to another claim of the same set."""

    type: RelationType
    target: Identifier


class Review(_Model):
    """Who looked at the record and what they decided."""

    status: ReviewStatus
    by: str | None = Field(default=None, max_length=200)
    why: str | None = Field(default=None, max_length=2000)


class Suppression(_Model):
    """Silences one finding code on this claim; a reason is required so the choice stays visible."""

    code: RuleCode
    reason: str = Field(min_length=1, max_length=2000)


class Claim(_Model):
    """One statement of the document, anchored to its exact span."""

    id: Identifier
    text: str = Field(min_length=1, description="Exact quote: document[anchor.start:anchor.end].")
    anchor: Anchor
    kind: Kind
    topic: Topic | None = None
    evidence: Evidence
    hedges: list[Cue] = Field(default_factory=list)
    boosters: list[Cue] = Field(default_factory=list)
    caveats: list[Caveat] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    certainty: Certainty | None = Field(
        default=None, description="The curator's judgement; the validator recomputes it."
    )
    review: Review | None = None
    suppress: list[Suppression] = Field(default_factory=list)

    def _repr_html_(self) -> str:
        """A compact card in Jupyter (see :func:`evidence_claims.render.display.claim_html`)."""
        return view("claim_html")(self)


class Document(_Model):
    """The document the claims quote."""

    id: Identifier
    path: str = Field(
        min_length=1, max_length=1000, description="Path of the text, relative to the claim file."
    )
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}" + _END, description="SHA-256 of the document's bytes."
    )
    title: str | None = Field(default=None, max_length=1000)
    citation: BibKey | None = Field(default=None, description="BibTeX key of the document itself.")
    bibliography: str | None = Field(
        default=None,
        min_length=1,
        max_length=1000,
        description="Path of the BibTeX file, relative to the claim file.",
    )


class ClaimFile(_Model):
    """A claim file: the document header and its claims."""

    schema_: str | None = Field(default=None, alias="$schema")
    document: Document
    claims: list[Claim]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a claim file, generated from the models."""
    schema = ClaimFile.model_json_schema(by_alias=True)
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, **schema}
