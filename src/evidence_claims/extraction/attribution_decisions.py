"""The per-statement decision rules of :func:`.attribute.attribute`, and the walk state they share.

Each rule either decides a statement or passes it on; :func:`decide` tries them in order.
Longer than most modules for a reason: the rules are one ordered list whose parts read the
same walk state and build results the same way; split apart, the order would be harder to see.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..model.records import Basis, Kind
from .attribution_citations import FALLBACK_DESIGN, Resolved, generic_cue
from .attribution_reading import Document, Statement, self_report
from .attribution_rules import (
    ANECDOTAL,
    AUTHORITY,
    EXPERT,
    REVIEW,
    STUDY_TYPES,
    UNSOURCED,
    CueHit,
    choose_cue,
    voice_design,
)
from .attribution_speakers import named_again, official_speaker
from .attribution_voice import DIAGNOSTIC, names_body
from .segment import LABELS, Segment

_OPENING_QUOTES = "\"“‘'«`"  # (`` opens a quotation in plain-text transcripts)
# An expert named as an author or leader of a study ("said study author X", "said lead
# investigator X", "said study leader X").
# A bare "the authors suggest/speculate" is the authors' own opinion, not a quotation of the
# study's author (docs/extraction-decisions.md, 39): a qualifier or a reporting verb must name
# the author as the study's.
_STUDY_AUTHOR = re.compile(
    r"\b(?:study|lead|senior|first|principal|co-?|corresponding)[\s-]*"
    r"(?:author|investigator|leader)\b"
    r"|\b(?:said|says|according\s+to)\s+(?:the\s+)?(?:author|investigator|leader)\b",
    re.I,
)
# A report's deictic reference to its own study ("this study", "our trial", "our aim").
_OWN_DEIXIS = re.compile(r"(?:this|our)\b", re.I)
# Words that name a study's measuring instrument as much as a survey design.
_INSTRUMENT = re.compile(r"questionnaires?|interviewed", re.I)
_OPEN_QUESTION = re.compile(r"[\W]*whether\b", re.I)
_HUMAN_SHIFT = re.compile(
    r"[\W]*in\s+(?:adults|humans|people|patients|children|women|men|volunteers)\b", re.I
)
# A paragraph opening on a fronted population frame ("In adults, ...", "Among older people")
# starts a sub-topic of its own (Chafe 1976's frame-setting topics): without a cue of its own
# the statement does not continue the previous paragraph's passage.
_FRAME_SHIFT = re.compile(
    r"[\W]*(?:in|among|for)\s+(?:(?:older|younger|young|healthy|pregnant|elderly)\s+)?"
    r"(?:adults|humans|people|patients|children|adolescents|teenagers|infants|women|men"
    r"|volunteers)\b",
    re.I,
)
# A paragraph that opens on a pronoun ("It fell most in older adults", "They reported ...")
# goes on about what the previous one was about.
_PRONOUN_START = re.compile(
    r"[\W]*(?:(?:so|and|but|also|however|moreover),?\s+)?"
    r"(?-i:It|Its|They|Their|These|Those|This|Such|He|She|His|Her)\b"
)
# Unnamed people as the subject ("Some people take it for pain"): what people do is not what
# an agency or an expert just said; without a report verb it rests on nothing named.
_GENERIC_PEOPLE = re.compile(
    r"[\W]*(?:(?:so|and|but|also|however),?\s+)?(?:some|many|most|few|other|certain)\s+"
    r"(?:people|users|consumers|individuals|patients|adults|persons)\b",
    re.I,
)

# The writer as the subject of a first-person report, and the verbs of an experience of use
# whose details the next statements give (the experience cue of data/attribution.yaml).
_FIRST_PERSON = re.compile(r"(?-i:I)(?:['’]ve|\s)")
_EXPERIENCE = re.compile(
    r"\b(?:used|tried|taken|took|noticed|felt|experienced|had|take|use)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """The evidence of one statement, with the cue that decided it (document offsets)."""

    type: str
    basis: Basis
    sources: tuple[str, ...] = ()
    cue: tuple[int, int] | None = None
    carried_from: int | None = None  # index of the statement that opened the passage
    mention: str | None = None  # an informal mention resolved to the sources
    by_position: bool = False  # some sources came from numbered markers ("[4]")
    # Author citations with no bibliography entry: (the citation, the closest keys).
    unresolved: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass
class _Passage:
    type: str
    sources: tuple[str, ...]
    opened_by: int
    quote_only: bool = False
    # a poster's or blogger's own opinion ("I think ..."): it goes on to the end of the post
    own_post: bool = False
    report: bool = False  # the study the document itself reports (research-report voice)
    # The keys of the work the passage reports when they are not carried to every statement
    # (a study a news text names, resolved to its entry): a statement that names it again by a
    # definite description ("this study", "the trial") takes them back.
    named: tuple[str, ...] = ()


@dataclass
class Walk:
    """The state carried from one statement to the next."""

    passage: _Passage | None = None
    grounded: bool = False  # has any statement named a ground yet?
    paragraph: int = -1
    advice_only: bool = True  # is the current paragraph advice so far?
    in_report: bool = False  # inside a report's own section ("Methods:", "Results")?
    last_study: _Passage | None = None  # the latest study passage of this section
    study_paragraph: int = -1  # the paragraph of the latest statement resting on it
    study_left: bool = False  # has a statement on another ground (not a quotation) come since?
    section_design: str | None = None  # the design a section heading names ("Randomized trials")
    officials: set[str] = field(default_factory=set)  # names of quoted officials of a body
    cited: set[str] = field(default_factory=set)  # keys cited by author, number or body so far
    study_section: bool = False  # under a heading that names the study reported ("Main Findings")


def new_paragraph(walk: Walk, segment: Segment, kind: Kind) -> None:
    if segment.paragraph != walk.paragraph:
        passage = walk.passage
        if walk.paragraph >= 0 and walk.advice_only and passage is not None and not passage.report:
            walk.passage = None  # a paragraph of pure advice ends the passage
        walk.paragraph = segment.paragraph
        walk.advice_only = True
    if kind != "recommendation":
        walk.advice_only = False


def decide(doc: Document, walk: Walk, st: Statement) -> Attribution:
    walk.cited.update(key for item in st.resolved if item.informal is None for key in item.keys)
    decided = _layout(doc, walk, st)
    if decided is not None:
        return decided
    _topic_shift(doc, walk, st)
    for rule in _RULES:
        result = rule(doc, walk, st)
        if result is not None:
            break
    else:
        result = _carried(doc, walk, st)
    result = _named_by_venue(walk, st, result)
    result = _described_again(doc, walk, st, result)
    if walk.passage is not None and walk.passage.type in STUDY_TYPES:
        walk.last_study = walk.passage
        walk.study_paragraph = st.segment.paragraph
        walk.study_left = False
    elif walk.last_study is not None and result.type != EXPERT:
        walk.study_left = True  # the text went on to another ground, not only a comment
    return result


def _named_by_venue(walk: Walk, st: Statement, result: Attribution) -> Attribution:
    """A study the passage reports, named by its journal ("a senior author of the study
    published in Nature Neuroscience"): the key joins the passage from here on."""
    passage = walk.passage
    if result.basis != "context" or result.sources or passage is None:
        return result
    keys = tuple(
        key
        for item in st.resolved
        if item.venue and item.type in (None, result.type)
        for key in item.keys
    )
    if not keys or passage.type != result.type:
        return result
    passage.sources = keys
    mention = next(item.informal for item in st.resolved if item.venue)
    return Attribution(
        result.type, "inferred", keys, result.cue, carried_from=result.carried_from, mention=mention
    )


# A definite description of a piece of research ("this study", "the new trial", "the
# article"): the work a passage reports, named again without its name.
_DESCRIBED = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:new|recent|latest|same|original|published|[\w-]+-year)\s+)?"
    r"(?:study|trial|article|paper|report|analysis|survey)\b(?!\s+(?:of|on|to)\b)",
    re.I,
)


