import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_actor, make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def china():
    return make_theme(slug="engagement-with-china", name="Engagement with China")


def test_csv_export_holds_every_listed_proposal_across_pages(client):
    theme, actor = make_theme(), make_actor(name="Japan")
    for number in range(25):  # more than one page of the list
        make_proposal(title=f"Proposal number {number}", themes=[theme], actors=[actor])
    response = client.get(reverse("proposals:export-csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert len(rows) == 25
    assert rows[0]["Actors"] == "Japan (is to act)"
    assert rows[0]["URL"].startswith("http://testserver/proposals/")


def test_csv_export_follows_the_lists_filters(client, china):
    make_proposal(title="Engage Beijing", themes=[china])
    make_proposal(title="Train together", themes=[make_theme()])
    rows = csv_rows(client.get(reverse("proposals:export-csv"), {"theme": china.slug}))
    assert [row["Title"] for row in rows] == ["Engage Beijing"]
    assert rows[0]["Themes"] == "Engagement with China"


def test_exports_leave_drafts_out_for_visitors_and_mark_them_for_staff(staff_client):
    make_proposal(title="Public idea")
    make_proposal(title="Draft idea", status="draft")
    make_proposal(title="Idea of a draft paper", source=make_source(status="draft"))
    public = csv_rows(Client().get(reverse("proposals:export-csv")))
    assert [row["Title"] for row in public] == ["Public idea"]
    staff = staff_client.get(reverse("proposals:export-json")).json()
    statuses = {p["title"]: p["status"] for p in staff["proposals"]}
    assert staff["count"] == 3
    assert statuses == {
        "Public idea": "published",
        "Draft idea": "draft",
        "Idea of a draft paper": "draft",
    }


def test_json_export_anchors_each_quote_with_w3c_selectors(client):
    proposal = make_proposal(
        quote="Japan should join the Asian Infrastructure Investment Bank and shape it from within."
    )
    record = client.get(reverse("proposals:export-json")).json()["proposals"][0]
    quote_selector, position_selector = record["target"]["selector"]
    body = proposal.source.body
    assert quote_selector["type"] == "TextQuoteSelector"
    assert body[position_selector["start"] : position_selector["end"]] == quote_selector["exact"]
    assert body[: position_selector["start"]].endswith(quote_selector["prefix"])
    assert body[position_selector["end"] :].startswith(quote_selector["suffix"])


def test_json_export_lists_related_proposals_and_the_source_date_at_its_precision(client):
    first = make_proposal()
    other = make_proposal(source=make_source(published_on=None, published_on_precision="unknown"))
    first.related.add(other)
    records = {
        p["slug"]: p for p in client.get(reverse("proposals:export-json")).json()["proposals"]
    }
    assert records[first.slug]["related"] == [other.slug]
    assert records[first.slug]["source"]["date"] == "July 2015"
    assert records[other.slug]["source"]["date"] == "date unknown"
    assert records[other.slug]["source"]["year"] is None


def test_a_search_exports_in_order_of_relevance(client):
    make_proposal(title="Trade matters", summary="Okinawa is mentioned once.")
    make_proposal(title="Okinawa bases", summary="The burden on Okinawa.")
    records = client.get(reverse("proposals:export-json"), {"q": "Okinawa"}).json()["proposals"]
    assert [r["title"] for r in records] == ["Okinawa bases", "Trade matters"]


def test_unknown_filter_values_export_with_a_notice_not_an_error(client):
    make_proposal(title="Kept")
    response = client.get(reverse("proposals:export-json"), {"theme": "no-such-theme", "sort": "x"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["notices"]


def test_exports_run_a_constant_number_of_queries(client, django_assert_max_num_queries):
    theme, actor = make_theme(), make_actor()
    for _ in range(30):
        make_proposal(themes=[theme], actors=[actor])
    with django_assert_max_num_queries(12):
        client.get(reverse("proposals:export-json"))
    with django_assert_max_num_queries(12):
        b"".join(client.get(reverse("proposals:export-csv")).streaming_content)


def test_the_list_links_to_exports_of_what_it_shows(client, china):
    make_proposal(themes=[china])
    page = client.get(reverse("proposals:list"), {"theme": china.slug, "page": "1"}).text
    assert f'href="/proposals.csv?theme={china.slug}"' in page
    assert f'href="/proposals.json?theme={china.slug}"' in page


def test_the_feed_lists_published_proposals_only_even_for_staff(staff_client):
    make_proposal(title="Japan joins the AIIB")
    make_proposal(title="A draft idea", status="draft")
    response = staff_client.get(reverse("proposals:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Japan joins the AIIB" in response.text
    assert "A draft idea" not in response.text


def test_the_feed_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    # The list's filters load the vocabularies a URL may name (4), then the entries with their
    # tags: 6 whether the feed holds 20 proposals or 40.
    for _ in range(20):
        make_proposal()
    with django_assert_max_num_queries(6):
        client.get(reverse("proposals:feed"))
    for _ in range(20):
        make_proposal()
    with django_assert_max_num_queries(6):
        client.get(reverse("proposals:feed"), {"theme": "no-such-theme"})


def test_exports_never_name_a_related_proposal_a_visitor_cannot_see(staff_client):
    shown = make_proposal(title="Shown")
    hidden = make_proposal(title="Hidden", status="draft")
    shown.related.add(hidden)
    public = Client().get(reverse("proposals:export-json")).json()["proposals"]
    assert [(p["title"], p["related"]) for p in public] == [("Shown", [])]
    related = csv_rows(Client().get(reverse("proposals:export-csv")))[0]["Related proposals"]
    assert hidden.slug not in related
    staff = {
        p["title"]: p["related"]
        for p in staff_client.get(reverse("proposals:export-json")).json()["proposals"]
    }
    assert staff["Shown"] == [hidden.slug]


def test_the_feed_dates_a_proposal_by_when_it_was_published_not_drafted(client):
    import datetime

    from django.utils import timezone

    from proposals.models import Proposal
    from proposals.services import publish_proposals

    old_draft = make_proposal(title="Drafted long ago", status="draft")
    Proposal.objects.filter(pk=old_draft.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=300)
    )
    for number in range(3):
        make_proposal(title=f"Loaded {number}")
    publish_proposals(proposals=[Proposal.objects.get(pk=old_draft.pk)])
    feed = client.get(reverse("proposals:feed")).text
    assert feed.index("Drafted long ago") < feed.index("Loaded 0")
    assert Proposal.objects.get(pk=old_draft.pk).published_at is not None
