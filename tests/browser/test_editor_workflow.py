"""An editor's whole workflow in headless Chromium, against the live server:

log in, upload a saved web page, review its extracted text, save the source, open the
suggestions, create two proposals with themes and actors, preview the draft, publish, and find
both proposals on the anonymous public list and in search.

With KB_DOCS_SCREENSHOTS=1 the steps are also photographed into docs/screenshots/ for the
README's "For editors" section.
"""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.models import PublicationStatus
from editorial.accounts import create_editor
from sources.models import SourceDocument
from tests.browser.conftest import VIEWPORTS, editors_group_as_migrated
from tests.factories import make_actor, make_theme
from tests.sources.test_extraction import WEB_PAGE

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PASSWORD = "a-long-editor-password"


@pytest.fixture
def shoot(screenshot):
    """The full page into test-artifacts/; when asked for, a window's worth into docs/."""
    for_docs = os.environ.get("KB_DOCS_SCREENSHOTS") == "1"

    def take(page, name, *, start=None, height=900):
        screenshot(page, f"editor-{name}")
        if for_docs:
            DOCS.mkdir(parents=True, exist_ok=True)
            top = 0
            if start is not None:
                top = start.evaluate("e => e.getBoundingClientRect().top + window.scrollY") - 16
            clip = {"x": 0, "y": max(0, top), "width": VIEWPORTS["desktop"]["width"]}
            page.screenshot(
                path=str(DOCS / f"editor-{name}.png"),
                full_page=True,
                clip={**clip, "height": height},
            )

    return take


def choose_in_autocomplete(page, select_id: str, term: str, option: str):
    """Pick `option` in the admin's select2 widget that stands for <select id=select_id>."""
    page.locator(f"#{select_id} + .select2-container").click()
    page.locator(".select2-container--open .select2-search__field").fill(term)
    page.locator(".select2-results__option", has_text=option).first.click()
    expect(page.locator(f"#{select_id} + .select2-container")).to_contain_text(option)


def create_proposal_from(page, suggestion_text, *, title, summary, theme, actor):
    suggestion = page.locator(".kb-suggestions li", has_text=suggestion_text)
    suggestion.get_by_role("link", name="Create a proposal from this sentence").click()
    expect(page.locator("#id_quote")).to_have_value(re.compile(re.escape(suggestion_text)))
    page.locator("#id_title").fill(title)
    page.locator("#id_title").press("Tab")  # the slug is filled in from the title as you type
    expect(page.locator("#id_slug")).not_to_have_value("")
    page.locator("#id_summary").fill(summary)
    choose_in_autocomplete(page, "id_themes", theme[:5], theme)
    choose_in_autocomplete(page, "id_actor_roles-0-actor", actor[:5], actor)


