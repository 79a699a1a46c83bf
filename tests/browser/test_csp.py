"""The Content-Security-Policy breaks nothing a reader or an editor sees: Chromium reports no
violation on the main pages, the admin's change form (with its autocomplete widgets) or the API
docs, and the bars the overview draws still have their length."""

import pytest
from django.urls import reverse

from editorial.accounts import create_editor
from tests.browser.conftest import editors_group_as_migrated
from tests.factories import make_actor, make_proposal, make_theme

PASSWORD = "a-long-editor-password"

pytestmark = pytest.mark.django_db(transaction=True)


def watch_violations(page) -> list[str]:
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return seen


def test_no_page_violates_the_content_security_policy(live_server, page):
    theme = make_theme(name="Regional institutions")
    proposal = make_proposal(
        title="Japan joins the AIIB", themes=[theme], actors=[make_actor(name="Japan")]
    )
    editors_group_as_migrated()
    create_editor(username="hanako", password=PASSWORD)
    violations = watch_violations(page)
    url = live_server.url

    for path in (
        "/",
        reverse("proposals:list") + "?theme=" + theme.slug,
        proposal.get_absolute_url(),
        proposal.source.get_absolute_url(),
        "/api/docs/",
    ):
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
    page.goto(url + "/")
    bar = page.locator(".bar-list .bar").first.bounding_box()
    track = page.locator(".bar-list .bar-track").first.bounding_box()
    assert bar["width"] == pytest.approx(track["width"], abs=1)  # the only theme: a full bar

    page.goto(url + reverse("admin:index"))
    page.locator("#id_username").fill("hanako")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    for path in (
        reverse("admin:proposals_proposal_change", args=[proposal.pk]),
        reverse("admin:sources_sourcedocument_change", args=[proposal.source.pk]),
        reverse("admin:proposals_proposal_changelist"),
    ):
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
    assert page.locator("#result_list").is_visible()
    assert violations == []
