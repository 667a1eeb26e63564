"""A learned calibration of the rules' certainty against review authors' own GRADE ratings.

Why: the rules rate down only for what a statement and its cited entries say. Review authors
rate from their full reports, so a statement that says nothing about risk of bias or
heterogeneity is often rated down by them all the same, and the rules keep its starting level
(benchmarks/grade/README.md, "the information ceiling"). What the rules already computed for a
claim (its start, each domain's finding and how it was found, the size of the body, its
estimate, whether the text names any GRADE domain at all) says how often that happens. A small
model learned from rated outcomes (benchmarks/train_grade_model.py, judged by leaving whole
reviews out) turns those signals into a level; the rules' reasons stay as they are and one
reason, ``calibration.learned``, carries the difference with the signals that moved it.

No text is read here: every signal comes from what the engine computed for the claim (its
reasons, and the body of evidence cached in the set's context). The model file is
``data/models/grade_calibration.json``: a :class:`~evidence_claims.model.linear_model.
LinearModel` whose labels are shifts from the rules' level ("-2" ... "+1"), so that its
features say when review authors rate a body lower or higher than the rules do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model.linear_model import LinearModel, packaged_model
from ..model.records import Claim
from ..model.report import Reason
from ..rules.assessment import CALIBRATED, GRADING_DOMAINS, VERY_SERIOUS_CODES, caveat_rule
from .certainty import LEVELS, word
from .compose import cleared
from .context import SetContext

MODEL_RESOURCE = "data/models/grade_calibration.json"
MODES = ("rules", "learned")
"""Where the suggested certainty comes from: the rules alone, or the rules calibrated."""
TOP_SIGNALS = 3
"""How many signals the calibration's reason names (those that moved the level most)."""

# Codes whose finding comes from numbers the engine read (an interval, a count, I²), as
# opposed to words that state a concern ("high risk of bias", "imprecise").
_FROM_NUMBERS = frozenset(
    {
        "imprecision.ci_includes_null",
        "imprecision.benefit_and_harm",
        "imprecision.to_large_effect",
        "imprecision.wide_interval",
        "imprecision.small_sample",
        "imprecision.single_small_study",
        "imprecision.ois_not_met",
        "imprecision.n_not_given",
        "inconsistency.heterogeneity",
    }
)
_LEVEL_WORDS = {1: "one level", 2: "two levels", 3: "three levels"}
_MIX_WORDS = {
    "randomized": "randomized trials only",
    "observational": "observational studies only",
    "diagnostic": "test accuracy studies only",
    "mixed": "a mix of designs",
    "unstated": "no design named with a count",
}


@dataclass(frozen=True, slots=True)
class Signal:
    """One feature of the calibration: its name in the model, and what it says."""

    name: str
    words: str


def _bin(value: int, edges: tuple[int, ...], labels: tuple[str, ...]) -> str:
    for edge, label in zip(edges, labels, strict=False):
        if value < edge:
            return label
    return labels[-1]


def _studies(designs: dict[str, tuple[int, str]]) -> tuple[int, str]:
    named = {d: v for d, v in designs.items() if d != "other"}
    counted = named or designs
    return sum(n for n, _w in counted.values()), ", ".join(w for _n, w in counted.values())


