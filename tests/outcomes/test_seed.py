"""The seeded evidence log: every entry cited, dated and published with its supporting words;
no proposal has a status without evidence; each judgement names a real proposal."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.validators import URLValidator

from core.dates import DatePrecision
from outcomes.models import SUPPORTED, Assessment, Evidence, Status
from outcomes.selectors import with_outcome
from proposals.models import Proposal

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "50_outcomes.yaml"
ENTRIES = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def of_model(name):
    return [entry["fields"] for entry in ENTRIES if entry["model"] == name]


@pytest.mark.parametrize("fields", of_model("outcomes.evidence"), ids=lambda f: f["slug"])
def test_every_entry_has_a_url_a_date_a_source_and_its_words(fields):
    URLValidator(schemes=["https"])(fields["url"])
    assert fields["occurred_on"] and fields["occurred_on_precision"] != DatePrecision.UNKNOWN
    assert fields["summary"].strip() and "\n" not in fields["summary"]
    assert fields["source_title"].strip() and fields["source_publisher"].strip()
    assert len(fields["quote"].split()) >= 5


@pytest.mark.parametrize("fields", of_model("outcomes.assessment"), ids=lambda f: str(f))
def test_every_judgement_is_a_supported_status_and_names_its_evidence(fields):
    assert fields["status"] in {value for value, _ in SUPPORTED}
    slugs = {entry["slug"] for entry in of_model("outcomes.evidence")}
    assert fields["evidence"][0] in slugs


def test_every_entry_answers_at_least_one_proposal():
    answered = {fields["evidence"][0] for fields in of_model("outcomes.assessment")}
    assert answered == {fields["slug"] for fields in of_model("outcomes.evidence")}


@pytest.mark.django_db
def test_loaded_no_proposal_has_a_status_without_published_evidence(knowledge_base):
    assert Evidence.objects.count() == len(of_model("outcomes.evidence"))
    assert Assessment.objects.count() == len(of_model("outcomes.assessment"))
    assert Proposal.objects.count() == 148
    for proposal in with_outcome(Proposal.objects.all()):
        evidence = proposal.assessments.filter(evidence__status="published")
        if proposal.outcome_status == Status.NOT_ASSESSED:
            assert not evidence.exists(), proposal.slug
        else:
            assert evidence.filter(status=proposal.outcome_status).exists(), proposal.slug


@pytest.mark.django_db
def test_evidence_postdates_nothing_it_cannot_see_every_event_is_after_2007(knowledge_base):
    # The oldest paper is of September 2007: an outcome is something that happened after it.
    assert not Evidence.objects.filter(occurred_on__year__lt=2008).exists()
