"""The kind of a statement: claim, recommendation, question or meta.

Rules from ``data/kinds.yaml``, applied to the statement with its asides blanked out: a
question mark ends a question; headings, labels and list leads (ending in ":") are meta;
advice is an imperative or a deontic phrase ("should", "it is advisable to"); meta covers
remarks about the text or the evidence ("more research is needed", "the primary outcome
was"). Anything else is a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..io.pattern_store import cached_pattern, compiled, fingerprint
from ..model.records import Kind
from . import caseless, derivative, first_chars
from .abstract_labels import is_label_name
from .caseless import FoldedSearch, Unsupported, fold, lower_pattern
from .first_chars import grouped
from .literals import holds, required
from .mentions import NUMBERED
from .segment import Segment
from .units import title_like, word_set

_CLOSERS = "\"'”’»)] \t\n"
_FIRST_WORD = re.compile(r"[\W\d_]*([A-Za-z]+(?:['’][tT])?)")
# An opening clause or phrase before the main clause: a condition or time ("If you ...,"),
# a purpose or topic ("To reduce the risk, ...", "For the latest information, ...").
_LEADING_CLAUSE = re.compile(
    r"\s*(?:if|when|whenever|whether|before|after|once|while|unless|until|in\s+case|for|to)\b"
    r"[^,;:]{1,120}"
    r"[,;:]\s*",
    re.IGNORECASE,
)
# A concessive clause that opens the sentence ("While it is important to generate more
# evidence, there is evidence that ..."): advice inside it is conceded, not given.
_CONCESSIVE = re.compile(
    r"\s*(?:while|whilst|although|though|even\s+though|granted\s+that)\b[^,;:]{1,160}[,;:]\s*",
    re.IGNORECASE,
)
_SOFTENERS = re.compile(
    r"\s*(?:(?:so|and|but|also|then|finally|first|instead|otherwise|now|please|ideally|"
    r"preferably|therefore|thus|above\s+all|in\s+short|only|just),?\s+)+",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class KindRules:
    imperatives: frozenset[str]
    objects: re.Pattern[str]
    not_imperatives: frozenset[str]
    signposting: FoldedSearch
    recommendation: FoldedSearch
    recommendation_statement: FoldedSearch
    meta: FoldedSearch
    findings: re.Pattern[str]
    conduct: FoldedSearch
    frames: re.Pattern[str]
    publications: FoldedSearch
    # Strings one of which the folded statement holds wherever ``findings`` matches
    # (.literals); None: no such set, the pattern is always tried.
    findings_need: tuple[str, ...] | None = None
    # Signposting alternatives that open with words of any spelling ("^(?:[\\w-]+\\s+){1,4}
    # (?:is|are)\\s+defined\\s+here"), each with the few strings it needs: kept out of
    # ``signposting`` and tried only on a statement that holds one (.literals).
    signposting_gated: tuple[tuple[tuple[str, ...], FoldedSearch], ...] = ()
    # The strings the writer's stance (``_STANCE``) needs, as ``findings_need``.
    stance_need: tuple[str, ...] | None = None


@lru_cache(maxsize=1)
def load_rules() -> KindRules:
    from ..model.data_yaml import load_data_yaml

    text = resources.files("evidence_claims").joinpath("data/kinds.yaml").read_text("utf-8")
    data = load_data_yaml(text)
    return KindRules(
        imperatives=frozenset(w.replace("’", "'") for w in str(data["imperatives"]).split()),
        objects=compiled(r"[ \t]+(?:" + "|".join(str(data["imperative_objects"]).split()) + r")\b"),
        not_imperatives=frozenset(str(data["not_imperatives"]).split()),
        # (a publication described from the statement's first word is signposting too)
        signposting=_compile(
            [p for p in data["signposting"] + data["publications"] if _gate_of(p) is None],
            0,
            at_start=True,
        ),
        recommendation=_compile(data["recommendation"], 0),
        recommendation_statement=_compile(data["recommendation_statement"], 0, at_start=True),
        # (research told without its findings is meta, read in the same scan; ``conduct``
        # alone tells such a match apart when the statement cites a work)
        meta=_compile(data["meta"] + data["conduct"], re.M),
        findings=compiled("|".join(f"(?:{p})" for p in data["findings"]), re.I),
        conduct=_compile(data["conduct"], re.M),
        frames=compiled("|".join(f"(?:{p})" for p in data["frames"])),
        publications=_compile(data["publications"], 0, at_start=True),
        findings_need=_needs("|".join(f"(?:{p})" for p in data["findings"])),
        stance_need=_needs(_STANCE.pattern),
        signposting_gated=tuple(
            (gate, _compile([p], 0, at_start=True))
            for p in data["signposting"] + data["publications"]
            if (gate := _gate_of(p)) is not None
        ),
    )


def _gate_of(pattern: str) -> tuple[str, ...] | None:
    """The strings a rule tried at the statement's start is gated on, or None for a rule
    kept in its family's alternation: one whose first character is unknown (it opens with
    words of any spelling, which the matcher tries word by word, backtracking) and that needs
    one of at most three strings. A rule that opens with known words fails at its first
    character, quicker than any test before it."""
    if not _OPENS_WITH_CLASS.match(pattern):
        return None
    strings = _needs(pattern)
    return None if strings is None or len(strings) > 3 else strings


# A pattern that opens, at the start or in its first groups, with a character class
# ("^(?:[\w-]+\s+){1,4}"): read from its text, since parsing every rule to learn its first
# characters would add tens of milliseconds to each start.
_OPENS_WITH_CLASS = re.compile(r"\^?(?:\(\?:)*\[")


def _needs(pattern: str) -> tuple[str, ...] | None:
    """The strings (:func:`.literals.required`) one of which a folded text holds wherever
    ``pattern``, matched case-insensitively, matches it; None when unknown or too many."""
    try:
        strings = required(lower_pattern(pattern))
    except Unsupported:
        return None
    return None if strings is None or len(strings) > 12 else tuple(sorted(strings))


_GUARD = "(?<![\\w'’])(?=\\w)"
# The code that turns the rules' patterns into the grouped alternation (..io.pattern_store).
_BUILD_CODE = fingerprint(__file__, caseless.__file__, derivative.__file__, first_chars.__file__)


# A pattern that opens with a set of words and a space ("\\b(?:is|are)\\s+…").
_WORDS_LEAD = re.compile(r"\\b\(\?:([a-z|]+)\)\\s\+")


def factor(patterns: list[str]) -> list[str]:
    """``patterns`` with those that open with the same set of words merged into one.

    "\\b(?:is|are)\\s+X" and "\\b(?:is|was)\\s+Y" become "\\bis\\s+(?:(?:X)|(?:Y))",
    "\\bare\\s+X" and "\\bwas\\s+Y", which match where the originals do; frequent words
    ("is", "were") are then tried once per occurrence instead of once per pattern.
    """
    tails: dict[str, list[str]] = {}
    order: list[str] = []
    for pattern in patterns:
        lead = _WORDS_LEAD.match(pattern)
        keys = [f"\\b{word}\\s+" for word in lead.group(1).split("|")] if lead else [pattern]
        for key in keys:
            if key not in tails:
                tails[key] = []
                order.append(key)
            tails[key].append(pattern[lead.end() :] if lead else "")
    out = []
    for key in order:
        rest = tails[key]
        if not rest[0] and len(rest) == 1 and not key.endswith("\\s+"):
            out.append(key)
        elif len(rest) == 1:
            out.append(key + rest[0])
        else:
            out.append(key + "(?:" + "|".join(f"(?:{t})" for t in rest) + ")")
    return out


def _compile(patterns: list[str], flags: int, *, at_start: bool = False) -> FoldedSearch:
    # Every pattern starts at a word: the guard, tested once per position, skips the rest.
    # Matched case-insensitively, on the statement's lower case where possible (.caseless),
    # where the alternation is split by first character (:func:`by_first_char`), with patterns
    # that open with the same words merged (:func:`factor`).
    # ``at_start``: the rules are only ever tried at the statement's start (``match``). The
    # split by first character pays off where a search tries every word start; at one
    # position it saves nothing, while building and compiling it cost about 0.02 s a set at
    # every start-up, so the plain alternation (in lower case) is compiled.
    patterns = factor(patterns)
    joined = _GUARD + "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"
    plain = flags & ~re.IGNORECASE

    def grouped_form() -> str:
        lower_pattern(joined)  # (raises Unsupported as the parts would)
        lowered = [lower_pattern(p) for p in patterns]
        return _GUARD + "(?:" + by_first_char(lowered, plain, word_start=True) + ")"

    # The lower-case forms, grouped or not, and their compilation were most of the rules'
    # start-up: kept on disk between runs (..io.pattern_store), looked up by the patterns they
    # are made from.
    try:
        if at_start:
            fast = cached_pattern(
                ("kinds at start", joined), _BUILD_CODE, lambda: lower_pattern(joined), plain
            )
        else:
            fast = cached_pattern(("kinds", patterns), _BUILD_CODE, grouped_form, plain)
    except Unsupported:
        return FoldedSearch(joined, flags)
    return FoldedSearch(joined, flags, fast=fast)


def by_first_char(patterns: list[str], flags: int = 0, *, word_start: bool = False) -> str:
    """The alternation of ``patterns``, grouped by the first character each can start with
    (:func:`.first_chars.grouped`; ``flags`` are the pattern's own, ``word_start`` as there).

    At each word start only the alternatives that can begin with its character are tried,
    in their order: whether the alternation matches at a position is unchanged.
    """
    return grouped([(p, 0) for p in patterns], lambda _index: "", flags, word_start=word_start)


def classify(text: str, role: str, *, body_offset: int = 0, whole: str | None = None) -> Kind:
    """The kind of a statement whose (aside-free) text is ``text``.

    ``role`` is the segment's role; ``body_offset`` skips an enumerator kept in the quote.
    ``whole`` is the statement with its asides, where a reported result (an estimate with its
    interval, a cited review that "found") keeps a finding that also names the evidence's
    limits a claim rather than meta; it defaults to ``text``.
    """
    rules = load_rules()
    body = text[body_offset:]
    stripped = body.rstrip(_CLOSERS)
    if stripped.endswith(("?", "?»")):
        return "question"
    if role not in ("heading", "label") and stripped.endswith(":") and _advising_lead(body, rules):
        return "recommendation"
    if role in ("heading", "label") or is_label_sentence(stripped):
        return "meta"
    if stripped.endswith(":") and not _stated_before_colon(stripped):
        return "meta"
    if (role == "item" or (role == "sentence" and not stripped.endswith("."))) and _titled_item(
        stripped
    ):
        return "meta"
    if _may_be_inverted(stripped) and _inverted_question(stripped):
        return "question"
    whole_body = body if whole is None else whole[body_offset:]
    folded = fold(body)
    pattern, target = rules.signposting.pick(body, folded)
    first = _OPENING_QUOTES.match(body).end() if body[:1] in _QUOTES else 0
    if (
        pattern.match(target, first)
        or _gated_signposting(body, folded, first, rules)
        or _titled_publication(body, folded)
    ):
        return "meta"
    if _is_imperative(body, rules):
        return "recommendation"
    main = _main_clause(body)
    pattern, target = rules.recommendation.pick(body, folded)
    # advice unless every deontic word sits in a norm the statement reports
    advice = pattern.finditer(target, main)
    if any(not _REPORTED_NORM.search(body, main, m.start()) for m in advice):
        return "recommendation"
    pattern, target = rules.recommendation_statement.pick(body, folded)
    if pattern.match(target):
        return "recommendation"
    pattern, target = rules.meta.pick(body, folded)
    region = target[main : _trailing_concession(body)].strip()
    found = pattern.search(region)
    if (
        found is not None
        and not _reports_finding(whole_body, rules)
        and not (_CITES.search(whole_body) and _conduct_only(region, found, pattern, rules, folded))
        and not _writers_stance(body, folded, rules.stance_need)
    ):
        return "meta"
    # What would be a claim may be no statement at all: a unit without a word (a phone
    # number), a broadcast's frame (tried last: no rule above reads either otherwise).
    if not _WORD.search(whole_body) or _broadcast_frame(stripped, folded, rules):
        return "meta"
    return "claim"


# The writer's own stance ("in my opinion", "I think", "IMO", "to me,", "I can see"): a
# remark about the evidence or a consensus made with it is the writer's claim (the public gold
# annotates every first-person opinion a claim or advice, never meta), unless research is said
# to be needed (meta by the conventions, whoever says it).
_STANCE = re.compile(
    r"\b(?:in\s+my\s+(?:opinion|view)|i\s+(?:think|believe|feel|can\s+see|can't\s+see|"
    r"cannot\s+see|don['’]t\s+think|do\s+not\s+think)|imo|imho|as\s+i\s+see\s+it)\b|\bto\s+me,",
    re.IGNORECASE,
)
_NEEDED = re.compile(r"\b(?:needed|warranted|required|needs?\s+(?:to\s+be|further|more))\b", re.I)


def _gated_signposting(body: str, folded: str | None, first: int, rules: KindRules) -> bool:
    """Does one of the gated signposting rules (``signposting_gated``) match at ``first``?"""
    for gate, rule in rules.signposting_gated:
        fast = rule.fast
        if folded is None or fast is None:
            if rule.exact.match(body, first):
                return True
        elif holds(folded, gate, first) and fast.match(folded, first):
            return True
    return False


def _writers_stance(
    body: str, folded: str | None = None, need: tuple[str, ...] | None = None
) -> bool:
    """Does the statement carry the writer's own stance (and no call for research)?
    ``folded`` is the statement's :func:`.caseless.fold`, if known: a statement that holds
    none of the strings every stance needs (``need``, see ``KindRules.stance_need``) is
    passed over."""
    if folded is not None and need is not None and not holds(folded, need):
        return False
    return _STANCE.search(body) is not None and _NEEDED.search(body) is None


def _reports_finding(whole_body: str, rules: KindRules) -> bool:
    """Does the statement (asides included) report a finding (``findings`` of
    data/kinds.yaml)? Tried only on a statement that holds one of the strings every finding
    needs (``findings_need``): most statements hold none, and the pattern is tried at every
    position of the statement."""
    if rules.findings_need is not None:
        folded = fold(whole_body)
        if folded is not None and not holds(folded, rules.findings_need):
            return False
    return rules.findings.search(whole_body) is not None


def _conduct_only(
    region: str,
    found: re.Match[str],
    pattern: re.Pattern[str],
    rules: KindRules,
    folded: str | None,
) -> bool:
    """Is every meta match in ``region`` (the first is ``found``) research told without its
    findings (``conduct`` in data/kinds.yaml)? With a citation in the statement such research
    is another work's, reported as a claim; any other remark about the evidence stays meta."""
    conduct = rules.conduct.pick(region, folded)[0]
    match: re.Match[str] | None = found
    while match is not None:
        if conduct.match(region, match.start()) is None:
            return False
        match = pattern.search(region, match.start() + 1)
    return True


# A reference in the statement: a numbered marker ("[5]", "[9-11]") or a year in parentheses
# ("(Smith 2019)", "(2004, vol. 80)"). Research told with one is another work's, which a
# review or essay reports as a claim (docs/extraction-decisions.md, entry 8).
_CITES = re.compile(NUMBERED.pattern + r"|\([^()]{0,80}?\b(?:19|20)\d{2}[a-z]?\b[^()]{0,40}\)")


# The inverted order of an English yes/no question: an auxiliary, then its subject (a pronoun,
# a determiner's phrase or a name) ("Is it safe ...", "Does anyone know ...", "Is UpToDate a
# ..."). Not "Do"/"Have", which open imperatives ("Do not ...", "Have a look ..."), nor "Will"
# or "May" before a name ("Will Smith said ...").
_INVERTED = re.compile(
    r"(?i:(?:so|and|but|also),?\s+)?"
    r"(?:(?i:is|are|was|were|does|did|can|could|would|will|should|has|shall|may|might|"
    r"isn['’]t|aren['’]t|doesn['’]t|didn['’]t|can['’]t|won['’]t|wouldn['’]t|shouldn['’]t)"
    r"\s+(?i:it|you|he|she|they|we|i|there|this|that|these|those|anyone|anybody|someone|"
    r"somebody|everyone|everybody|the|a|an|any|my|your|our|their|his|her|its)"
    r"|(?i:is|are|was|were|does|did|has|can|could|would|should|isn['’]t|aren['’]t|doesn['’]t)"
    r"\s+[A-Z][\w'’-]*)\b"
)
# The lower-case letters an inverted question can open with (a quick test before the
# pattern), read from the pattern itself: a list kept by hand once missed the "b" of "but".
_INVERTED_STARTS = first_chars.lower_starts(_INVERTED.pattern, _INVERTED.flags)


def _may_be_inverted(stripped: str) -> bool:
    """Whether the statement's first character is one an inverted question can open with."""
    return _INVERTED_STARTS is None or stripped[:1].lower() in _INVERTED_STARTS


# Inversion that opens a condition ("Should you notice a rash, stop ...", "Were it not for X,
# ...", "Had we known, ..."): a clause before the main one, not a question.
_CONDITIONAL_INVERSION = re.compile(r"(?i:should|were|had)\b[^,;:]*[,;:]")


def _inverted_question(stripped: str) -> bool:
    """A yes/no question posted without its question mark ("Is melatonin safe for children.",
    "Does anyone know a source on this"): it opens with the inverted order of a question."""
    if _CONDITIONAL_INVERSION.match(stripped) is not None:
        return False
    if _INVERTED.match(stripped) is not None:
        return True
    bare = _BARE_SUBJECT.match(stripped)
    return bare is not None and _noun_like(bare.group(1).lower())


# An auxiliary and a bare lower-case noun as its subject ("Is melatonin therefore safe for
# children.", "Does caffeine raise blood pressure."): read as a question when the word is
# noun-like (:func:`_noun_like`), not the predicate of a sentence without a subject ("Are
# common in older adults.", a list item going on from its lead).
_BARE_SUBJECT = re.compile(
    r"(?:(?i:so|and|but|also),?\s+)?(?i:is|are|was|were|does|did|can|could|has)\s+"
    r"([a-z][a-z'’-]+)\s+[a-z]"
)
# Words that follow an auxiliary as its predicate, not its subject, and the endings of
# adjectives, adverbs and participles.
_PREDICATE_WORDS = word_set(
    "common rare safe unsafe likely unlikely not also often more less most very too so now then "
    "still known thought seen shown given taken made done due such only just well all both each "
    "best better worse high low higher lower key free fine ok okay good bad poor new old there "
    "here in at on of for to by with from about into under over after before first last once "
    "never always ever long"
)
_PREDICATE_ENDINGS = (
    "ly",
    "ed",
    "ing",
    "ous",
    "ful",
    "ive",
    "able",
    "ible",
    "al",
    "ic",
    "ary",
    "ent",
    "ant",
    "less",
)


def _noun_like(word: str) -> bool:
    """Could ``word`` be the bare noun subject of an inverted question?"""
    return word not in _PREDICATE_WORDS and not word.endswith(_PREDICATE_ENDINGS)


# A norm held by others that the statement reports ("There is a widespread belief that
# supplements should be taken with food", "Many hold the view that children should ..."): the
# deontic words after a noun of belief and "that", in the same clause, are not the writer's advice.
_REPORTED_NORM = re.compile(
    r"\b(?:belief|beliefs|view|notion|idea|assumption|perception|misconception|myth|opinion|"
    r"expectation|conviction)\s+(?:\w+\s+){0,3}?that\b[^.;:]*$",
    re.IGNORECASE,
)
# Words one of the ``frames`` patterns needs (in lower case): a statement without any of them
# is no frame, and the patterns, which may match anywhere, are not tried on it.
_FRAME_WORDS = (
    "this is",
    "i'm",
    "i’m",
    "that was",
    "production of",
    "presentation of",
    "produced by",
    "presented by",
    "brought to you by",
)


def _broadcast_frame(stripped: str, folded: str | None, rules: KindRules) -> bool:
    """Does the statement (after a transcript's speaker label) frame a broadcast: its ident,
    host, sign-off or credit line (``frames`` in ``data/kinds.yaml``)? ``folded`` is the
    statement's :func:`.caseless.fold`, if it has one."""
    if len(stripped) > 160:
        return False
    lower = folded if folded is not None else stripped.lower()
    if not any(word in lower for word in _FRAME_WORDS):
        return False
    return rules.frames.search(_SPEAKER.sub("", stripped, count=1)) is not None


def _titled_publication(body: str, folded: str | None) -> bool:
    """Is the statement a listed title, a dash and a publication described by what it holds
    ("Sleep and Memory (Updated: 2019) - This fact sheet explains ...")? (From the statement's
    first word, ``publications`` of data/kinds.yaml are read with the signposting.)"""
    for dash in _TITLE_DASHES:
        at = body.find(dash, 0, 200)
        if at >= 0:
            pattern, target = load_rules().publications.pick(body, folded)
            return pattern.match(target, at + len(dash)) is not None
    return False


# The dashes between a listed title and its description, tried in this order.
_TITLE_DASHES = (" - ", " – ", " — ")


# Quotation marks before the first word ("“Health Notes,” a new series, presents ..."): the
# text's own patterns are tried from its first word.
_OPENING_QUOTES = re.compile(r"[\"“‘]*")
_QUOTES = frozenset('"“‘')
# A transcript's speaker label in capitals ("HOST: ", "DR. LEE: "), left out when a broadcast's
# frame is looked for.
_SPEAKER = re.compile(r"^[A-Z][A-Z’'.-]+(?:\s+[A-Z][A-Z’'.-]+){0,2}:\s+(?=\S)")
# A word: a unit without one (a phone number, a bare figure) states nothing.
_WORD = re.compile(r"[^\W\d_]{2}")


# Imperatives that point the reader to the text itself ("See the list below:", "Consider the
# following:", "Note:"): a list lead of the page, not advice.
_POINTING = frozenset(
    {"see", "note", "consider", "read", "look", "find", "visit", "learn", "watch"}
)


def _advising_lead(body: str, rules: KindRules) -> bool:
    """A list lead in the imperative ("Ask your pharmacist these questions:", "Follow these
    steps:") gives advice, as imperatives do whatever they ask for; one that points to the
    text ("See the list below:") stays a lead."""
    match = _FIRST_WORD.match(body)
    if match is None or match.group(1).lower() in _POINTING:
        return False
    return _is_imperative(body, rules)


_LIST_LEAD = re.compile(
    r"\b(?:following|include[sd]?|including|such\s+as|for\s+example|e\.g|below|these|tips|"
    r"examples|steps|questions|ways|list|here)\b",
    re.IGNORECASE,
)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had)\b|\bbecause:$", re.IGNORECASE)


