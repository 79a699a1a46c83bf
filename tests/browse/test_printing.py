"""Printing a filtered list: all of it on one page up to a cap, with the filters written out, and
a clear message beyond the cap."""

import pytest
from django.urls import reverse

from browse.selectors import printing
from tests.factories import make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db
LIST = reverse("proposals:list")
PRINT = reverse("proposals:print")


def test_the_printout_holds_every_proposal_of_the_filtered_list_in_its_order(client):
    theme = make_theme(name="Basing")
    source = make_source()
    wanted = [make_proposal(source=source, themes=[theme]) for _ in range(25)]
    make_proposal(source=source)  # not on the theme
    response = client.get(PRINT, {"theme": theme.slug})
    printed = response.context["printout"].proposals
    assert [p.pk for p in printed] == [p.pk for p in wanted]  # all 25, not the list's first 20
    assert ("Theme", "Basing") in response.context["printout"].filters
    assert response.text.count('class="print-item"') == 25
    assert 'class="citation"' in response.text


def test_the_list_links_to_its_printout_with_its_filters(client):
    theme = make_theme()
    make_proposal(themes=[theme])
    response = client.get(LIST, {"theme": theme.slug, "page": "1"})
    assert f'href="{PRINT}?theme={theme.slug}">all 1 on one page</a>' in response.text


def test_beyond_the_cap_the_printout_says_so(client, monkeypatch):
    monkeypatch.setattr(printing, "PRINT_CAP", 3)
    for _ in range(5):
        make_proposal()
    response = client.get(PRINT)
    assert len(response.context["printout"].proposals) == 3
    assert "This list has 5 proposals; a printout holds at most 3." in response.text
    assert "The first 3 of 5 proposals" in response.text


def test_bad_filters_give_a_notice_not_an_error(client):
    make_proposal()
    response = client.get(PRINT, {"theme": "nope", "year_from": "x", "papers": "lots"})
    assert response.status_code == 200
    assert len(response.context["printout"].notices) == 3
    assert len(response.context["printout"].proposals) == 1


def test_the_printout_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    theme = make_theme()
    for _ in range(30):
        make_proposal(themes=[theme], source=make_source())
    # two filtersets' vocabularies (8), the size, the rows and their tags, bylines, related and
    # evidence (about 8): none of it grows with the rows.
    with django_assert_max_num_queries(18):
        client.get(PRINT, {"theme": theme.slug})
