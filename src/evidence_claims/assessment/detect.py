"""Detectors: caveats the engine finds on its own in a claim record and its set.

Each detector reads what the record says (source type, sources, basis, kind, text, hedges and
boosters, relations) and the cited BibTeX entries (title, note, keywords, abstract), and
returns :class:`Detected` caveats with the field of the claim they point at. They never read
the claim's recorded ``caveats``: the engine compares the two afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from ..model.records import Claim
from ..model.taxonomy import source_types
from ..rules import assessment as R
from ..rules.assessment import caveat_rule
from . import body as B
from . import compose as K
from . import concerns as C
from . import stated as S
from .context import SetContext
from .cues import lexicon
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
SMALL_SAMPLE_THRESHOLD = 400
"""Participants in all below which a study counts as small (see ``imprecision.small_sample``)."""


_PASSIVE = {"supports": "supported by", "challenges": "challenged by", "qualifies": "qualified by"}


def relations_of(claim: Claim, ctx: SetContext) -> tuple[str, ...]:
    """The claim's relations both ways, as the report shows them ("challenged by c5")."""
    relations = claim.relations
    incoming = ctx.incoming.get(claim.id)
    if not relations and not incoming:
        return ()  # most claims: no list to build
    out = [f"{r.type} {r.target}" for r in relations]
    if incoming:
        out += [f"{_PASSIVE.get(t, t)} {source}" for t, source in incoming]
    return tuple(out)


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
    kind = claim.evidence.type
    out = _risk_of_bias(claim, ctx, lowered)
    add = out.append
    found = C.inconsistency(claim, ctx)
    if found is not None:
        add(found)
    out.extend(_indirectness(claim, ctx, lowered))
    # imprecision
    # (an opinion citing a source is graded as the evidence it cites: imprecision applies)
    if (
        kind in COUNTED_TYPES
        or kind in B.STUDY_TYPES
        or (kind in B.OPINION_TYPES and claim.evidence.sources)
    ):
        out.extend(_imprecision(claim, ctx, lowered))
    found = C.publication_bias(claim, ctx)
    if found is not None:
        add(found)
    # concerns the claim's words call very serious take two levels of their domain
    out.extend(S.very_serious(claim))
    out.extend(_very_serious_composed(claim, ctx, out))
    # a phrase rule's cue in a clause that judges its domain not serious is no concern
    out[:] = [d for d in out if not _overruled(claim, ctx, d)]  # in place: `add` appends to it
    # a certainty the claim's words state (GRADE guidelines 26) caps the grade
    found = S.stated_certainty(claim)
    if found is not None:
        add(found)
    return out


def _very_serious_composed(
    claim: Claim, ctx: SetContext, found: list[Detected]
) -> Iterator[Detected]:
    """A concern the claim's own words call very serious in any wording the compositional
    reader judges ("heterogeneity was very high", "extremely wide confidence intervals"):
    GRADE rates a very serious concern down two levels (GRADE handbook 5.2), whichever rule
    rated the domain first. Read in the claim's text and in the statements right after it
    that describe the same evidence ("The trials were very heterogeneous."), not in a cited
    entry (an abstract rates other outcomes too); once per domain."""
    have = {d.code for d in found}
    texts = [("in the claim", claim.text, ("text",))]
    texts += [(f"in {other.id}", other.text, ()) for other in ctx.statements_after(claim)]
    for where, text, place in texts:
        for finding in K.read(text):
            if finding.levels < 2 or finding.domain == "publication_bias":
                continue
            code = K.very_serious_code(finding.domain)
            if code not in have:
                have.add(code)
                yield Detected(code, f"'{finding.words}' {where}", place)


_QUOTED = re.compile(r"'([^']+)'")
# Rules that read a concern from words (their detail quotes them); a clause that judges their
# domain not serious overrules them. Numbers (I², intervals, counts) are not overruled.
_OVERRULABLE = frozenset(
    {
        R.REPORTED_LIMITATIONS.code,
        R.SELECTION.code,
        R.HETEROGENEITY.code,
        R.STATED_IMPRECISION.code,
        R.STATED_INDIRECTNESS.code,
        R.INTERVENTION.code,
        R.SURROGATE.code,
        R.PUBLICATION_BIAS.code,
    }
)


