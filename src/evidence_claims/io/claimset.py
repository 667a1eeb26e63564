"""A loaded claim set: the claim file's records with their document and bibliography."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.records import Claim, ClaimFile, Document
from ..model.report import Finding, Report
from ..model.views import view
from .bib import Bibliography
from .claim_file import ParsedFile
from .json_locate import JsonLocator
from .locate import PathItem, json_pointer

if TYPE_CHECKING:
    import pandas as pd


_POINTER_SUFFIXES: dict[tuple[PathItem, ...], str] = {}


@dataclass(eq=False)
class ClaimSet:
    """The claims of one document, ready to check, assess, tabulate and display.

    ``claims`` holds every claim that passed the schema; when some did not (``complete`` is
    False) the others are still here, so that their anchors and citations can be checked too.
    """

    document: Document
    claims: list[Claim]
    path: Path | None = None
    document_text: str | None = None
    bibliography: Bibliography | None = None
    parsed: ParsedFile | None = field(default=None, repr=False)
    claim_indexes: list[int] = field(default_factory=list, repr=False)
    complete: bool = True
    load_findings: list[Finding] = field(default_factory=list, repr=False)
    document_sha256: str | None = field(default=None, repr=False)  # of the bytes read
    _positions: dict[int, int] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def from_model(
        cls,
        model: ClaimFile,
        *,
        document_text: str | None = None,
        bibliography: Bibliography | None = None,
        path: Path | None = None,
    ) -> ClaimSet:
        """Wrap an in-memory claim file (e.g. one just extracted)."""
        return cls(
            document=model.document,
            claims=list(model.claims),
            path=path,
            document_text=document_text,
            bibliography=bibliography,
            claim_indexes=list(range(len(model.claims))),
        )

    @property
    def file(self) -> str | None:
        """The claim file's name as findings show it."""
        if self.parsed is not None:
            return self.parsed.file
        return str(self.path) if self.path is not None else None

    def __len__(self) -> int:
        return len(self.claims)

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.claims)

    def __getitem__(self, key: int | str) -> Claim:
        if isinstance(key, int):
            return self.claims[key]
        for claim in self.claims:
            if claim.id == key:
                return claim
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return any(c.id == key for c in self.claims)

    def ids(self) -> list[str]:
        return [c.id for c in self.claims]

    def to_model(self) -> ClaimFile:
        return ClaimFile(document=self.document, claims=list(self.claims))

    def locate(
        self, claim: Claim | int, *fields: PathItem, key: bool = False
    ) -> tuple[int | None, int | None]:
        """Line and column of a claim (or one of its fields) in the claim file."""
        if type(claim) is int:  # the engine's and the checks' way: the test first, it is cheaper
            index = claim
        else:
            index = self.index_of(claim) if isinstance(claim, Claim) else claim
        if self.parsed is None:
            return None, None
        file_index = self.claim_indexes[index] if self.claim_indexes else index
        locator = self.parsed.locator
        if type(locator) is JsonLocator:
            return locator.locate_claim(file_index, fields, key=key)
        return locator.locate(("claims", file_index, *fields), key=key)

    def locate_many(
        self, requests: list[tuple[int, tuple[PathItem, ...]]]
    ) -> list[tuple[int | None, int | None]]:
        """``[locate(index, *fields) for index, fields in requests]`` (claims by index), all
        at once: a JSON file the models accepted answers them in one pass over the text
        (:meth:`JsonLocator.locate_claims`), where locating each finding in turn was about a
        sixth of assessing a claim."""
        if self.parsed is None:
            return [(None, None)] * len(requests)
        indexes = self.claim_indexes
        locator = self.parsed.locator
        if type(locator) is JsonLocator:
            if indexes:
                asked = [(indexes[index], fields, False) for index, fields in requests]
            else:
                asked = [(index, fields, False) for index, fields in requests]
            return locator.locate_claims(asked)  # type: ignore[return-value]
        locate = self.locate
        return [locate(index, *fields) for index, fields in requests]

    def claim_lines(self) -> list[int | None]:
        """The line of every claim, in the order of :attr:`claims`:
        ``[locate_many([(i, ()) for i in ...])[i][0]]``, counted from the claims' starts in one
        pass when a JSON file the models accepted allows it
        (:meth:`JsonLocator.claim_lines`)."""
        claims = range(len(self.claims))
        if self.parsed is not None:
            locator = self.parsed.locator
            if type(locator) is JsonLocator:
                indexes = self.claim_indexes
                found = locator.claim_lines([indexes[i] for i in claims] if indexes else claims)
                if found is not None:
                    return found  # type: ignore[return-value]
        return [position[0] for position in self.locate_many([(i, ()) for i in claims])]

    def pointer(self, claim: Claim | int, *fields: PathItem) -> str:
        index = self.index_of(claim) if isinstance(claim, Claim) else claim
        file_index = self.claim_indexes[index] if self.claim_indexes else index
        # json_pointer(("claims", i, *fields)): the fields' part is the same for every claim
        suffix = _POINTER_SUFFIXES.get(fields)
        if suffix is None:
            suffix = json_pointer(fields)
            if len(_POINTER_SUFFIXES) < 4096:
                _POINTER_SUFFIXES[fields] = suffix
        return f"/claims/{file_index}{suffix}"

    def index_of(self, claim: Claim) -> int:
        """Position of ``claim`` in :attr:`claims` (``ValueError`` when it is not there).

        Checks and the assessment locate a claim for every finding and every assessment, so
        this is O(1): positions are looked up by identity in a map rebuilt only when the list
        changed. A claim that is not in the list itself but equal to one is found by equality,
        as ``list.index`` would.
        """
        i = self._positions.get(id(claim))
        if i is None or i >= len(self.claims) or self.claims[i] is not claim:
            positions: dict[int, int] = {}
            for n, member in enumerate(self.claims):
                positions.setdefault(id(member), n)
            self._positions = positions
            i = positions.get(id(claim))
            if i is None:
                return self.claims.index(claim)
        return i

    def to_frame(self, report: Report | None = None) -> pd.DataFrame:
        """One row per claim in document order.

        Columns: :data:`evidence_claims.render.frames.CLAIM_COLUMNS`.

        With the ``report`` of :func:`evidence_claims.assess`, the ``assessed`` and ``wording``
        columns carry its suggestions.
        """
        return view("claims_frame")(self, report)

    def _repr_html_(self) -> str:
        """Counts by source type and certainty, then one row per claim (Jupyter)."""
        return view("claim_set_html")(self)

    def __repr__(self) -> str:
        where = f" from {self.file}" if self.file else ""
        return f"<ClaimSet {self.document.id!r}: {len(self.claims)} claims{where}>"