# A study named by its acronym alone ("the VITAL study", "The ZINCO trial").
_ACRONYM_NAME = re.compile(
    r"(?:the|this|a|an)\s+(?-i:[A-Z][A-Z0-9-]{2,})\s+(?:study|trial|cohort|survey)", re.I
)


def _described_again(doc: Document, walk: Walk, st: Statement, result: Attribution) -> Attribution:
    """A work named again by a definite description rests on its key (``inferred``).

    "Results from this study suggested ...", after "a new study published in <journal>" was
    resolved to its entry: the sentence mentions the work, so it is no longer ``context``
    without a key (docs/extraction-decisions.md, 46). Only for a passage whose key is not
    carried to every statement (the study a news text or an agency's page reports); a
    research report's "this study" is the report itself and has no entry.
    """
    passage = walk.passage
    if (
        result.basis not in ("context", "explicit")
        or st.kind == "recommendation"  # "You can read the article here" points, rests on none
        or result.sources
        or passage is None
        or not passage.named
        or passage.type != result.type
    ):
        return result
    match = _DESCRIBED.search(doc.text, st.segment.start, st.segment.end)
    if match is None:
        return result
    return replace(result, basis="inferred", sources=passage.named, mention=match.group(0))


def _layout(doc: Document, walk: Walk, st: Statement) -> Attribution | None:
    """Headings, labels, list leads and "[citation needed]" rest on nothing."""
    segment = st.segment
    label = _label_word(doc.text, segment)
    if label is not None:
        walk.in_report = label not in _PREFACE_LABELS
    if segment.role == "heading":
        study = (
            walk.passage
            if walk.passage is not None and walk.passage.type in STUDY_TYPES
            else walk.last_study
        )
        walk.study_section = False
        if (
            label is None
            and study is not None
            and _STUDY_HEADING.fullmatch(doc.text, segment.start, segment.end)
        ):
            # "Main Findings", "About this Study": the section goes on with the study just
            # reported, so its statements rest on it (docs/extraction-decisions.md, 3 and 35).
            walk.passage = study
            walk.study_section = True
        elif label is None:
            walk.passage = None  # a new section starts a new topic
            walk.last_study = None
            walk.in_report = False
            # A section heading (not the document's title) that names a design says what the
            # works cited under it are ("Randomized clinical trials", "Cohort studies").
            designs = [c.type for c in st.main if c.type in STUDY_TYPES]
            walk.section_design = designs[0] if designs and st.index > 0 else None
        return Attribution(UNSOURCED, "none")
    if segment.role == "label" or (st.kind == "meta" and _is_lead(doc.text, segment)):
        return Attribution(UNSOURCED, "none")
    if st.kind == "meta" and (
        _untitled_end(doc.text, segment) or _REGISTRY.search(doc.text, segment.start, segment.end)
    ):
        # A title, a link in a list of articles, a date, a field line: meta text without a
        # sentence's end rests on nothing, whoever publishes the page
        # (docs/extraction-decisions.md, 2).
        return Attribution(UNSOURCED, "none")
    if any(c.type == "unsourced" for c in st.main + st.side) and not st.explicit:
        # "[citation needed]": the text itself says the statement has no source (one that
        # names its ground, "Studies show ...[citation needed]", still rests on that ground).
        return Attribution(UNSOURCED, "none")
    return None


# A heading that names the study a page reports or its findings, not a new topic.
_STUDY_HEADING = re.compile(
    r"\s*(?:(?:main|key|major|study|the\s+study['’]s|its)\s+)?(?:study\s+)?(?:findings|results)"
    r"|\s*about\s+(?:this|the)\s+(?:study|report|trial|survey|research)"
    r"|\s*what\s+the\s+(?:study|researchers|trial)\s+found\s*",
    re.I,
)


