from django.urls import reverse

from tests.factories import make_proposal


def test_the_proposal_list_renders_in_chromium(live_server, page, screenshot):
    make_proposal(title="Japan joins the AIIB")
    page.goto(live_server.url + reverse("proposals:list"))
    assert page.get_by_role("link", name="Japan joins the AIIB").is_visible()
    screenshot(page, "smoke-proposal-list")
