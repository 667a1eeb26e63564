"""What the gold gives statements that the attribution rules decide by default, per genre.

Run: .venv/bin/python benchmarks/default_voice.py [--half design|check] [--val]

A statement that names no ground of its own (no cue, no citation) and that no open passage,
report section or issuer's voice claims falls to the rules' last default
(``unsourced_assertion``); advice that names no adviser falls to ``expert_opinion``. Which
ground such a statement rests on is the passage's *default voice*, and it depends on the
genre: the study in a research report, the agency on its page, the writer in an essay. This
script counts, for the real tune set's passages of one half (:func:`half_of`), which rule
decided each extracted statement, and for the statements decided by a default, the type the
gold gives them, per annotated genre family and per genre family the reader
(:mod:`evidence_claims.extraction.genre`) reads. It also counts how often the reader reads the
family right, with and without confidence. For the statements that continue the open passage
(no cue of their own, carried from a statement before them) it counts how often carrying was
right, per genre read and per kind of passage carried (its type, whether it holds keys, whether
it was opened in the same paragraph, whether the statement points back, whether the document
speaks in an issuer's voice). All rows are aggregates (per family or per rule), so the check
half and the validation half (``--val``) may be printed too; the per-statement rows
(``--list``) are the design half's only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from evidence_claims.extraction import attribute as attribute_module  # noqa: E402
from evidence_claims.extraction import attribution_decisions as decisions  # noqa: E402
from evidence_claims.extraction.attribution_citations import (  # noqa: E402
    FALLBACK_DESIGN,
    generic_cue,
)
from evidence_claims.extraction.draft import extract  # noqa: E402
from evidence_claims.extraction.genre import family_of_label, read_genre  # noqa: E402
from evidence_claims.pipeline.validation import load  # noqa: E402
from evidence_claims.testing.agreement import covering, half_of  # noqa: E402
from evidence_claims.testing.kind_training import genre_line  # noqa: E402

REAL = ROOT / "benchmarks" / "gold-real"
REAL_VAL = ROOT / "benchmarks" / "gold-real-val"

# (segment start, segment end) -> the rule that decided it, for the document being read.
_DECIDED: dict[tuple[int, int], str] = {}
# (segment start, segment end) -> what the passage a continuing statement carries was.
_CARRIED_FROM: dict[tuple[int, int], str] = {}
# Documents (by id) in which a statement has spoken in a research report's own voice.
REPORT_SEEN: dict[int, bool] = {}


def _instrument() -> None:
    """Wrap the decision rules so that each statement records which one decided it."""
    current: dict[str, str] = {}

    def wrap(name: str, rule):  # type: ignore[no-untyped-def]
        def wrapped(doc, walk, st):  # type: ignore[no-untyped-def]
            before = walk.passage
            result = rule(doc, walk, st)
            if result is None:
                return None
            label = name
            if name == "_carried":
                if st.cues("gap"):
                    label = "_carried:gap"
                elif before is not None and result.basis == "context":
                    label = "_carried:passage"
                    opener = doc.segments[before.opened_by]
                    _CARRIED_FROM[(st.segment.start, st.segment.end)] = (
                        f"{before.type[:5]} keys={bool(before.sources)}"
                        f" same_par={opener.paragraph == st.segment.paragraph}"
                        f" ana={bool(st.cues('anaphora'))} voice={st.voice}"
                    )
                elif result.type == decisions.UNSOURCED and result.basis == "none":
                    label = "default"
                    if REPORT_SEEN.get(id(doc)):
                        label = "default:after-report"
                else:
                    label = f"_carried:{result.type}"
            elif (
                name == "_advice"
                and result.type == decisions.EXPERT
                and not (st.explicit or st.resolved or st.voice)
            ):
                label = "default:advice"
            elif name == "_named_ground" and result.type == FALLBACK_DESIGN:
                generic = st.explicit and all(generic_cue(doc.text, c) for c in st.explicit)
                if st.named_fallback or generic:
                    label = "fallback:cited" if st.named_fallback else "fallback:generic"
            current["rule"] = label
            return result

        return wrapped

    decisions._RULES = tuple(wrap(rule.__name__, rule) for rule in decisions._RULES)
    decisions._layout = wrap("_layout", decisions._layout)
    decisions._carried = wrap("_carried", decisions._carried)
    original = decisions.decide

    def decide(doc, walk, st):  # type: ignore[no-untyped-def]
        current["rule"] = "?"
        result = original(doc, walk, st)
        if walk.passage is not None and walk.passage.report:
            REPORT_SEEN[id(doc)] = True
        _DECIDED[(st.segment.start, st.segment.end)] = current["rule"]
        return result

    attribute_module.decide = decide


def family(folder: Path) -> str:
    line = genre_line(folder)
    return family_of_label(line) if line else "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("design", "check"), default="design")
    parser.add_argument("--val", action="store_true", help="the validation half (aggregates)")
    parser.add_argument("--list", action="store_true", help="design half: list default rows")
    args = parser.parse_args()
    _instrument()
    if args.val:
        folders = sorted(p for p in REAL_VAL.iterdir() if (p / "claims.yaml").is_file())
        label = "real val"
    else:
        folders = sorted(
            p
            for p in REAL.iterdir()
            if (p / "claims.yaml").is_file() and half_of(p.name) == args.half
        )
        label = f"real tune, {args.half} half"
    # rule -> (right, total); (true family, rule) -> gold type counter
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    gold_types: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    read_types: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    all_default: dict[str, Counter[str]] = defaultdict(Counter)
    reads: Counter[tuple[str, str, bool]] = Counter()
    carried: dict[str, Counter[str]] = defaultdict(Counter)
    carried_how: dict[str, Counter[str]] = defaultdict(Counter)
    errors: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    wrong: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for folder in folders:
        gold = load(folder)
        text = gold.document_text
        assert text is not None
        bib = folder / "references.bib"
        _DECIDED.clear()
        REPORT_SEEN.clear()  # keyed by id(): a freed document's id may come back
        draft = extract(
            text,
            doc_id=gold.document.id,
            bibliography=bib if bib.exists() else None,
            attribution="rules",
        )
        true_family = family(folder)
        genre = read_genre(text)
        reads[(true_family, genre.family, genre.confident)] += 1
        claims = list(gold.claims)
        for claim in draft.claims:
            rule = _DECIDED.get((claim.anchor.start, claim.anchor.end), "?")
            index = covering(claim.anchor.start, claim.anchor.end, claims)
            want = claims[index].evidence.type if index is not None else "-"
            ok = want == claim.evidence.type
            by_rule[rule][0] += ok
            by_rule[rule][1] += 1
            errors[(true_family, rule)][0] += ok
            errors[(true_family, rule)][1] += 1
            if not ok:
                wrong[(true_family, rule)][f"{claim.evidence.type}>{want}"] += 1
            if rule == "_carried:passage":
                sure = "" if genre.confident else "?"
                verdict = "right" if ok else f"gold {want}"
                carried[f"{genre.family}{sure}"][verdict] += 1
                how = _CARRIED_FROM.get((claim.anchor.start, claim.anchor.end), "?")
                carried_how[f"{genre.family[:8]}{sure} {how}"]["right" if ok else "wrong"] += 1
                if args.list and args.half == "design" and not args.val:
                    print(
                        f"  {folder.name[:30]:30} carried {claim.evidence.type:20}"
                        f" gold={want:22} | {claim.text[:60]}"
                    )
            if rule.startswith(("default", "fallback")):
                gold_types[(true_family, rule)][want] += 1
                sure = "" if genre.confident else "?"
                read_types[(f"{genre.family}{sure}", rule)][want] += 1
                all_default[rule][want] += 1
                if args.list and not args.val and args.half == "design":
                    print(f"  {folder.name[:30]:30} {rule:15} gold={want:22} | {claim.text[:70]}")
    print(f"{label}: {len(folders)} passages")
    print("\nstatements by deciding rule (right / total):")
    for rule, (right, total) in sorted(by_rule.items(), key=lambda kv: -kv[1][1]):
        print(f"  {rule:22} {right:4} / {total:4}  {100 * right / total:5.1f}%")
    for title, table in (
        ("gold type of default statements, per ANNOTATED genre family", gold_types),
        ("gold type of default statements, per genre family READ (? = not confident)", read_types),
    ):
        print(f"\n{title}:")
        for (fam, rule), counter in sorted(table.items()):
            total = sum(counter.values())
            cells = ", ".join(f"{t} {n}" for t, n in counter.most_common(4))
            print(f"  {fam:18} {rule:15} n={total:3}: {cells}")
    print("\nstatements that continue the open passage, per genre family READ:")
    for fam, counter in sorted(carried.items()):
        cells = ", ".join(f"{t} {n}" for t, n in counter.most_common(4))
        print(f"  {fam:18} n={sum(counter.values()):3}: {cells}")
    print("\ncontinuing statements by the passage they continue:")
    for how, counter in sorted(carried_how.items()):
        print(f"  {how:55} right {counter['right']:3}  wrong {counter['wrong']:3}")
    print("\nall passages' default statements:")
    for rule, counter in sorted(all_default.items()):
        total = sum(counter.values())
        cells = ", ".join(f"{t} {n}" for t, n in counter.most_common(5))
        print(f"  {rule:15} n={total:3}: {cells}")
    print("\nper annotated family and rule: right / total, commonest errors (got>gold):")
    for (fam, rule), (right, total) in sorted(errors.items()):
        cells = ", ".join(f"{t} {n}" for t, n in wrong[(fam, rule)].most_common(3))
        print(f"  {fam:18} {rule:30} {right:4} / {total:4}  {cells}")
    pairs: Counter[str] = Counter()
    for counter in wrong.values():
        pairs.update(counter)
    print("\ncommonest errors overall (got>gold):")
    for pair, n in pairs.most_common(15):
        print(f"  {pair:50} {n}")
    print("\ngenre reader: family read per annotated family (confident / not):")
    per_true: dict[str, Counter[str]] = defaultdict(Counter)
    for (true_family, read, confident), n in reads.items():
        per_true[true_family][f"{read}{'' if confident else '?'}"] += n
    right = sum(n for (t, r, _c), n in reads.items() if t == r)
    for true_family, counter in sorted(per_true.items()):
        print(f"  {true_family:18} {dict(counter.most_common())}")
    total = sum(reads.values())
    print(f"  family right: {right} / {total}")
    for sure in (True, False):
        n = sum(v for (_t, _r, c), v in reads.items() if c == sure)
        ok = sum(v for (t, r, c), v in reads.items() if c == sure and t == r)
        print(f"  {'confident' if sure else 'weak':9} readings: {ok} / {n} right")


if __name__ == "__main__":
    main()