def _label_word(document: str, segment: Segment) -> str | None:
    """The structured-abstract label a label or heading unit is ("Results", "Methods:")."""
    if segment.role not in ("label", "heading"):
        return None
    words = document[segment.start : segment.end].rstrip(":").strip().lower()
    if words in LABELS:
        return words
    # "Methodology/Principal Findings": a name of labels joined by "/" is one label.
    parts = [part.strip() for part in words.split("/")]
    return parts[-1] if len(parts) > 1 and all(part in LABELS for part in parts) else None


# Labels of the parts of a document that come before or beside its own study (what is known
# already, notes); every other label ("Methods", "Results", "Conclusion") opens a section of
# the report itself, whose statements rest on the study it reports.
_PREFACE_LABELS = frozenset(
    {
        "background",
        "backgrounds",
        "introduction",
        "context",
        "importance",
        "note",
        "notes",
        "update",
        "edit",
        "disclaimer",
        "funding",
        "tl;dr",
        "evidence",
    }
)


def _topic_shift(doc: Document, walk: Walk, st: Statement) -> None:
    """End the open passage where the text turns to another topic.

    From animals or cells to people; at a paragraph that opens on another population ("In
    adults, ..."); and, for a study or a cited source, at any paragraph boundary unless the
    new paragraph refers back to it ("these studies", "the trial", "participants"): a study
    is reported in the paragraph that names it, and a later paragraph without a link back is
    the writer's next point (an expert's view, a summary). Reports of users' experience and
    cross-references go on over paragraphs, and so does a study the document itself reports.
    """
    passage, segment, text = walk.passage, st.segment, doc.text
    if passage is None or segment.role in ("heading", "label"):
        return
    if (
        passage.type in ("animal_study", "in_vitro")
        and _HUMAN_SHIFT.match(text, segment.body, segment.end)
        and not st.main
    ):
        walk.passage = None  # from animals or cells to people: a new topic
        return
    first_of_paragraph = st.index > 0 and doc.segments[st.index - 1].paragraph != segment.paragraph
    if passage.own_post and (
        first_of_paragraph
        or st.kind == "meta"
        or "\n" in text[doc.segments[st.index - 1].end : segment.end]
    ):
        # A signature, a new paragraph or line: the post has ended (threads break posts at a
        # line), or the writer goes on to the next point.
        walk.passage = None
        return
    if not first_of_paragraph or passage.report or passage.quote_only:
        return
    if walk.study_section and passage.type in STUDY_TYPES:
        return  # the paragraphs of a section about the study all refer back to it
    refers_back = bool(
        _PRONOUN_START.match(text, segment.body, segment.end)
        or st.cues("anaphora")
        or st.cues("own_study")
        or st.cues("report")
        or any(m.form == "backref" for m in doc.mentions[st.index])
    )
    if refers_back or st.explicit or st.named_type:
        return
    if _FRAME_SHIFT.match(text, segment.body, segment.end) or (
        passage.type in STUDY_TYPES or passage.sources
    ):
        walk.passage = None


def _quotation(doc: Document, walk: Walk, st: Statement) -> Attribution | None:
    """An opinion carries only into its own continued quotation."""
    passage = walk.passage
    if passage is None or not passage.quote_only:
        return None
    if doc.text[st.segment.start] not in _OPENING_QUOTES:
        walk.passage = None
        return None
    if st.kind not in ("question", "recommendation") and not any(
        c.type == EXPERT for c in st.explicit
    ):
        # A continued quotation goes on in the speaker's voice, whatever it mentions.
        return _context(passage, None)
    return None


def _question(doc: Document, walk: Walk, st: Statement) -> Attribution | None:
    """A question (or "Whether X ... is unknown") opens a topic rather than continuing one."""
    if not (
        st.kind == "question"
        or (st.kind == "meta" and _OPEN_QUESTION.match(doc.text, st.segment.body))
    ):
        return None
    walk.passage = None
    explicit = st.explicit
    if st.kind == "question":
        # A question names no ground unless it quotes or cites one: the asker's "Should I take
        # a multivitamin?" is no first-person report, "Is this something experts agree on?"
        # no expert's view (docs/extraction-decisions.md, 17).
        explicit = [c for c in explicit if c.type not in (ANECDOTAL, EXPERT)]
    if explicit:
        return _explicit(choose_cue(explicit, doc.rules, doc.text), st.resolved, doc.text)
    if st.named_type and _cites(st):
        # "Whether zinc prevents deaths is not known: a Cochrane review (Lazzerini 2016) found
        # too little evidence": the open question rests on the work it cites.
        return _from_mentions(st.named_type, st.resolved)
    return Attribution(UNSOURCED, "none")


def _advice(doc: Document, walk: Walk, st: Statement) -> Attribution | None:
    """Advice rests on the adviser it names, else on the writer (or the issuing agency)."""
    if st.kind != "recommendation":
        return None
    passage = walk.passage
    if st.explicit:
        chosen = _explicit(choose_cue(st.explicit, doc.rules, doc.text), st.resolved, doc.text)
        if passage is not None and chosen.type != passage.type and not passage.report:
            walk.passage = None  # advice on another ground: the passage's source is left
        # A ground named ("I think X should go"): the advice after it rests on it too
        # (docs/extraction-decisions.md, 15 and 51).
        walk.grounded = True
        if _own_view(doc, chosen):
            walk.passage = _Passage(EXPERT, chosen.sources, st.index, own_post=True)
        return chosen
    if st.named_type and _cites(st):
        # "Iron is advised for children (WHO 2011)": advice that cites the work it comes
        # from (by author, body or number) rests on that work.
        chosen = _from_mentions(st.named_type, st.resolved)
        if passage is not None and chosen.type != passage.type and not passage.report:
            walk.passage = None
        walk.grounded = True
        return chosen
    anaphora = st.cues("anaphora")
    if anaphora and passage is not None and not passage.quote_only:
        return _context(passage, anaphora[0])
    if st.voice:
        # Advice in a document an agency issued is the agency's advice.
        return _voice(doc, st)
    # In a research report too: "Clinicians should offer tai chi" under its conclusions is the
    # authors' judgement on their results (docs/extraction-decisions.md, 15); advice that
    # points back ("These findings suggest ...") went on with the passage above.
    return Attribution(EXPERT, "context" if walk.grounded else "none")


