"""The analyst pages the README shows, in headless Chromium on the real knowledge base: each one
shows what its screenshot is meant to show and fits the screen.

With KB_DOCS_SCREENSHOTS=1 they are also photographed into docs/screenshots/analyst-*.png (a
window's worth at 1280 px, and the list at 390 px too), as the editors' ones are
(tests/browser/test_editor_workflow.py): `KB_DOCS_SCREENSHOTS=1 .venv/bin/python -m pytest
tests/browser/test_analyst_screenshots.py`.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# name: (address, what must be visible, where the docs' picture starts, its height)
SHOTS = {
    "1-home-matrix": ("/", "table.matrix", ".panel-matrix", 900),
    "2-list-facets": (
        "/proposals/?theme=regional-security-networks",
        ".facets .facet-option",
        None,
        900,
    ),
    "3-search-also-matched": ("/proposals/?q=ROK", ".also-matched", None, 900),
    "4-proposal": (
        "/proposals/easley-alliance-kernel-regional-security-architecture/",
        ".tag-table",
        None,
        900,
    ),
    "5-compare-two-papers": (
        "/compare/sources/easley-2007-alliance-diplomacy/"
        "tokyo-foundation-cnas-2010-renewing-old-promises/",
        "h1",
        None,
        900,
    ),
    "6-compare-clusters": (
        "/compare/theme/alliance-defence-cooperation/",
        ".cluster-table tbody tr",
        ".breadcrumbs",
        1000,
    ),
}
# What must be visible at 390 px: the list's filters fold into one "Filters" toggle above the
# results; Compare's rows stack, one card per group. Only the list is photographed for the docs.
PHONE = {"2-list-facets": ".facets-summary", "6-compare-clusters": ".cluster-table tbody tr"}
PHONE_DOCS = {"2-list-facets"}


@pytest.fixture
def kb(transactional_db):
    call_command("load_kb", stdout=io.StringIO())


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _for_docs(page, name, start, height):
    DOCS.mkdir(parents=True, exist_ok=True)
    top = 0
    if start is not None:
        top = page.locator(start).first.evaluate(
            "e => e.getBoundingClientRect().top + window.scrollY"
        )
        top = max(0, top - 16)
    width = page.viewport_size["width"]
    page.screenshot(
        path=str(DOCS / f"analyst-{name}.png"),
        full_page=True,
        clip={"x": 0, "y": top, "width": width, "height": height},
    )


def test_the_pages_the_readme_shows_show_what_they_should(live_server, kb, browser, screenshot):
    for_docs = os.environ.get("KB_DOCS_SCREENSHOTS") == "1"
    for viewport in ("desktop", "phone"):
        context = browser.new_context(viewport=VIEWPORTS[viewport])
        context.set_default_timeout(10_000)
        page = context.new_page()
        for name, (url, shown, start, height) in SHOTS.items():
            if viewport == "phone" and name not in PHONE:
                continue
            response = page.goto(live_server.url + url)
            assert response.status == 200, url
            if viewport == "phone":
                shown = PHONE[name]
            expect(page.locator(shown).first).to_be_visible()
            assert _fits(page), f"{url} is wider than the screen at {viewport} width"
            if viewport == "phone":  # not merely scrollable inside its box: it fits the screen
                right = page.locator(shown).first.evaluate("e => e.getBoundingClientRect().right")
                assert right <= VIEWPORTS["phone"]["width"], f"{shown} overflows at 390 px"
            screenshot(page, f"analyst-docs-{name}-{viewport}")
            if for_docs and (viewport == "desktop" or name in PHONE_DOCS):
                suffix = "" if viewport == "desktop" else "-390"
                _for_docs(page, name + suffix, start, height)
        context.close()