def _stated_before_colon(stripped: str) -> bool:
    """A full statement that ends in a colon before its list ("Vitamin D is important to your
    body because:", "There are several problems with this:") states something itself; a lead
    that announces the list ("Common side effects include:", "For example:", "Here are some
    tips:") or a short lead ("Advice for patients:") says nothing of its own."""
    return (
        len(stripped.split()) >= 5
        and _FINITE.search(stripped) is not None
        and _LIST_LEAD.search(stripped) is None
    )


def is_label_sentence(text: str) -> bool:
    """A structured-abstract label set off by a full stop instead of a colon ("Methods.",
    "Main results."), which the sentence splitter leaves as a sentence of its own."""
    text = text.strip()
    return 1 < len(text) <= 40 and text.endswith(".") and is_label_name(text[:-1].rstrip())


def _titled_item(stripped: str) -> bool:
    """A list item or a unit of running text worded as a title, without a full stop: the name
    of a linked page or article ("Tips for Dietary Supplement Users", "Mixing Medications and
    Dietary Supplements Can Endanger Your Health"), or a series number, credit or affiliation
    left after a paragraph's sentences ("National Institute of X Fact Sheet 2.1"), not a
    statement of its own. A trailing ellipsis ("More Consumer Updates ...") is no full stop."""
    if stripped.endswith(("..", "…")):
        stripped = stripped.rstrip(".…").rstrip()
    return bool(stripped) and stripped[-1] not in ".!?" and title_like(stripped)