def _planned(doc: Document, walk: Walk, st: Statement) -> Attribution | None:
    """Planned or possible research: nothing to rest on yet, and the topic turns."""
    if not st.cues("irrealis"):
        return None
    walk.passage = None
    return Attribution(UNSOURCED, "none")


def _report(doc: Document, walk: Walk, st: Statement) -> Attribution | None:
    """Research-report voice speaks for the study it reports.

    "We conducted", "This study aimed", "participants received", "were enrolled": inside an
    open study passage this continues that study (a researcher's own words in the news);
    otherwise the document reports a study of its own, whose design comes from the statement,
    the title or the report's other statements (:func:`_report_design`). Its participants'
    own reports ("They reported ...", "self-reported data") stay the study's evidence.
    """
    passage = walk.passage
    if not st.main and (passage is None or not passage.report):
        return None  # no report voice, and no report to continue
    if doc.genre.family == "narrative_review" and any(
        item.keys and item.informal is not None for item in st.resolved
    ):
        # "The ... Prevention Trial (SELECT) was conducted to ...": a review's words on a work
        # it names are about that work, not a report of its own (docs/extraction-decisions.md,
        # 8 and 46).
        return None
    if st.cues("judgement"):
        return None
    if st.cues("gap") and (passage is None or not passage.report):
        # "For participants in ACTIVE ..., it remains unknown whether ...": what no study has
        # shown yet rests on none (see _carried), whoever its subject is.
        return None
    voice = st.cues("report") + st.cues("own_study")
    if not voice and (passage is None or not passage.report):
        return None  # (as below: no report voice, and no report to continue)
    own = (voice_design(doc.text, c, doc.rules) for c in st.cues("report"))
    # The design the voice's own words name ("This systematic review pooled cohort studies")
    # comes first: the report is of that design, whatever designs it took in; "this trial"
    # inside the passage of a trial points back to it.
    same = passage.type if passage is not None else None
    designs = [c for c in own if c is not None and c.type != same] + [
        c for c in st.explicit if c.type in STUDY_TYPES
    ]
    if voice and doc.design == REVIEW:
        # A review's methods and results name the designs it took in ("We included randomized
        # controlled trials", "We graded the evidence from trials"): it rests on the review.
        designs = [c for c in designs if c.type == REVIEW]
    others = [c for c in st.explicit if c.type not in STUDY_TYPES]
    participants_only = all(
        c.type == ANECDOTAL or (c.type == EXPERT and _counted(doc.text, st.segment, c))
        for c in others
    )
    if passage is not None and passage.report and not designs and participants_only:
        return _named_again(doc, st, passage, _context(passage, voice[0] if voice else None))
    speakers_only = all(c.type == EXPERT for c in st.explicit)
    if not voice or (others and not designs and not speakers_only):
        return None
    if (
        passage is not None
        and not passage.report
        and not st.explicit
        and doc.genre.research
        and doc.genre.confident
        and _OWN_DEIXIS.match(doc.text, voice[0].start, voice[0].end)
    ):
        # "Small studies have linked ginger to less pain. The aim of this study was ...": in a
        # research report, "this study" is the one the document reports, not the studies its
        # background sentence named (a news story's "this study" goes on with the study it
        # tells of).
        passage = None
    if (
        passage is not None
        and passage.type in STUDY_TYPES
        and not designs
        and (passage.report or speakers_only)
    ):
        return _context(passage, voice[0])
    if passage is not None and walk.in_report and passage.type in STUDY_TYPES:
        passage.report = not passage.sources
    if designs:
        chosen = _explicit(choose_cue(designs, doc.rules, doc.text), st.resolved, doc.text)
        if chosen.type == FALLBACK_DESIGN and doc.design == DIAGNOSTIC and not chosen.sources:
            # "We conducted a prospective study" in a report of a test's accuracy: how the
            # accuracy study sampled, not another design (attribution_voice._accuracy).
            chosen = replace(chosen, type=DIAGNOSTIC)
    elif passage is not None and passage.type in STUDY_TYPES:
        return _context(passage, voice[0])
    elif others:
        return None  # a speaker named in the statement is its ground, not a report of ours
    elif doc.genre.family in _NO_OWN_STUDY:
        # An agency's "we reviewed the evidence", a forum poster's "we compared the two
        # sources": in a genre that reports no study of its own, the voice is the writer's
        # (or the issuing body's), left to the rules that follow.
        return None
    else:
        # "We conducted ...", "This study aimed ..." name the study: explicit; "Participants
        # received ...", "Men were recruited ..." name nothing but continue the report, whose
        # design a title alone does not make a ground (docs/extraction-decisions.md, 20).
        names = _NAMES_OWN_STUDY.match(doc.text, voice[0].start) is not None
        chosen = Attribution(
            doc.design, "explicit" if names else "context", cue=(voice[0].start, voice[0].end)
        )
    walk.passage = _Passage(chosen.type, chosen.sources, st.index, report=True)
    walk.grounded = True
    return chosen


# A share or count of people before the cue ("Fifty-seven percent of cardiologists said",
# "most doctors said"): a study's respondents, not experts giving their view.
_COUNT_BEFORE = re.compile(
    r"(?:\d[\d.,]*\s*%|\bper\s*cent|\bpercent|\bmost|\bmany|\bhalf|\bmajority|\bminority"
    r"|\bfew|\bsome|\ball|\bnone|\bthird|\bquarter|\bfifth|\b\d[\d,]*)"
    r"\s+(?:of\s+(?:the\s+|these\s+|those\s+)?)?(?:[\w-]+\s+)?$",
    re.I,
)


