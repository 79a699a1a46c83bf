"""A proposal's status derives from its published evidence: the latest entry's judgement, or
"not assessed" when there is none; drafts never count."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from core.dates import DatePrecision
from core.models import PublicationStatus
from outcomes.models import SUPPORTED, Assessment, Evidence, Status
from outcomes.selectors import timeline, with_outcome, with_status
from proposals.models import Proposal
from tests.factories import make_evidence, make_proposal

pytestmark = pytest.mark.django_db

JUDGEMENTS = [value for value, _ in SUPPORTED]


def current(proposal):
    return with_outcome(Proposal.objects.filter(pk=proposal.pk)).get()


def test_a_proposal_without_evidence_is_not_assessed():
    proposal = make_proposal()
    assert current(proposal).outcome_status == Status.NOT_ASSESSED
    assert current(proposal).outcome_assessed_on is None


def test_the_latest_event_decides_whatever_the_order_it_was_entered_in():
    proposal = make_proposal()
    make_evidence(occurred_on=datetime.date(2019, 1, 1), proposals=[(proposal, Status.IMPLEMENTED)])
    make_evidence(occurred_on=datetime.date(2015, 1, 1), proposals=[(proposal, Status.IN_PROGRESS)])
    found = current(proposal)
    assert found.outcome_status == Status.IMPLEMENTED
    assert found.outcome_assessed_on == datetime.date(2019, 1, 1)


def test_draft_evidence_changes_no_status_and_stays_off_the_timeline():
    proposal = make_proposal()
    make_evidence(proposals=[(proposal, Status.IMPLEMENTED)], status=PublicationStatus.DRAFT)
    assert current(proposal).outcome_status == Status.NOT_ASSESSED
    assert timeline(proposal) == []


def test_one_event_answers_several_proposals_each_with_its_own_judgement():
    first, second = make_proposal(), make_proposal()
    make_evidence(proposals=[(first, Status.IMPLEMENTED), (second, Status.REJECTED)])
    assert current(first).outcome_status == Status.IMPLEMENTED
    assert current(second).outcome_status == Status.REJECTED


def test_evidence_cannot_claim_a_proposal_is_not_assessed():
    proposal = make_proposal()
    evidence = make_evidence()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(evidence=evidence, proposal=proposal, status=Status.NOT_ASSESSED)


def test_a_date_more_precise_than_known_is_refused_with_a_message():
    evidence = Evidence(
        slug="e",
        occurred_on=datetime.date(2015, 9, 19),
        occurred_on_precision=DatePrecision.MONTH,
        summary="A law passed.",
        source_title="T",
        source_publisher="P",
        url="https://example.org/",
        quote="passed",
    )
    with pytest.raises(ValidationError) as error:
        evidence.full_clean()
    assert "1st of that month" in str(error.value)


def test_evidence_without_a_url_or_quote_is_refused():
    evidence = Evidence(
        slug="e",
        occurred_on=datetime.date(2015, 9, 1),
        occurred_on_precision=DatePrecision.MONTH,
        summary="A law passed.",
        source_title="T",
        source_publisher="P",
    )
    with pytest.raises(ValidationError) as error:
        evidence.full_clean()
    assert {"url", "quote"} <= set(error.value.message_dict)


class TestStatusIsTheLatestPublishedJudgement(TestCase):
    """For any log, the status is the judgement of the latest published entry (ties by slug,
    the later slug winning), and "not assessed" when no entry is published."""

    @settings(max_examples=30, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.dates(datetime.date(2008, 1, 1), datetime.date(2030, 12, 31)),
                st.sampled_from(JUDGEMENTS),
                st.booleans(),
            ),
            max_size=6,
        )
    )
    def test_status_is_the_latest_published_judgement(self, log):
        proposal = make_proposal()
        expected_key, expected = None, Status.NOT_ASSESSED
        for number, (day, judgement, published) in enumerate(log):
            slug = f"e-{number:02d}"
            make_evidence(
                slug=slug,
                occurred_on=day,
                status=PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT,
                proposals=[(proposal, judgement)],
            )
            if published and (expected_key is None or (day, slug) > expected_key):
                expected_key, expected = (day, slug), judgement
        assert current(proposal).outcome_status == expected
        listed = with_status(Proposal.objects.all(), [expected])
        assert listed.filter(pk=proposal.pk).exists()