@pytest.mark.django_db(transaction=True)
def test_an_editor_adds_a_paper_captures_two_proposals_and_publishes_them(
    live_server, browser, page, shoot, tmp_path
):
    editors_group_as_migrated()
    create_editor(username="hanako", password=PASSWORD)
    make_theme(name="Disaster relief", description="Responding to disasters together.")
    make_theme(name="Regional institutions", description="Banks, forums and their rules.")
    make_actor(name="Japan")
    make_actor(name="United States")
    paper = tmp_path / "burden-sharing.html"
    paper.write_text(WEB_PAGE, encoding="utf-8")
    url = live_server.url

    # Log in.
    page.goto(url + reverse("admin:index"))
    page.locator("#id_username").fill("hanako")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_contain_text("Alliance KB")

    # Upload the saved web page and review the extracted text.
    page.goto(url + reverse("admin:sources_sourcedocument_add"))
    page.locator("#id_kind").select_option(SourceDocument.Kind.ESSAY)
    page.locator("#id_publisher").fill("Viewsweek")
    page.locator("#id_published_on").fill("2016-01-01")
    page.locator("#id_published_on_precision").select_option("month")
    page.locator("#id_text_file").set_input_files(paper)
    page.get_by_role("button", name="Extract text").click()
    report = page.locator("#extraction-report")
    expect(report).to_contain_text("Text extracted from “burden-sharing.html”")
    body = page.locator("#id_body")
    # The page's title is the title field's, not the body's first paragraph.
    expect(body).to_have_value(re.compile(r"^The alliance must"))
    assert "Burden sharing for a new era" not in body.input_value()
    assert "Read more" not in body.input_value()
    assert "Great article" not in body.input_value()
    # The page's own title filled the empty title; the slug came with it.
    expect(page.locator("#id_title")).to_have_value("Burden sharing for a new era")
    expect(page.locator("#id_slug")).to_have_value("burden-sharing-for-a-new-era")
    assert not SourceDocument.objects.exists()
    shoot(page, "1-extracted", start=report, height=1100)

    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    source = SourceDocument.objects.get()
    assert source.status == PublicationStatus.DRAFT
    assert source.body.startswith("The alliance must deepen")

    # The suggestions, and two proposals made from them.
    page.get_by_role("link", name="Suggest proposals").click()
    expect(page.locator(".kb-suggestions li")).to_have_count(5)
    shoot(page, "2-suggestions", height=830)

    create_proposal_from(
        page,
        "The alliance must deepen its cooperation on disaster relief.",
        title="Deeper cooperation on disaster relief",
        summary="The allies should work more closely together on disaster relief.",
        theme="Disaster relief",
        actor="Japan",
    )
    shoot(page, "3-proposal-form", height=1250)
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Proposal 1, “Deeper cooperation on disaster relief”, was added as a draft."
    )
    expect(page.locator(".kb-suggestions li")).to_have_count(4)

    create_proposal_from(
        page,
        "Japan should join the Asian Infrastructure Investment Bank",
        title="Japan joins the AIIB",
        summary="Japan should become a member of the AIIB and help shape its rules.",
        theme="Regional institutions",
        actor="Japan",
    )
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("Proposal 2, “Japan joins the AIIB”")
    expect(page.locator(".kb-suggestions li")).to_have_count(3)

    proposals = list(source.proposals.order_by("position"))
    assert [p.title for p in proposals] == [
        "Deeper cooperation on disaster relief",
        "Japan joins the AIIB",
    ]
    assert [p.status for p in proposals] == ["draft", "draft"]
    assert [t.name for t in proposals[1].themes.all()] == ["Regional institutions"]
    assert [a.name for a in proposals[1].actors.all()] == ["Japan"]
    assert source.body[proposals[1].quote_start :].startswith("Japan should join the Asian")

    # Preview the draft on the public site, as the editor.
    page.goto(url + reverse("admin:sources_sourcedocument_change", args=[source.pk]))
    expect(page.locator("#draft-notice")).to_be_visible()
    inline = page.locator("#proposals-group")
    expect(inline.locator("tr.has_original")).to_have_count(2)
    expect(inline).to_contain_text("Regional institutions")
    shoot(page, "4-source-proposals", start=inline, height=420)
    page.locator(".object-tools a.viewsitelink").click()
    expect(page.locator(".draft-banner")).to_be_visible()
    expect(page.get_by_text("Japan joins the AIIB").first).to_be_visible()
    page.get_by_role("link", name="Japan joins the AIIB").first.click()
    expect(page.locator(".draft-banner")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Japan should join the Asian Infrastructure")
    shoot(page, "5-draft-preview")

    # Nobody else sees it yet.
    anonymous = browser.new_context(viewport=VIEWPORTS["desktop"])
    visitor = anonymous.new_page()
    response = visitor.goto(url + proposals[1].get_absolute_url())
    assert response.status == 404

    # Publish the source with its proposals.
    page.goto(url + reverse("admin:sources_sourcedocument_change", args=[source.pk]))
    page.locator(".object-tools").get_by_role("link", name="Publish…").click()
    expect(page.locator("body")).to_contain_text("Deeper cooperation on disaster relief")
    shoot(page, "6-publish", height=420)
    page.get_by_role("button", name="Publish the source and its 2 draft proposals").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "is published, with 2 proposals published with it."
    )
    expect(page.locator("#draft-notice")).to_have_count(0)

    # The anonymous public list and search show both proposals.
    visitor.goto(url + reverse("proposals:list"))
    for title in ("Deeper cooperation on disaster relief", "Japan joins the AIIB"):
        expect(visitor.get_by_role("link", name=title).first).to_be_visible()
    shoot(visitor, "7-public-list", height=700)
    visitor.goto(url + reverse("proposals:list") + "?q=AIIB")
    expect(visitor.get_by_role("link", name="Japan joins the AIIB").first).to_be_visible()
    expect(visitor.get_by_role("link", name="Deeper cooperation on disaster relief")).to_have_count(
        0
    )
    visitor.goto(url + reverse("proposals:list") + "?q=disaster+relief")
    expect(
        visitor.get_by_role("link", name="Deeper cooperation on disaster relief").first
    ).to_be_visible()
    anonymous.close()