def _counted(text: str, segment: Segment, cue: CueHit) -> bool:
    """Are the people of an opinion cue counted, as a study counts its respondents?
    (docs/extraction-decisions.md, 22: participants' reports stay the study's evidence.)"""
    return _COUNT_BEFORE.search(text[max(segment.body, cue.start - 60) : cue.start]) is not None


_NAMES_THE_STUDY = re.compile(r"the\s+(?:study|trial|survey|review|meta-analysis)", re.I)
# A report's voice that names its study: the authors' "we"/"our", or "this/the present study".
_NAMES_OWN_STUDY = re.compile(r"(?:we|our|this|the\s+present|the\s+current)\b", re.I)
# Genres whose writer posts in the first person (:mod:`.genre`), and the words of a first-person
# view ("I think", "IMO", "in my view").
_POSTING = frozenset({"forum", "personal"})
_FIRST_PERSON_VIEW = re.compile(
    r"(?-i:\bI)\s+(?:\w+\s+)?(?:think|believe|feel|agree|suspect|doubt)\b|\bIMH?O\b"
    r"|\bin\s+my\s+(?:view|opinion)\b",
    re.I,
)
# Genres that tell of others' studies for a lay reader (:mod:`.genre`).
_TELLING = frozenset({"news", "personal"})
# Genres whose writer reports no study of their own (:mod:`.genre`).
_NO_OWN_STUDY = frozenset({"agency", "forum", "personal", "encyclopedia"})


def _judgement(doc: Document, walk: Walk, st: Statement) -> Attribution | None:
    """The writer's judgement ("more research is needed", "a sensible option")."""
    judgement = st.cues("judgement")
    if not judgement or st.explicit:
        return None
    basis: Basis = "context" if walk.grounded else "none"
    return Attribution(EXPERT, basis, cue=(judgement[0].start, judgement[0].end))


def _named_ground(doc: Document, walk: Walk, st: Statement) -> Attribution | None:
    """A ground the statement names: a cue, a cue inside an aside, or a cited source."""
    within = _within_study(doc, walk, st)
    if within is not None:
        return within
    chosen = _named_choice(doc, walk, st)
    if chosen is None:
        return None
    if _agency_summary(doc, st, chosen):
        # "Some evidence suggests ...", "No serious side effects have been reported" on an
        # agency's page: research named without a design or a reference is the agency's own
        # summary of it (docs/extraction-decisions.md, 29); a design named is its ground (28).
        return _voice(doc, st)
    chosen = _under_heading(doc, walk, st, chosen)
    chosen = _official(doc, walk, st, chosen)
    walk.grounded = True
    return _follow_named(doc, walk, st, chosen)


def _within_study(doc: Document, walk: Walk, st: Statement) -> Attribution | None:
    """Cues that describe the study the open passage reports, not a ground of their own."""
    passage = walk.passage
    if not st.explicit or passage is None:
        return None
    if passage.type in STUDY_TYPES and all(self_report(doc.text, c) for c in st.explicit):
        # "Intake was recorded partly by self-report": a study's measurement method.
        return _context(passage, None)
    if (
        passage.report
        and passage.type in STUDY_TYPES
        and not any(item.keys for item in st.resolved)
        and all(_INSTRUMENT.fullmatch(doc.text, c.start, c.end) for c in st.explicit)
    ):
        # "The primary outcome was the Patient Health Questionnaire score": in a report's own
        # methods and results a questionnaire or an interview is how the study measured, not
        # a survey of its own.
        return _context(passage, None)
    if (
        passage.report
        and passage.type == REVIEW
        and not any(item.keys for item in st.resolved)
        and all(c.type in STUDY_TYPES and c.type != REVIEW for c in st.explicit)
    ):
        # "In 19 randomized trials with 4,421 women, calcium reduced ...": in a review's own
        # results, the trials it pooled; the statement rests on the review.
        return _context(passage, None)
    return None


def _named_choice(doc: Document, walk: Walk, st: Statement) -> Attribution | None:
    """What the statement's own cues, its asides' cues or its citations name (None: nothing)."""
    passage = walk.passage
    anaphora = st.cues("anaphora")
    # "The study, published in Nature, ...": a journal named names the study all the same.
    venue = any(item.venue for item in st.resolved)
    named = st.named_type and (venue or _cites(st) or not anaphora)
    if not (st.explicit or st.aside_explicit or named):
        return None
    if st.explicit:
        return _explicit(choose_cue(st.explicit, doc.rules, doc.text), st.resolved, doc.text)
    if (
        st.named_type
        and venue
        and passage is not None
        and passage.type in STUDY_TYPES
        and all(item.type is None for item in st.resolved)
    ):
        # A paper of unknown design named by its journal ("The work ... was published in
        # Nature") is the study the passage is reporting: its design, with the key.
        return _from_mentions(passage.type, st.resolved)
    if st.named_type:
        return _from_mentions(_cited_design(walk, st), st.resolved)
    return _explicit(choose_cue(st.aside_explicit, doc.rules, doc.text), st.resolved, doc.text)


def _agency_summary(doc: Document, st: Statement, chosen: Attribution) -> bool:
    """Does an agency's page sum up evidence it names by no study, design or key?"""
    return (
        st.voice
        and not chosen.sources
        and chosen.type in (FALLBACK_DESIGN, ANECDOTAL)
        and bool(st.explicit)
        and all(
            generic_cue(doc.text, c) and not _NAMES_STUDIES.search(doc.text, c.start, c.end)
            for c in st.explicit
        )
        and not any(item.keys for item in st.resolved)
    )