_TRAILING_CONCESSIVE = re.compile(r",\s+(?:although|though|even\s+though|whereas)\s", re.IGNORECASE)
# A clause added after a semicolon; one that turns against the first ("; however, ... has not
# been addressed", "; but ...") carries the point and is read with it, as "but" is.
_ADDED_CLAUSE = re.compile(
    r";(?!\s*(?:however|but|yet|nevertheless|nonetheless|still|though)\b)", re.IGNORECASE
)


def _trailing_concession(body: str) -> int:
    """Where a trailing concessive clause starts (", although there is no evidence that ..."),
    or a second clause after a semicolon ("...; the trial had serious limitations"), else the
    end: a remark about the evidence conceded or added there does not make the first clause
    ("Ginseng has been used for centuries", "Symptoms were about the same with either drug") a
    remark about the evidence. A clause joined by "but" is coordinate, not conceded, and is
    read with the rest."""
    match = _TRAILING_CONCESSIVE.search(body)
    end = match.start() if match else len(body)
    added = _ADDED_CLAUSE.search(body, 0, end)
    return added.start() if added else end


def _main_clause(body: str) -> int:
    """Where the main clause starts: after an opening concessive clause, else at 0."""
    concession = _CONCESSIVE.match(body)
    return concession.end() if concession else 0


