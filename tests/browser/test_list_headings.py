"""The list's headings never skip a level, at either width, with the filters folded or open.

On a phone the filters start folded and their h2 is hidden (the summary says "Filters"), so the
cards' h3s need an h2 of their own above them; Lighthouse runs as a phone and found the skip.
axe-core's own rule judges, on the page as Chromium shows it."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.factories import make_proposal


def heading_order_violations(page) -> list:
    response = Axe().run(page, options={"runOnly": ["heading-order"]}).response
    return [node["html"] for rule in response["violations"] for node in rule["nodes"]]


@pytest.fixture
def list_url(live_server):
    make_proposal(title="Japan joins the AIIB")
    return live_server.url + reverse("proposals:list")


def test_on_a_desktop_the_list_headings_skip_no_level(list_url, page):
    page.goto(list_url)
    assert heading_order_violations(page) == []


def test_on_a_phone_the_list_headings_skip_no_level_with_the_filters_folded_or_open(
    list_url, phone_page
):
    phone_page.goto(list_url)
    assert not phone_page.locator("#facet-status").is_visible()  # folded, as Lighthouse sees it
    assert heading_order_violations(phone_page) == []
    phone_page.get_by_text("Filters", exact=True).click()
    assert heading_order_violations(phone_page) == []
