"""The outcome journey in headless Chromium, on the real knowledge base (load_kb): the implemented
proposals of the 2010 joint statement, why each is marked so (a dated, cited source), and
everything that happened in 2015 across all papers. Pages are photographed at desktop and phone
widths into test-artifacts/screenshots/ (and /tmp/shots-outcomes/), none wider than the screen."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, VIEWPORTS

SHOTS = [ARTIFACTS, Path("/tmp/shots-outcomes")]


@pytest.fixture
def kb(transactional_db):
    call_command("load_kb", stdout=io.StringIO())


def shoot(page, name: str):
    for width_name, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], name
        for folder in SHOTS:
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / f"outcomes-{name}-{width_name}.png"), full_page=True)
    page.set_viewport_size(VIEWPORTS["desktop"])


def test_implemented_in_the_2010_statement_why_and_what_happened_in_2015(page, live_server, kb):
    page.goto(
        live_server.url
        + reverse("sources:detail", args=["tokyo-foundation-cnas-2010-renewing-old-promises"])
    )
    shoot(page, "source")
    # The source page counts its proposals by status; "implemented" opens that list.
    page.locator(".source-outcomes .status-implemented").click()
    expect(page.locator(".result-count")).to_have_text("1")
    shoot(page, "list-implemented-2010")
    card = page.locator(".proposal-card")
    expect(card.locator(".status-badge")).to_have_text("Status: Implemented")
    card.locator(".card-title a").click()

    timeline = page.locator(".timeline-entry")
    # Oldest first: a study dating the council to 2013, then the report of its first meeting.
    expect(timeline).to_have_count(2)
    expect(timeline.locator("time")).to_have_text(["2013", "4 December 2013"])
    source_links = timeline.locator(".timeline-source a")
    expect(source_links.nth(0)).to_have_attribute(
        "href", "https://doi.org/10.1080/10371397.2018.1503926"
    )
    expect(source_links.nth(1)).to_have_attribute(
        "href", "https://cooptv.wordpress.com/2013/12/04/japan-launches-national-security-council/"
    )
    expect(timeline.nth(1).locator(".timeline-quote")).to_contain_text("Legislation to establish")
    expect(page.locator(".outcome-status .status-as-of")).to_have_text("as of 4 December 2013")
    shoot(page, "proposal-timeline")

    page.locator(".site-nav").get_by_role("link", name="Since").click()
    page.get_by_role("link", name="2015", exact=True).click()
    expect(page.locator("h1")).to_contain_text("in 2015")
    dates = page.locator(".since-list > .timeline-entry time").all_inner_texts()
    assert dates and all(d.endswith("2015") for d in dates)
    papers = set(page.locator(".answers .meta").all_inner_texts())
    assert len({p.split(" · ")[0] for p in papers}) >= 2  # across papers, not one
    shoot(page, "since-2015")

    page.goto(live_server.url + reverse("outcomes:statuses"))
    expect(page.locator("#not_assessed + dd")).to_contain_text("unknown")
    shoot(page, "statuses")
    page.goto(live_server.url + "/")
    expect(page.locator(".panel-outcomes")).to_contain_text("not assessed")
    shoot(page, "home")
