"""Detectors: caveats the engine finds on its own in a claim record and its set.

Each detector reads what the record says (source type, sources, basis, kind, text, hedges and
boosters, relations) and the cited BibTeX entries (title, note, keywords, abstract), and
returns :class:`Detected` caveats with the field of the claim they point at. They never read
the claim's recorded ``caveats``: the engine compares the two afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from ..io.claimset import ClaimSet
from ..model.records import Claim
from ..model.taxonomy import source_types
from ..rules import assessment as R
from . import body as B
from .cues import Lexicon, lexicon, participant_counts
from .detected import Detected

HUMAN_STUDY_TYPES = frozenset(
    {"observational_study", "clinical_trial", "systematic_review", "case_report"}
)
# Types whose evidence is a count of people; a review's count is of trials, which says little.
COUNTED_TYPES = frozenset({"anecdotal_report", "observational_study", "clinical_trial"})
# Grounds that are not evidence: advice resting only on these cites none.
NOT_EVIDENCE_TYPES = frozenset(
    {"expert_opinion", "authority_statement", "unsourced_assertion", "cross_reference"}
)
CONTEXT_LOOKBACK = 50
"""How many earlier claims of the same passage are searched for a participant count."""
BIB_FIELDS = ("title", "note", "keywords", "abstract", "annote")
SMALL_SAMPLE_THRESHOLD = 400
"""Participants in all below which a study counts as small (see ``imprecision.small_sample``)."""


@dataclass
class SetContext:
    """What detectors need to know about the whole set, computed once."""

    cs: ClaimSet
    by_id: dict[str, Claim] = field(default_factory=dict)
    challengers: dict[str, list[Claim]] = field(default_factory=dict)
    supporters: dict[str, list[Claim]] = field(default_factory=dict)
    incoming: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # (type, from id)
    _bib_text: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _passages: dict[tuple[str, tuple[str, ...]], list[Claim]] = field(default_factory=dict)
    _position: dict[int, int] = field(default_factory=dict)
    _counts: dict[int, int] = field(default_factory=dict)
    # Per cited entry, computed once per set: claims cite the same few entries again and again.
    _entry_cues: dict[tuple[str, str], tuple[str, str] | None] = field(default_factory=dict)
    _entry_counts: dict[str, int] = field(default_factory=dict)
    _entry_readings: dict[str, list[tuple[str, str, B.Reading]]] = field(default_factory=dict)
    _bodies: dict[int, B.Body] = field(default_factory=dict)
    _entry_unnegated: dict[tuple[str, str], tuple[str, str] | None] = field(default_factory=dict)
    _entry_groups: dict[str, set[str]] = field(default_factory=dict)
    _lowered: dict[int, str] = field(default_factory=dict)
    # Per list of sources (claims cite the same few lists): (detail, where) of the first cue.
    _sources_cues: dict[tuple[str, ...], Detected | None] = field(default_factory=dict)
    _sources_unnegated: dict[tuple[str, ...], tuple[str, tuple] | None] = field(
        default_factory=dict
    )

    @classmethod
    def of(cls, cs: ClaimSet) -> SetContext:
        ctx = cls(cs)
        ordered = sorted(cs.claims, key=lambda c: (c.anchor.start, c.anchor.end))
        for claim in ordered:
            group = ctx._passages.setdefault(_evidence_key(claim), [])
            ctx._position[id(claim)] = len(group)
            group.append(claim)
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

    def entry_readings(self, key: str) -> list[tuple[str, str, B.Reading]]:
        """What a cited entry's fields say about studies, people and estimates, cached."""
        found = self._entry_readings.get(key)
        if found is None:
            found = self._entry_readings[key] = B.entry_readings(self.entry_fields(key), key)
        return found

    def lowered(self, claim: Claim) -> str:
        """The claim's text in lower case, computed once."""
        found = self._lowered.get(id(claim))
        if found is None:
            found = self._lowered[id(claim)] = claim.text.lower()
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
                        if (cue := B.suspected_publication_bias(text)) is not None
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
                    found |= B.groups_in(text)
            self._entry_groups[key] = found
        return found

    def body(self, claim: Claim) -> B.Body:
        """The claim's body of evidence (its words and its cited entries), cached per claim."""
        found = self._bodies.get(id(claim))
        if found is None:
            found = self._bodies[id(claim)] = B.body_of(claim, self)
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


