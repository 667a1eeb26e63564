"""Named low-level features of a statement, for the learned kind decision (:mod:`.kind_model`).

Why: the kind rules (:mod:`.kinds`) decide in a fixed order from patterns fitted to the
passages they were written from; on fresh text a single missed pattern flips a kind. These
features are the plain signals a reader uses instead: where the statement sits (a line of its
own, the first line of the text, after a "Methods" label, before a blank line), how it ends
(no full stop, a colon, a question mark), how it is worded (title case, an imperative first
verb, "should", "you", a wh-word), and which families of cue words it holds (advice,
signposting, the conduct of a study, a gap in the evidence, the shape of a reference entry).
A linear model (:mod:`..model.linear_model`) learns from annotated passages what each is worth.

The cue families are data (``data/kind_features.yaml``); every feature is a short name such
as ``end:none`` or ``cue:advice``, so a model file can be read and a decision explained.
The rules' own decision can be added as one more feature (``rules:<kind>``); whether it helps
on unseen text is measured by ``benchmarks/train_kind_model.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..model.records import Kind
from .genre import read_genre
from .kinds import METHOD_SECTIONS, is_imperative
from .units import Segment, title_like

__all__ = ["CueFamilies", "document_features", "load_families", "section_of"]

_CLOSERS = "\"'”’»)] \t\n*"
_BULLETS = "-*•–—·▪●◦"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LOWER_WORD = re.compile(r"[a-z][a-z'’-]+")
# The previous statement's features that carry over as context (a methods passage, a list).
_CARRIED = ("cue:", "end:", "role:")
_COLON_LABEL = re.compile(r"[A-Z][\w /&-]{0,40}:\s")
_WH = frozenset(["what", "why", "how", "when", "where", "which", "who", "whom", "whose"])
_AUX = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "do",
        "does",
        "did",
        "can",
        "could",
        "should",
        "would",
        "will",
        "has",
        "have",
        "may",
    ]
)
_RESULT_SECTIONS = frozenset(
    {"results", "result", "findings", "main results", "key findings", "main findings"}
)
_CONCLUSION_SECTIONS = frozenset(
    {
        "conclusion",
        "conclusions",
        "interpretation",
        "authors' conclusions",
        "discussion",
        "implications",
        "conclusions and relevance",
        "significance",
    }
)
_BACKGROUND_SECTIONS = frozenset({"background", "introduction", "context", "importance"})


@dataclass(frozen=True, slots=True)
class CueFamilies:
    """The compiled cue families of ``data/kind_features.yaml``: name and pattern (matched on
    the statement's lower case)."""

    families: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def load_families() -> CueFamilies:
    from ..model.data_yaml import load_data_yaml

    text = resources.files("evidence_claims").joinpath("data/kind_features.yaml").read_text("utf-8")
    data = load_data_yaml(text)
    families = tuple(
        (str(name), re.compile("|".join(f"(?:{p})" for p in patterns)))
        for name, patterns in data["families"].items()
    )
    return CueFamilies(families)


def section_of(name: str) -> str:
    """The family of a heading or label's name: method, result, conclusion, background or
    other (a structured abstract's "Design:", "Results", "Conclusions", "Background")."""
    name = name.rstrip(":").strip().lower()
    parts = {part.strip() for part in name.split("/")}
    if parts & _RESULT_SECTIONS or "findings" in name or "results" in name:
        return "result"
    if parts & _CONCLUSION_SECTIONS:
        return "conclusion"
    if parts & _BACKGROUND_SECTIONS:
        return "background"
    if parts & METHOD_SECTIONS:
        return "method"
    return "other"


def document_features(
    document: str,
    segments: Sequence[Segment],
    texts: Sequence[str],
    rules_kinds: Sequence[Kind] | None = None,
) -> list[list[str]]:
    """The feature names of every segment, in order.

    ``texts`` are the segments' texts with their asides blanked (:func:`.asides.outside`);
    ``rules_kinds``, when given, adds the rules' decision as ``rules:<kind>``.
    """
    families = load_families().families
    genre = f"genre:{read_genre(document).family}"
    out: list[list[str]] = []
    section = "none"
    first_paragraph = segments[0].paragraph if segments else 0
    count = len(segments)
    for index, seg in enumerate(segments):
        text = texts[index]
        body = text[seg.body - seg.start :]
        prev = segments[index - 1] if index else None
        following = segments[index + 1] if index + 1 < count else None
        names = [f"role:{seg.role}", f"section:{section}", genre]
        if seg.role in ("heading", "label"):
            section = section_of(text)
        _layout(document, seg, prev, following, first_paragraph, index, names)
        _wording(body, names)
        low = body.lower()
        for name, pattern in families:
            if pattern.search(low):
                names.append(f"cue:{name}")
        if out:
            names.extend("prev:" + n for n in out[-1] if n.startswith(_CARRIED))
        names.extend({"w:" + w for w in _LOWER_WORD.findall(low)})
        if rules_kinds is not None:
            names.append(f"rules:{rules_kinds[index]}")
        out.append(names)
    return out


def _layout(
    document: str,
    seg: Segment,
    prev: Segment | None,
    following: Segment | None,
    first_paragraph: int,
    index: int,
    names: list[str],
) -> None:
    """Where the segment sits: its line, its paragraph, the text's opening."""
    line_start = document.rfind("\n", 0, seg.start) + 1
    lead = document[line_start : seg.start]
    line_end = document.find("\n", seg.end)
    tail = document[seg.end : len(document) if line_end < 0 else line_end]
    starts_line = not lead.strip() or lead.strip() in _BULLETS or seg.body > seg.start
    ends_line = not tail.strip()
    if starts_line and ends_line:
        names.append("line:own")
    elif starts_line:
        names.append("line:starts")
    if lead.strip() and lead.strip()[0] in _BULLETS:
        names.append("bulleted")
    if seg.body > seg.start:
        names.append("numbered")
    alone = (prev is None or prev.paragraph != seg.paragraph) and (
        following is None or following.paragraph != seg.paragraph
    )
    if alone:
        names.append("para:alone")
    elif prev is None or prev.paragraph != seg.paragraph:
        names.append("para:first")
    elif following is None or following.paragraph != seg.paragraph:
        names.append("para:last")
    if index == 0:
        names.append("doc:first")
    elif seg.paragraph == first_paragraph:
        names.append("doc:first_paragraph")
    if following is None:
        names.append("doc:last")
    if prev is not None and prev.role in ("heading", "label"):
        names.append(f"after:{prev.role}")
    if following is not None and following.role == "item":
        names.append("before:item")
    if seg.role == "item" and prev is not None and prev.role == "item":
        names.append("item:run")


def _wording(body: str, names: list[str]) -> None:
    """How the statement is worded: its end, length, case, mood and person."""
    stripped = body.rstrip(_CLOSERS)
    last = stripped[-1:] or " "
    if last == "?":
        names.append("end:question")
    elif last == ".":
        names.append("end:stop" if not stripped.endswith(("..", "…")) else "end:ellipsis")
    elif last == "!":
        names.append("end:bang")
    elif last == ":":
        names.append("end:colon")
    elif last in ";,":
        names.append("end:comma")
    elif last.isalnum():
        names.append("end:none")
    else:
        names.append("end:other")
    words = _WORD.findall(body)
    n = len(words)
    names.append(_bucket("len", n, ((3, "1-3"), (7, "4-7"), (15, "8-15"), (30, "16-30")), "31+"))
    if words:
        capital = sum(1 for w in words if w[0].isupper())
        share = capital / n
        names.append(_bucket("caps", share, ((0.19, "low"), (0.49, "some"), (0.79, "most")), "all"))
        if title_like(stripped):
            names.append("title_like")
        first = words[0].lower()
        if words[0].isupper() and len(words[0]) > 1:
            names.append("first:upper")
        if body.lstrip()[:1].islower():
            names.append("first:lower")
        if first in _WH:
            names.append("first:wh")
        elif first in _AUX:
            names.append("first:aux")
        if first in ("you", "your"):
            names.append("first:you")
    if _COLON_LABEL.match(body.lstrip()):
        names.append("colon_label")
    if "?" in stripped:
        names.append("has:question_mark")
    if is_imperative(body):
        names.append("mood:imperative")
    if any(c.isdigit() for c in body):
        names.append("has:digit")


def _bucket(name: str, value: float, bounds: tuple[tuple[float, str], ...], top: str) -> str:
    """``name:<label>`` of the first bound ``value`` does not exceed, else ``name:<top>``."""
    for bound, label in bounds:
        if value <= bound:
            return f"{name}:{label}"
    return f"{name}:{top}"
