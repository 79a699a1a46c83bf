"""Dismissing a suggestion as "not a recommendation" from the admin: stored with its reason and
history, greyed out on the suggestions page, and counted as reviewed by kb_coverage."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from editorial.models import DismissedSuggestion
from tests.factories import make_source

pytestmark = pytest.mark.django_db

SENTENCE = "The alliance must deepen its cooperation on disaster relief."


def dismiss(client, source, **data):
    url = reverse("admin:sources_sourcedocument_dismiss", args=[source.pk])
    return client.post(url, data, follow=True)


def test_an_editor_dismisses_a_suggestion_with_a_reason_and_history(editor_client, editor):
    source = make_source()
    response = dismiss(
        editor_client, source, sentence=SENTENCE, reason="Background, asks for nothing."
    )
    assert "marked as not a recommendation" in response.text
    dismissed = DismissedSuggestion.objects.get()
    assert (dismissed.sentence, dismissed.dismissed_by) == (SENTENCE, editor)
    assert dismissed.history.get().history_user == editor
    reviewed = [s for s in response.context["suggestions"] if s.reviewed_reason]
    assert [s.sentence for s in reviewed] == [SENTENCE]


def test_a_dismissal_without_a_reason_or_of_an_unknown_sentence_changes_nothing(editor_client):
    source = make_source()
    response = dismiss(editor_client, source, sentence=SENTENCE, reason="  ")
    assert "Say why the sentence is not a recommendation." in response.text
    response = dismiss(editor_client, source, sentence="Words never suggested.", reason="x")
    assert "is not among this source" in response.text
    assert not DismissedSuggestion.objects.exists()


def test_kb_coverage_counts_a_dismissed_sentence_as_reviewed(editor_client):
    source = make_source()
    out = StringIO()
    call_command("kb_coverage", source=source.slug, stdout=out)
    assert "0 reviewed" in out.getvalue()
    dismiss(editor_client, source, sentence=SENTENCE, reason="Background.")
    out = StringIO()
    call_command("kb_coverage", source=source.slug, stdout=out)
    assert "1 reviewed" in out.getvalue()
    assert SENTENCE not in out.getvalue()  # no longer listed as uncovered
