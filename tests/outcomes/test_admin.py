"""Editors keep the evidence log in the admin: from the event's side with the proposals it
answers, and inline on the proposal; new evidence is a draft; a bad entry saves nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from core.models import PublicationStatus
from outcomes.models import Assessment, Evidence, Status
from tests.factories import make_evidence, make_proposal

pytestmark = pytest.mark.django_db
ADD = reverse("admin:outcomes_evidence_add")


def form(proposal, **fields):
    data = {
        "summary": "Japan's Diet passed a law.",
        "slug": "diet-passed-a-law",
        "occurred_on": "2015-09-01",
        "occurred_on_precision": "month",
        "source_title": "A report",
        "source_publisher": "A newspaper",
        "source_date": "",
        "source_date_precision": "unknown",
        "url": "https://example.org/report",
        "quote": "the law was passed",
        "assessments-TOTAL_FORMS": "1",
        "assessments-INITIAL_FORMS": "0",
        "assessments-MIN_NUM_FORMS": "0",
        "assessments-MAX_NUM_FORMS": "1000",
        "assessments-0-proposal": str(proposal.pk),
        "assessments-0-status": Status.PARTIALLY_IMPLEMENTED,
        "assessments-0-note": "Only in certain situations.",
    }
    data.update(fields)
    return data


def test_an_editor_adds_evidence_with_its_judgements_as_a_draft(editor_client):
    proposal = make_proposal()
    response = editor_client.post(ADD, form(proposal))
    assert response.status_code == 302, response.content.decode()[:2000]
    evidence = Evidence.objects.get(slug="diet-passed-a-law")
    assert evidence.status == PublicationStatus.DRAFT
    assert evidence.history.count() == 1
    judgement = Assessment.objects.get(evidence=evidence)
    assert (judgement.proposal, judgement.status) == (proposal, Status.PARTIALLY_IMPLEMENTED)


def test_a_date_more_precise_than_its_precision_saves_nothing_and_says_why(editor_client):
    proposal = make_proposal()
    response = editor_client.post(ADD, form(proposal, occurred_on="2015-09-19"))
    assert response.status_code == 200
    assert "1st of that month" in response.content.decode()
    assert not Evidence.objects.exists() and not Assessment.objects.exists()


def test_publishing_makes_it_count(editor_client):
    proposal = make_proposal()
    evidence = make_evidence(
        proposals=[(proposal, Status.IMPLEMENTED)], status=PublicationStatus.DRAFT
    )
    editor_client.post(
        reverse("admin:outcomes_evidence_changelist"),
        {"action": "publish", "_selected_action": [evidence.pk]},
    )
    evidence.refresh_from_db()
    assert evidence.status == PublicationStatus.PUBLISHED


def test_the_proposal_admin_shows_its_evidence_inline(editor_client):
    proposal = make_proposal()
    make_evidence(proposals=[(proposal, Status.IMPLEMENTED)], summary="An inline event.")
    page = editor_client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "What became of it" in text and "An inline event." in text


# The Publish / Unpublish buttons of the change form ----------------------------------------------


def test_the_publish_button_publishes_a_draft_and_its_status_then_counts(editor_client):
    reader = Client()
    proposal = make_proposal()
    evidence = make_evidence(
        proposals=[(proposal, Status.IMPLEMENTED)], status=PublicationStatus.DRAFT
    )
    change = reverse("admin:outcomes_evidence_change", args=[evidence.pk])
    publish = reverse("admin:outcomes_evidence_publish", args=[evidence.pk])
    page = editor_client.get(change).text
    assert f'action="{publish}"' in page and 'id="draft-notice"' in page
    assert "Implemented" not in reader.get(proposal.get_absolute_url()).text

    response = editor_client.post(publish, follow=True)
    evidence.refresh_from_db()
    assert evidence.status == PublicationStatus.PUBLISHED
    assert "now counts for 1 proposal" in response.text
    assert evidence.history.first().history_change_reason == "Published"
    assert "Implemented" in reader.get(proposal.get_absolute_url()).text


def test_the_unpublish_button_returns_evidence_to_draft(editor_client):
    evidence = make_evidence()
    change = reverse("admin:outcomes_evidence_change", args=[evidence.pk])
    unpublish = reverse("admin:outcomes_evidence_unpublish", args=[evidence.pk])
    assert f'action="{unpublish}"' in editor_client.get(change).text
    response = editor_client.post(unpublish, follow=True)
    evidence.refresh_from_db()
    assert evidence.status == PublicationStatus.DRAFT
    assert "is a draft again" in response.text
    assert evidence.history.first().history_change_reason == "Unpublished"


def test_the_publish_url_refuses_a_get_an_unknown_entry_and_a_reader(editor_client):
    evidence = make_evidence(status=PublicationStatus.DRAFT)
    publish = reverse("admin:outcomes_evidence_publish", args=[evidence.pk])
    assert editor_client.get(publish).status_code == 405
    unknown = reverse("admin:outcomes_evidence_publish", args=[999999])
    assert "doesn’t exist" in editor_client.post(unknown, follow=True).text
    assert Client().post(publish).status_code == 302  # not logged in: sent to the login page
    evidence.refresh_from_db()
    assert evidence.status == PublicationStatus.DRAFT
