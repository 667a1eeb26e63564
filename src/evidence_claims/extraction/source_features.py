"""Named features of a statement for the learned source-type decision (:mod:`.source_model`).

Why: the attribution rules (:mod:`.attribution_decisions`) weigh their signals by hand, in an
order fitted to the passages they were written from. The same signals, named and handed to a
linear model trained on annotated passages, can be weighed by data instead, and judged on
passages the model never saw (leave-one-passage-out, ``benchmarks/train_source_model.py``).

Two families of features are read:

- *low-level* signals that do not depend on how the rules decided: the cue families found in
  the statement (inside and outside asides), citations and informal mentions by form, in the
  statement and in its paragraph, the subject class of a reporting verb ("we found",
  "participants reported", "some people", "studies show", "Dr. X said"), first-person voice,
  numbers and estimates, population and design words ("mice", "trial", "survey"), the genre
  read for the document and the abstract label of its section, the statement's position
  (heading, first of its paragraph) and what the previous statement named;
- the rules' own decision (``rules:<type>``, its basis, the previous statement's type and the
  type of the passage open before the statement), under the prefix ``rules``, so a model can
  be trained with or without them (:func:`is_rule_feature`).

Each statement yields a few dozen names; a handful of them are also crossed with the genre
family (``g:<family>|<name>``), since the same words rest on different ground in different
genres. Reading is one tokenisation of the statement plus dict and set look-ups.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .abstract_labels import LABELS
from .attribution_decisions import Attribution, Walk
from .attribution_reading import Document, Statement
from .attribution_rules import MARKERS
from .units import word_set

__all__ = [
    "NO_GROUND",
    "FeatureReader",
    "is_rule_feature",
    "names_ground",
    "passage_type",
    "previous_type_features",
    "without_rules",
]

# Words and phrases, read from the statement's lower-cased word tokens by set and dict
# look-ups (a regular expression of thirty alternatives tried at every position cost a third of
# a millisecond per statement).
_TOKEN = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*|%")
_DIGIT = re.compile(r"\d")


def _lexicon(groups: dict[str, str]) -> dict[str, str]:
    """Each word (or space-separated phrase of two or three words) -> its feature name."""
    return {word: name for name, words in groups.items() for word in words.split(",")}


# Reporting verbs, in the forms a subject precedes.
_VERBS = word_set(
    "found find finds report reports reported reporting observe observed observes show shows "
    "showed shown demonstrate demonstrated demonstrates suggest suggests suggested indicate "
    "indicated indicates conclude concluded concludes conduct conducted examine examined "
    "assess assessed analyzed analysed analyze analyse include included identify identified "
    "enrolled enroll recruited investigate investigated compared compare aimed sought "
    "performed searched measured estimated estimate described describe rated experienced "
    "experience noted said say says told"
)
# Subjects of a reporting verb, by class (the verb follows within two words).
_SUBJECTS = _lexicon(
    {
        "subj_we": "we",
        "subj_participants": "participants,patients,subjects,respondents,volunteers,women,men,"
        "children,adults,users",
        "subj_studies": "studies,study,research,trial,trials,evidence,data,review,reviews,"
        "analysis,analyses,findings,results",
    }
)
_SOME = word_set("some many most other few")
_PEOPLE = word_set("people users consumers individuals patients persons")
_WORDS = _lexicon(
    {
        "w_animal": "mice,mouse,rat,rats,rodent,rodents,animal,animals,monkey,monkeys,primate,"
        "primates,dogs,zebrafish",
        "w_cells": "cell,cells,in vitro,cultured,test tube,test tubes,laboratory,laboratories,lab",
        "w_trial": "trial,trials,randomized,randomised,randomly,placebo,placebo-controlled,"
        "double-blind,rct,rcts",
        "w_survey": "survey,surveys,surveyed,questionnaire,questionnaires,respondents,interview,"
        "interviews,interviewed",
        "w_cohort": "cohort,cohorts,prospective,prospectively,cross-sectional,observational,"
        "followed,follow-up,registry,population-based",
        "w_review": "review,reviews,meta-analysis,meta-analyses,pooled,systematic,systematically",
        "w_case": "case report,case reports,a case of,case series",
        "w_study": "study,studies,research,researchers,scientists,investigators",
        "w_participants": "participants,patients,subjects,volunteers,enrolled",
        "w_people": "people,users,consumers,someone,anyone,individuals",
        "w_said": "said,says,told,explained,added,noted,according to",
        "w_expert": "expert,experts,dr,professor,physician,physicians,doctor,doctors,director",
        "w_agency": "fda,cdc,nih,nccih,nccam,ftc,ods,agency,administration,government,"
        "department,regulators,regulatory,regulation,regulations,approved",
        "w_advice": "should,talk to,consult,ask your,recommend,recommends,recommended,"
        "recommendation,recommendations,advise,advised,advice,don't,don’t,do not,avoid,be sure",
        "w_hedge": "may,might,could,possibly,perhaps,suggest,suggests,suggested,likely",
        "w_gap": "unknown,unclear,not known,little is known,no evidence,not enough,insufficient,"
        "limited evidence,more research,further research,needed",
        "w_conclude": "in conclusion,overall,taken together,these findings,these results,"
        "these data,our findings,our results,our data",
        "w_stats": "95 % ci,confidence interval,odds ratio,hazard ratio,relative risk,"
        "significant,significantly,statistically",
        "w_estimate": "estimate,estimated,estimates,approximately,an average",
        "w_product": "product,products,supplement,supplements,label,labels,marketed,sold,companies",
        "w_safety": "risk,risks,safe,safety,side effect,side effects,adverse,harm,harms,harmful,"
        "danger,dangerous,warn,warned,warning,warnings",
        "w_is_defined": "is a,is an,are a,are an,refers to,is the",
        "w_history": "traditional,traditionally,historically,centuries,used for",
        "w_first_plural": "we,our,us",
        "w_first_singular": "i,i'm,i’m,i've,i’ve,my,me",
        "w_you": "you,your",
        "w_percent": "%,percent,per cent",
    }
)
_REPORT_FIRST = word_set("reported report said say described found")


# The first words of the phrases in _WORDS: only these start a look-up of two or three words.
_PHRASE_STARTS = frozenset(phrase.split()[0] for phrase in _WORDS if " " in phrase)
_ABOUT = word_set("about around nearly almost roughly")


def _word_features(lowered: str, add: Callable[[str], None]) -> None:
    """Add the word, phrase and reporting-subject features of a lower-cased statement."""
    tokens = _TOKEN.findall(lowered)
    words, subjects, verbs, starts = _WORDS, _SUBJECTS, _VERBS, _PHRASE_STARTS
    n = len(tokens)
    for i, token in enumerate(tokens):
        name = words.get(token)
        if name is not None:
            add(name)
        if i + 1 == n:
            break
        following = tokens[i + 1]
        if token in starts:
            name = words.get(f"{token} {following}")
            if name is not None:
                add(name)
            if i + 2 < n:
                name = words.get(f"{token} {following} {tokens[i + 2]}")
                if name is not None:
                    add(name)
        elif token in _ABOUT and following[:1].isdigit():
            add("w_estimate")  # "about 40", "around 5%"
        subject = subjects.get(token)
        if subject is not None and (following in verbs or (i + 2 < n and tokens[i + 2] in verbs)):
            add(subject)
        if token in _SOME and following in _PEOPLE:
            add("subj_some_people")
    if "-year-old" in lowered:
        add("w_case")
    if (
        tokens
        and tokens[0] == "they"
        and ((n > 1 and tokens[1] in _REPORT_FIRST) or (n > 2 and tokens[2] in _REPORT_FIRST))
    ):
        add("subj_they")
    if _DIGIT.search(lowered):
        add("w_number")


# A named person speaking ("Dr. Lee said", "said Mara Quist"): needs the original case.
_NAMED_SPEAKER = re.compile(
    r"\b(?:Dr|Prof|Professor)\.?\s+[A-Z]|\b(?:said|says|according to)\s+(?:Dr\.?\s+)?[A-Z][a-z]+"
    r"|\b[A-Z][a-z]+\s+(?:said|says|explained|added|noted)\b"
)
# Names crossed with the genre family: the signals whose weight most depends on the genre.
_CROSSED = frozenset(
    {
        "subj_we",
        "subj_participants",
        "subj_some_people",
        "subj_studies",
        "w_first_plural",
        "w_first_singular",
        "w_people",
        "w_advice",
        "w_number",
        "w_percent",
        "w_said",
        "no_ground",
        "cites",
        "voice",
        "label_report",
        "first_of_paragraph",
    }
)


class FeatureReader:
    """Reads the features of a document's statements, in order (it keeps what came before).

    Built once per document from the :class:`Document` the attribution rules read; then
    :meth:`read` is called for every statement with the walk state before the rules decided
    it and the rules' decision.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        segments = doc.segments
        self.paragraph_forms: dict[int, set[str]] = {}
        self.paragraph_cues: dict[int, set[str]] = {}
        h = 0
        hits = doc.hits
        for index, segment in enumerate(segments):
            forms = self.paragraph_forms.setdefault(segment.paragraph, set())
            forms.update(m.form for m in doc.mentions[index])
            cues = self.paragraph_cues.setdefault(segment.paragraph, set())
            while h < len(hits) and hits[h].start < segment.end:
                if hits[h].start >= segment.start:
                    cues.add(hits[h].type)
                h += 1
        genre = doc.genre
        self.family = genre.family
        self.document_features = [
            f"genre:{genre.family}",
            f"genre_kind:{genre.label}",
            f"design:{doc.design}",
            f"voice_basis:{doc.voice_basis}" if doc.voice_from is not None else "no_voice",
        ]
        if genre.confident:
            self.document_features.append("genre_confident")
        if genre.agency_release:
            self.document_features.append("agency_release")
        self.previous_rules: str | None = None
        self.crossing: dict[str, str] = {}  # name -> its name crossed with the genre, or ""
        self.previous_explicit: tuple[str, ...] = ()
        self.previous_paragraph = -1
        self.previous_cites = False
        self.previous_kind: str | None = None
        self.label: str | None = None
        # The latest ground named earlier in the paragraph, and since the last heading.
        self.paragraph_ground: str | None = None
        self.section_ground: str | None = None

    def read(self, st: Statement, walk_before: str | None, result: Attribution) -> list[str]:
        """The feature names of statement ``st`` (call in document order for every statement).

        Only a statement that names no ground of its own gets features (the model decides
        only those, :func:`names_ground`); for the others the list is empty, and only what
        later statements read of them (their ground, their kind) is kept.
        """
        first_of_paragraph = self._enter(st)
        if names_ground(st):
            self._leave(st, result)
            return []
        doc, segment = self.doc, st.segment
        text = doc.text
        names = list(self.document_features)
        add = names.append
        add(NO_GROUND)
        add(f"kind:{st.kind}")
        add(f"role:{segment.role}")
        if first_of_paragraph:
            add("first_of_paragraph")
        if st.index == 0:
            add("first_of_document")
        if self.label is not None:
            add(f"label:{self.label}")
            add("label_report" if self.label not in _PREFACE else "label_preface")
        if st.voice:
            add("voice")
        for hit in st.main:
            add(f"cue:{hit.type}")
        for hit in st.side:
            add(f"side:{hit.type}")
        for item in st.resolved:
            if item.keys:
                add("cites" if item.informal is None else "cites_informal")
            if item.type:
                add(f"cited_entry:{item.type}")
        if st.unresolved:
            add("unresolved")
        for mention in doc.mentions[st.index]:
            add(f"mention:{mention.form}")
        for form in self.paragraph_forms[segment.paragraph]:
            add(f"para_mention:{form}")
        for cue in self.paragraph_cues[segment.paragraph]:
            if cue not in MARKERS:
                add(f"para_cue:{cue}")
        for cue in self.previous_explicit:
            add(f"prev_explicit:{cue}")
        add(f"paragraph_ground:{self.paragraph_ground}")
        add(f"section_ground:{self.section_ground}")
        add(f"prev_kind:{self.previous_kind}")
        if self.previous_cites:
            add("prev_cites")
        sentence = text[segment.body : segment.end]
        _word_features(sentence.lower(), add)
        if _NAMED_SPEAKER.search(sentence):
            add("subj_named_person")
        if sentence[:1] in "\"“‘'«":
            add("opens_quote")
        elif '"' in sentence or "“" in sentence:
            add("quote")
        if sentence.rstrip().endswith("?"):
            add("question_mark")
        # The rules' decisions, for the variant that may use them.
        add(f"rules:{result.type}")
        add(f"rules_basis:{result.basis}")
        add(f"rules_prev:{self.previous_rules}")
        add(f"rules_passage:{walk_before}")
        unique = list(dict.fromkeys(names))
        self._leave(st, result)
        crossing = self.crossing
        for name in unique[:]:
            crossed = crossing.get(name)
            if crossed is None:
                crossed = crossing[name] = f"g:{self.family}|{name}" if _crossed(name) else ""
            if crossed:
                unique.append(crossed)
        return unique

    def _enter(self, st: Statement) -> bool:
        """Follow paragraphs, headings and abstract labels; is ``st`` first of its paragraph?"""
        segment = st.segment
        first_of_paragraph = segment.paragraph != self.previous_paragraph
        if first_of_paragraph:
            self.previous_explicit = ()
            self.paragraph_ground = None
        if segment.role in ("label", "heading"):
            words = self.doc.text[segment.start : segment.end].rstrip(":").strip().lower()
            if words in LABELS:
                self.label = words
            elif segment.role == "heading":
                self.label = None
            if segment.role == "heading":
                self.section_ground = None
        return first_of_paragraph

    def _leave(self, st: Statement, result: Attribution) -> None:
        """Keep what the next statements read of this one."""
        self.previous_rules = result.type
        self.previous_explicit = tuple(c.type for c in st.explicit)
        self.previous_paragraph = st.segment.paragraph
        self.previous_kind = st.kind
        cites = any(item.keys for item in st.resolved)
        self.previous_cites = cites
        ground = st.explicit[0].type if st.explicit else (st.named_type if cites else None)
        if ground is not None:
            self.paragraph_ground = self.section_ground = ground


