"""Reverting to an old version from the admin's history (django-simple-history's revert form).

A revert goes through a view of its own, not the admin's change view: these tests use its real
URL, so that what the change view guarantees (quotes located again after the text changes, the
publication status left to publishing) is checked for reverts too.
"""

from unittest import mock

import pytest
from django.urls import reverse

from core.models import PublicationStatus
from proposals.models import Proposal
from sources.models import SourceDocument
from tests.editorial.test_source_admin import changeform_data
from tests.factories import make_proposal, make_source

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
