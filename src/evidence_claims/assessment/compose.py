"""GRADE domains read by composition: a domain term and a judgement of it in one clause.

The phrase lists of :mod:`.concerns` name whole wordings ("most trials were at high risk of
bias"), and miss the same judgement said in other words. This reader splits a text into
clauses (at ``;``, a full stop and "but", "whereas", "while"...), finds each GRADE domain's
terms in a clause ("blinding", "I²", "confidence interval", "population", "funnel plot") and
the qualifiers that judge them ("not", "wide", "different", "serious", "low"), and pairs each
term with the nearest qualifier its class accepts: a concern rates the domain down, a
not-serious qualifier ("low risk", "no serious", "narrow", "consistent") cancels it, and "very"
before the concern takes two levels. The words and their classes are in
``data/grade_domain_terms.yaml``, taken from GRADE guidelines 4-9 and the Cochrane Handbook's
risk-of-bias domains (see the file and ``docs/assessment.md``).

It is a fallback: :mod:`.detect` adds its finding for a domain only when no other rule rated
that domain, so a domain is never counted twice; the finding uses the domain's existing rule
code and quotes the words it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from ..io.pattern_store import ASSESSMENT, assessment_pattern, cached_pattern, compiled, fingerprint
from ..rules import assessment as R
from . import phrase_trie
from .cues import words_in
from .detected import Detected
from .phrase_trie import trie_alternation

MAX_GAP = 6
"""Words at most between a term and the qualifier that judges it."""
NEGATION_REACH = 2
"""Words at most between a negator and the qualifier (or concern term) it turns."""

_ONE_LEVEL = {
    "risk_of_bias": R.REPORTED_LIMITATIONS.code,
    "inconsistency": R.HETEROGENEITY.code,
    "imprecision": R.STATED_IMPRECISION.code,
    "indirectness": R.STATED_INDIRECTNESS.code,
    "publication_bias": R.PUBLICATION_BIAS.code,
}
_TWO_LEVELS = {
    "risk_of_bias": R.VERY_SERIOUS_RISK_OF_BIAS.code,
    "inconsistency": R.VERY_SERIOUS_INCONSISTENCY.code,
    "imprecision": R.VERY_SERIOUS_IMPRECISION.code,
    "indirectness": R.VERY_SERIOUS_INDIRECTNESS.code,
    # GRADE rates publication bias down one level at most ("strongly suspected")
    "publication_bias": R.PUBLICATION_BIAS.code,
}
DOMAINS: tuple[str, ...] = tuple(_ONE_LEVEL)


def very_serious_code(domain: str) -> str:
    """The code of a very serious concern in ``domain`` (two levels; one for publication
    bias, which GRADE rates down one level at most)."""
    return _TWO_LEVELS[domain]


def domain_of(code: str) -> str:
    """The GRADE domain of one of the codes this reader gives."""
    rule = R.caveat_rule(code)
    return rule.domain if rule is not None else ""


@dataclass(frozen=True, slots=True)
class Role:
    """What one matched phrase is: a term of a domain and class, a qualifier, or both."""

    terms: tuple[tuple[str, str], ...]  # (domain, class)
    qualifiers: tuple[tuple[str, str], ...]  # (class or "all", polarity)
    very: bool
    negator: bool
    clausal: bool = False  # a negator over the rest of its clause ("it did not appear that")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    word: int  # index of its first word in the clause
    last: int  # index of its last word
    role: Role
    withheld: bool = False  # a judgement word the clause then negates ("... was not warranted")
    counted: bool = False  # right after a number: "48 women" counts people, names no subgroup


@dataclass(frozen=True, slots=True)
class Finding:
    """A domain the text rates down: how many levels, and the words it came from."""

    domain: str
    levels: int
    words: str


@cache
def _spec() -> dict[str, Any]:
    from ..model.data_yaml import load_data_yaml

    text = (
        resources.files("evidence_claims")
        .joinpath("data/grade_domain_terms.yaml")
        .read_text("utf-8")
    )
    data = load_data_yaml(text)
    if not isinstance(data, dict):
        raise RuntimeError("evidence_claims/data/grade_domain_terms.yaml is not a mapping")
    return data


def _norm(phrase: str) -> str:
    return " ".join(str(phrase).lower().split())


def _plural(word: str) -> str | None:
    """The plural of an English noun by the regular rules ("bias" -> "biases", "study" ->
    "studies", "limitation" -> "limitations"), or None for a word that already looks plural
    or does not end in a letter. Only this way round: a plural term read in the singular says
    something else ("results varied" compares studies, "the result" is one estimate). A wrong
    guess for an irregular noun is a string no text holds."""
    if not word[-1:].isalpha() or len(word) <= 3 or word.endswith(("ed", "ing")):
        return None
    if word.endswith(("ss", "us", "is", "as", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("s"):
        return None
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _variants(phrase: str) -> list[str]:
    """Other inflections of a domain term that mean the same (inflection-tolerant matching
    instead of listing every form in the data file): the plural of its last word ("publication
    biases", "small-study effects" for "small-study effect"), and "what" for "which" at its
    start ("knew what intervention", "knew which intervention"). A verb's forms are not made:
    they change what a clause says ("reported", "reporting")."""
    words = phrase.split()
    out = []
    plural = _plural(words[-1])
    if plural is not None:
        out.append(" ".join([*words[:-1], plural]))
    if words[0] == "which" and len(words) > 1:
        out.append(" ".join(["what", *words[1:]]))
    return out


def _coordinated(terms: dict[str, list[tuple[str, str]]]) -> dict[str, list[tuple[str, str]]]:
    """Terms whose modifiers share one head noun ("publication and language biases",
    "performance and detection bias", "selection or attrition bias"): every pair of the
    one-word modifiers of the head nouns in ``coordinated_heads``, joined by "and" or "or",
    names each term it coordinates (about a thousand phrases for "bias": the tokeniser's one
    alternation grows, a clause with a term takes about a quarter longer to read)."""
    heads = [_norm(h) for h in _spec().get("coordinated_heads") or ()]
    out: dict[str, list[tuple[str, str]]] = {}
    for head in heads:
        modifiers = {
            p.split()[0]: roles
            for p, roles in terms.items()
            if len(p.split()) == 2 and p.split()[1] == head
        }
        plural = _plural(head)
        for first, roles_a in modifiers.items():
            for second, roles_b in modifiers.items():
                if first == second:
                    continue
                joined = list(dict.fromkeys([*roles_a, *roles_b]))
                for link in ("and", "or"):
                    for noun in (head, plural):
                        if noun:
                            out.setdefault(f"{first} {link} {second} {noun}", joined)
    return out


@cache
def _roles() -> dict[str, Role]:
    spec = _spec()
    terms: dict[str, list[tuple[str, str]]] = {}
    quals: dict[str, list[tuple[str, str]]] = {}
    for domain, classes in spec["terms"].items():
        for cls, phrases in classes.items():
            for p in phrases:
                terms.setdefault(_norm(p), []).append((domain, cls))
    for cls, polarities in spec["qualifiers"].items():
        for polarity, phrases in polarities.items():
            for p in phrases:
                quals.setdefault(_norm(p), []).append((cls, polarity))
    very = {_norm(p) for p in spec["very"]}
    negators = {_norm(p) for p in spec["negators"]}
    clausal = {_norm(p) for p in spec.get("clausal_negators") or ()}
    # a negative quantifier ("none of the trials") qualifies and negates as "no" does
    for phrase in spec.get("negative_quantifiers") or ():
        quals.setdefault(_norm(phrase), list(quals.get("no", ())))
        negators.add(_norm(phrase))
    # a qualifier phrase of the classes in ``keep_first_word`` still judges as its first word
    # does for the other classes: "differed between" (a variation between the studies) is
    # also "differed" for their results ("effects differed between populations")
    keeping = {str(c) for c in spec.get("keep_first_word") or ()}
    for phrase, roles in list(quals.items()):
        first = phrase.split()[0]
        if first == phrase or first in negators or not any(c in keeping for c, _ in roles):
            continue
        for role in quals.get(first, ()):
            if role[0] not in {c for c, _ in roles}:
                roles.append(role)
    listed = set(terms) | set(quals) | very | negators | clausal
    # a variant never overrides a listed phrase: the data file's own reading of a form wins
    for phrase, roles in list(terms.items()):
        for variant in _variants(phrase):
            if variant not in listed:
                terms.setdefault(variant, list(roles))
    for phrase, roles in _coordinated(terms).items():
        if phrase not in listed:
            terms.setdefault(phrase, roles)
    out = {}
    for phrase in set(terms) | set(quals) | very | negators | clausal:
        out[phrase] = Role(
            tuple(terms.get(phrase, ())),
            tuple(quals.get(phrase, ())),
            phrase in very,
            phrase in negators or phrase in clausal,
            phrase in clausal,
        )
    return out


@cache
def _reach() -> dict[str, int]:
    """Words at most between a term of a class and its qualifier, where the data file narrows
    MAX_GAP for that class (``reach``)."""
    return {str(k): int(v) for k, v in (_spec().get("reach") or {}).items()}


@cache
def _exclusive() -> frozenset[str]:
    """Classes that the judgement words of every class (``all``) do not judge."""
    return frozenset(str(c) for c in _spec().get("exclusive") or ())


@cache
def _withheld() -> re.Pattern[str]:
    """The word "not" and a word saying a rating was not made ("not warranted", "not
    considered"), as a whole-word search in the rest of a clause (``withheld`` in the data
    file)."""
    words = "|".join(
        r"\s+".join(re.escape(w) for w in _norm(p).split())
        for p in sorted(_spec().get("withheld") or (), key=len, reverse=True)
    )
    return re.compile(r"(?<![\w-])not\s+(?:" + words + r")(?![\w-])")


def _is_withheld(clause: str, end: int) -> bool:
    """Whether a judgement word ending at ``end`` is followed, within MAX_GAP words of the
    clause, by its negation ("downgrading for inconsistency was not considered"): GRADE
    handbook 5.2, a domain judged not serious keeps the level."""
    match = _withheld().search(clause, end)
    return match is not None and len(_WORD.findall(clause[end : match.start()])) <= MAX_GAP


_TOKEN_GUARDS = r"(?:(?<![\w-])(?:{})(?![\w-])|n't)"
"""The tokeniser's pattern around the alternation of its phrases: whole words; "n't" is glued
to its verb."""

# The code that turns the phrases into the tokeniser's pattern: a stored pattern made by other
# code is not used (:mod:`..io.pattern_store`).
_BUILD_CODE = fingerprint(__file__, phrase_trie.__file__)

FULL_AFTER = 64
"""Distinct phrase sets a run matches with a pattern of their own before it compiles the
alternation of every phrase (see :func:`_clause_pattern`)."""
_partial: dict[frozenset[str], re.Pattern[str]] = {}


def _phrases() -> list[str]:
    return sorted(p for p in _roles() if p != "n't")


@cache
def _pattern() -> re.Pattern[str]:
    """The tokeniser's pattern with every phrase. A trie matches what the longest-first
    alternation of the phrases matches, and compiles in less than half the time
    (:mod:`.phrase_trie`); the compiled pattern is kept between runs
    (:mod:`..io.pattern_store`)."""
    phrases = _phrases()
    return cached_pattern(
        phrases,
        _BUILD_CODE,
        lambda: _TOKEN_GUARDS.format(trie_alternation(phrases)),
        store=ASSESSMENT,
    )


_RUN = assessment_pattern(r"[\w-]+")
"""A run of word characters and hyphens: a whole word of :func:`.cues.words_in`."""


@cache
def _needs() -> dict[str, tuple[str, frozenset[str]]] | None:
    """For each phrase of :func:`_roles`, its first word and the words it needs in a text
    (what :func:`.cues.phrase_words` gives for it alone, one search per phrase); None when a
    phrase does not start with a whole word (:func:`.cues.first_words`)."""
    out = {}
    for phrase in _roles():
        lead = _RUN.match(phrase)
        if lead is None:
            return None
        out[phrase] = (lead.group(0), frozenset(_RUN.findall(phrase)))
    return out


def _index(phrases: Iterable[str]) -> dict[str, tuple[tuple[frozenset[str], str], ...]] | None:
    """For each first word of ``phrases`` (of :func:`_roles`), (the words it needs, phrase)
    of each phrase starting with it, in order; None when :func:`_needs` is."""
    needs = _needs()
    if needs is None:
        return None
    after: dict[str, list[tuple[frozenset[str], str]]] = {}
    for phrase in phrases:
        lead, needed = needs[phrase]
        after.setdefault(lead, []).append((needed, phrase))
    return {lead: tuple(entries) for lead, entries in after.items()}


@cache
def _phrase_index() -> dict[str, tuple[tuple[frozenset[str], str], ...]] | None:
    """:func:`_index` of the tokeniser's phrases."""
    return _index(_phrases())


def _clause_pattern(clause: str) -> re.Pattern[str]:
    """A pattern that finds in the lower-cased ``clause`` exactly what :func:`_pattern` finds.

    Compiling the alternation of some 2,200 phrases took about 0.1 s of every run that reads
    one clause, where a clause holds a handful of them. A phrase matches only where each run
    of word characters and hyphens of its words is a whole word of the text
    (:func:`.cues.phrase_words`), so the alternation of the phrases whose words are all in the
    clause finds the same matches there (a branch that cannot match anywhere changes no
    match), and compiles in a fraction of a millisecond. After :data:`FULL_AFTER` distinct
    phrase sets the run uses the whole pattern (kept between runs, when the store is on)."""
    if len(_partial) >= FULL_AFTER or _phrase_index() is None:
        return _pattern()
    return _partial_pattern(clause)


def _partial_pattern(clause: str) -> re.Pattern[str]:
    """The tokeniser's pattern with only the phrases whose words are all whole words of the
    lower-cased ``clause`` (see :func:`_clause_pattern`; call when :func:`_phrase_index` is not
    None), compiled once per run for each set of phrases."""
    index = _phrase_index()
    assert index is not None, "_partial_pattern() needs the phrase index"
    present = words_in(clause)
    phrases = frozenset(
        phrase
        for word in present.intersection(index)
        for needed, phrase in index[word]
        if needed <= present
    )
    pattern = _partial.get(phrases)
    if pattern is None:
        pattern = _partial[phrases] = compiled(
            _TOKEN_GUARDS.format(trie_alternation(phrases)), store=ASSESSMENT
        )
    return pattern


@cache
def _term_pattern() -> re.Pattern[str]:
    """Any domain term, as a whole word: a text without one has nothing to read, and most
    claim texts have none (one search instead of splitting clauses and tokenising them)."""
    phrases = (p for p, role in _roles().items() if role.terms)
    return re.compile(r"(?<![\w-])(?:" + trie_alternation(phrases) + r")(?![\w-])")


@cache
def _term_words() -> (
    tuple[frozenset[str], dict[str, tuple[tuple[frozenset[str], str], ...]]] | None
):
    """The terms' first words and, for each, the words each term starting with it needs (see
    :mod:`.cues`) with the term; None when a term does not start with a word (then every text
    is searched with :func:`_term_pattern`)."""
    after = _index(sorted(p for p, role in _roles().items() if role.terms))
    if after is None:
        return None
    return frozenset(after), after


@cache
def _one_term(term: str) -> re.Pattern[str]:
    """One domain term as a whole word: :func:`_term_pattern` with this term alone."""
    return re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, term.split())) + r"(?![\w-])")


