from __future__ import annotations

import io
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

import evidence_claims as ec
from evidence_claims.render.report_page import report_page

from .conftest import BAD, KRATOM, run_cli


class _Resources(HTMLParser):
    """Every attribute that could make a browser fetch something, and the table rows."""

    FETCHING = frozenset({"src", "href", "srcset", "action", "formaction", "poster", "data"})

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.scripts = 0
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self.scripts += 1
        for name, value in attrs:
            if name in self.FETCHING or name.endswith(":href"):
                self.urls.append((tag, name, value or ""))


@pytest.fixture(scope="module")
def page() -> str:
    claim_set = ec.load(KRATOM)
    return report_page(claim_set, ec.validate(KRATOM))


def test_report_page_is_self_contained(page: str) -> None:
    parser = _Resources()
    parser.feed(page)
    external = [u for u in parser.urls if not u[2].startswith("#")]
    assert external == []  # only in-page links (#claim-…, #fn-…)
    assert parser.scripts == 0
    assert not re.search(r"https?://", " ".join(v for _, _, v in parser.urls))
    styles = "".join(re.findall(r"<style[^>]*>(.*?)</style>", page, flags=re.S))
    assert "@import" not in styles and "url(" not in styles
    assert not re.search(r"<link\b", page)


def test_report_page_holds_map_table_document_findings_and_references(page: str) -> None:
    parser = _Resources()
    parser.feed(page)
    ids = {a.get("id") for _, a in parser.tags}
    assert {"overview", "evidence-table", "document", "findings", "references"} <= ids
    assert "<svg" in page  # the evidence map, inline
    table_rows = [a for t, a in parser.tags if t == "a" and (a.get("id") or "").startswith("row-")]
    assert len(table_rows) == 41
    claims = [a for t, a in parser.tags if t == "span" and (a.get("id") or "").startswith("claim-")]
    assert len(claims) == 41
    # every table row links to its claim in the document
    assert {a["href"][len("#claim-") :] for a in table_rows} == {
        a["id"][len("claim-") :] for a in claims
    }
    assert "Matsumoto K, et al. (2005). Antinociception" in page
    assert "cited by no claim" in page  # saingam2013 is listed but not cited


def test_report_command_writes_one_html_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run_cli("report", str(KRATOM), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary left over


def test_table_command_formats(tmp_path: Path) -> None:
    md = run_cli("table", str(KRATOM))
    assert md.exit_code == 0
    assert "⊕◯◯◯ Very low" in md.output and md.output.startswith("## Evidence table")
    html = run_cli("table", str(KRATOM), "--format", "html", "--by", "source")
    assert html.exit_code == 0 and "<table" in html.output
    out = tmp_path / "table.csv"
    csv = run_cli("table", str(KRATOM), "-f", "csv", "-o", str(out))
    assert csv.exit_code == 0
    frame = pd.read_csv(out, keep_default_na=False)
    assert len(frame) == 41
    printed = run_cli("table", str(KRATOM), "-f", "csv").output
    assert pd.read_csv(io.StringIO(printed), keep_default_na=False).equals(frame)


def test_table_and_report_of_a_broken_file_exit_1_with_located_findings(tmp_path: Path) -> None:
    broken = BAD / "syntax-yaml.claims.yaml"
    for args in (("table", str(broken)), ("report", str(broken), "-o", str(tmp_path / "r.html"))):
        result = run_cli(*args)
        assert result.exit_code == 1
        assert re.search(r"\.claims\.\w+:\d+:\d+: error ", result.output)
    assert not (tmp_path / "r.html").exists()


def test_unknown_format_is_a_usage_error() -> None:
    result = run_cli("table", str(KRATOM), "--format", "xlsx")
    assert result.exit_code == 2


def test_headline_numbers_follow_the_assessment() -> None:
    from evidence_claims.render.report_page import summary_items

    claim_set = ec.load(KRATOM)
    report = ec.validate(KRATOM)
    items = {item.label: item for item in summary_items(claim_set, report)}
    assert items["claims"].value == "41"
    assert items["cite a source"].value == str(sum(bool(c.evidence.sources) for c in claim_set))
    by_level = Counter(a.certainty for a in report.assessments)
    assert items["very low certainty"].value == str(by_level["very_low"])
    assert items["ungraded"].value == str(by_level["ungraded"])
    overclaims = sum(a.wording == "overclaim" for a in report.assessments)
    assert items["worded beyond the evidence"].value == str(overclaims)
    assert items["validation errors"].tone == "good"


def test_report_reads_the_claim_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from evidence_claims.io import loader

    calls: list[Path] = []
    real = loader.load_claim_file

    def counting(path: Path, **kwargs: object) -> object:
        calls.append(Path(path))
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "load_claim_file", counting)
    import evidence_claims.pipeline.validation as validation

    monkeypatch.setattr(validation, "load_claim_file", counting)
    result = run_cli("report", str(KRATOM), "-o", str(tmp_path / "report.html"))
    assert result.exit_code == 0, result.output
    assert len(calls) == 1


@pytest.mark.parametrize("command", ["table", "report"])
def test_table_and_report_read_the_configuration(tmp_path: Path, command: str) -> None:
    """The limits of pyproject.toml (or --config) apply as they do to validate."""
    config = tmp_path / "strict.toml"
    config.write_text("[tool.evidence-claims.limits]\nmax-claims = 10\n", "utf-8")
    out = ["-o", str(tmp_path / "out.html")] if command == "report" else []
    refused = run_cli(command, str(KRATOM), "--config", str(config), *out)
    assert refused.exit_code == 1
    assert "limits.claims" in refused.output
    roomy = tmp_path / "roomy.toml"
    roomy.write_text("[tool.evidence-claims.limits]\nmax-claims = 1000\n", "utf-8")
    assert run_cli(command, str(KRATOM), "--config", str(roomy), *out).exit_code == 0
    missing = run_cli(command, str(KRATOM), "--config", str(tmp_path / "none.toml"), *out)
    assert missing.exit_code == 2
