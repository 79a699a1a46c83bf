"""The sources page in pages of PAGE_SIZE papers, narrowed by words of their titles."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from browse.selectors.source_list import PAGE_SIZE
from core.dates import DatePrecision
from sources.models import Author, Authorship
from tests import nu_checker
from tests.factories import make_proposal, make_source

pytestmark = pytest.mark.django_db

URL = reverse("sources:list")


@pytest.fixture
def sixty():
    """60 papers, one a day from 1 January 2000, so that the second page holds the last ten."""
    start = datetime.date(2000, 1, 1)
    return [
        make_source(
            title=f"Paper {i:02}",
            published_on=start + datetime.timedelta(days=i),
            published_on_precision=DatePrecision.DAY,
        )
        for i in range(60)
    ]


def titles(response) -> list[str]:
    return [source.title for source in response.context["sources"]]


def test_the_first_page_holds_the_oldest_papers_and_says_how_many_there_are(client, sixty):
    response = client.get(URL)
    assert titles(response) == [f"Paper {i:02}" for i in range(PAGE_SIZE)]
    assert "Page 1 of 2" in response.text
    assert "Papers 1–50 of 60" in response.text
    assert 'rel="next" href="?page=2"' in response.text


def test_the_second_page_holds_the_rest_numbered_on(client, sixty):
    response = client.get(URL, {"page": "2"})
    assert titles(response) == [f"Paper {i:02}" for i in range(PAGE_SIZE, 60)]
    assert "Page 2 of 2" in response.text and "Papers 51–60 of 60" in response.text
    assert '<ol class="source-cards" start="51">' in response.text
    assert 'rel="prev" href="?page=1"' in response.text


def test_papers_of_one_date_are_in_title_order_across_pages(client):
    for title in ["Zeta", "Alpha", *(f"Middle {i:02}" for i in range(PAGE_SIZE - 1))]:
        make_source(title=title, published_on=datetime.date(2010, 5, 1))
    first, second = client.get(URL), client.get(URL, {"page": "2"})
    assert titles(first)[0] == "Alpha" and titles(second) == ["Zeta"]


def test_a_page_costs_the_same_queries_however_many_papers(client, django_assert_num_queries):
    def page_two_queries():
        client.get(URL)  # the footer's count of papers, cached from here on
        with django_assert_num_queries(2) as captured:  # the page with its total, the bylines
            client.get(URL, {"page": "2"})
        return len(captured.captured_queries)

    def add_papers(how_many):
        for _ in range(how_many):
            source = make_source()
            make_proposal(source=source)
            author = Author.objects.create(name=f"Author of {source.title}", slug=source.slug)
            Authorship.objects.create(source=source, author=author, position=1)

    add_papers(PAGE_SIZE + 10)
    few = page_two_queries()
    add_papers(PAGE_SIZE)
    assert page_two_queries() == few


@pytest.mark.parametrize(
    ("raw", "notice", "shown"),
    [
        ("two", "“two” is not a page number; showing the first page.", 1),
        ("0", "Pages count from 1; showing the first page.", 1),
        ("-3", "Pages count from 1; showing the first page.", 1),
        ("7", "There is no page 7: the list has 2 pages.", 2),
        ("9" * 40, "the list has 2 pages.", 2),
    ],
)
def test_a_page_that_is_not_there_gives_the_nearest_with_a_notice(
    client, sixty, raw, notice, shown
):
    response = client.get(URL, {"page": raw})
    assert response.status_code == 200
    assert notice in response.text
    assert response.context["page_obj"].number == shown
    assert len(response.context["sources"]) == (PAGE_SIZE if shown == 1 else 10)


def test_a_bad_page_costs_a_bounded_number_of_queries(client, sixty, django_assert_num_queries):
    client.get(URL)
    # The page asked for (empty), the count, the last page, its bylines.
    with django_assert_num_queries(4):
        client.get(URL, {"page": "7"})


def test_the_real_knowledge_base_is_one_page_without_pager_or_search(client):
    for _ in range(5):
        make_proposal(source=make_source())
    response = client.get(URL)
    assert len(response.context["sources"]) == 5
    for clutter in ('class="pagination"', 'class="list-search"', 'class="range'):
        assert clutter not in response.text


def test_words_of_the_title_narrow_the_list_in_any_case_and_the_pager_keeps_them(client, sixty):
    for i in range(PAGE_SIZE + 1):
        make_source(title=f"The ALLIANCE at {i}", published_on=datetime.date(2020, 1, 1))
    response = client.get(URL, {"q": "  alliance   the "})
    assert len(response.context["sources"]) == PAGE_SIZE
    assert all("ALLIANCE" in title for title in titles(response))
    assert "Papers 1–50 of 51 with “alliance the” in the title." in response.text
    assert 'href="?q=++alliance+++the+&amp;page=2"' in response.text
    assert 'value="alliance the"' in response.text


def test_a_title_search_that_finds_nothing_says_so_and_offers_the_whole_list(client, sixty):
    response = client.get(URL, {"q": "treaty"})
    assert response.status_code == 200 and not response.context["sources"]
    assert "No paper has “treaty” in its title." in response.text
    assert f'<a href="{URL}">All papers</a>' in response.text


def test_control_characters_in_the_search_are_no_error(client, sixty):
    response = client.get(URL, {"q": "Paper\x0001"})
    assert response.status_code == 200
    assert titles(response) == ["Paper 01"]


def test_drafts_are_paged_and_counted_for_staff_only(staff_client, sixty):
    make_source(title="A draft paper", status="draft", published_on=datetime.date(2030, 1, 1))
    anonymous = Client().get(URL, {"page": "2"})
    assert "A draft paper" not in anonymous.text and "of 60" in anonymous.text
    staff = staff_client.get(URL, {"page": "2"})
    assert titles(staff)[-1] == "A draft paper" and "of 61" in staff.text


def test_each_paper_counts_the_proposals_the_reader_may_see(client, staff_client, sixty):
    last = sixty[-1]
    make_proposal(source=last)
    make_proposal(source=last, status="draft")
    assert Client().get(URL, {"page": "2"}).context["sources"][-1].n == 1
    assert staff_client.get(URL, {"page": "2"}).context["sources"][-1].n == 2
    assert Client().get(URL, {"page": "2"}).context["sources"][0].n == 0


def test_a_paged_and_searched_page_is_valid_html(client, sixty, tmp_path):
    # The pager, the search box, the range and the numbered list, as the Nu checker reads them.
    pages = [client.get(URL, {"page": "2"}), client.get(URL, {"q": "paper", "page": "x"})]
    for i, response in enumerate(pages):
        (tmp_path / f"page-{i}.html").write_bytes(response.content)
    assert nu_checker.errors(tmp_path) == []
