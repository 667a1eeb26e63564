"""The report page in a real headless Chromium: it loads offline, without console errors.

Needs Debian's ``chromium`` and the ``playwright`` package (its bundled browsers are never
downloaded: the system Chromium is launched by path). Skips with the reason on a machine
without them; fails on CI, where ``.ci/run`` installs Chromium.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .conftest import KRATOM, ROOT, in_ci, run_cli

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "artifacts"


def _chromium() -> str | None:
    configured = os.environ.get("EVIDENCE_CLAIMS_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason} (CI must install it: see .ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory):
    executable = _chromium()
    if executable is None:
        _unavailable("Chromium is not installed (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1000},
        )
        context.set_default_timeout(30_000)
        yield context
        context.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = run_cli("report", str(KRATOM), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_report_page_renders_offline_in_chromium(browser_context, report_file: Path) -> None:
    requests: list[str] = []
    problems: list[str] = []

    def route(route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            requests.append(url)
            route.abort()

    page = browser_context.new_page()
    page.route("**/*", route)
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(report_file.as_uri(), wait_until="load")

    assert requests == []
    assert problems == []
    assert page.title().startswith("Evidence report: Is Mitragyna speciosa Kratom habit forming?")

    # the evidence table: one row per claim
    assert page.locator("#evidence-table table.ec-table tbody tr").count() == 41
    # the annotated document: every claim highlighted, the nested one inside its parent
    assert page.locator(".ec-doc .ec-claim[id]").count() == 41
    nested = page.locator("#claim-kratom-addiction-011 #claim-kratom-addiction-012")
    assert nested.count() == 1
    background = page.eval_on_selector(
        "#claim-kratom-addiction-032", "e => getComputedStyle(e).backgroundColor"
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator(".ec-doc mark.ec-hedge").count() > 0
    assert page.locator(".ec-doc mark.ec-booster").count() > 0
    title = page.get_attribute("#claim-kratom-addiction-032", "title") or ""
    assert "indirectness.animal" in title and "Matsumoto K et al. (2005)" in title
    # the evidence map is drawn, inline
    box = page.locator("#overview svg").bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 150
    # a claim number in the table jumps to the claim in the document
    page.click("#row-kratom-addiction-032")
    assert page.evaluate("location.hash") == "#claim-kratom-addiction-032"
    assert page.locator("#claim-kratom-addiction-032").is_visible()

    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    shot = ARTIFACTS / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 50_000
    page.close()


def test_evidence_table_page_renders_in_chromium(browser_context, tmp_path: Path) -> None:
    out = tmp_path / "table.html"
    result = run_cli("table", str(KRATOM), "--format", "html", "--by", "source", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = browser_context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(out.as_uri(), wait_until="load")
    assert problems == []
    assert page.locator("table.ec-table tbody tr").count() == 41
    assert page.locator("h3").first.inner_text().startswith("Observational study")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "table.png"), full_page=True)
    page.close()
