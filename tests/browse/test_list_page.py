import pytest
from django.urls import reverse

from tests.factories import make_actor, make_proposal, make_theme

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_published_proposals(client):
    make_proposal(title="Japan joins the AIIB")
    response = client.get(reverse("proposals:list"))
    assert response.status_code == 200
    assert "Japan joins the AIIB" in response.text


def test_the_list_hides_drafts_from_anonymous_visitors(client):
    make_proposal(title="A draft idea", status="draft")
    assert "A draft idea" not in client.get(reverse("proposals:list")).text


def test_a_draft_proposal_page_is_not_found_for_anonymous_visitors(client):
    draft = make_proposal(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_list_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    theme, actor = make_theme(), make_actor()
    for _ in range(12):
        make_proposal(themes=[theme], actors=[actor])
    # Vocabularies the URL may name (4), the facet index read once for this knowledge-base
    # version (11 plain reads, search.facet_index; it then counts every facet and the total
    # without a query), the page, and the page's themes, frameworks and actor roles (3), its
    # links to other papers (1), the "made by at least N papers" counts (1), the footer's count of
    # published papers (1): none of it grows with the rows.
    with django_assert_max_num_queries(22):
        client.get(reverse("proposals:list"))
    # Another list of the same version: its facet counts are not cached, the index is reused
    # (the "made by at least N papers" counts, read from the related links, are asked again).
    with django_assert_max_num_queries(10):
        client.get(reverse("proposals:list"), {"kind": "recommendation"})
