"""What the detectors need to know about a whole claim set, computed once per set.

:class:`SetContext` indexes the set (claims by id, relations both ways, the passage each
claim belongs to) and caches what many claims ask of the same cited entries (their text, cue
matches, participant counts, the body of evidence they describe), so that assessing a set
reads every entry once. The detectors in :mod:`.detect` take it as their ``ctx``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from ..io.claimset import ClaimSet
from ..model.records import Claim
from . import body as B
from . import compose as K
from . import concerns as C
from .cues import Lexicon, participant_counts
from .detected import Detected
from .diagnostic import is_accuracy_claim

CONTEXT_LOOKBACK = 50
"""How many earlier claims of the same passage are searched for a participant count."""
BIB_FIELDS = ("title", "note", "keywords", "abstract", "annote")


@dataclass
class SetContext:
    """What detectors need to know about the whole set, computed once."""

    cs: ClaimSet
    certainty: str = "rules"  # "rules", or "learned": the rules' level calibrated (.calibration)
    by_id: dict[str, Claim] = field(default_factory=dict)
    challengers: dict[str, list[Claim]] = field(default_factory=dict)
    supporters: dict[str, list[Claim]] = field(default_factory=dict)
    incoming: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # (type, from id)
    _bib_text: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _passages: dict[tuple[str, tuple[str, ...]], list[Claim]] = field(default_factory=dict)
    _position: dict[int, int] = field(default_factory=dict)
    _order: list[Claim] = field(default_factory=list)
    _index: dict[int, int] = field(default_factory=dict)
    _counts: dict[int, int] = field(default_factory=dict)
    # Per cited entry, computed once per set: claims cite the same few entries again and again.
    _entry_cues: dict[tuple[str, str], tuple[str, str] | None] = field(default_factory=dict)
    _entry_counts: dict[str, int] = field(default_factory=dict)
    _entry_readings: dict[str, list[tuple[str, str, B.Reading]]] = field(default_factory=dict)
    _bodies: dict[int, B.Body] = field(default_factory=dict)
    _sources_readings: dict[tuple[str, ...], tuple[tuple[str, str, B.Reading], ...]] = field(
        default_factory=dict
    )
    _entries_bodies: dict[tuple[str, ...], B.Body] = field(default_factory=dict)
    _accuracy: dict[int, bool] = field(default_factory=dict)
    _entry_unnegated: dict[tuple[str, str], tuple[str, str] | None] = field(default_factory=dict)
    _entry_groups: dict[str, set[str]] = field(default_factory=dict)
    _lowered: dict[int, str] = field(default_factory=dict)
    _last_claim: Claim | None = field(default=None, compare=False, repr=False)
    _last_lowered: str = field(default="", compare=False, repr=False)
    # Per list of sources (claims cite the same few lists): (detail, where) of the first cue.
    _sources_cues: dict[tuple[str, ...], Detected | None] = field(default_factory=dict)
    _sources_unnegated: dict[tuple[str, ...], tuple[str, tuple] | None] = field(
        default_factory=dict
    )
    _sources_first: dict[tuple[Hashable, ...], tuple[str, tuple] | None] = field(
        default_factory=dict
    )
    _entry_first: dict[tuple[Hashable, str], tuple[str, str] | None] = field(default_factory=dict)
    _sources_composed: dict[tuple[str, ...], list[Detected]] = field(default_factory=dict)

    @classmethod
    def of(cls, cs: ClaimSet, certainty: str = "rules") -> SetContext:
        ctx = cls(cs, certainty)
        ordered = sorted(cs.claims, key=lambda c: (c.anchor.start, c.anchor.end))
        for claim in ordered:
            group = ctx._passages.setdefault(_evidence_key(claim), [])
            ctx._position[id(claim)] = len(group)
            group.append(claim)
            ctx._index[id(claim)] = len(ctx._order)
            ctx._order.append(claim)
        for claim in cs.claims:
            ctx.by_id.setdefault(claim.id, claim)
            for relation in claim.relations:
                ctx.incoming.setdefault(relation.target, []).append((relation.type, claim.id))
                if relation.type == "challenges":
                    ctx.challengers.setdefault(relation.target, []).append(claim)
                elif relation.type == "supports":
                    ctx.supporters.setdefault(relation.target, []).append(claim)
        return ctx

    def entry_fields(self, key: str) -> list[tuple[str, str]]:
        """(field name, text) of a cited entry's descriptive fields; [] when not in the bib."""
        if key not in self._bib_text:
            bib = self.cs.bibliography
            entry = bib.entries.get(key) if bib is not None else None
            self._bib_text[key] = (
                [(f, entry.fields[f]) for f in BIB_FIELDS if entry.fields.get(f)]
                if entry is not None
                else []
            )
        return self._bib_text[key]

    def entry_cue(self, lex: Lexicon, key: str) -> tuple[str, str] | None:
        """(field name, cue) of the first cue of ``lex`` in a cited entry's fields, cached."""
        wanted = (lex.name, key)
        if wanted in self._entry_cues:
            return self._entry_cues[wanted]
        found = None
        for name, text in self.entry_fields(key):
            cue = lex.find(text)
            if cue:
                found = (name, cue)
                break
        self._entry_cues[wanted] = found
        return found

    def sources_cue(self, lex: Lexicon, sources: list[str]) -> Detected | None:
        """The first cue of ``lex`` in the cited entries, in the order cited, cached per list
        of sources: ``Detected("", detail, where)``."""
        wanted = (lex.name, *sources)
        if wanted in self._sources_cues:
            return self._sources_cues[wanted]
        found = None
        for i, key in enumerate(sources):
            hit = self.entry_cue(lex, key)
            if hit is not None:
                name, cue = hit
                found = Detected("", f"{key}: '{cue}' in its {name}", ("evidence", "sources", i))
                break
        self._sources_cues[wanted] = found
        return found

    def sources_unnegated(self, name: str, sources: list[str]) -> tuple[str, tuple] | None:
        """(detail, where) of the first unnegated cue of lexicon ``name`` in the cited
        entries, in the order cited, cached per list of sources."""
        wanted = (name, *sources)
        if wanted in self._sources_unnegated:
            return self._sources_unnegated[wanted]
        found = None
        for i, key in enumerate(sources):
            hit = self.entry_unnegated(name, key)
            if hit is not None:
                field_name, cue = hit
                found = (f"{key}: '{cue}' in its {field_name}", ("evidence", "sources", i))
                break
        self._sources_unnegated[wanted] = found
        return found

    def sources_first(
        self, what: Hashable, sources: list[str], search: Callable[[str], str | None]
    ) -> tuple[str, tuple] | None:
        """(detail, where) of the first words ``search`` finds in the cited entries' fields,
        in the order cited, cached per set for ``what`` (naming the search) and the list of
        sources: ``"key: 'words' in its field"``, ``("evidence", "sources", i)``."""
        wanted = (what, *sources)
        if wanted in self._sources_first:
            return self._sources_first[wanted]
        found = None
        entry_first = self._entry_first
        for i, key in enumerate(sources):
            # each entry searched once per set: claims cite the same entries in many lists
            hit = entry_first.get((what, key), _UNSEEN)
            if hit is _UNSEEN:
                hit = None
                for name, text in self.entry_fields(key):
                    words = search(text)
                    if words is not None:
                        hit = (name, words)
                        break
                entry_first[what, key] = hit
            if hit is not None:
                name, words = hit
                found = (f"{key}: '{words}' in its {name}", ("evidence", "sources", i))
                break
        self._sources_first[wanted] = found
        return found

    def sources_composed(self, sources: list[str]) -> list[Detected]:
        """The compositional findings (:func:`.compose.detected`) of the cited entries'
        fields, in the order cited, once per list of sources: what :func:`.detect.composed`
        reads after the claim's own texts."""
        wanted = tuple(sources)
        found = self._sources_composed.get(wanted)
        if found is None:
            texts = [
                (f"{key}: in its {name}", text, ("evidence", "sources", i))
                for i, key in enumerate(sources)
                for name, text in self.entry_fields(key)
            ]
            found = self._sources_composed[wanted] = K.detected(texts)
        return found

    def entry_readings(self, key: str) -> list[tuple[str, str, B.Reading]]:
        """What a cited entry's fields say about studies, people and estimates, cached."""
        found = self._entry_readings.get(key)
        if found is None:
            found = self._entry_readings[key] = B.entry_readings(self.entry_fields(key), key)
        return found

    def sources_readings(self, sources: list[str]) -> tuple[tuple[str, str, B.Reading], ...]:
        """The readings of the cited entries, in the order cited, once per list of sources."""
        wanted = tuple(sources)
        found = self._sources_readings.get(wanted)
        if found is None:
            readings: list[tuple[str, str, B.Reading]] = []
            for key in sources:
                readings.extend(self.entry_readings(key))
            found = self._sources_readings[wanted] = tuple(readings)
        return found

    def entries_body(self, sources: list[str]) -> B.Body:
        """The body of evidence of a claim whose own words give no reading: its entries'
        readings alone, one :class:`.body.Body` per list of sources (shared by the claims
        that cite it, so that the body lists and merges them once)."""
        wanted = tuple(sources)
        found = self._entries_bodies.get(wanted)
        if found is None:
            found = self._entries_bodies[wanted] = B.entries_body(self.sources_readings(sources))
        return found

    def lowered(self, claim: Claim) -> str:
        """The claim's text in lower case, computed once (the readers of one claim ask about
        seven times in a row: the last claim's answer is at hand without a lookup)."""
        if claim is self._last_claim:
            return self._last_lowered
        found = self._lowered.get(id(claim))
        if found is None:
            found = self._lowered[id(claim)] = claim.text.lower()
        self._last_claim, self._last_lowered = claim, found
        return found

    def entry_unnegated(self, name: str, key: str) -> tuple[str, str] | None:
        """(field, cue) of the first unnegated cue of lexicon ``name`` in a cited entry, cached
        (``publication_bias*``: a publication bias cue said to be suspected)."""
        wanted = (name, key)
        if wanted not in self._entry_unnegated:
            fields = self.entry_fields(key)
            if name == "publication_bias*":
                found = next(
                    (
                        (f, cue)
                        for f, text in fields
                        if (cue := C.suspected_publication_bias(text)) is not None
                    ),
                    None,
                )
            else:
                found = B.entry_unnegated(fields, name)
            self._entry_unnegated[wanted] = found
        return self._entry_unnegated[wanted]

    def entry_groups(self, key: str) -> set[str]:
        """The population groups a cited entry's descriptive fields name, cached."""
        found = self._entry_groups.get(key)
        if found is None:
            found = set()
            for name, text in self.entry_fields(key):
                if name in B.ENTRY_FIELDS:
                    found |= C.groups_in(text)
            self._entry_groups[key] = found
        return found

    def body(self, claim: Claim) -> B.Body:
        """The claim's body of evidence (its words and its cited entries), cached per claim."""
        found = self._bodies.get(id(claim))
        if found is None:
            found = self._bodies[id(claim)] = B.body_of(claim, self)
        return found

    def is_accuracy(self, claim: Claim) -> bool:
        """Whether the claim rests on test accuracy evidence (:func:`.diagnostic.
        is_accuracy_claim`), cached per claim: the start level, imprecision, inconsistency and
        risk of bias each ask it."""
        found = self._accuracy.get(id(claim))
        if found is None:
            found = self._accuracy[id(claim)] = is_accuracy_claim(claim, self)
        return found

    def entry_count(self, key: str) -> int:
        """Participants named in a cited entry's fields (distinct counts per field), cached."""
        count = self._entry_counts.get(key)
        if count is None:
            count = 0
            for _name, text in self.entry_fields(key):
                count += sum(set(participant_counts(text)))
            self._entry_counts[key] = count
        return count

    def count_in(self, claim: Claim, lowered: str | None = None) -> int:
        """Participants named in the claim's own words (distinct counts added), cached;
        ``lowered`` is the claim's text in lower case, when the caller has it."""
        key = id(claim)
        count = self._counts.get(key)
        if count is None:
            count = self._counts[key] = sum(set(participant_counts(claim.text, lowered)))
        return count

    def passage_before(self, claim: Claim) -> list[Claim]:
        """Earlier claims that rest on the same evidence, nearest first, back to (and with) the
        one that named it explicitly: the passage a ``basis: context`` claim draws on."""
        group = self._passages.get(_evidence_key(claim), [])
        position = self._position.get(id(claim), 0)
        found = []
        for other in reversed(group[max(0, position - CONTEXT_LOOKBACK) : position]):
            found.append(other)
            if other.evidence.basis == "explicit":
                break
        return found

    def statements_after(self, claim: Claim) -> list[Claim]:
        """The statements right after the claim in the document that describe the same
        evidence and make no finding of their own (kind ``meta``, drawing on it by context):
        "... found that X reduced pain. The trials were small and poorly reported." GRADE
        rates the body of evidence behind a finding (GRADE guidelines 4-8), and such a
        sentence says what that body is like. The run ends at the first other statement."""
        start = self._index.get(id(claim))
        if start is None:
            return []
        order = self._order
        found: list[Claim] = []
        key = None  # (most claims are not followed by such a statement: no key, no slice)
        for i in range(start + 1, min(len(order), start + 1 + CONTEXT_LOOKBACK)):
            other = order[i]
            if other.kind != "meta" or other.evidence.basis != "context":
                break
            if key is None:
                key = _evidence_key(claim)
            if _evidence_key(other) != key:
                break
            found.append(other)
        return found


_UNSEEN = object()


def _evidence_key(claim: Claim) -> tuple[str, tuple[str, ...]]:
    return claim.evidence.type, tuple(claim.evidence.sources)