# Words that name studies or researchers, even without a design ("some studies have shown",
# "research suggests": decision 14's studies named without a design), unlike "evidence" or
# an agentless "have been reported".
_NAMES_STUDIES = re.compile(r"stud(?:y|ies)|research|scientist", re.I)


def _follow_named(doc: Document, walk: Walk, st: Statement, chosen: Attribution) -> Attribution:
    """The passage a named ground continues, opens or hands back to the study it comments on."""
    passage = walk.passage
    study = passage if passage is not None and passage.type in STUDY_TYPES else walk.last_study
    if (
        chosen.type == EXPERT
        and study is not None
        and chosen.cue is not None
        and _STUDY_AUTHOR.search(doc.text, chosen.cue[0], chosen.cue[1])
    ):
        # "“It appears that ...,” said study author Mara Quist": an author of the study being
        # reported speaks for it (as "“We found ...,” said Dr. X" does).
        walk.passage = study
        return _context(study, None)
    if (
        passage is not None
        and chosen.sources
        and chosen.type == passage.type
        and set(chosen.sources) <= set(passage.sources)
    ):
        return chosen  # one of the works the open passage reports: the passage goes on
    if chosen.type in doc.rules.opens_passage and not _own_account(doc.text, chosen):
        report = walk.in_report and chosen.type in STUDY_TYPES and not chosen.sources
        # A key inferred for a study named without a name ("a new study") stays with that
        # sentence: the sentences that go on about its findings without naming it are
        # `context`, no key (benchmarks/gold-real-val/README.md).
        sole = bool(chosen.sources) and all(
            item.sole for item in st.resolved if set(item.keys) & set(chosen.sources)
        )
        # So does any key inferred from an informal mention of a work the text never cites
        # by author or number ("a new study published in <journal>", "the study"), as news
        # texts and blogs name the study they report (docs/extraction-decisions.md, 35); a
        # review's short name for a work it cites ("the MMAS" ... [2]) names a work it goes
        # on discussing, and the key goes on.
        reported = chosen.basis == "inferred" and not set(chosen.sources) & walk.cited
        # In a news story or a blog post, the sentences that go on about a study cited by
        # number carry no key either (benchmarks/gold-real-val/README.md): the key marks the
        # sentence that cites it.
        told = doc.genre.family in _TELLING and doc.genre.confident
        carried = () if sole or reported or told else chosen.sources
        # (a study cited by number in a news text keeps its key on the citing sentence alone)
        named = chosen.sources if (sole or reported) and not carried else ()
        walk.passage = _Passage(chosen.type, carried, st.index, report=report, named=named)
    elif chosen.type == EXPERT:
        own = _own_view(doc, chosen)
        # "I think X should be discouraged. It makes ... harder.": the opinion and advice that
        # follow in the same post are the poster's (docs/extraction-decisions.md, 51); a
        # quoted expert's view carries only into the quotation.
        walk.passage = _Passage(EXPERT, chosen.sources, st.index, quote_only=not own, own_post=own)
    return chosen


def _own_view(doc: Document, chosen: Attribution) -> bool:
    """Is the statement a poster's or blogger's own view ("I think", "IMO", "in my view")?"""
    return (
        chosen.type == EXPERT
        and doc.genre.family in _POSTING
        and chosen.cue is not None
        and _FIRST_PERSON_VIEW.search(doc.text, chosen.cue[0], chosen.cue[1]) is not None
    )


def _own_account(text: str, chosen: Attribution) -> bool:
    """Is the statement the writer's account of what they did or found ("I've removed the
    text", "I can find nothing")? It is a first-person report about itself alone: the
    statements after it rest on the writer's word again (benchmarks/gold-real/README.md, forum
    threads), unlike an account of using something ("I've taken it for years"), whose details
    follow."""
    if chosen.type != ANECDOTAL or chosen.cue is None:
        return False
    words = text[chosen.cue[0] : chosen.cue[1]]
    return _FIRST_PERSON.match(words) is not None and _EXPERIENCE.search(words) is None


# A speaker's own public body named in the first person plural.
_OUR_BODY = re.compile(
    r"\b(?:our|my)\s+(?:[\w-]+\s+)?(?:institute|agency|office|center|centre|administration"
    r"|department|ministry|division)\b",
    re.I,
)


def _official(doc: Document, walk: Walk, st: Statement, chosen: Attribution) -> Attribution:
    """A quoted speaker described by a public office speaks for that body
    (:mod:`.attribution_speakers`); the names are kept for the speaker's later quotations."""
    if chosen.type != EXPERT:
        return chosen
    names = official_speaker(doc.text, st.segment.start, st.segment.end)
    if not names:
        if _OUR_BODY.search(doc.text, st.segment.start, st.segment.end):
            # "“Our institute funds 300 studies a year,” he says": the head of a body speaking
            # of it speaks for it (docs/extraction-decisions.md, 40).
            return replace(chosen, type=AUTHORITY, basis="context")
        return chosen
    walk.officials.update(names)
    return replace(chosen, type=AUTHORITY)


def _official_again(doc: Document, walk: Walk, st: Statement) -> Attribution | None:
    """A later quotation of an official already described ("...," says Levy): the body's.

    The reporting verb beside the official's name is itself an expert's cue ("Levy said"); a
    statement whose only explicit cues are such speakers' is still the official's
    (docs/extraction-decisions.md, 31), one that names another ground is not.
    """
    if not walk.officials:
        return None
    cue = named_again(doc.text, st.segment.start, st.segment.end, walk.officials)
    if cue is None:
        return None
    if any(c.type != EXPERT for c in st.explicit):
        return None
    walk.passage = _Passage(AUTHORITY, (), st.index, quote_only=True)
    walk.grounded = True
    return Attribution(AUTHORITY, "explicit", cue=cue)


