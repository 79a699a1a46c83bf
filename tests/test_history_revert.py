"""Reverting to an old version from the admin's history (django-simple-history's revert form).

A revert goes through a view of its own, not the admin's change view: these tests use its real
URL, so that what the change view guarantees (quotes located again after the text changes, the
publication status left to publishing) is checked for reverts too.
"""

from unittest import mock

import pytest
from django.urls import reverse

from core.models import PublicationStatus
from proposals.models import Framework, Proposal, ProposalActor, Theme
from sources.models import Authorship, SourceDocument
from tests.editorial.test_source_admin import changeform_data
from tests.factories import (
    make_actor,
    make_author,
    make_framework,
    make_proposal,
    make_source,
    make_theme,
)

pytestmark = pytest.mark.django_db

QUOTE = "Japan should join the Asian Infrastructure Investment Bank"


def edit(client, obj, **fields):
    """Change fields of a source or proposal through its admin change form, as an editor does."""
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    data = changeform_data(client.get(url))
    data.update(fields)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def revert(client, obj, version):
    """Open a version from the object's history and press Revert, as the page was rendered."""
    name = f"admin:{obj._meta.app_label}_{obj._meta.model_name}_simple_history"
    url = reverse(name, args=[obj.pk, version.history_id])
    page = client.get(url)
    assert page.status_code == 200
    assert not page.context["revert_disabled"]
    return client.post(url, changeform_data(page), follow=True)


def assert_anchored(proposal):
    body = proposal.source.body
    assert body[proposal.quote_start : proposal.quote_end] == proposal.quote
    assert body[: proposal.quote_start].endswith(proposal.quote_prefix)
    assert body[proposal.quote_end :].startswith(proposal.quote_suffix)


# Sources ----------------------------------------------------------------------------------------


def test_reverting_a_source_keeps_it_a_draft_and_locates_its_quotes_in_the_old_text(
    editor_client, editor
):
    proposal = make_proposal(quote=QUOTE)
    source = proposal.source
    first = source.history.earliest()
    assert first.status == PublicationStatus.PUBLISHED
    edit(editor_client, source, body="A new opening paragraph.\n\n" + source.body)
    editor_client.post(reverse("admin:sources_sourcedocument_unpublish", args=[source.pk]))
    proposal.refresh_from_db()
    moved_to = proposal.quote_start
    assert moved_to == first.body.index(QUOTE) + len("A new opening paragraph.\n\n")

    response = revert(editor_client, source, first)

    assert response.redirect_chain, response.context["adminform"].form.errors
    source.refresh_from_db()
    proposal.refresh_from_db()
    assert source.body == first.body
    assert source.status == PublicationStatus.DRAFT
    assert proposal.quote_start == first.body.index(QUOTE) != moved_to
    assert_anchored(proposal)
    assert not Proposal.objects.published().exists()
    assert not SourceDocument.objects.published().exists()
    latest = source.history.first()
    assert (latest.body, latest.status, latest.history_user) == (first.body, "draft", editor)
    assert proposal.history.first().history_change_reason.startswith("Quote re-anchored")
    assert "the quotes of 1 proposal were located again" in response.text


def test_a_revert_to_a_text_without_a_proposals_quote_is_refused_with_a_message(editor_client):
    source = make_source(body="The alliance must deepen its cooperation on disaster relief.")
    first = source.history.earliest()
    edit(editor_client, source, body=source.body + "\n\nJapan should join the AIIB.")
    source.refresh_from_db()
    make_proposal(source=source, title="Join the AIIB", quote="Japan should join the AIIB.")

    response = revert(editor_client, source, first)

    assert not response.redirect_chain
    [error] = response.context["adminform"].form.errors["body"]
    assert "no longer contains the quote of proposal 1 (“Join the AIIB”)" in error
    assert "no longer contains the quote of proposal 1" in response.text
    source.refresh_from_db()
    assert source.body.endswith("Japan should join the AIIB.")
    assert source.history.count() == 2


