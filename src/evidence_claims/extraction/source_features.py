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
genres. Reading is one pass of one regular expression over the statement's folded text plus set
look-ups, a few microseconds per statement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .abstract_labels import LABELS
from .attribution_decisions import Attribution, Walk
from .attribution_reading import Document, Statement
from .attribution_rules import MARKERS

__all__ = [
    "NO_GROUND",
    "FeatureReader",
    "is_rule_feature",
    "names_ground",
    "passage_type",
    "previous_type_features",
    "without_rules",
]

# Words and phrases, each alternative a named group, matched on the lower-cased text. Three
# scans, so that a phrase ("we found") does not hide a word inside it ("we") from another group.
_REPORT_VERB = (
    r"(?:found|find|report\w*|observ\w*|show\w*|demonstrat\w*|suggest\w*|indicat\w*"
    r"|conclud\w*|conduct\w*|examin\w*|assess\w*|analy[sz]\w*|includ\w*|identif\w*"
    r"|enrol\w*|recruit\w*|investigat\w*|compar\w*|aimed|sought|perform\w*|search\w*"
    r"|measur\w*|estimat\w*|describ\w*|rated|experienc\w*|noted|said|say|says|told)"
)
# The subject class of a reporting verb, approximated over a few words of context.
_SUBJECTS = re.compile(
    "|".join(
        (
            rf"(?P<subj_we>\bwe\s+(?:\w+\s+)?{_REPORT_VERB}\b)",
            r"(?P<subj_participants>\b(?:participants|patients|subjects|respondents|volunteers"
            rf"|women|men|children|adults|users)\s+(?:\w+\s+)?{_REPORT_VERB}\b)",
            r"(?P<subj_some_people>\b(?:some|many|most|other|few)\s+(?:people|users|consumers"
            r"|individuals|patients|persons)\b)",
            r"(?P<subj_studies>\b(?:studies|study|research|trials?|evidence|data|reviews?"
            rf"|analys[ie]s|findings|results)\s+(?:\w+\s+)?{_REPORT_VERB}\b)",
            r"(?P<subj_they>^\W*they\s+(?:\w+\s+)?(?:report\w*|said|say|describ\w*|found))",
        )
    )
)
# Population, design, speaker, advice, hedge and topic words.
_WORDS = re.compile(
    "|".join(
        (
            r"(?P<w_animal>\b(?:mice|mouse|rats?|rodents?|animals?|monkeys?|primates?|dogs"
            r"|zebrafish)\b)",
            r"(?P<w_cells>\b(?:cells?|in vitro|cultured|test tubes?|laborator\w*)\b)",
            r"(?P<w_trial>\b(?:trials?|randomi[sz]\w*|placebo\w*|double-blind|rcts?)\b)",
            r"(?P<w_survey>\b(?:survey\w*|questionnaires?|respondents|interview\w*)\b)",
            r"(?P<w_cohort>\b(?:cohorts?|prospective\w*|cross-sectional|observational|followed"
            r"|follow-up|registry|population-based)\b)",
            r"(?P<w_review>\b(?:reviews?|meta-analys[ie]s|pooled|systematic\w*)\b)",
            r"(?P<w_case>\b(?:case reports?|\d+-year-old|a case of)\b)",
            r"(?P<w_study>\b(?:study|studies|research|researchers|scientists|investigators)\b)",
            r"(?P<w_participants>\b(?:participants|patients|subjects|volunteers|enrolled)\b)",
            r"(?P<w_people>\b(?:people|users|consumers|someone|anyone|individuals)\b)",
            r"(?P<w_said>\b(?:said|says|told|explained|added|noted|according to)\b)",
            r"(?P<w_expert>\b(?:experts?|dr|professor|physicians?|doctors?|director)\b)",
            r"(?P<w_agency>\b(?:fda|cdc|nih|nccih|nccam|ftc|ods|agency|administration"
            r"|government|department|regulat\w*|approved)\b)",
            r"(?P<w_advice>\b(?:should|talk to|consult|ask your|recommend\w*|advis\w*"
            r"|don['’]t|do not|avoid|be sure)\b)",
            r"(?P<w_hedge>\b(?:may|might|could|possibly|perhaps|suggest\w*|likely)\b)",
            r"(?P<w_gap>\b(?:unknown|unclear|not known|little is known|no evidence|not enough"
            r"|insufficient|limited evidence|more research|further research|needed)\b)",
            r"(?P<w_conclude>\b(?:in conclusion|overall|taken together|these (?:findings|results"
            r"|data)|our (?:findings|results|data))\b)",
            r"(?P<w_stats>\b(?:95% ci|confidence interval|odds ratio|hazard ratio|relative risk"
            r"|p\s*[<=]|significant\w*)\b)",
            r"(?P<w_estimate>\b(?:estimat\w*|approximately|about \d|around \d|an average)\b)",
            r"(?P<w_product>\b(?:products?|supplements?|labels?|marketed|sold|companies)\b)",
            r"(?P<w_safety>\b(?:risks?|safe|safety|side effects?|adverse|harm\w*|danger\w*"
            r"|warn\w*)\b)",
            r"(?P<w_is_defined>\b(?:is an?|are an?|refers to|is the)\b)",
            r"(?P<w_history>\b(?:traditional\w*|historically|centuries|used for)\b)",
        )
    )
)
# Person and number tokens.
_TOKENS = re.compile(
    "|".join(
        (
            r"(?P<w_first_plural>\b(?:we|our|us)\b)",
            r"(?P<w_first_singular>\b(?:i|i['’]m|i['’]ve|my|me)\b)",
            r"(?P<w_you>\b(?:you|your)\b)",
            r"(?P<w_percent>%|\bpercent\b|\bper cent\b)",
            r"(?P<w_number>\d)",
        )
    )
)
_SCANS = (_SUBJECTS, _WORDS, _TOKENS)
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
        self.previous_explicit: tuple[str, ...] = ()
        self.previous_paragraph = -1
        self.previous_cites = False
        self.previous_kind: str | None = None
        self.label: str | None = None
        # The latest ground named earlier in the paragraph, and since the last heading.
        self.paragraph_ground: str | None = None
        self.section_ground: str | None = None

    def read(self, st: Statement, walk_before: str | None, result: Attribution) -> list[str]:
        """The feature names of statement ``st`` (call in document order)."""
        doc, segment = self.doc, st.segment
        text = doc.text
        names = list(self.document_features)
        add = names.append
        add(f"kind:{st.kind}")
        add(f"role:{segment.role}")
        first_of_paragraph = segment.paragraph != self.previous_paragraph
        if first_of_paragraph:
            add("first_of_paragraph")
            self.previous_explicit = ()
            self.paragraph_ground = None
        if st.index == 0:
            add("first_of_document")
        if segment.role in ("label", "heading"):
            words = text[segment.start : segment.end].rstrip(":").strip().lower()
            if words in LABELS:
                self.label = words
            elif segment.role == "heading":
                self.label = None
            if segment.role == "heading":
                self.section_ground = None
        if self.label is not None:
            add(f"label:{self.label}")
            add("label_report" if self.label not in _PREFACE else "label_preface")
        if st.voice:
            add("voice")
        for hit in st.main:
            add(f"cue:{hit.type}")
        for hit in st.side:
            add(f"side:{hit.type}")
        for hit in st.explicit:
            add(f"explicit:{hit.type}")
        if not names_ground(st):
            add(NO_GROUND)
        if st.named_type:
            add(f"cited:{st.named_type}")
            if st.named_fallback:
                add("cited_fallback")
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
        lowered = sentence.lower()
        for pattern in _SCANS:
            for match in pattern.finditer(lowered):
                add(match.lastgroup)  # type: ignore[arg-type]
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
        family = self.family
        crossed = [f"g:{family}|{name}" for name in dict.fromkeys(names) if _crossed(name)]
        self.previous_rules = result.type
        self.previous_explicit = tuple(c.type for c in st.explicit)
        self.previous_paragraph = segment.paragraph
        self.previous_kind = st.kind
        cites = any(item.keys for item in st.resolved)
        self.previous_cites = cites
        ground = st.explicit[0].type if st.explicit else (st.named_type if cites else None)
        if ground is not None:
            self.paragraph_ground = self.section_ground = ground
        return list(dict.fromkeys(names)) + crossed


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