def has_term(lowered: str) -> bool:
    """Whether the lower-cased text holds a domain term (a match of :func:`_term_pattern`).

    Set lookups first: the pattern is a whole-word alternation, so a term can match only
    where its words are whole words of the text (:func:`.cues.phrase_words`); most claims hold
    none, and the search of a text with no term costs about as much as one with. A term whose
    words are all there is then searched alone: the alternation matches exactly where one of
    its terms does, and compiling the alternation of some 2,000 terms took about 50 ms of
    every run, where a run meets a few dozen terms."""
    words = _term_words()
    if words is None:
        return _term_pattern().search(lowered) is not None
    first, after = words
    present = words_in(lowered)
    if first.isdisjoint(present):
        return False
    for word in first.intersection(present):
        for needed, term in after[word]:
            if needed <= present and _one_term(term).search(lowered) is not None:
                return True
    return False


@cache
def _clause_break() -> re.Pattern[str]:
    words = "|".join(re.escape(_norm(w)) for w in _spec()["clause_breaks"])
    # ";", a full stop that ends a sentence (not a decimal point), or a coordinating word
    return re.compile(r";|\.(?!\d)|(?<![\w-])(?:" + words + r")(?![\w-])")


@cache
def _minority() -> re.Pattern[str]:
    words = "|".join(
        r"\s+".join(re.escape(w) for w in _norm(p).split()) for p in _spec()["minority"]
    )
    return re.compile(r"(?<![\w-])(?:" + words + r")(?![\w-])")