_PASSIVE = {"supports": "supported by", "challenges": "challenged by", "qualifies": "qualified by"}


def relations_of(claim: Claim, ctx: SetContext) -> tuple[str, ...]:
    """The claim's relations both ways, as the report shows them ("challenged by c5")."""
    out = [f"{r.type} {r.target}" for r in claim.relations]
    out += [f"{_PASSIVE.get(t, t)} {source}" for t, source in ctx.incoming.get(claim.id, ())]
    return tuple(out)


def _evidence_key(claim: Claim) -> tuple[str, tuple[str, ...]]:
    return claim.evidence.type, tuple(claim.evidence.sources)


@cache
def grade_starts() -> dict[str, str | None]:
    """Each source type's starting certainty (None: not graded), read once."""
    return {name: spec.grade_start for name, spec in source_types().items()}


@cache
def type_labels() -> dict[str, str]:
    """Each source type's label in lower case, as details quote it."""
    return {name: spec.label.lower() for name, spec in source_types().items()}


def is_gradable(claim: Claim) -> bool:
    """Whether the claim gets a grade: an assertion or advice whose type has a starting level
    (a bare opinion citing nothing has none: opinion is not evidence)."""
    if claim.kind not in ("claim", "recommendation"):
        return False
    if grade_starts()[claim.evidence.type] is None:
        return False
    return not B.is_bare_opinion(claim)


def _in_text_or_sources(
    claim: Claim,
    ctx: SetContext,
    lexicon_name: str,
    in_words: bool = True,
    lowered: str | None = None,
) -> Detected | None:
    """A cue of the lexicon in the claim's text (when ``in_words``), else in a cited entry."""
    lex = lexicon(lexicon_name)
    cue = lex.find(claim.text, lowered) if in_words else None
    if cue:
        return Detected("", f"'{cue}' in the claim", ("text",))
    sources = claim.evidence.sources
    return ctx.sources_cue(lex, sources) if sources else None