NO_GROUND = "no_ground"
"""The feature of a statement that names no ground of its own (:func:`names_ground`)."""


def names_ground(st: Statement) -> bool:
    """Does the statement name its own ground: a source-type cue (in its words or an aside)
    or a citation? Reading such a ground is the rules' lexical job; what a statement that
    names none rests on (the open passage, the genre's voice, nothing) is the decision the
    learned model takes."""
    return bool(st.explicit or st.aside_explicit or st.named_type)


def previous_type_features(names: Sequence[str], previous: str | None) -> list[str]:
    """Features of the previous statement's final type (the learned decision's own, when the
    model decides; the annotated type while training), within or across a paragraph break."""
    where = "across" if "first_of_paragraph" in names else "within"
    return [f"prev_type:{previous}", f"prev_type_{where}:{previous}"]


def _crossed(name: str) -> bool:
    return name in _CROSSED or name.startswith(("cue:", "explicit:", "rules:"))


_PREFACE = frozenset({"background", "backgrounds", "introduction", "context", "importance"})


def passage_type(walk: Walk) -> str | None:
    """The type of the passage open in ``walk`` (None when none is)."""
    return walk.passage.type if walk.passage is not None else None


def is_rule_feature(name: str) -> bool:
    """Does the feature come from the rules' decisions (``rules:...``, crossed or not)?"""
    return name.startswith("rules") or "|rules" in name


def without_rules(names: Sequence[str]) -> frozenset[str]:
    """The low-level features only (what does not depend on the rules' decisions)."""
    return frozenset(n for n in names if not is_rule_feature(n))
