"""Search through the proposal list page: drafts stay hidden, publishing shows at once."""

import pytest
from django.urls import reverse

from tests.factories import make_proposal, make_source

pytestmark = pytest.mark.django_db


# Visibility: the index finds, visible_to() decides


def test_anonymous_search_never_shows_a_draft(client):
    draft = make_proposal(title="Japan joins the AIIB", status="draft")
    response = client.get(reverse("proposals:list"), {"q": "AIIB"})
    assert draft.get_absolute_url() not in response.text
    assert response.context["page_obj"].paginator.count == 0


def test_staff_search_finds_drafts(staff_client):
    draft = make_proposal(title="Japan joins the AIIB", status="draft")
    response = staff_client.get(reverse("proposals:list"), {"q": "AIIB"})
    assert draft.get_absolute_url() in response.text


def test_publishing_a_draft_makes_it_searchable_at_once(client):
    proposal = make_proposal(title="Japan joins the AIIB", status="draft")
    proposal.status = "published"
    proposal.save()
    response = client.get(reverse("proposals:list"), {"q": "AIIB"})
    assert proposal.get_absolute_url() in response.text


def test_a_draft_source_body_is_not_searchable_anonymously(client):
    make_source(title="Secret paper", body="Okinawa is discussed here.", status="draft")
    response = client.get(reverse("proposals:list"), {"q": "Okinawa"})
    assert "Secret paper" not in response.text
