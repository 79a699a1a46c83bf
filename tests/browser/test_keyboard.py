"""The list from the keyboard: a skip link straight to the results, and drop-downs that move
their choice with the arrow keys without loading a page per key press."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect


@pytest.fixture
def kb(transactional_db):
    call_command("load_kb", stdout=io.StringIO())


def test_skip_to_results_reaches_the_first_result_in_three_key_presses(live_server, kb, page):
    page.goto(live_server.url + reverse("proposals:list") + "?theme=basing-okinawa")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to results")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first_title = page.locator(".results .proposal-card a").first
    expect(first_title).to_be_focused()


@pytest.mark.parametrize(
    "select_id,path", [("sort", "proposals:list"), ("subject", "proposals:compare-index")]
)
def test_arrow_keys_move_a_drop_down_without_leaving_the_page(
    live_server, kb, page, select_id, path
):
    url = live_server.url + reverse(path)
    page.goto(url)
    select = page.locator(f"#{select_id}")
    before = select.input_value()
    select.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(500)  # a submitted form would have started loading by now
    assert page.url == url
    chosen = select.input_value()
    assert chosen != before
    # The button next to it applies the choice.
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url != url
    expect(page.locator(f"#{select_id}")).to_have_value(chosen)


def test_a_pointer_choice_still_applies_at_once(live_server, kb, page):
    page.goto(live_server.url + reverse("proposals:list"))
    with page.expect_navigation():
        page.locator("#sort").select_option("newest")
    assert "sort=newest" in page.url