# Sections of a structured abstract that say what the study set out to do and how it was done
# (CONSORT 2010 for
# Abstracts, the BMJ's "Design, Setting, Participants, Main outcome measures", Cochrane and
# PRISMA 2020 for Abstracts): every statement in them is about the study, not a finding.
METHOD_SECTIONS = frozenset(
    {
        "objective",
        "objectives",
        "aim",
        "aims",
        "purpose",
        "methods",
        "method",
        "materials and methods",
        "design",
        "setting",
        "settings",
        "design and setting",
        "design, setting, and participants",
        "participants",
        "subjects",
        "interventions",
        "intervention",
        "measurements",
        "main outcome measures",
        "main outcomes and measures",
        "search methods",
        "selection criteria",
        "data collection and analysis",
        "eligibility criteria",
        "information sources",
        "data sources",
        "study selection",
        "data extraction",
        "evidence acquisition",
    }
)


# An aim section often opens with the background that motivates the aim ("Purpose: Both X and
# Y are accepted indices of ageing. Recent studies have shown ... The purpose of the study was
# ..."): the aim itself is meta by the sentence rules ("To assess ...", "The purpose of the
# study was ..."), the background stays what it is.
_AIM_SECTIONS = frozenset({"objective", "objectives", "aim", "aims", "purpose"})
_BACKGROUND_SECTIONS = frozenset({"background", "introduction", "context", "importance"})
# What a result looks like wherever an abstract prints it (some put their results under
# "Materials and Methods"): an effect statistic with its value ("OR = 1.4", "b = -1.02",
# "r=0.39", "HR 0.81 (95% CI ..."), a p-value, or an association the data showed ("was
# significantly associated with", "were inversely correlated with"). A methods sentence names
# what was measured and how, never a value of an effect or a test (CONSORT 2010 items 6 and 17,
# STROBE 2007 items 12 and 16-17 keep the two apart).
_REPORTED_RESULT = re.compile(
    r"(?<![\w-])(?:a?OR|a?HR|a?RR|IRR|SMD|WMD|MD|b|β|r|rho|ρ)\s*(?:=|:)\s*[-−–]?\d"
    r"|(?<![\w-])p\s*(?:=\s*)?[<≤=]\s*0?\.\d"
    r"|\b9[059]\s*%\s*(?:CI|confidence\s+intervals?)\b"
    r"|\b(?:was|were|is|are)\s+(?:\w+ly\s+)?(?:associated|correlated)\s+with\b"
    r"|\bhad\s+(?:the\s+)?(?:most|largest|strongest|greatest|smallest|least)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:effect|impact|influence)\b",
    re.IGNORECASE,
)
_REPORTS_RESULTS = re.compile(r"\b(?:findings|results)\b")