def _cited_design(walk: Walk, st: Statement) -> str:
    """The design of what a statement cites: the fallback design only when nothing knows better.

    A key of unknown design that the open study passage already holds ("Two trials found ...
    [1,2]. These trials also found ... [1]") is one of the works that passage reports: it
    takes the passage's design.
    """
    named = st.named_type or UNSOURCED
    passage = walk.passage
    if not st.named_fallback or passage is None or passage.type not in STUDY_TYPES:
        return named
    keys = {key for item in st.resolved for key in item.keys}
    if keys and keys <= set(passage.sources):
        return passage.type
    return named


def _under_heading(doc: Document, walk: Walk, st: Statement, chosen: Attribution) -> Attribution:
    """A citation of unknown design under a section heading that names one takes it.

    "Many studies support ... [9]" under the heading "Randomized clinical trials": the
    fallback design (a generic "studies", or a cited entry whose design its title does not
    give) yields to the design the section is about.
    """
    design = walk.section_design
    if design is None or chosen.type != FALLBACK_DESIGN or design == chosen.type:
        return chosen
    cited = [item for item in st.resolved if item.informal is None and item.keys]
    if any(doc.types.get(key) for item in cited for key in item.keys):
        return chosen  # an entry whose title names its design keeps it
    if not cited and not (st.explicit and all(generic_cue(doc.text, c) for c in st.explicit)):
        # Uncited, only studies named without a design ("not found in all studies") are the
        # section's studies (docs/extraction-decisions.md, 14 and 44).
        return chosen
    if any(c.type == FALLBACK_DESIGN and not generic_cue(doc.text, c) for c in st.explicit):
        return chosen  # the statement's own words name the design ("cohort studies")
    passage = walk.passage
    if not cited and passage is not None and passage.type == design:
        return _context(passage, None)  # the section's studies, already under discussion
    return replace(chosen, type=design)


def _carried(doc: Document, walk: Walk, st: Statement) -> Attribution:
    """What the open passage carries; a gap in the evidence; the issuer's voice; nothing."""
    passage = walk.passage
    if st.cues("gap"):
        # "X remains unclear", "little is known": about the evidence, resting on none,
        # unless the study the document reports says it or the issuing agency does.
        if passage is not None and passage.report:
            return _context(passage, None)
        walk.passage = None
        if st.voice:
            return _voice(doc, st)
        return Attribution(UNSOURCED, "none")
    if (
        passage is not None
        and passage.type in (AUTHORITY, EXPERT)
        and _GENERIC_PEOPLE.match(doc.text, st.segment.body)
    ):
        walk.passage = passage = None  # the text has turned from the agency to people at large
    anaphora = st.cues("anaphora")
    if passage is not None and not anaphora and not doc.genre.voice.carries:
        # An encyclopedia's sources stay with the sentences that cite them (decision 41):
        # an unmarked sentence after a cited one is the encyclopedia's own summary.
        walk.passage = passage = None
    if passage is not None and st.voice and not anaphora and _named_in_general(passage):
        # On an issuer's page, research named only in general ("Some studies suggest ...")
        # holds no work the next sentence could go on about: unless it points back ("These
        # studies"), the page speaks in its own voice again (as it does in decision 29's
        # summaries of research named without a design).
        walk.passage = passage = None
    if passage is not None:
        return _named_again(doc, st, passage, _context(passage, anaphora[0] if anaphora else None))
    if anaphora and _revives(doc, walk, st, anaphora[0]):
        # "The study involved 230 men and women", after a quotation: the study reported
        # earlier in the section (poesio1998: a definite description refers to an entity
        # already introduced).
        assert walk.last_study is not None
        walk.passage = walk.last_study
        return _context(walk.last_study, anaphora[0])
    if st.voice:
        # A document an agency issued states its facts on the agency's authority.
        return _voice(doc, st)
    if walk.in_report and doc.genre.research and doc.genre.confident:
        # Under a research report's own label ("Results", "Conclusions") a statement that
        # names no ground reports the study the document is: its results, not the writer's
        # unsourced word, even where no sentence before it spoke in the report's voice.
        walk.passage = _Passage(doc.design, (), st.index, report=True)
        walk.grounded = True
        return Attribution(doc.design, "context")
    return Attribution(UNSOURCED, "none")


def _named_in_general(passage: _Passage) -> bool:
    """Was the passage opened by research named without a design, a key or a name (the
    fallback design of "studies show"), rather than by a study the text reports?"""
    return (
        passage.type == FALLBACK_DESIGN
        and not passage.report
        and not passage.sources
        and not passage.named
    )


# A back-reference that says it means a study already named: "that study", "the same
# trial", "the study's authors", "the study mentioned above".
_EXPLICIT_BACKREF = re.compile(
    r"(?:that|the\s+same)\s+(?:\w+\s+)?(?:study|trial|research)"
    r"|the\s+(?:study|trial)(?:['’]s|\s+(?:mentioned|described|cited|discussed)\b)",
    re.I,
)


def _revives(doc: Document, walk: Walk, st: Statement, anaphora: CueHit) -> bool:
    """Does a definite back-reference ("the study") bring back the latest study passage?

    Within the paragraph where that study was last reported; after nothing but quoted
    comments on it (a news story's "“It is striking,” said Dr. Lee. / The study involved ...");
    or, further on, only when the words say they refer back ("that study", "the same trial").
    Otherwise "the study" in a later paragraph, after the text turned to other grounds, is
    more likely a new or generic study than the one reported earlier.
    """
    if walk.last_study is None:
        return False
    if st.segment.paragraph == walk.study_paragraph or not walk.study_left:
        return True
    return bool(_EXPLICIT_BACKREF.match(doc.text, anaphora.start, st.segment.end))


# The rules of :func:`attribute` after layout and topic shifts, in the order they are tried;
# :func:`_carried` decides what none of them does.
_RULES: tuple[Callable[[Document, Walk, Statement], Attribution | None], ...] = (
    _quotation,
    _official_again,
    _question,
    _advice,
    _planned,
    _report,
    _judgement,
    _named_ground,
)