@cache
def _explanation() -> re.Pattern[str]:
    """Words saying a heterogeneity was explained, unless a negation or "partly" stands just
    before them (``explained`` and ``explained_not_after`` in the data file)."""
    spec = _spec()
    words = "|".join(
        r"\s+".join(re.escape(w) for w in _norm(p).split())
        for p in sorted(spec.get("explained") or (), key=len, reverse=True)
    )
    blockers = "|".join(
        r"\s+".join(re.escape(w) for w in _norm(p).split())
        for p in sorted(spec.get("explained_not_after") or (), key=len, reverse=True)
    )
    # a blocker up to two words before the explanation ("could not be explained", "only partly
    # resolved"); "unexplained" is another word (whole words only)
    return re.compile(
        r"(?<![\w-])(?:(?P<blocked>(?:" + blockers + r")(?:\s+[\w'-]+){0,2}\s+)?)"
        r"(?:" + words + r")(?![\w-])"
    )


_SENTENCE_END = assessment_pattern(r"\.(?!\d)")


def _explained_after(lowered: str, offset: int) -> bool:
    """Whether the sentence from ``offset`` on says the heterogeneity was explained (GRADE
    guidelines 7: only unexplained inconsistency rates down)."""
    end = _SENTENCE_END.search(lowered, offset)
    window = lowered[offset : end.start() if end else len(lowered)]
    return any(not m.group("blocked") for m in _explanation().finditer(window))