def in_method_sections(document: str, segments: list[Segment], kinds: list[Kind]) -> list[Kind]:
    """``kinds`` with the claims of a structured abstract's methods sections made ``meta``.

    A section opens at its label ("Design:", "Methods" on a line of its own, "Subjects/Methods")
    and runs to the next heading or label; one opened by a label inside a paragraph ends with
    that paragraph. Questions and recommendations keep their kind. A label that covers results
    too ("Methods and findings", "Methods/Principal Findings", PLOS) or background
    ("Background/Objectives") opens no methods section. A sentence that reports a result (an
    effect statistic, a p-value, an association found) stays a claim wherever it is printed.
    """
    out = list(kinds)
    inside = False
    opened_in: int | None = None  # the paragraph of an inline label, else None
    for index, seg in enumerate(segments):
        text = seg.text(document)
        if seg.role in ("heading", "label") or is_label_sentence(text):
            name = text.rstrip(":.").strip().lower()
            parts = {part.strip() for part in name.split("/")}
            inside = (
                bool(parts & (METHOD_SECTIONS - _AIM_SECTIONS))
                and not parts & _BACKGROUND_SECTIONS
                and not _REPORTS_RESULTS.search(name)
            )
            opened_in = seg.paragraph if seg.role != "heading" else None
            continue
        if inside and opened_in is not None and seg.paragraph != opened_in:
            inside = False
        if inside and out[index] == "claim" and not _REPORTED_RESULT.search(text):
            out[index] = "meta"
    return out


