"""Copying a citation: one click where scripts run; selectable text where they do not."""

import io

import pytest
from django.core.management import call_command

from sources.models import SourceDocument
from tests.browser.conftest import VIEWPORTS

NIKKEI = "nikkei-2016-expand-security-cooperation"


@pytest.fixture
def kb(transactional_db):
    call_command("load_kb", stdout=io.StringIO())


def test_the_button_copies_the_citation_shown(live_server, kb, browser):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    try:
        source = SourceDocument.objects.get(slug=NIKKEI)
        proposal = source.proposals.order_by("position").first()
        page.goto(live_server.url + proposal.get_absolute_url())
        shown = page.locator("#citation-text").inner_text().strip()
        page.get_by_role("button", name="Copy citation").click()
        page.get_by_text("Copied.").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == shown
        assert "trans. Chris Hennessy" in shown and "watchingamerica.com" in shown
        assert f"Proposal {proposal.position}" in shown  # the pinpoint
    finally:
        context.close()


def test_without_scripts_the_citation_is_selectable_and_no_dead_button_shows(
    live_server, kb, browser
):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + SourceDocument.objects.get(slug=NIKKEI).get_absolute_url())
        assert not page.locator("button.copy-citation").is_visible()
        citation = page.locator("#citation-text")
        assert citation.evaluate("e => getComputedStyle(e).userSelect") == "all"  # one click
        assert "Nikkei editorial board" in citation.inner_text()
    finally:
        context.close()