def test_a_revert_whose_quotes_cannot_be_located_saves_nothing(editor_client):
    proposal = make_proposal(quote=QUOTE)
    source = proposal.source
    first = source.history.earliest()
    edit(editor_client, source, body="A new opening paragraph.\n\n" + source.body)
    edited = SourceDocument.objects.get(pk=source.pk).body
    failure = RuntimeError("the quotes could not be located")
    with mock.patch("editorial.admin.reanchor_proposals", side_effect=failure):
        with pytest.raises(RuntimeError):
            revert(editor_client, source, first)
    assert SourceDocument.objects.get(pk=source.pk).body == edited
    assert source.history.count() == 2


# Proposals --------------------------------------------------------------------------------------


def test_reverting_a_proposal_keeps_its_current_status(editor_client):
    proposal = make_proposal(title="Original title")
    first = proposal.history.earliest()
    edit(editor_client, proposal, title="A careless new title")
    editor_client.post(reverse("admin:proposals_proposal_unpublish", args=[proposal.pk]))

    response = revert(editor_client, proposal, first)

    assert response.redirect_chain, response.context["adminform"].form.errors
    proposal.refresh_from_db()
    assert proposal.title == "Original title"
    assert proposal.status == PublicationStatus.DRAFT
    assert not Proposal.objects.published().exists()
    assert_anchored(proposal)


# A version whole: tags, actor roles, related links, bylines ------------------------------------


def history_count(obj) -> int:
    return obj.history.count()


def roles_of(proposal) -> set:
    return set(proposal.actor_roles.values_list("actor__name", "role"))


@pytest.fixture
def tagged(db):
    """A proposal with a theme, a framework, an actor and a related proposal elsewhere."""
    theme, framework = make_theme(name="Okinawa basing"), make_framework(name="SACO")
    japan, okinawa = make_actor(name="Japan"), make_actor(name="Okinawa Prefecture")
    other = make_proposal(source=make_source(), title="Elsewhere")
    proposal = make_proposal(
        title="Original title",
        themes=[theme],
        frameworks=[framework],
        actors=[japan, (okinawa, ProposalActor.Role.AFFECTED)],
    )
    proposal.related.add(other)
    return proposal


def test_a_save_of_fields_tags_and_actor_roles_writes_one_history_row_with_its_reason(
    editor_client, editor, tagged
):
    before = history_count(tagged)
    new_theme = make_theme(name="Burden sharing")
    edit(
        editor_client,
        tagged,
        title="A clearer title",
        themes=[str(new_theme.pk)],
        **{"actor_roles-0-DELETE": "on"},
        change_reason="title was vague",
    )
    assert history_count(tagged) == before + 1
    latest = tagged.history.first()
    assert (latest.title, latest.history_user) == ("A clearer title", editor)
    assert latest.history_change_reason == "title was vague"
    assert [name for _id, name in latest.snapshot["themes"]] == ["Burden sharing"]
    assert len(latest.snapshot["actors"]) == len(roles_of(tagged)) == 1


def test_without_a_typed_reason_the_history_says_which_fields_changed(editor_client, tagged):
    edit(editor_client, tagged, themes=[])
    assert tagged.history.first().history_change_reason == "Changed themes"
    edit(editor_client, tagged, **{"actor_roles-0-DELETE": "on"})
    assert tagged.history.first().history_change_reason == "Changed actor roles"


def test_removing_an_actor_shows_in_the_proposals_history_as_a_readable_difference(
    editor_client, tagged
):
    [first_role] = tagged.actor_roles.order_by("role", "actor__name")[:1]
    removed = f"{first_role.actor.name} ({first_role.get_role_display().lower()})"
    edit(editor_client, tagged, **{"actor_roles-0-DELETE": "on"})
    page = editor_client.get(reverse("admin:proposals_proposal_history", args=[tagged.pk]))
    assert page.status_code == 200
    assert f"− {removed}" in page.text
    assert ">None<" not in page.text.replace(" ", "")