def classify_segment(document: str, segment: Segment, asides_free: str) -> Kind:
    """:func:`classify` for a segment, given its text with asides blanked."""
    return classify(
        asides_free,
        segment.role,
        body_offset=segment.body - segment.start,
        whole=segment.text(document),
    )


def is_imperative(body: str) -> bool:
    """Does ``body`` (or its main clause after "If ..., ") open with an imperative verb?"""
    return _is_imperative(body, load_rules())


def _is_imperative(body: str, rules: KindRules) -> bool:
    for candidate in _clause_starts(body):
        match = _FIRST_WORD.match(candidate)
        if match is None:
            continue
        word = match.group(1).lower().replace("’", "'")
        rest = candidate[match.end() :]
        if word == "let":
            us = re.match(r"(?:['’]s|\s+us)\s+(all\s+|not\s+|each\s+)?([A-Za-z]+)", rest, re.I)
            if us is not None:
                # "Let's all do our part", "Let us not forget": advice to writer and reader;
                # "Let's say that ...", "Let us consider ...": the writer's discourse.
                verb = us.group(2).lower()
                if us.group(1) or (verb in rules.imperatives and verb not in _DISCOURSE):
                    return True
                continue
        if rest.startswith(":"):
            continue  # "CONTACT: ...", "Note: ...": a label, not an instruction
        if word in rules.imperatives and (word == "beware" or not _is_noun_use(rest)):
            return True
        if word == "do" and re.match(r"\s+not\b", candidate[match.end() :], re.I):
            return True
        if _plain_verb_before_object(match.group(1), word, rest, rules):
            return True
    return False


