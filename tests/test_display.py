from __future__ import annotations

import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import evidence_claims as ec
from evidence_claims.render.annotated import Span, annotated_document_html, nest_spans
from evidence_claims.render.display import claim_html
from evidence_claims.render.evidence_map import evidence_counts, evidence_map, figure_svg

from .conftest import KRATOM
from .views_helpers import assessed, make_set


@pytest.fixture(scope="module")
def kratom():
    return ec.load(KRATOM)


class _Tree(HTMLParser):
    """Checks that tags nest, and collects the text each keyed element covers."""

    VOID = frozenset({"br", "meta", "input", "img", "hr", "link"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.covered: dict[str, list[str]] = {}
        self.parents: dict[str, list[str]] = {}
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attributes = dict(attrs)
        key = attributes.get("data-k") or attributes.get("id")
        if key:
            self.parents.setdefault(key, [])
            self.parents[key] = [a.get("id") or a.get("data-k") for _, a in self.stack]
        self.stack.append((tag, attributes))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unbalanced </{tag}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        for _, attributes in self.stack:
            key = attributes.get("data-k") or attributes.get("data-claim")
            if key:
                self.covered.setdefault(key, []).append(data)


def _parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree


intervals = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 1)), max_size=12
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab <>&\"'\n", max_size=40), spans=intervals)
def test_nested_and_crossing_spans_keep_the_text_and_nest_properly(text, spans) -> None:
    items = [
        Span(min(a, b), max(a, b), layer, "span", (("data-k", str(i)), ("class", "x")))
        for i, (a, b, layer) in enumerate(spans)
    ]
    html = nest_spans(text, items)
    tree = _parse(html)
    assert not tree.errors and not tree.stack
    assert "".join(tree.text) == text  # every character once, in order, unescaped
    for i, span in enumerate(items):
        if 0 <= span.start < span.end <= len(text):
            assert "".join(tree.covered.get(str(i), [])) == text[span.start : span.end]
        else:
            assert str(i) not in tree.covered


def test_crossing_spans_are_split_and_marked_as_continued() -> None:
    html = nest_spans(
        "abcdef",
        [Span(0, 4, 0, "span", (("class", "a"),)), Span(2, 6, 0, "span", (("class", "b"),))],
    )
    assert html == (
        '<span class="a">ab<span class="b">cd</span></span><span class="b ec-cont">ef</span>'
    )


def test_kratom_document_highlights_every_claim_with_the_nested_one_inside(kratom) -> None:
    html = annotated_document_html(kratom)
    tree = _parse(html)
    assert not tree.errors
    for claim in kratom:
        assert "".join(tree.covered[claim.id]).startswith(claim.text)
    # kratom-addiction-012 lies inside kratom-addiction-011, and so does its element
    assert "claim-kratom-addiction-011" in tree.parents["claim-kratom-addiction-012"]
    doc = html[html.index('<div class="ec-doc"') :]
    assert doc.count('class="ec-hedge"') == sum(len(c.hedges) for c in kratom)
    assert doc.count('class="ec-booster"') == sum(len(c.boosters) for c in kratom)
    assert 'id="claim-' in html and html.count('data-label="') == len(kratom)


def test_tooltips_show_source_certainty_and_caveats(kratom) -> None:
    html = annotated_document_html(kratom)
    start = html.index('id="claim-kratom-addiction-032"')
    tag = html[html.rindex("<span", 0, start) : html.index(">", start)]
    assert "Animal study" in tag
    assert "⊕◯◯◯ Very low" in tag
    assert "Matsumoto K et al. (2005)" in tag
    assert "indirectness.animal: mice" in tag
    assert "Overclaim: “have demonstrated”" in tag


def test_annotated_document_without_text_says_so() -> None:
    cs = make_set("Some text.", {"id": "a", "span": (0, 4)})
    cs.document_text = None
    assert "not available" in annotated_document_html(cs)


def test_claim_card_is_escaped_and_shows_grade() -> None:
    text = "<img src=x onerror=alert(1)> works."
    cs = make_set(text, {"id": "a", "span": (0, len(text)), "certainty": "low"})
    html = cs["a"]._repr_html_()
    assert "<img" not in html and "&lt;img" in html
    assert "⊕⊕◯◯" in html
    assert "Anecdotal report" in html
    report = assessed(("a", "very_low", "low", [("risk_of_bias.self_report", -1, "self")], None))
    assert "file states Low" in claim_html(cs["a"], report.assessments[0])


def test_claim_set_repr_counts_and_lists_claims(kratom) -> None:
    html = kratom._repr_html_()
    assert html.count("<tr>") >= 41
    assert "41</strong> claims" in html
    assert "Anecdotal report (15)" in html


def test_evidence_map_counts_claims_by_source_type_and_certainty(kratom) -> None:
    from matplotlib.figure import Figure

    counts = evidence_counts(kratom)
    assert sum(counts.values()) == 41
    assert counts == dict(Counter((c.evidence.type, c.certainty or "ungraded") for c in kratom))
    fig = evidence_map(kratom)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "Animal study  (3)" in labels
    bubbles = [t.get_text() for t in ax.texts]
    assert sorted(int(b) for b in bubbles) == sorted(counts.values())


def test_evidence_map_follows_the_assessment() -> None:
    cs = make_set(
        "One. Two.", {"id": "a", "span": (0, 4), "certainty": "low"}, {"id": "b", "span": (5, 9)}
    )
    report = assessed(("a", "very_low", "low", [], None), ("b", "ungraded", None, [], None))
    assert evidence_counts(cs, report) == {
        ("anecdotal_report", "very_low"): 1,
        ("anecdotal_report", "ungraded"): 1,
    }


def test_figure_svg_is_inline_ready(kratom) -> None:
    svg = figure_svg(evidence_map(kratom))
    assert svg.startswith("<svg")
    assert "<?xml" not in svg and "DOCTYPE" not in svg
    assert "Very low" in svg  # text stays text
    assert figure_svg(evidence_map(kratom)) == svg  # deterministic


def test_drawing_a_map_neither_needs_nor_selects_a_gui_backend() -> None:
    code = (
        "import sys, evidence_claims as ec\n"
        "fig = ec.evidence_map(ec.load(sys.argv[1]))\n"
        "import io; fig.savefig(io.BytesIO(), format='png')\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
    )
    env = {"PATH": "/usr/bin:/bin", "MPLBACKEND": "", "DISPLAY": ""}
    result = subprocess.run(
        [sys.executable, "-c", code, str(KRATOM)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr


def test_validate_path_does_not_import_the_display_stack() -> None:
    code = (
        "import sys\n"
        "from evidence_claims.cli import main\n"
        "try:\n    main(['validate', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('matplotlib', 'jinja2', 'tabulate') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(KRATOM)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_report_repr_shows_counts_findings_and_assessment(kratom) -> None:
    report = ec.validate(KRATOM)
    rendered = report._repr_html_()
    assert "OK" in rendered and "0 error(s)" in rendered
    assert "Assessed:" in rendered and "⊕◯◯◯ Very low" in rendered
    broken = ec.Report(findings=[ec.Finding("x.y", "error", "bad <thing>", "f.yaml", 3, 4)])
    rendered = broken._repr_html_()
    assert "FAILED" in rendered and "bad &lt;thing&gt;" in rendered and "f.yaml:3:4" in rendered
    assert "<thing>" not in rendered