def test_a_related_link_removed_shows_in_both_proposals_histories(editor_client, tagged):
    other = tagged.related.get()
    before = history_count(other)
    edit(editor_client, tagged, related=[])
    assert history_count(other) == before + 1
    assert other.history.first().snapshot["related"] == []


def test_the_revert_form_shows_the_versions_tags_and_actor_roles(editor_client, tagged):
    version = tagged.history.first()
    edit(editor_client, tagged, themes=[], frameworks=[], **{"actor_roles-0-DELETE": "on"})
    url = reverse("admin:proposals_proposal_simple_history", args=[tagged.pk, version.history_id])
    page = editor_client.get(url)
    form = page.context["adminform"].form
    assert form["themes"].value() == [t.pk for t in Theme.objects.filter(name="Okinawa basing")]
    assert form["frameworks"].value() == [Framework.objects.get(name="SACO").pk]
    assert "Japan (is to act)" in page.text
    assert "Okinawa Prefecture (affected)" in page.text


def test_a_revert_restores_tags_actor_roles_and_related_links_in_one_history_row(
    editor_client, tagged
):
    version = tagged.history.first()
    roles, other = roles_of(tagged), tagged.related.get()
    edit(
        editor_client,
        tagged,
        title="Changed",
        themes=[],
        frameworks=[],
        related=[],
        **{"actor_roles-0-DELETE": "on", "actor_roles-1-DELETE": "on"},
    )
    assert roles_of(tagged) == set() and not tagged.themes.exists()
    editor_client.post(reverse("admin:proposals_proposal_unpublish", args=[tagged.pk]))
    before = history_count(tagged)

    response = revert(editor_client, tagged, version)

    assert response.redirect_chain, response.context["adminform"].form.errors
    tagged.refresh_from_db()
    assert tagged.title == "Original title"
    assert tagged.status == PublicationStatus.DRAFT
    assert list(tagged.themes.values_list("name", flat=True)) == ["Okinawa basing"]
    assert list(tagged.frameworks.values_list("name", flat=True)) == ["SACO"]
    assert roles_of(tagged) == roles
    assert list(tagged.related.all()) == [other]
    assert_anchored(tagged)
    assert history_count(tagged) == before + 1
    latest = tagged.history.first()
    assert latest.history_change_reason.startswith("Reverted to the version of")
    assert latest.snapshot == version.snapshot


def test_a_revert_that_fails_restores_nothing(editor_client, tagged):
    version = tagged.history.first()
    edit(editor_client, tagged, themes=[], **{"actor_roles-0-DELETE": "on"})
    roles = roles_of(tagged)
    url = reverse("admin:proposals_proposal_simple_history", args=[tagged.pk, version.history_id])
    data = changeform_data(editor_client.get(url))
    data["quote"] = "Words that are nowhere in the paper."
    response = editor_client.post(url, data)
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert roles_of(tagged) == roles and not tagged.themes.exists()


def test_a_sources_byline_is_kept_in_its_history_and_restored_by_a_revert(editor_client):
    source = make_source()
    first, second = make_author(name="Hanako Sato"), make_author(name="John Smith")
    Authorship.objects.create(source=source, author=first, position=1)
    Authorship.objects.create(source=source, author=second, position=2)
    version = source.history.first()
    assert [entry[1] for entry in version.snapshot["byline"]] == ["Hanako Sato", "John Smith"]
    before = history_count(source)
    edit(editor_client, source, **{"authorships-1-DELETE": "on"})
    assert history_count(source) == before + 1
    assert [e[1] for e in source.history.first().snapshot["byline"]] == ["Hanako Sato"]

    response = revert(editor_client, source, version)

    assert response.redirect_chain, response.context["adminform"].form.errors
    byline = source.authorships.order_by("position").values_list("author__name", "position")
    assert list(byline) == [("Hanako Sato", 1), ("John Smith", 2)]
