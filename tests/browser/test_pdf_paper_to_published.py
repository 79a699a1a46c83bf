"""From a printed PDF to a published, findable proposal, in headless Chromium.

An editor logs in, imports a two-page PDF that Chromium printed from an HTML paper (with the
browser's running head and foot), captures a proposal whose verbatim quote runs over the page
break, accepts a suggested theme and a suggested related proposal on the proposal form, and
publishes; an anonymous visitor then finds the proposal by searching and reads the quote in its
passage of the paper.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from editorial.accounts import create_editor
from proposals.models import Proposal
from sources.models import SourceDocument
from tests.browser.conftest import VIEWPORTS, editors_group_as_migrated
from tests.factories import make_actor, make_proposal, make_source, make_theme

PASSWORD = "a-long-editor-password"
FILLER = (
    "Sentence {n} of the argument observes that the allies reviewed their posture in the "
    "region with care, and that officials on both sides weighed the costs of each option."
)
RECOMMENDATION = (
    "Tokyo should establish a joint coast guard patrol around the Senkaku islands with the "
    "United States."
)


def filler(start, count):
    return " ".join(FILLER.format(n=n) for n in range(start, start + count))


# The recommendation closes a paragraph long enough to run over the page break.
PARAGRAPHS = [
    "The alliance enters a decade of harder choices than the last one.",
    filler(1, 22) + " " + RECOMMENDATION,
    "Budgets will decide how much of this can be done. " + filler(40, 3),
]
HTML = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    "<title>Patrolling Together</title><style>body{font-family:'DejaVu Serif',serif;"
    "font-size:12pt;line-height:1.5}</style></head><body><h1>Patrolling Together</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</body></html>"
)


@pytest.mark.django_db(transaction=True)
def test_an_editor_takes_a_printed_pdf_to_a_published_proposal_a_visitor_finds(
    live_server, browser, page, screenshot, tmp_path
):
    editors_group_as_migrated()
    create_editor(username="kenji", password=PASSWORD)
    coast_guard = make_theme(name="Coast guard", description="Coast guards and their work.")
    make_actor(name="Japan")
    earlier = make_proposal(
        source=make_source(
            title="An earlier paper",
            body="The allies must fund joint coast guard patrols near the Senkaku islands.",
        ),
        title="Joint coast guard patrols",
        quote="The allies must fund joint coast guard patrols near the Senkaku islands.",
        themes=[coast_guard],
    )
    # The paper, printed by Chromium as a reader would print it, head and foot included.
    printer = browser.new_page()
    printer.set_content(HTML)
    pdf = tmp_path / "patrolling-together.pdf"
    pdf.write_bytes(printer.pdf(format="A4", display_header_footer=True))
    printer.close()
    url = live_server.url

    page.goto(url + reverse("admin:index"))
    page.locator("#id_username").fill("kenji")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # Import the PDF: its text comes back clean, with no manual clean-up.
    page.goto(url + reverse("admin:sources_sourcedocument_add"))
    page.locator("#id_kind").select_option(SourceDocument.Kind.ESSAY)
    page.locator("#id_publisher").fill("Policy Review")
    page.locator("#id_published_on").fill("2024-03-01")
    page.locator("#id_published_on_precision").select_option("month")
    page.locator("#id_text_file").set_input_files(pdf)
    page.get_by_role("button", name="Extract text").click()
    expect(page.locator("#extraction-report")).to_contain_text("PDF, 2 pages")
    body = page.locator("#id_body").input_value()
    # The title, which the file repeats as its first paragraph, is in Title, not in the body.
    assert body.split("\n\n") == PARAGRAPHS
    expect(page.locator("#id_title")).to_have_value("Patrolling Together")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    source = SourceDocument.objects.get(title="Patrolling Together")

    # Capture the recommendation, taking the suggested theme and related proposal.
    page.get_by_role("link", name="Suggest proposals").click()
    suggestion = page.locator(".kb-suggestions li", has_text="Tokyo should establish a joint")
    suggestion.get_by_role("link", name="Create a proposal from this sentence").click()
    expect(page.locator("#id_quote")).to_have_value(RECOMMENDATION)
    offered = page.locator("#kb-suggestions")
    offered.locator(f'[data-kind="theme"][data-pk="{coast_guard.pk}"] .kb-accept').click()
    offered.locator(f'[data-kind="related"][data-pk="{earlier.pk}"] .kb-accept').click()
    expect(page.locator("#id_themes + .select2-container")).to_contain_text("Coast guard")
    expect(page.locator("#id_related + .select2-container")).to_contain_text(
        "Joint coast guard patrols"
    )
    page.locator("#id_title").fill("Joint coast guard patrols around the Senkakus")
    page.locator("#id_title").press("Tab")
    page.locator("#id_summary").fill("Japan and the United States should patrol together.")
    screenshot(page, "pdf-paper-proposal-form")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added as a draft")
    proposal = Proposal.objects.get(source=source)
    assert proposal.quote == RECOMMENDATION
    assert list(proposal.themes.all()) == [coast_guard]
    assert list(proposal.related.all()) == [earlier]

    # Publish the paper with its proposal.
    page.goto(url + reverse("admin:sources_sourcedocument_change", args=[source.pk]))
    page.locator(".object-tools").get_by_role("link", name="Publish…").click()
    page.get_by_role("button", name=re.compile("Publish the source and its 1 draft")).click()
    expect(page.locator(".messagelist")).to_contain_text("is published")

    # A visitor finds it by searching, and reads the quote where it stands in the paper.
    visitor = browser.new_context(viewport=VIEWPORTS["desktop"]).new_page()
    visitor.goto(url + reverse("proposals:list") + "?q=Senkaku+patrol")
    visitor.get_by_role("link", name="Joint coast guard patrols around the Senkakus").click()
    expect(visitor.locator(".quote-words")).to_have_text(RECOMMENDATION)
    visitor.get_by_role("link", name="Read in the source →").click()
    expect(visitor.locator(f"#passage-{proposal.slug}")).to_be_visible()
    marked = visitor.locator(f'mark.passage.is-current[data-proposals~="{proposal.slug}"]')
    expect(marked).to_have_text(RECOMMENDATION)
    screenshot(visitor, "pdf-paper-passage")