def detect_limitations(claim: Claim, ctx: SetContext, lowered: str | None = None) -> list[Detected]:
    """Risk of bias, inconsistency, indirectness and imprecision, for gradable claims
    (``lowered``: the claim's text in lower case, when the caller has it)."""
    if lowered is None:
        lowered = claim.text.lower()
    out: list[Detected] = []
    add = out.append
    kind = claim.evidence.type
    label = type_labels()[kind]
    # risk of bias
    if kind == "anecdotal_report":
        add(Detected(R.SELF_REPORT.code, f"source type: {label}", ("evidence", "type")))
    found = _in_text_or_sources(claim, ctx, "selection", True, lowered)
    if found is not None:
        add(Detected(R.SELECTION.code, found.detail, found.where))
    if kind == "case_report":
        add(Detected(R.NO_CONTROL.code, f"source type: {label}", ("evidence", "type")))
    elif kind == "anecdotal_report":
        cue = lexicon("comparative").find(claim.text, lowered)
        if cue:
            add(
                Detected(
                    R.NO_CONTROL.code, f"'{cue}': a comparison drawn from user reports", ("text",)
                )
            )
    found = B.risk_of_bias(claim, ctx)
    if found is not None:
        add(found)
    # inconsistency
    found = B.inconsistency(claim, ctx)
    if found is not None:
        add(found)
    # indirectness
    # The claim's own words count only for human study types (where "in mice" means the type
    # is wrong); an opinion may mention mice without resting on them. Cited entries always count.
    in_words = kind in HUMAN_STUDY_TYPES
    if kind == "animal_study":
        animal = Detected(R.ANIMAL.code, f"source type: {label}", ("evidence", "type"))
    else:
        found = _in_text_or_sources(claim, ctx, "type:animal_study", in_words, lowered)
        animal = Detected(R.ANIMAL.code, found.detail, found.where) if found else None
    if animal:
        add(animal)
    if kind == "in_vitro":
        in_vitro = Detected(R.IN_VITRO.code, f"source type: {label}", ("evidence", "type"))
    else:
        found = _in_text_or_sources(claim, ctx, "type:in_vitro", in_words, lowered)
        in_vitro = Detected(R.IN_VITRO.code, found.detail, found.where) if found else None
    if in_vitro:
        add(in_vitro)
    found = _in_text_or_sources(claim, ctx, "isolated_compound", True, lowered)
    if found is not None:
        add(Detected(R.PREPARATION.code, found.detail, found.where))
    if animal or in_vitro:
        human = [
            c
            for c in ctx.supporters.get(claim.id, ())
            if c.evidence.type in HUMAN_STUDY_TYPES and is_gradable(c)
        ]
        if not human:
            add(
                Detected(
                    R.NOT_IN_HUMANS.code,
                    "no claim of the set reports human evidence that supports it",
                )
            )
    specific = {R.ANIMAL.code, R.IN_VITRO.code, R.PREPARATION.code, R.NOT_IN_HUMANS.code}
    already = any(d.code in specific for d in out)
    # indirectness stated in words is the same concern as animals or an isolated compound
    out.extend(
        d
        for d in B.indirectness(claim, ctx)
        if not (already and d.code == R.STATED_INDIRECTNESS.code)
    )
    # imprecision
    # (an opinion citing a source is graded as the evidence it cites: imprecision applies)
    if (
        kind in COUNTED_TYPES
        or kind in B.STUDY_TYPES
        or (kind in B.OPINION_TYPES and claim.evidence.sources)
    ):
        out.extend(_imprecision(claim, ctx, lowered))
    # publication bias
    found = B.publication_bias(claim, ctx)
    if found is not None:
        add(found)
    # concerns the claim's words call very serious take two levels of their domain
    out.extend(B.very_serious(claim))
    # a certainty the claim's words state (GRADE guidelines 26) caps the grade
    found = B.stated_certainty(claim)
    if found is not None:
        add(found)
    return out


def detect_relations(claim: Claim, ctx: SetContext) -> Iterator[Detected]:
    """A `challenges` relation gives the claim it targets an inconsistency finding, graded or
    not; it moves the grade only when a challenger cites evidence of its own."""
    challenged = ctx.challengers.get(claim.id)
    if not challenged:
        return
    labels = type_labels()
    names = "; ".join(f"{c.id}, {labels[c.evidence.type]}" for c in challenged)
    if any(is_gradable(c) for c in challenged):
        yield Detected(R.CHALLENGED.code, names)
    else:
        yield Detected(R.DISPUTED.code, names)


def _imprecision(claim: Claim, ctx: SetContext, lowered: str | None = None) -> Iterator[Detected]:
    in_text = ctx.count_in(claim, lowered)
    in_sources = 0
    for key in claim.evidence.sources:
        in_sources += ctx.entry_count(key)
    # GRADE rates each outcome: a count in the claim's own words is the count for its outcome,
    # even when the cited review as a whole had more people.
    total = in_text or in_sources
    if total == 0 and claim.evidence.basis == "context":
        for other in ctx.passage_before(claim):
            total = max(total, ctx.count_in(other))
            if total:
                in_text = total
                break
    detail, where_n = "", ("text",)
    if total:
        source = "in the claim" if in_text >= in_sources else "in the cited entries"
        detail = f"{total} participants in all {source}, fewer than {SMALL_SAMPLE_THRESHOLD}"
        where_n = ("text",) if in_text >= in_sources else ("evidence", "sources")
    found = B.imprecision(claim, ctx, total, detail, where_n)
    stated = None if found else B.stated_imprecision(claim, ctx)
    if found:
        yield from found
    elif stated is not None:
        yield stated
    elif (
        claim.evidence.type in COUNTED_TYPES
        and total == 0
        and ctx.body(claim).people() is None
        and ctx.body(claim).effect() is None
    ):
        where: tuple[str | int, ...] = ("evidence", "sources") if claim.evidence.sources else ()
        what = "no count in the claim or its cited entries"
        yield Detected(R.N_NOT_GIVEN.code, what, where)