def _overruled(claim: Claim, ctx: SetContext, found: Detected) -> bool:
    """The words a phrase rule quotes stand in a clause that judges the rule's domain not
    serious ("attrition bias was low", "the funnel plot was symmetrical"): GRADE rates a
    domain down only for a concern, and the clause says there is none."""
    if found.code not in _OVERRULABLE:
        return False
    quoted = _QUOTED.search(found.detail)
    if quoted is None:
        return False
    cue, domain = quoted.group(1), K.domain_of(found.code)
    if found.where == ("text",):
        return K.overruled(cue, claim.text, domain)
    if found.where[:2] == ("evidence", "sources") and len(found.where) == 3:
        index = found.where[2]
        sources = claim.evidence.sources
        if isinstance(index, int) and index < len(sources):
            fields = ctx.entry_fields(sources[index])
            return any(cue.lower() in t.lower() for _, t in fields) and all(
                K.overruled(cue, t, domain) for _, t in fields if cue.lower() in t.lower()
            )
    return False


def composed(claim: Claim, ctx: SetContext, codes: Iterable[str]) -> list[Detected]:
    """The compositional reading (:mod:`.compose`) of a gradable claim and its entries, for
    each GRADE domain that none of ``codes`` (every caveat detected or recorded for the claim,
    design reasons included) rates: a fallback, so that no domain is counted twice.
    Imprecision only where :func:`detect_limitations` reads it at all."""
    if not is_gradable(claim):
        return []
    rated = set()
    for code in codes:
        rule = caveat_rule(code)
        if rule is not None:
            rated.add(rule.domain)
    wanted = [d for d in K.DOMAINS if d not in rated]
    kind = claim.evidence.type
    if not (
        kind in COUNTED_TYPES
        or kind in B.STUDY_TYPES
        or (kind in B.OPINION_TYPES and claim.evidence.sources)
    ):
        wanted = [d for d in wanted if d != "imprecision"]
    if not wanted:
        return []
    texts: list[tuple[str, str, tuple]] = [("in the claim", claim.text, ("text",))]
    # what the statements right after it say of the same evidence ("The trials were small
    # and poorly reported."), before the cited entries, which describe the whole review
    texts += [(f"in {other.id}", other.text, ()) for other in ctx.statements_after(claim)]
    found = K.detected(texts)
    sources = claim.evidence.sources
    if sources:
        # the entries' findings, read once per set and list of cited keys, for the domains
        # the claim's own texts leave (K.detected keeps the first text's finding per domain)
        have = {K.domain_of(d.code) for d in found}
        found += [d for d in ctx.sources_composed(sources) if K.domain_of(d.code) not in have]
    return [d for d in found if K.domain_of(d.code) in wanted]


def _risk_of_bias(claim: Claim, ctx: SetContext, lowered: str) -> list[Detected]:
    """Study limitations: self-report, selection, no control group, and limitations the claim
    or its entries report."""
    out: list[Detected] = []
    add = out.append
    kind = claim.evidence.type
    label = type_labels()[kind]
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
    found = C.risk_of_bias(claim, ctx)
    if found is not None:
        add(found)
    return out


def _indirectness(claim: Claim, ctx: SetContext, lowered: str) -> list[Detected]:
    """Evidence from animals, cells or an isolated compound (and none in humans), then the
    indirectness of intervention, outcome or population the claim and its entries show."""
    out: list[Detected] = []
    add = out.append
    kind = claim.evidence.type
    label = type_labels()[kind]
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
        for d in C.indirectness(claim, ctx)
        if not (already and d.code == R.STATED_INDIRECTNESS.code)
    )
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
    found = C.imprecision(claim, ctx, total, detail, where_n)
    stated = None if found else C.stated_imprecision(claim, ctx)
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
    # once for every word list, and the same string the set's other readers ask for (so its
    # hash, the key of the cached word sets, is computed once)
    lowered = ctx.lowered(claim)
    if is_gradable(claim):
        found.extend(detect_limitations(claim, ctx, lowered))
    found.extend(detect_relations(claim, ctx))
    found.extend(detect_problems(claim, ctx, lowered))
    return found
