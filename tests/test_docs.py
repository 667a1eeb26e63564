"""The README stays short and current, and the reference pages it links to exist and are current."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from .conftest import ROOT

README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
TEST_COMMAND = (
    'python3 -m venv .venv && . .venv/bin/activate && pip install -e ".[test]" && python -m pytest'
)

_FENCE = re.compile(r"^```.*?^```", re.M | re.S)
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.M)


def links(page: Path) -> list[str]:
    """The targets of the page's Markdown links, code blocks left out."""
    return _LINK.findall(_FENCE.sub("", page.read_text("utf-8")))


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    return {slug(h) for h in _HEADING.findall(_FENCE.sub("", page.read_text("utf-8")))}


def test_slugs_follow_github() -> None:
    assert slug("Performance and large corpora") == "performance-and-large-corpora"
    assert (
        slug("Reading the evidence: tables, notebooks") == "reading-the-evidence-tables-notebooks"
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_relative_link_resolves(page: Path) -> None:
    broken = []
    for target in links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: and the like
            continue
        path, _, fragment = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.exists() or (
            fragment and resolved.suffix == ".md" and fragment not in anchors(resolved)
        ):
            broken.append(target)
    assert broken == [], f"{page.name}: links that lead nowhere: {broken}"


def test_the_link_check_can_fail(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Title\n\n[here](#title) [gone](missing.md) [nowhere](#nope)\n")
    assert links(page) == ["#title", "missing.md", "#nope"]
    assert "title" in anchors(page) and "nope" not in anchors(page)


def test_readme_is_short() -> None:
    assert len(README.read_bytes()) <= 10 * 1024


def test_ci_runs_the_readme_test_command() -> None:
    assert TEST_COMMAND in README.read_text("utf-8")
    assert TEST_COMMAND in (ROOT / ".ci" / "run").read_text("utf-8")


def test_rules_page_is_generated_from_the_catalogue() -> None:
    generate = runpy.run_path(str(DOCS / "generate_rules.py"))
    assert (DOCS / "rules.md").read_text("utf-8") == generate["rules_page"](), (
        "docs/rules.md is stale: run `python docs/generate_rules.py`"
    )


def test_architecture_drawing_names_every_layer() -> None:
    drawing = (DOCS / "architecture.md").read_text("utf-8")
    package = ROOT / "src" / "evidence_claims"
    layers = [p.name for p in package.iterdir() if (p / "__init__.py").exists()]
    assert len(layers) >= 9
    missing = [name for name in layers if f"{name}/" not in drawing]
    assert missing == []
