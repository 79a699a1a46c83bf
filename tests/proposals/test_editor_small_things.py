"""Small things for editors: the slug made from the title, autocomplete that ranks the entry
typed first, new vocabulary entries kept off the public site, and a 403 page that says what an
editor may do."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from proposals.models import Actor, Proposal
from tests.factories import make_actor, make_framework, make_proposal, make_source, make_theme
from tests.proposals.test_admin_proposals import ADD_URL, proposal_data

pytestmark = pytest.mark.django_db


def test_a_proposal_saved_without_a_slug_gets_one_from_its_title(editor_client):
    source = make_source()
    make_proposal(
        source=source, slug="japan-joins-the-aiib", quote="Critics say the bases burden Okinawa."
    )
    data = proposal_data(source, slug="", title="Japan joins the AIIB")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Proposal.objects.filter(slug="japan-joins-the-aiib-2").exists()


def autocomplete(client, term, field="actors"):
    # The actor inline's autocomplete asks from the proposal_actor relation.
    params = {
        "term": term,
        "app_label": "proposals",
        "model_name": "proposalactor",
        "field_name": "actor",
    }
    response = client.get(reverse("admin:autocomplete"), params)
    assert response.status_code == 200
    return [item["text"] for item in response.json()["results"]]


def test_autocomplete_offers_the_entry_typed_before_others_that_mention_it(editor_client):
    make_actor(name="Business community", description="Japanese and American companies.")
    make_actor(name="American public", description="Voters in the United States.")
    make_actor(name="Japan", kind=Actor.Kind.STATE)
    make_actor(name="United States", aliases="U.S.\nAmerica")
    make_actor(name="Japan Self-Defense Forces")
    assert autocomplete(editor_client, "Japan")[:2] == ["Japan", "Japan Self-Defense Forces"]
    assert autocomplete(editor_client, "United States")[0] == "United States"
    assert autocomplete(editor_client, "america")[0] == "United States"  # an alias, exactly


def test_a_vocabulary_entry_no_published_proposal_uses_is_for_staff_only(staff_client):
    public = Client()
    unused = make_theme(name="Space policy", slug="space-policy")
    used = make_theme(name="Basing", slug="basing")
    make_proposal(themes=[used])
    url = reverse("proposals:theme-detail", args=[unused.slug])
    assert public.get(url).status_code == 404
    assert public.get(reverse("proposals:theme-detail", args=[used.slug])).status_code == 200
    assert "Space policy" not in public.get(reverse("proposals:theme-list")).text
    assert staff_client.get(url).status_code == 200
    assert "Space policy" in staff_client.get(reverse("proposals:theme-list")).text


def test_an_editor_refused_sees_the_admins_look_and_what_an_editor_may_do(editor_client):
    framework = make_framework()
    url = reverse("admin:proposals_framework_delete", args=[framework.pk])
    response = editor_client.get(url)
    assert response.status_code == 403
    assert "Alliance KB · editing the knowledge base" in response.text
    assert "What an editor may do" in response.text
    assert "deleting a source, an author or a vocabulary entry" in response.text


def test_the_home_page_counts_its_papers_and_years_from_the_data(client):
    make_source(published_on=datetime.date(2010, 3, 1))
    make_source(published_on=datetime.date(2015, 7, 1))
    make_source(published_on=datetime.date(2016, 1, 1), status="draft")
    page = client.get(reverse("proposals:home")).text
    assert "What two papers proposed for the U.S.-Japan alliance, 2010–2015" in page
    assert (
        'content="Policy proposals on the U.S.-Japan alliance from two papers, 2010–2015,' in page
    )
