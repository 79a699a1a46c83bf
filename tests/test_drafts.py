"""Drafts, for each kind of user: invisible (404) to anyone but staff, previewable by editors."""

import pytest
from django.urls import reverse

from core.models import PublicationStatus
from editorial.accounts import create_editor
from editorial.services import publish_source
from tests.factories import make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT


@pytest.fixture
def kb():
    """A published proposal, a draft proposal of a published source, and a draft source's
    (published) proposal, all tagged with one theme."""
    theme = make_theme(name="Disaster relief")
    published_source = make_source(title="A published paper")
    draft_source = make_source(title="A draft paper", status=DRAFT)
    return {
        "theme": theme,
        "published_source": published_source,
        "draft_source": draft_source,
        "published": make_proposal(
            source=published_source, title="Visible idea", slug="visible-idea", themes=[theme]
        ),
        "draft": make_proposal(
            source=published_source,
            title="Draft idea",
            slug="draft-idea",
            quote="Japan should join",
            status=DRAFT,
            themes=[theme],
        ),
        "orphan": make_proposal(
            source=draft_source, title="Idea of a draft paper", slug="orphan-idea", themes=[theme]
        ),
    }


def as_user(client, django_user_model, who):
    if who == "anonymous":
        return client
    if who == "reader":
        user = django_user_model.objects.create_user("reader", password="a-long-reader-password")
    elif who == "editor":
        user = create_editor(username="editor", password="a-long-editor-password")
    else:
        user = django_user_model.objects.create_superuser("boss", password="a-long-boss-password")
    client.force_login(user)
    return client


NOT_STAFF = ["anonymous", "reader"]
STAFF = ["editor", "superuser"]


@pytest.mark.parametrize("who", NOT_STAFF)
def test_draft_pages_are_not_found_for_anyone_who_is_not_staff(client, django_user_model, kb, who):
    client = as_user(client, django_user_model, who)
    for url in (
        kb["draft"].get_absolute_url(),
        kb["orphan"].get_absolute_url(),
        kb["draft_source"].get_absolute_url(),
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(kb["published"].get_absolute_url()).status_code == 200


@pytest.mark.parametrize("who", NOT_STAFF)
def test_lists_search_and_tags_show_no_draft_to_anyone_who_is_not_staff(
    client, django_user_model, kb, who
):
    client = as_user(client, django_user_model, who)
    pages = {
        "list": client.get(reverse("proposals:list")).text,
        "search": client.get(reverse("proposals:list"), {"q": "idea"}).text,
        "sources": client.get(reverse("sources:list")).text,
        "source": client.get(kb["published_source"].get_absolute_url()).text,
        "theme": client.get(kb["theme"].get_absolute_url()).text,
    }
    # Links rather than titles: search results highlight the words they matched.
    for name, text in pages.items():
        for key in ("draft", "orphan", "draft_source"):
            assert f'href="{kb[key].get_absolute_url()}"' not in text, (name, key)
        assert "Draft idea" not in text and "A draft paper" not in text, name
    for name in ("list", "search", "theme"):
        assert f'href="{kb["published"].get_absolute_url()}"' in pages[name], name


@pytest.mark.parametrize("who", STAFF)
def test_staff_preview_drafts_with_a_draft_banner(client, django_user_model, kb, who):
    client = as_user(client, django_user_model, who)
    for key in ("draft", "orphan", "draft_source"):
        response = client.get(kb[key].get_absolute_url())
        assert response.status_code == 200, key
        assert "draft-banner" in response.text, key
    published = client.get(kb["published"].get_absolute_url())
    assert "draft-banner" not in published.text
    listing = client.get(reverse("proposals:list")).text
    assert "Draft idea" in listing and "Idea of a draft paper" in listing


def test_publishing_a_draft_source_with_its_proposals_makes_them_public(client, kb):
    orphan_url = kb["orphan"].get_absolute_url()
    assert client.get(orphan_url).status_code == 404
    publish_source(source=kb["draft_source"], with_proposals=True)
    assert client.get(orphan_url).status_code == 200
    assert client.get(kb["draft_source"].get_absolute_url()).status_code == 200
    assert "Idea of a draft paper" in client.get(reverse("proposals:list")).text