def signals(
    claim: Claim, ctx: SetContext, start: str, certainty: str, reasons: Iterable[Reason]
) -> list[Signal]:
    """The calibration's features of one graded claim (``start`` and ``certainty`` are the
    rules'), each with the words or numbers it comes from."""
    out = [
        Signal(f"start:{start}", f"starts {word(start)} by its design"),
        Signal(f"rules:{certainty}", f"the rules suggest {word(certainty)}"),
    ]
    taken: dict[str, int] = {}
    how: dict[str, set[str]] = {}
    stated_cap = None
    up = False
    for reason in reasons:
        rule = caveat_rule(reason.code)
        domain = rule.domain if rule is not None else ""
        if domain in GRADING_DOMAINS:
            weight = 2 if reason.code in VERY_SERIOUS_CODES else 1
            taken[domain] = min(2, taken.get(domain, 0) + weight)
            source = "numbers" if reason.code in _FROM_NUMBERS else "words"
            how.setdefault(domain, set()).add(source)
        elif domain == "stated":
            stated_cap = reason.code.split(".", 1)[1]
        elif domain == "upgrade" and reason.effect > 0:
            up = True
    for domain, levels in taken.items():
        name = domain.replace("_", " ")
        source = "read from numbers" if how[domain] == {"numbers"} else "stated in words"
        out.append(Signal(f"down:{domain}", f"{name} rated down ({source})"))
        if levels == 2:
            out.append(Signal(f"down2:{domain}", f"{name} rated down {_LEVEL_WORDS[2]}"))
        out.append(
            Signal(
                f"how:{domain}:{'numbers' if 'numbers' in how[domain] else 'words'}",
                f"{name} {source}",
            )
        )
    if not taken:
        out.append(Signal("down:none", "no GRADE domain rated down by the rules"))
    if stated_cap is not None:
        out.append(Signal(f"stated:{stated_cap}", f"the text states {word(stated_cap)} certainty"))
    if up:
        out.append(Signal("up", "rated up (large effect, dose-response or confounding)"))

    body = ctx.body(claim)
    n_studies, study_words = _studies(body.designs())
    studies_bin = None
    if n_studies:
        studies_bin = _bin(n_studies, (2, 5, 10), ("1", "2-4", "5-9", "10+"))
        out.append(Signal(f"studies:{studies_bin}", f"{n_studies} studies ('{study_words}')"))
    else:
        out.append(Signal("studies:?", "no count of studies"))
    designs = {d for d in body.designs() if d != "other"}
    mix = "mixed" if len(designs) > 1 else next(iter(designs)) if designs else "unstated"
    out.append(Signal(f"designs:{mix}", _MIX_WORDS[mix]))
    people = body.people()
    if people:
        label = _bin(
            people[0],
            (100, 400, 1000, 10000),
            ("<100", "100-399", "400-999", "1000-9999", "10000+"),
        )
        out.append(Signal(f"people:{label}", f"{people[0]:,} participants ({people[1]})"))
    else:
        out.append(Signal("people:?", "no count of participants"))
    effect = body.effect()
    if effect is None:
        out.append(Signal("estimate:none", "no effect estimate with an interval"))
    elif effect[0].includes_null():
        out.append(Signal("estimate:includes_null", f"{effect[0]} includes no effect"))
    else:
        out.append(Signal("estimate:excludes_null", f"{effect[0]} excludes no effect"))
    i2 = [value for _where, reading in body.readings() for value, _w in reading.i2]
    if i2:
        top = max(i2)
        label = _bin(int(top), (50, 75), ("<50", "50-74", "75+"))
        out.append(Signal(f"i2:{label}", f"I² {top:g}%"))
    if ctx.is_accuracy(claim):
        out.append(Signal("area:diagnostic", "test accuracy evidence"))
    cleared = _cleared_domains(claim, ctx)
    for domain in ("risk_of_bias", "inconsistency", "imprecision"):
        if domain not in taken and domain not in cleared:
            name = domain.replace("_", " ")
            out.append(Signal(f"silent:{domain}", f"nothing said of {name}"))
            out.append(
                Signal(
                    f"silent:{domain}&start:{start}",
                    f"starts {word(start)} and nothing is said of {name}",
                )
            )
    in_words = any("words" in sources for sources in how.values())
    if not in_words and not cleared:
        out.append(
            Signal(
                "silent",
                "no GRADE domain judged in words, either way, in the statement or its entries",
            )
        )
        out.append(
            Signal(
                f"silent&start:{start}", f"starts {word(start)} and no domain is judged in words"
            )
        )
        out.append(
            Signal(
                f"silent&rules:{certainty}",
                f"the rules suggest {word(certainty)} and no domain is judged in words",
            )
        )
        if studies_bin is not None:
            out.append(
                Signal(
                    f"silent&studies:{studies_bin}",
                    f"a body of {studies_bin} studies (here {n_studies}) with no GRADE domain "
                    "judged in words",
                )
            )
    return out


def _cleared_domains(claim: Claim, ctx: SetContext) -> set[str]:
    """The GRADE domains the claim's text or a cited entry judges not serious ("no serious
    risk of bias", "heterogeneity was low"), as the rules read them (:func:`.compose.cleared`)."""
    texts = [claim.text]
    texts += [text for key in claim.evidence.sources for _field, text in ctx.entry_fields(key)]
    return {domain for text in texts for domain, _a, _b in cleared(text)}


def model() -> LinearModel:
    """The packaged calibration model (read once per process)."""
    return packaged_model(MODEL_RESOURCE)


def shifted(certainty: str, shift: int) -> str:
    """The level ``shift`` levels from ``certainty``, kept within very low ... high."""
    return LEVELS[max(0, min(len(LEVELS) - 1, LEVELS.index(certainty) + shift))]


def calibrate(
    features: list[Signal], certainty: str, calibration: LinearModel | None = None
) -> Reason | None:
    """The reason that moves the rules' ``certainty`` to the model's level, or None when the
    model keeps it. The note names the signals that weigh most for the move, with their words."""
    used = calibration or model()
    names = [s.name for s in features]
    label = used.predict(names)
    absolute = label in LEVELS  # a model of levels, or of shifts from the rules' level
    target = label if absolute else shifted(certainty, int(label))
    effect = LEVELS.index(target) - LEVELS.index(certainty)
    if effect == 0:
        return None
    # what each signal adds to the chosen label over the one that keeps the rules' level
    chosen = used.labels.index(label)
    kept_label = certainty if absolute else "0"
    weights = used.weights
    pull = sorted(
        (
            (weights[s.name][chosen] - _weight(used, s.name, kept_label), s)
            for s in features
            if s.name in weights
        ),
        key=lambda pair: -pair[0],
    )
    top = [s.words for weight, s in pull[:TOP_SIGNALS] if weight > 0]
    direction = "below" if effect < 0 else "above"
    levels = _LEVEL_WORDS[abs(effect)]
    chance = used.probabilities(names)[label]
    note = (
        f"review authors usually rate such evidence {levels} {direction} the rules' "
        f"{word(certainty)} (model probability {chance:.2f}): "
        + "; ".join(top or ["the model's overall tendency"])
    )
    return Reason(CALIBRATED.code, effect, note, "learned")


def _weight(used: LinearModel, name: str, label: str) -> float:
    """The weight of feature ``name`` for ``label`` (0 for a label the model never saw)."""
    if label not in used.labels:
        return 0.0
    return used.weights[name][used.labels.index(label)]
