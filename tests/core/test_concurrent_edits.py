"""Two editors open the same proposal (or source) and both save: the first save stands, the second
is refused with a clear message saying who changed what, and nothing of it is written."""

import pytest
from django.urls import reverse

from editorial.accounts import create_editor
from proposals.models import Proposal
from sources.models import SourceDocument
from tests.editorial.test_source_admin import changeform_data
from tests.factories import make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(client, django_user_model):
    from django.test import Client

    create_editor(username="hanako", password="a-long-editor-password")
    create_editor(username="taro", password="a-long-editor-password")
    first, second = client, Client()
    first.force_login(django_user_model.objects.get(username="hanako"))
    second.force_login(django_user_model.objects.get(username="taro"))
    return first, second


def both_open(first, second, url):
    return changeform_data(first.get(url)), changeform_data(second.get(url))


def test_the_second_of_two_saves_from_the_same_version_of_a_proposal_is_refused(two_editors):
    first, second = two_editors
    proposal = make_proposal(title="Japan joins the AIIB")
    url = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    hanakos, taros = both_open(first, second, url)

    assert first.post(url, {**hanakos, "title": "Japan joins the AIIB early"}).status_code == 302
    refused = second.post(url, {**taros, "title": "Japan stays out of the AIIB"})

    assert refused.status_code == 200
    text = refused.content.decode()
    assert "Someone else saved this proposal after you opened it (hanako changed title" in text
    assert "Your changes have not been saved" in text
    assert Proposal.objects.get().title == "Japan joins the AIIB early"


def test_the_second_of_two_saves_from_the_same_version_of_a_source_is_refused(two_editors):
    first, second = two_editors
    source = make_proposal().source
    url = reverse("admin:sources_sourcedocument_change", args=[source.pk])
    hanakos, taros = both_open(first, second, url)

    assert first.post(url, {**hanakos, "publisher": "Viewsweek"}).status_code == 302
    refused = second.post(url, {**taros, "publisher": "Newsday"})

    assert refused.status_code == 200
    assert "Someone else saved this source" in refused.content.decode()
    assert SourceDocument.objects.get().publisher == "Viewsweek"


def test_an_editor_saving_twice_in_a_row_from_fresh_pages_is_never_refused(two_editors):
    first, _ = two_editors
    proposal = make_proposal(title="Japan joins the AIIB")
    url = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    for title in ("One", "Two", "Three"):
        data = changeform_data(first.get(url))
        assert first.post(url, {**data, "title": title}).status_code == 302
    assert Proposal.objects.get().title == "Three"