_PLAIN = re.compile(r"[A-Za-z][a-z]+")


def _plain_verb_before_object(token: str, word: str, rest: str, rules: KindRules) -> bool:
    """Does the clause open with a plain word followed at once by an object or a particle
    ("Plan your meals", "Join a group", "Slow down")? See ``imperative_objects`` in
    ``data/kinds.yaml`` for why this marks the imperative."""
    if not _PLAIN.fullmatch(token) or word in rules.not_imperatives:
        return False
    if word.endswith(("ing", "ed", "ly")) or (word.endswith("s") and not word.endswith("ss")):
        return False
    return rules.objects.match(rest) is not None


# A short lead before a colon ("The bottom line: talk to your doctor", "Our advice: start low").
_SHORT_LEAD = re.compile(r"[^:;.!?]{1,40}:\s+(?=\S)")


def _clause_starts(body: str) -> list[str]:
    """Where the main clause may start: the statement, after a short lead ("Bottom line: "),
    after a softener ("And ", "Only "), and after an opening clause ("If ..., ", "Before
    buying, ") at any of those, then after a softener again."""
    starts = [body]
    lead_in = _SHORT_LEAD.match(body)
    if lead_in and len(lead_in.group().split()) <= 5:
        starts.append(body[lead_in.end() :])
    soft = _SOFTENERS.match(body)
    if soft:
        starts.append(body[soft.end() :])
    for start in list(starts):
        lead = _LEADING_CLAUSE.match(start)
        if lead:
            rest = start[lead.end() :]
            starts.append(rest)
            soft = _SOFTENERS.match(rest)
            if soft:
                starts.append(rest[soft.end() :])
    return starts


# Verbs with which "let's" leads the text on rather than advising ("Let's say", "Let us
# consider", "Let's look at the trials").
_DISCOURSE = frozenset({"say", "consider", "look", "see", "turn", "start", "begin", "take", "read"})

_NOUN_USE = re.compile(
    r"\s+(?:of|by|is|are|was|were|has|have|had|can|may|might|will|would)\b", re.IGNORECASE
)


def _is_noun_use(rest: str) -> bool:
    """'Use of X is ...', 'Report suggests ...', 'Follow-up was ...': the first word is a noun."""
    return rest.startswith("-") or bool(_NOUN_USE.match(rest))


