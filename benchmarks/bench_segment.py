"""Sentence segmentation: the project's rules against pysbd, syntok and blingfire.

Run: .venv/bin/python benchmarks/bench_segment.py   (pip install -e ".[bench]" first)

Three figures per segmenter:
- boundary F1 on the gold documents (sentence ends of the annotated claims; headings, labels
  and list items count as statements), on the raw text as each library would receive it;
- the same with each library given the project's layout units (paragraph text runs, headings,
  list items) so that only sentence splitting is compared;
- exact-match rate on a suite of hard cases (abbreviations, decimals, quotes, brackets);
- speed in sentences per second on a generated corpus (median of runs).
Offsets of libraries that normalise their output are recovered by searching each sentence in
the text from the previous end.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_extract import corpus  # noqa: E402

from evidence_claims.extraction.segment import segment  # noqa: E402
from evidence_claims.pipeline.validation import load  # noqa: E402

Spans = list[tuple[int, int]]

HARD = [
    ("Matsumoto et al. found tolerance in mice. The effect was large.", 2),
    ("Several plants, e.g. coffee and tea, contain it. Dr. Smith agreed.", 2),
    ("It is banned in the U.S. The agency said so.", 2),
    ("The U.S. Food and Drug Administration agreed.", 1),
    ("Pressure fell by 6.4 mm Hg (95% CI 2.1 to 7.0; P<0.001). It lasted.", 2),
    ('He said "Stop now." Then he left.', 2),
    ("It helps (see below.) Next point here.", 2),
    ("Shade between 11 a.m. and 3 p.m., when it is hot. Rest.", 2),
    ("Does it work? Yes! It does.", 3),
    ("K. Matsumoto led the work, i.e. the mouse study.", 1),
    ("Wait... then it rained.", 1),
    ("The dose was 0.5 mg. Higher doses did nothing.", 2),
    ("Results (n = 240) are shown in Fig. 2. They are clear.", 2),
    ('Prof. Reed, who was not involved, said it was "far from conclusive". He was cautious.', 2),
    ("Take it at night.\nDo not drive.", 2),
]


def _align(text: str, pieces: list[str]) -> Spans:
    spans, position = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, position)
        if found < 0:
            continue
        spans.append((found, found + len(piece)))
        position = found + len(piece)
    return spans


def rules(text: str) -> Spans:
    return [(s.start, s.end) for s in segment(text)]


def make_pysbd() -> Callable[[str], Spans]:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def run(text: str) -> Spans:
        spans = []
        for span in seg.segment(text):
            left = span.start + len(span.sent) - len(span.sent.lstrip())
            right = span.start + len(span.sent.rstrip())
            if right > left:
                spans.append((left, right))
        return spans

    return run


def make_syntok() -> Callable[[str], Spans]:
    from syntok import segmenter

    def run(text: str) -> Spans:
        spans = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                tokens = list(sentence)
                if tokens:
                    spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
        return spans

    return run


def make_blingfire() -> Callable[[str], Spans]:
    import blingfire

    def run(text: str) -> Spans:
        if not text.strip():
            return []
        _sentences, offsets = blingfire.text_to_sentences_and_offsets(text)
        return [(a, b) for a, b in offsets if text[a:b].strip()]

    return run


def within_layout(split: Callable[[str], Spans]) -> Callable[[str], Spans]:
    """Give a library only the project's layout units (text runs, headings, items)."""

    def run(text: str) -> Spans:
        units: Spans = []
        for s in segment(text):
            if units and s.role == "sentence" and s.paragraph == units[-1][2]:  # type: ignore[misc]
                units[-1] = (units[-1][0], s.end, s.paragraph)  # type: ignore[assignment]
            else:
                units.append((s.start, s.end, s.paragraph))  # type: ignore[arg-type]
        spans = []
        for start, end, *_ in units:
            spans.extend((start + a, start + b) for a, b in split(text[start:end]))
        return spans

    return run


def boundary_f1(pred: Spans, gold: Spans) -> tuple[int, int, int]:
    p, g = {e for _s, e in pred}, {e for _s, e in gold}
    return len(p & g), len(p), len(g)


def f1(tp: int, npred: int, ngold: int) -> float:
    if not npred or not ngold:
        return 0.0
    precision, recall = tp / npred, tp / ngold
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> None:
    segmenters = {"rules (this project)": rules}
    for name, factory in (
        ("pysbd", make_pysbd),
        ("syntok", make_syntok),
        ("blingfire", make_blingfire),
    ):
        try:
            segmenters[name] = factory()
        except ImportError:
            print(f"{name}: not installed (pip install -e '.[bench]')")
    docs = []
    for folder in sorted((ROOT / "benchmarks" / "gold").iterdir()):
        if folder.is_dir():
            claim_set = load(folder)
            assert claim_set.document_text is not None
            docs.append(
                (
                    claim_set.document_text,
                    [(c.anchor.start, c.anchor.end) for c in claim_set.claims],
                )
            )
    text = corpus(3_000)  # pysbd slows down sharply on long texts: keep the corpus modest
    print(
        f"{'segmenter':22} {'gold F1':>8} {'in layout':>9} {'hard cases':>10} {'sentences/s':>12}"
    )
    for name, split in segmenters.items():
        raw = [boundary_f1(split(t), g) for t, g in docs]
        laid = [boundary_f1(within_layout(split)(t), g) for t, g in docs]
        hard = sum(1 for t, n in HARD if len(split(t)) == n and _exact(split(t), t))
        times = []
        count = 0
        for _ in range(3):
            start = time.perf_counter()
            count = len(split(text))
            times.append(time.perf_counter() - start)
        speed = count / statistics.median(times)
        raw_f1 = f1(*(sum(column) for column in zip(*raw, strict=True)))
        laid_f1 = f1(*(sum(column) for column in zip(*laid, strict=True)))
        print(
            f"{name:22} {100 * raw_f1:7.1f}% {100 * laid_f1:8.1f}%"
            f" {hard:>5}/{len(HARD):<4} {speed:12,.0f}",
            flush=True,
        )


def _exact(spans: Spans, text: str) -> bool:
    return all(text[a:b].strip() == text[a:b] and b > a for a, b in spans)


if __name__ == "__main__":
    main()