def _cites(st: Statement) -> bool:
    """Does the statement cite a bibliography entry by author or number ("Smith and
    colleagues", "(Smith 2020)", "[4]")? Such a citation names its source even in a sentence
    that also points back ("the trials varied")."""
    return any(item.informal is None and item.keys for item in st.resolved)


# A trial registry's identifier ("CTRI/2019/01/017169", "NCT01234567", "ISRCTN12345678"): a
# registry line is a label of the report, resting on nothing (docs/extraction-decisions.md, 2).
_REGISTRY = re.compile(r"\b(?:NCT\d{8}|ISRCTN\d{8}|CTRI/\d{4}/|ACTRN\d{14}|ChiCTR|DRKS\d{8})")


def _untitled_end(document: str, segment: Segment) -> bool:
    """Does the statement end without a sentence's final mark (a title, a link, a date)?"""
    words = document[segment.start : segment.end].rstrip()
    return bool(words) and words[-1] not in _SENTENCE_END


_SENTENCE_END = frozenset(".!?:;…\"”’')]")


def _is_lead(document: str, segment: Segment) -> bool:
    return document[segment.start : segment.end].rstrip().endswith(":")


def _explicit(cue: CueHit, resolved: list[Resolved], text: str | None = None) -> Attribution:
    """The statement's own cue decides the type; sources are the mentions that agree with it.

    A mention suggesting another type ("the studies already discussed" in a sentence that
    rests on user reports) is left out, so a passage never carries a source it does not rest
    on. The basis is ``inferred`` when the agreeing sources came from an informal mention.
    """
    keys: list[str] = []
    informal = None
    if text is not None and generic_cue(text, cue):
        cited = [item for item in resolved if item.informal is None and item.keys]
        # A study named by its journal or as the one work listed ("a new study published in
        # <journal>") is resolved to an entry too: its design is the entry's
        # (docs/extraction-decisions.md, 34).
        # So is one named by an acronym ("the ZINCO study"), which says no design either.
        named = [
            item
            for item in resolved
            if item.keys
            and (
                item.venue
                or item.sole
                or (item.informal is not None and _ACRONYM_NAME.fullmatch(item.informal))
            )
        ]
        known = next((item.type for item in cited + named if item.type in STUDY_TYPES), None)
        if known is None and cited and cue.type == ANECDOTAL:
            known = "observational_study"  # a cited work, not unnamed people's reports
        if known is not None:
            cue = CueHit(known, cue.start, cue.end)
    if cue.type in _POOLED and any(
        item.informal is None and item.type == REVIEW and item.keys for item in resolved
    ):
        # "in five randomized trials (Cahill 2016)", where the entry cited is a systematic
        # review: the trials are the ones the review pooled, and the statement rests on it.
        cue = CueHit(REVIEW, cue.start, cue.end)
    for item in resolved:
        if item.type is None or item.type == cue.type or item.informal is None:
            for key in item.keys:
                if key not in keys:
                    keys.append(key)
            if item.informal and informal is None:
                informal = item.informal
    basis: Basis = "inferred" if informal and keys else "explicit"
    numbered = any(item.numbered and item.keys for item in resolved)
    return Attribution(
        cue.type, basis, tuple(keys), (cue.start, cue.end), mention=informal, by_position=numbered
    )


# Designs a systematic review pools: named beside a citation of a review, they are its studies.
_POOLED = frozenset({"clinical_trial", "observational_study", "case_report"})


def _from_mentions(kind: str, resolved: list[Resolved]) -> Attribution:
    keys: list[str] = []
    informal = None
    for item in resolved:
        keys.extend(k for k in item.keys if k not in keys)
        informal = informal or item.informal
    basis: Basis = "inferred" if informal and keys else "explicit"
    numbered = any(item.numbered and item.keys for item in resolved)
    return Attribution(kind, basis, tuple(keys), mention=informal, by_position=numbered)


# A body's own name ("FDA", "Food and Drug Administration"), not a common noun ("the agency",
# "The authority"), whose referent the reader knows only from the page's header.
_PROPER_NAME = re.compile(r"(?-i:(?!(?:The|An?)\b)[A-Z][\w.&-]*)")


def _voice(doc: Document, st: Statement) -> Attribution:
    """The issuing body's word; ``explicit`` where the statement names a public body.

    An agency's page speaks for the agency with basis ``explicit`` "where the sentence names
    the agency" (docs/extraction-decisions.md, 15, 26, 27): whether the body named is the
    issuer or the one whose rule the page explains ("The FDA requires ..."), and whether it
    speaks or is advised about ("Follow the agency on ..."), the sentence names who stands
    behind it; elsewhere the basis is the page's (``context`` after a line naming the issuer,
    ``none`` on a page that never names it).
    """
    if any(
        c.type == AUTHORITY and _PROPER_NAME.search(doc.text, c.start, c.end) for c in st.main
    ) or (doc.holds(doc.bodies_at, st.segment) and names_body(doc.text, st.segment)):
        return Attribution(AUTHORITY, "explicit")
    return Attribution(AUTHORITY, doc.voice_basis)


def _named_again(
    doc: Document, st: Statement, passage: _Passage, carried: Attribution
) -> Attribution:
    """ "In the trial, cramps fell": the report's own study named again is ``explicit``, unlike
    "These findings" or a sentence naming nothing (docs/extraction-decisions.md, 20)."""
    if passage.report and any(
        _NAMES_THE_STUDY.fullmatch(doc.text, c.start, c.end) for c in st.cues("anaphora")
    ):
        return replace(carried, basis="explicit")
    return carried


def _context(passage: _Passage, cue: CueHit | None) -> Attribution:
    span = (cue.start, cue.end) if cue is not None else None
    return Attribution(
        passage.type, "context", passage.sources, span, carried_from=passage.opened_by
    )