# What a result looks like in words, for :func:`methods_continued`: a comparison, a change, an
# association, a share or a finding verb. A sentence that holds none of these after a methods
# sentence says how the study was done or whom it enrolled, not what it found.
_RESULT_WORDING = re.compile(
    r"\b(?:than|higher|lower|more|less|fewer|greater|smaller|larger|most|majority|half|"
    r"increas\w*|decreas\w*|reduc\w*|improv\w*|worse\w*|better|rose|fell|declin\w*|"
    r"significant\w*|associat\w*|correlat\w*|linked|predict\w*|"
    r"show|shows|showed|shown|found|finds?|reveal\w*|demonstrat\w*|suggest\w*|indicat\w*|"
    r"differ\w*|similar\w*|compared|common|likely|unlikely|none|no|not|never|any|"
    r"died|deaths?|positive|negative|beneficial|harmful|protective|effective|ineffective|"
    r"helped|worked|safe|unsafe)\b|%|\bpercent\b"
    r"|\b(?:had|has|have|showed|exerted)\s+(?:\w+\s+){0,3}?(?:effects?|impacts?|benefits?|"
    r"influence|role)\b",
    re.IGNORECASE,
)
# A sentence that tells how a study was done: its aim ("to assess", "the aim of ... was to
# examine") or a verb of conduct in the study's voice ("we examined", "was conducted",
# "were enrolled"); the methods sentences :func:`methods_continued` continues.
_CONDUCT_VERBS = (
    r"(?:examined|recruited|enrolled|conducted|carried\s+out|performed|assessed|measured|"
    r"collected|gathered|followed|randomi[sz]ed|assigned|allocated|included|interviewed|"
    r"surveyed|analy[sz]ed|studied|investigated|evaluated|tested|screened|sampled|selected|"
    r"administered|recorded|obtained|used|distributed|sent|mailed)"
)
_METHODS_SENTENCE = re.compile(
    r"\b(?:we|researchers|investigators|authors)\s+(?:\w+\s+)?" + _CONDUCT_VERBS + r"\b"
    r"|\b(?:was|were)\s+(?:\w+\s+)?" + _CONDUCT_VERBS + r"\b"
    r"|\b(?:to|aims?|aimed|purpose|objectives?|goal)\s+(?:\w+\s+){0,3}?(?:assess|evaluate|"
    r"examine|determine|investigate|compare|estimate|measure|explore|describe|identify)\b",
    re.IGNORECASE,
)


def methods_continued(document: str, segments: list[Segment], kinds: list[Kind]) -> list[Kind]:
    """``kinds`` with a claim that continues a methods sentence made ``meta``.

    A study's account of its own conduct runs over several sentences ("We examined 25 adults
    with ... Subjects performed a task designed to ...", "A survey was conducted ... Data about
    ... was gathered."); the rules read the first by its verb ("we examined", "was
    conducted") and the next ones, which name the material, the task or the sample without
    such a verb, as claims. A sentence of the same paragraph right after a methods sentence
    (``meta`` by the rules, worded as conduct: :data:`_METHODS_SENTENCE`) that words no result
    (:data:`_RESULT_WORDING`, :data:`_REPORTED_RESULT`) and cites nothing continues it.
    """
    out = list(kinds)
    for index in range(1, len(segments)):
        seg, prev = segments[index], segments[index - 1]
        if out[index] != "claim" or kinds[index - 1] != "meta":
            continue
        if seg.role != "sentence" or prev.role != "sentence" or seg.paragraph != prev.paragraph:
            continue
        before = prev.text(document)
        if not _METHODS_SENTENCE.search(before):
            continue
        text = seg.text(document)
        if _RESULT_WORDING.search(text) or _REPORTED_RESULT.search(text) or _CITES.search(text):
            continue
        out[index] = "meta"
    return out


def _unpunctuated_item(document: str, seg: Segment) -> bool:
    """A list item that opens with a capital and ends without a sentence's mark."""
    body = document[seg.body : seg.end].strip().rstrip(_CLOSERS)
    return seg.role == "item" and body[:1].isupper() and body[-1:] not in ".?!:;,"


def _names_a_page(document: str, seg: Segment) -> bool:
    """An item worded as the name of a page or a work: three words or more ("Iron in everyday
    food"), or two capitalised words ("Safety Alerts"); not a short sentence-case term of a
    list of symptoms or examples ("Nausea", "Dry mouth")."""
    words = document[seg.body : seg.end].split()
    return len(words) >= 3 or sum(1 for w in words if w[:1].isupper()) >= 2


def listed_under_heading(document: str, segments: list[Segment], kinds: list[Kind]) -> list[Kind]:
    """``kinds`` with a list of names set under a heading made ``meta``.

    Two or more list items in a row that open with a capital and end without a mark, right
    under a heading of at most twelve words, name things (the pages of a menu or a breadcrumb
    trail, linked articles, resources, offices): "Related pages" over "Vitamin D and bones",
    "Calcium in food"; "Home", "For Parents", "Safety Alerts". One of them at least must be
    worded as such a name (:func:`_names_a_page`): short terms under "Symptoms" ("Nausea",
    "Dry mouth") are a list of statements, as docs/extraction.md has it. A list that goes on from a
    sentence ("Side effects include:", "To take it safely:") or whose items open in lower case
    and finish the sentence before them is not under a heading, and its items stay what the
    rules read; only claims are changed (advice in a list stays advice).
    """
    out = list(kinds)
    count = len(segments)
    index = 1
    while index < count:
        head = segments[index - 1]
        end = index
        while end < count and _unpunctuated_item(document, segments[end]):
            end += 1
        if (
            end - index >= 2
            and head.role == "heading"
            and len(head.text(document).split()) <= 12
            and any(_names_a_page(document, segments[at]) for at in range(index, end))
        ):
            for at in range(index, end):
                if out[at] == "claim":
                    out[at] = "meta"
        index = max(end, index + 1)
    return out
