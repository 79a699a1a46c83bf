"""What analysts see: status on cards and pages, the status filter, the timeline with its cited
sources, the definitions, the counts, and what happened since (by year, with a feed)."""

import datetime

import pytest
from django.urls import reverse

from core.models import PublicationStatus
from outcomes.models import Status
from tests.factories import make_evidence, make_proposal, make_source

pytestmark = pytest.mark.django_db
LIST = reverse("proposals:list")
JOINT_STATEMENT = "tokyo-foundation-cnas-2010-renewing-old-promises"


def listed(response) -> list[str]:
    return [p.slug for p in response.context["listing"].page.paginator.object_list]


def test_the_analysts_journey_implemented_in_2010_why_and_everything_in_2015(
    client, knowledge_base
):
    # 1. Implemented proposals from the 2010 joint statement.
    response = client.get(LIST, {"source": JOINT_STATEMENT, "status": "implemented"})
    slugs = listed(response)
    assert slugs == ["tfcnas-national-security-office"]
    assert "Implemented" in response.content.decode()
    # 2. Why: the proposal page cites a dated source with its words and address.
    page = client.get(reverse("proposals:detail", args=[slugs[0]])).content.decode()
    assert "What became of it" in page
    assert "4 December 2013" in page
    assert (
        "https://cooptv.wordpress.com/2013/12/04/japan-launches-national-security-council/" in page
    )
    assert "Legislation to establish the council was enacted last week." in page
    # ...and a peer-reviewed study of the council, by its DOI.
    assert "https://doi.org/10.1080/10371397.2018.1503926" in page
    # 3. Everything that happened in 2015, across all papers.
    since = client.get(reverse("outcomes:since"), {"year": "2015"})
    entries = since.context["entries"]
    assert entries and all(e.occurred_on.year == 2015 for e in entries)
    assert {e.slug for e in entries} >= {
        "us-japan-defense-cooperation-guidelines-2015",
        "legislation-for-peace-and-security-passed-2015",
    }
    sources = {a.proposal.source.slug for e in entries for a in e.assessments.all()}
    assert len(sources) >= 2


def test_cards_show_the_status_and_link_to_its_meaning(client):
    proposal = make_proposal()
    make_evidence(proposals=[(proposal, Status.PARTIALLY_IMPLEMENTED)])
    text = client.get(LIST).content.decode()
    assert "Partially implemented" in text
    assert reverse("outcomes:statuses") + "#partially_implemented" in text


def test_a_status_is_dated_by_its_latest_published_evidence_on_cards_and_the_page(client):
    from core.dates import DatePrecision

    proposal = make_proposal()
    make_evidence(
        proposals=[(proposal, Status.IN_PROGRESS)],
        occurred_on=datetime.date(2013, 12, 1),
        occurred_on_precision=DatePrecision.MONTH,
    )
    make_evidence(
        proposals=[(proposal, Status.IMPLEMENTED)], occurred_on=datetime.date(2015, 9, 19)
    )
    make_evidence(  # a later draft dates nothing
        proposals=[(proposal, Status.REJECTED)],
        occurred_on=datetime.date(2016, 1, 1),
        status=PublicationStatus.DRAFT,
    )
    unknown = make_proposal(source=proposal.source)
    for page in (LIST, proposal.get_absolute_url()):
        text = " ".join(client.get(page).content.decode().split())
        assert 'Implemented</a> <span class="status-as-of">as of 19 September 2015</span>' in text
        assert "2016" not in text.split("status-as-of")[1][:40]
    text = " ".join(client.get(unknown.get_absolute_url()).content.decode().split())
    assert "Not assessed</a>" in text and "status-as-of" not in text


def test_unassessed_proposals_say_unknown_not_no(client):
    proposal = make_proposal()
    text = client.get(proposal.get_absolute_url()).content.decode()
    assert "Not assessed" in text
    assert "unknown, not “no”" in text


def test_a_status_filter_lists_exactly_the_proposals_with_it(client):
    done, open_ = make_proposal(), make_proposal()
    make_evidence(proposals=[(done, Status.IMPLEMENTED)])
    assert listed(client.get(LIST, {"status": "implemented"})) == [done.slug]
    assert listed(client.get(LIST, {"status": "not_assessed"})) == [open_.slug]


def test_an_unknown_status_is_said_and_ignored(client):
    make_proposal()
    response = client.get(LIST, {"status": "done<script>"})
    assert response.status_code == 200
    assert any("done" in n for n in response.context["listing"].notices)
    assert b"done<script>" not in response.content
    assert len(listed(response)) == 1


def test_draft_evidence_is_invisible_on_every_public_page(client):
    proposal = make_proposal()
    make_evidence(
        proposals=[(proposal, Status.IMPLEMENTED)],
        summary="A secret draft event.",
        status=PublicationStatus.DRAFT,
    )
    for url in [
        LIST,
        proposal.get_absolute_url(),
        reverse("outcomes:since"),
        reverse("outcomes:feed"),
        "/",
    ]:
        text = client.get(url).content.decode()
        assert "A secret draft event." not in text, url
    assert listed(client.get(LIST, {"status": "implemented"})) == []


def test_evidence_of_a_draft_proposal_is_not_listed_publicly(client):
    hidden = make_proposal(status=PublicationStatus.DRAFT)
    make_evidence(proposals=[(hidden, Status.IMPLEMENTED)], summary="About a draft.")
    assert "About a draft." not in client.get(reverse("outcomes:since")).content.decode()


def test_since_filters_by_year_and_a_bad_year_is_a_notice(client):
    proposal = make_proposal()
    make_evidence(
        occurred_on=datetime.date(2015, 4, 27), proposals=[(proposal, Status.IN_PROGRESS)]
    )
    make_evidence(occurred_on=datetime.date(2018, 12, 30), proposals=[(proposal, Status.REJECTED)])
    assert len(client.get(reverse("outcomes:since"), {"year": "2015"}).context["entries"]) == 1
    response = client.get(reverse("outcomes:since"), {"year": "20x5"})
    assert response.status_code == 200
    assert "not a year" in response.content.decode()
    assert len(response.context["entries"]) == 2


def test_the_feed_lists_evidence_newest_first(client):
    proposal = make_proposal()
    make_evidence(
        occurred_on=datetime.date(2015, 4, 27),
        summary="Older event.",
        proposals=[(proposal, Status.IN_PROGRESS)],
    )
    make_evidence(
        occurred_on=datetime.date(2018, 12, 30),
        summary="Newer event.",
        proposals=[(proposal, Status.REJECTED)],
    )
    text = client.get(reverse("outcomes:feed")).content.decode()
    assert text.index("Newer event.") < text.index("Older event.")
    only = client.get(reverse("outcomes:feed"), {"year": "2015"}).content.decode()
    assert "Older event." in only and "Newer event." not in only


def test_definitions_page_defines_every_status(client):
    text = client.get(reverse("outcomes:statuses")).content.decode()
    for value, label in Status.choices:
        assert f'id="{value}"' in text and label in text


def test_home_and_source_pages_count_each_status(client):
    source = make_source()
    done = make_proposal(source=source)
    make_proposal(source=source)
    make_evidence(proposals=[(done, Status.IMPLEMENTED)])
    for url in ["/", source.get_absolute_url()]:
        counts = {row.value: row.count for row in client.get(url).context["status_counts"]}
        assert counts[Status.IMPLEMENTED] == 1
        assert counts[Status.NOT_ASSESSED] == 1