_WORD = assessment_pattern(r"[\w²'-]+")
_COUNT_BEFORE = assessment_pattern(r"\d[\d,.]*\s+$")
"""A number right before a term: "only 48 women" says how many people, not that the study
population was restricted to women (GRADE guidelines 8), so no group qualifier judges it."""


def clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause) of each clause of ``text``, lower-cased."""
    lowered = text.lower()
    out = []
    at = 0
    for match in _clause_break().finditer(lowered):
        if match.start() > at:
            out.append((at, lowered[at : match.start()]))
        at = match.end()
    if at < len(lowered):
        out.append((at, lowered[at:]))
    return out


_PARTS: dict[str, tuple[tuple[int, str], ...] | None] = {}
_PARTS_KEPT = 4096


def _parts(text: str) -> tuple[tuple[int, str], ...] | None:
    """The :func:`clauses` of ``text``, or None when it holds no domain term (then no reader of
    this module finds anything in it), kept for the last few thousand texts: :func:`read`,
    :func:`rated_down_in_words` and :func:`cleared` each ask it of the same claim's text, and
    the term test alone cost about 3 µs a claim each time."""
    found = _PARTS.get(text, _NOT_KEPT)
    if found is _NOT_KEPT:
        if len(_PARTS) >= _PARTS_KEPT:
            _PARTS.clear()
        found = _PARTS[text] = tuple(clauses(text)) if has_term(text.lower()) else None
    return found  # type: ignore[return-value]


_NOT_KEPT = object()


@lru_cache(maxsize=8192)
def _tokens(clause: str) -> tuple[Token, ...]:
    """The phrases of a clause (kept for the last few thousand clauses: :func:`read` and
    :func:`cleared` both tokenise every clause, and an entry's clauses recur claim after claim)."""
    roles = _roles()
    starts = [m.start() for m in _WORD.finditer(clause)]

    def word_at(pos: int) -> int:
        # index of the word that starts at or before pos
        lo, hi = 0, len(starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if starts[mid] <= pos:
                lo = mid + 1
            else:
                hi = mid
        return max(lo - 1, 0)

    out = []
    for match in _clause_pattern(clause).finditer(clause):
        phrase = " ".join(match.group(0).split())
        role = roles.get(phrase)
        if role is None:
            continue
        judgement = ("all", "concern") in role.qualifiers
        out.append(
            Token(
                match.start(),
                match.end(),
                word_at(match.start()),
                word_at(match.end() - 1),
                role,
                judgement and _is_withheld(clause, match.end()),
                bool(role.terms)
                and _COUNT_BEFORE.search(clause, max(0, match.start() - 24), match.start())
                is not None,
            )
        )
    return tuple(out)


def _gap(a: Token, b: Token) -> int:
    """Words strictly between two tokens."""
    if a.word > b.word:
        a, b = b, a
    return max(b.word - a.last - 1, 0)


def _negated(tokens: Sequence[Token], i: int) -> bool:
    """A negator at most NEGATION_REACH words before token ``i`` (a clausal negator is read
    by :func:`_verdicts`, over the whole clause it introduces)."""
    tok = tokens[i]
    for j in range(i - 1, -1, -1):
        other = tokens[j]
        if tok.word - other.last - 1 > NEGATION_REACH:
            break
        if other.role.negator and not other.role.clausal:
            return True
    return False


def _verdicts(tokens: Sequence[Token]) -> Iterator[tuple[int, str, tuple[str, int, int]]]:
    """(index, domain, verdict) of each judged term of a clause. After a clausal negator
    ("it did not appear that ...", "there was no evidence that ...") the clause it introduces is
    judged as written and each domain's verdict then turned: a domain with a concern there is
    not serious ("no evidence that allocation was inadequately concealed"), one judged only not
    serious is a concern ("it did not appear that unpublished papers were searched")."""
    clausal = next((i for i, tok in enumerate(tokens) if tok.role.clausal), len(tokens))
    under: dict[str, list[tuple[int, tuple[str, int, int]]]] = {}
    for t, tok in enumerate(tokens):
        for domain, cls in tok.role.terms:
            judged = _judge(tokens, t, cls)
            if judged is None:
                continue
            if t < clausal:
                yield t, domain, judged
            else:
                under.setdefault(domain, []).append((t, judged))
    for domain, found in under.items():
        concern = next((f for f in found if f[1][0] == "concern"), None)
        if concern is not None:
            yield concern[0], domain, ("not_serious", 0, concern[1][2])
            continue
        cleared = next((f for f in found if f[1][0] == "not_serious"), None)
        if cleared is not None:
            yield cleared[0], domain, ("concern", 1, cleared[1][2])


def _very(tokens: Sequence[Token], i: int) -> bool:
    """Whether the concern at ``i`` takes two levels: it is a "very" word, follows one, or is
    a judgement word followed by a count of two levels ("downgraded (by) two levels", "rated
    down twice"; GRADE handbook 5.2: very serious, two levels)."""
    tok = tokens[i]
    if tok.role.very:
        return True
    if i > 0 and tokens[i - 1].role.very and tok.word - tokens[i - 1].last <= 1:
        return True
    if i + 1 < len(tokens) and ("all", "concern") in tok.role.qualifiers:
        after = tokens[i + 1]
        return after.role.very and not after.role.terms and after.word - tok.last <= 2
    return False


def _polarity(tokens: Sequence[Token], i: int, cls: str) -> str | None:
    """The polarity qualifier ``i`` gives a term of class ``cls`` (None: it does not judge
    that class), turned by a negator just before it."""
    for qcls, polarity in tokens[i].role.qualifiers:
        if qcls not in (cls, "all") or (qcls == "all" and cls in _exclusive()):
            continue
        negatable = not tokens[i].role.negator and polarity != "neutral"
        if negatable and _negated(tokens, i):
            return "not_serious" if polarity == "concern" else "concern"
        if qcls == "all" and polarity == "concern" and tokens[i].withheld:
            return "not_serious"  # "downgrading for X was not warranted"
        return polarity
    return None


def _shared(tokens: Sequence[Token], i: int) -> bool:
    """Whether qualifier ``i`` is a judgement word of every class (it may judge several
    coordinated terms: "downgraded for risk of bias and imprecision")."""
    return any(qcls == "all" for qcls, _ in tokens[i].role.qualifiers)


def _judge(tokens: Sequence[Token], t: int, cls: str) -> tuple[str, int, int] | None:
    """(polarity, levels, index of the qualifier or -1) of term ``t``, or None when
    nothing judges it."""
    term = tokens[t]
    if cls == "none" or (cls == "group" and term.counted):
        return None
    best: tuple[int, int, int] | None = None  # (gap, after-first, index)
    reach = _reach().get(cls, MAX_GAP)
    for i, tok in enumerate(tokens):
        if i == t or (tok.word <= term.last and tok.last >= term.word):
            continue  # the term itself, or a phrase overlapping it
        if _polarity(tokens, i, cls) is None:
            continue
        gap = _gap(term, tok)
        if gap > reach:
            continue
        if i > t and _scopes_forward(tokens, i) not in (None, t):
            continue  # "imprecision, not for risk of bias": the negation is the next term's
        if not _shared(tokens, i) and _nearer_term(tokens, i, t, cls, gap):
            continue  # a class word judges the term nearest to it
        if i < t and gap > 0 and _closes_term_before(tokens, i, t):
            continue  # "risk-of-bias concerns and the results ...": the concerns are bias's
        # a tie goes to the qualifier before the term: "serious imprecision, no serious
        # inconsistency"
        key = (gap, 0 if i < t else 1, i)
        if best is None or key < best:
            best = key
    if cls == "concern":
        if _negated(tokens, t):
            return ("not_serious", 0, -1)
        if (
            best is not None
            and _polarity(tokens, best[2], cls) == "not_serious"
            and not _heads_next_term(tokens, best[2], t)
        ):
            return ("not_serious", 0, best[2])
        # the profile's judgement after the concern it weighed: "some concerns for the
        # incomplete accounting of patients, we did not downgrade" (GRADE handbook 5.2: a
        # concern judged not serious keeps the level)
        for i in range(t + 1, len(tokens)):
            if _gap(term, tokens[i]) > MAX_GAP:
                break
            if (
                _shared(tokens, i)
                and _polarity(tokens, i, cls) == "not_serious"
                and not _nearer_term(tokens, i, t, cls, _gap(term, tokens[i]))
                and not _heads_next_term(tokens, i, t)
            ):
                return ("not_serious", 0, i)  # and not another term's judgement
        return ("concern", 2 if _very(tokens, t) else 1, -1)
    if best is None:
        return None
    polarity = _polarity(tokens, best[2], cls)
    if polarity == "concern":
        return ("concern", 2 if _very(tokens, best[2]) else 1, best[2])
    return (polarity or "neutral", 0, best[2])


def _scopes_forward(tokens: Sequence[Token], q: int) -> int | None:
    """The index of the term that negator ``q`` stands right before (at most one word between:
    "not for risk of bias", "no serious imprecision"), or None: a negation scopes over what
    follows it, so it judges that term and not one written before it."""
    if not tokens[q].role.negator:
        return None
    for j in range(q + 1, len(tokens)):
        tok = tokens[j]
        if tok.word <= tokens[q].last:
            continue  # overlapping the negator
        return j if tok.role.terms and _gap(tokens[q], tok) <= 1 else None
    return None


def _closes_term_before(tokens: Sequence[Token], q: int, t: int) -> bool:
    """Whether qualifier ``q`` stands right after another term than ``t`` and so closes it: a
    judgement written after the domain it judges ("serious risk-of-bias concerns", an evidence
    profile's "imprecision: serious") is that domain's, and does not carry on to a term written
    further after it. A judgement written before coordinated terms still judges them all
    ("downgraded for risk of bias and imprecision"), and one right before a term heads it ("no
    serious inconsistency"); the caller asks only for a qualifier not adjacent to the term. A
    negation that scopes over ``t`` ("imprecision, not for risk of bias") does not close the
    term before it."""
    if _scopes_forward(tokens, q) == t:
        return False
    for j in range(q - 1, -1, -1):
        if j == t:
            continue
        tok = tokens[j]
        if tok.last >= tokens[q].word:
            continue  # overlapping the qualifier
        return bool(tok.role.terms) and _gap(tok, tokens[q]) == 0
    return False


def _heads_next_term(tokens: Sequence[Token], q: int, t: int) -> bool:
    """Whether qualifier ``q`` stands right before another term than ``t`` (an evidence
    profile's "no serious imprecision": the judgement heads the domain it names, so it does not
    clear a concern named before it, as in "unblinded, no serious imprecision")."""
    for j in range(q + 1, len(tokens)):
        if j == t:
            continue
        tok = tokens[j]
        if tok.word <= tokens[q].last:
            continue  # overlapping the qualifier
        return bool(tok.role.terms) and _gap(tokens[q], tok) == 0
    return False


def _nearer_term(tokens: Sequence[Token], q: int, t: int, cls: str, gap: int) -> bool:
    """Another term that qualifier ``q`` also judges is nearer to it than term ``t`` (not when
    ``q`` is a negation that scopes over ``t``, see :func:`_scopes_forward`)."""
    if _scopes_forward(tokens, q) == t:
        return False
    for j, tok in enumerate(tokens):
        if j in (q, t) or not tok.role.terms:
            continue
        if tok.word <= tokens[q].last and tok.last >= tokens[q].word:
            continue
        classes = {c for _, c in tok.role.terms}
        if not any(_polarity(tokens, q, c) is not None for c in classes):
            continue
        other = _gap(tokens[q], tok)
        if other < gap or (other == gap and j < q < t):
            return True
    return False


_QUALITY_CLASSES = frozenset({"problem", "safeguard", "conduct"})


def of_study_quality(lowered: str, start: int) -> bool:
    """Whether the words of ``lowered`` just before ``start`` (a cue such as "varied
    considerably") make the studies' quality or risk of bias its subject: "the quality of the
    trials varied considerably" says the risk of bias differed between studies (GRADE
    guidelines 4), not that their results did (GRADE guidelines 7). True when a risk-of-bias
    term stands among the last MAX_GAP words of the cue's clause before it and no
    inconsistency term does."""
    begin = 0
    for match in _clause_break().finditer(lowered, 0, start):
        begin = match.end()
    before = lowered[begin:start]
    tokens = _tokens(before)
    words = len(_WORD.findall(before))
    near = [tok for tok in tokens if words - tok.word <= MAX_GAP + 1 and tok.role.terms]
    domains = {d for tok in near for d, _ in tok.role.terms}
    if "inconsistency" in domains:
        return False
    return any(
        d == "risk_of_bias" and c in _QUALITY_CLASSES for tok in near for d, c in tok.role.terms
    )


@lru_cache(maxsize=4096)
def read(text: str) -> tuple[Finding, ...]:
    """The domains ``text`` rates down, each once with its most levels and first words
    (kept for the last few thousand texts: a cited entry is read for every claim citing it)."""
    parts = _parts(text)
    if parts is None:
        return ()
    found: dict[str, Finding] = {}
    same = len(text) == len(text.lower())
    for index, (offset, clause) in enumerate(parts):
        tokens = _tokens(clause)
        if not any(tok.role.terms for tok in tokens) or _withdrawn(parts, index, text):
            continue
        overruled = _judged_later(parts, index, text) - _named_concerns(tokens, clause)
        for t, domain, judged in _verdicts(tokens):
            if domain not in _ONE_LEVEL or domain in overruled or judged[0] != "concern":
                continue
            if domain == "inconsistency" and _explained_after(text.lower(), offset):
                continue
            levels, q = judged[1], judged[2]
            previous = found.get(domain)
            if previous is None or levels > previous.levels:
                tok = tokens[t]
                span = [tok] if q < 0 else [tok, tokens[q]]
                if q > 0 and tokens[q - 1].role.very:
                    span.append(tokens[q - 1])
                if t > 0 and tokens[t - 1].role.very:
                    span.append(tokens[t - 1])
                start = min(s.start for s in span) + offset
                end = max(s.end for s in span) + offset
                words = text[start:end] if same else clause[start - offset : end - offset]
                found[domain] = Finding(domain, levels, " ".join(words.split()))
    return tuple(found.values())


@cache
def _domain_names() -> frozenset[str]:
    """The words that name a GRADE domain as a whole (``domain_names`` in the data file)."""
    return frozenset(_norm(p) for p in _spec().get("domain_names") or ())


def _domain_judgements(
    tokens: Sequence[Token], clause: str
) -> Iterator[tuple[str, tuple[str, int, int] | None]]:
    """Each domain a clause names as a whole (a term whose words are a domain's name, not
    "allocation concealment", which names one safeguard only) with :func:`_judge`'s verdict
    on it."""
    names = _domain_names()
    for t, tok in enumerate(tokens):
        if " ".join(clause[tok.start : tok.end].split()) in names:
            for domain, cls in tok.role.terms:
                yield domain, _judge(tokens, t, cls)


def _named_concerns(tokens: Sequence[Token], clause: str) -> frozenset[str]:
    """The domains a clause itself judges a concern by the domain's name ("most trials were
    at high risk of bias"): a judgement of the whole domain, which a later "not serious" in
    the same sentence contradicts rather than weighs, so the concern stands."""
    return frozenset(
        domain
        for domain, judged in _domain_judgements(tokens, clause)
        if judged is not None and judged[0] == "concern"
    )


def _judged_later(parts: Sequence[tuple[int, str]], index: int, text: str) -> frozenset[str]:
    """The domains a later clause of the same sentence judges not serious in GRADE's own
    judgement words, by the domain's name, and none a concern: "some trials were unblinded,
    but the outcome was objective, so risk of bias was not serious" (the profile's judgement
    weighs the concern named before it; GRADE handbook 5.2). A clause that only says a
    safeguard held or a problem was low ("risk of bias was low in the others") judges its own
    studies, not the domain."""
    offset, clause = parts[index]
    end = text.find(".", offset + len(clause))
    out: set[str] = set()
    for at, later in parts[index + 1 :]:
        if end >= 0 and at > end:
            break  # another sentence
        tokens = _tokens(later)
        verdicts: dict[str, set[str]] = {}
        for domain, judged in _domain_judgements(tokens, later):
            if judged is None:
                continue
            polarity, _, q = judged
            qualifiers = tokens[q].role.qualifiers if q >= 0 else ()
            by_all = ("all", "concern") in qualifiers or ("all", "not_serious") in qualifiers
            verdicts.setdefault(domain, set()).add(polarity if by_all else "other")
        out.update(d for d, v in verdicts.items() if v == {"not_serious"})
    return frozenset(out)


def _withdrawn(parts: Sequence[tuple[int, str]], index: int, text: str) -> bool:
    """Whether the clause after clause ``index``, in the same sentence and naming no domain,
    judges it not serious: "some concerns for attrition; however, we did not downgrade" (an
    evidence profile's footnote states the concern and then the judgement, GRADE handbook
    5.2: "not serious" keeps the level)."""
    offset, clause = parts[index]
    rest = [(at, c) for at, c in parts[index + 1 :] if c.strip(" ,:")]
    if not rest:
        return False
    after, following = rest[0]  # the next clause with words ("; however, ..." leaves a blank)
    if "." in text[offset + len(clause) : after]:
        return False  # another sentence
    tokens = _tokens(following)
    if any(tok.role.terms for tok in tokens):
        return False  # it judges its own terms
    return any(_polarity(tokens, i, "all") == "not_serious" for i in range(len(tokens)))


@lru_cache(maxsize=4096)
def cleared(text: str) -> tuple[tuple[str, int, int], ...]:
    """(domain, start, end) of each clause of ``text`` that judges a term of the domain not
    serious and none of its terms a concern ("attrition bias was low", "small-study effects
    were not detected"), or whose concern the next clause withdraws ("some concerns for
    attrition; however, we did not downgrade", see :func:`_withdrawn`): a phrase rule's cue
    inside such a clause is not a concern. The domains of one clause come in name order, so
    that the answer does not depend on the interpreter's hash seed."""
    parts = _parts(text)
    if parts is None:
        return ()
    out = []
    for index, (offset, clause) in enumerate(parts):
        tokens = _tokens(clause)
        if _withdrawn(parts, index, text):
            for domain in sorted({d for tok in tokens for d, _ in tok.role.terms}):
                out.append((domain, offset, offset + len(clause)))
            continue
        for domain in sorted(_judged_later(parts, index, text) - _named_concerns(tokens, clause)):
            out.append((domain, offset, offset + len(clause)))
        if _minority().search(clause):
            continue
        verdicts: dict[str, set[str]] = {}
        for _t, domain, judged in _verdicts(tokens):
            verdicts.setdefault(domain, set()).add(judged[0])
        for domain, found in verdicts.items():
            if "not_serious" in found and "concern" not in found:
                out.append((domain, offset, offset + len(clause)))
    return tuple(out)


def overruled(cue: str, text: str, domain: str) -> bool:
    """Whether every place ``cue`` stands in ``text`` is a clause that judges ``domain`` not
    serious (see :func:`cleared`)."""
    spans = [(a, b) for d, a, b in cleared(text) if d == domain]
    if not spans or not cue:
        return False
    lowered, wanted = text.lower(), cue.lower()
    at = lowered.find(wanted)
    if at < 0:
        return False
    while at >= 0:
        if not any(a <= at and at + len(wanted) <= b for a, b in spans):
            return False
        at = lowered.find(wanted, at + 1)
    return True


def detected(texts: list[tuple[str, str, tuple]]) -> list[Detected]:
    """The compositional findings of the claim's text, the statements of its passage and its
    entries' fields, one per domain (the first text that rates a domain gives its words), as
    :class:`Detected` caveats."""
    out: dict[str, Detected] = {}
    for where, text, place in texts:
        for finding in read(text):
            if finding.domain in out:
                continue
            # two levels only from the claim's own words: an entry's abstract rates other
            # outcomes too (as for the phrase rules' ``*.very_serious``)
            two = finding.levels >= 2 and where == "in the claim"
            table = _TWO_LEVELS if two else _ONE_LEVEL
            code = table[finding.domain]
            words = finding.words if len(finding.words) <= 160 else finding.words[:157] + "..."
            if where == "in the claim":
                detail = f"'{words}' in the claim"
            elif ": in its " not in where:
                detail = f"'{words}' {where}"  # a statement of the passage ("in document-002")
            else:
                key, field = where.split(": in its ", 1)
                detail = f"{key}: '{words}' in its {field}"
            out[finding.domain] = Detected(code, detail, place)
    return list(out.values())


_RATING_WORDS = assessment_pattern(
    r"^(?:downgrad\w*|(?:rated|rate|rating)\s+(?:\w+\s+){0,2}down|(?:one|two|1|2)[\s-]levels?|"
    r"(?:certainty|evidence|quality)\s+was\s+(?:lowered|reduced|downgraded|rated\s+down)|"
    r"(?:lowered|reduced|lowers|reduces|lower)\s+(?:our\s+)?confidence|serious|very\s+serious)$"
)


def _rating_word(clause: str, term: Token, token: Token) -> bool:
    """Whether qualifier ``token`` is a word of rating, as an evidence profile or its footnote
    gives the authors' reasons ("downgraded for imprecision", "rated down two levels", "risk
    of bias was judged serious", "serious imprecision"; GRADE handbook 5.2), as opposed to a
    description of the studies ("high risk", "wide", "concerns"). "Serious" before "risk of
    bias" is ROBINS-I's judgement of studies (Sterne et al. 2016), not a rating, so for risk of
    bias "serious" counts only after the domain's name."""
    if ("all", "concern") not in token.role.qualifiers:
        return False
    words = " ".join(clause[token.start : token.end].split())
    if not _RATING_WORDS.match(words):
        return False
    if words.endswith("serious"):
        named = " ".join(clause[term.start : term.end].split()) in _domain_names()
        if not named:
            return False
        risk = any(d == "risk_of_bias" for d, _ in term.role.terms)
        return not (risk and token.start < term.start)
    return True


@lru_cache(maxsize=4096)
def rated_down_in_words(text: str) -> tuple[tuple[str, int, str], ...]:
    """(domain, levels, words) of each domain ``text`` says the evidence was rated down for in
    GRADE's judgement words ("downgraded for risk of bias and imprecision", "serious
    inconsistency", "risk of bias was a concern"): the reasons a review's authors give for
    their rating, as a writer reports them. A description of the studies ("most trials were
    at high risk of bias", "I² = 60%") is a fact the rating weighs, not the rating, and is not
    read here."""
    parts = _parts(text)
    if parts is None:
        return ()
    found: dict[str, tuple[int, str]] = {}
    for index, (_offset, clause) in enumerate(parts):
        tokens = _tokens(clause)
        if not any(tok.role.terms for tok in tokens) or _withdrawn(parts, index, text):
            continue
        for t, domain, judged in _verdicts(tokens):
            polarity, levels, q = judged
            if domain not in _ONE_LEVEL or polarity != "concern":
                continue
            if q < 0 or not _rating_word(clause, tokens[t], tokens[q]):
                continue
            words = " ".join(
                clause[
                    min(tokens[t].start, tokens[q].start) : max(tokens[t].end, tokens[q].end)
                ].split()
            )
            previous = found.get(domain)
            if previous is None or levels > previous[0]:
                found[domain] = (levels, words)
    return tuple((d, lv, w) for d, (lv, w) in found.items())