def detect_problems(
    claim: Claim, ctx: SetContext, lowered: str | None = None
) -> Iterator[Detected]:
    """Attribution and recommendation problems, for every claim (``lowered``: the claim's
    text in lower case, when the caller has it)."""
    evidence = claim.evidence
    if evidence.basis == "inferred" and evidence.sources:
        yield Detected(
            R.INFERRED_SOURCE.code,
            f"{', '.join(evidence.sources)} chosen by the annotator",
            ("evidence", "basis"),
        )
    if not evidence.sources:
        cue = lexicon("vague_attribution").find(claim.text, lowered)
        if cue:
            yield Detected(R.VAGUE.code, f"'{cue}' with no source cited", ("text",))
    if (
        evidence.type == "unsourced_assertion"
        and claim.kind in ("claim", "meta")
        and not claim.hedges
    ):
        yield Detected(
            R.UNSOURCED_FACT.code, "no source, study or experience is named", ("evidence", "type")
        )
    if evidence.type == "anecdotal_report" and claim.kind == "claim":
        cue = lexicon("generalising").find(claim.text, lowered)
        if cue and not lexicon("first_person").find(claim.text):
            yield Detected(
                R.ANECDOTAL_GENERALISATION.code,
                f"'{cue}' in a claim that rests on user reports",
                ("text",),
            )
    if (
        claim.kind == "recommendation"
        and not evidence.sources
        and evidence.type in NOT_EVIDENCE_TYPES
    ):
        yield Detected(
            R.RECOMMENDATION_NO_EVIDENCE.code,
            f"rests on {type_labels()[evidence.type]} only",
            ("evidence", "sources"),
        )


def detect_wording(claim: Claim, certainty: str) -> Iterator[Detected]:
    """Boosters on weak evidence (overclaim), hedges on strong evidence (underclaim)."""
    if claim.kind == "question":
        return
    if claim.boosters and not claim.hedges and certainty in ("low", "very_low", "ungraded"):
        cues = ", ".join(f"'{b.cue}'" for b in claim.boosters)
        on = "no graded evidence" if certainty == "ungraded" else f"{_word(certainty)} evidence"
        yield Detected(R.OVERCLAIM.code, f"{cues} on {on}", ("boosters", 0))
    # Hedged advice on moderate evidence is how a conditional recommendation is worded.
    if (
        claim.kind == "claim"
        and claim.hedges
        and (certainty == "high" or (certainty == "moderate" and len(claim.hedges) >= 2))
    ):
        cues = ", ".join(f"'{h.cue}'" for h in claim.hedges)
        yield Detected(R.UNDERCLAIM.code, f"{cues} on {_word(certainty)} evidence", ("hedges", 0))


def _word(certainty: str) -> str:
    return certainty.replace("_", " ")


def detect(claim: Claim, ctx: SetContext) -> list[Detected]:
    """Every caveat the record and its set show, except wording (which needs the grade)."""
    found: list[Detected] = []
    lowered = claim.text.lower()  # once for every word list
    if is_gradable(claim):
        found.extend(detect_limitations(claim, ctx, lowered))
    found.extend(detect_relations(claim, ctx))
    found.extend(detect_problems(claim, ctx, lowered))
    return found
