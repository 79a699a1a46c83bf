"""Source pages: metadata, citation, proposals by theme, and the text with passages marked."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.dates import DatePrecision
from core.text.passages import Passage, render_body, split_blocks
from sources.models import Author, Authorship
from tests.factories import make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db

BODY = (
    "Upgrading the Alliance\n\n"
    "The allies should train together. They should also share facilities.\n\n"
    "- Japan should join the AIIB.\n"
    "- Tokyo should host a dialogue.\n\n"
    "A passage that runs on\nover two lines <with markup-like text>."
)


@pytest.fixture
def paper():
    source = make_source(
        title="Alliance Diplomacy",
        subtitle="At Home and Abroad",
        series="Issues & Insights",
        volume="7",
        issue="16",
        pages="1–5",
        publisher="Pacific Forum CSIS",
        published_on=datetime.date(2007, 9, 1),
        published_on_precision=DatePrecision.MONTH,
        body=BODY,
        summary="A paper on the alliance.",
    )
    author = Author.objects.create(name="Leif-Eric Easley", slug="easley")
    Authorship.objects.create(source=source, author=author, position=1)
    theme = make_theme(name="Defence cooperation")
    make_proposal(
        source=source,
        slug="train",
        title="Train together",
        themes=[theme],
        quote="The allies should train together.",
    )
    make_proposal(
        source=source, slug="aiib", title="Join the AIIB", quote="Japan should join the AIIB."
    )
    return source


def test_the_source_list_shows_each_paper_with_its_visible_proposal_count(client, paper):
    make_proposal(source=paper, status="draft", quote="Tokyo should host a dialogue.")
    response = client.get(reverse("sources:list"))
    assert paper.get_absolute_url() in response.text
    assert response.context["sources"][0].n == 2


def test_a_draft_source_is_hidden_from_visitors_and_bannered_for_staff(staff_client):
    draft = make_source(title="Draft paper", status="draft")
    assert "Draft paper" not in Client().get(reverse("sources:list")).text
    assert Client().get(draft.get_absolute_url()).status_code == 404
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "Draft — not public" in response.text


def test_the_page_shows_metadata_and_a_citation_at_the_known_precision(client, paper):
    text = client.get(paper.get_absolute_url()).text
    assert "September 2007" in text
    assert "1 September 2007" not in text  # never more precise than known
    assert "Leif-Eric Easley, “Alliance Diplomacy: At Home and Abroad,”" in text
    assert "Issues &amp; Insights 7, no. 16" in text


def test_proposals_are_grouped_by_theme_with_the_untagged_last(client, paper):
    response = client.get(paper.get_absolute_url())
    groups = [
        (theme.name if theme else None, [p.slug for p in items])
        for theme, items in response.context["theme_groups"]
    ]
    assert groups == [("Defence cooperation", ["train"]), (None, ["aiib"])]


def test_every_passage_is_marked_anchored_and_linked_to_its_proposal(client, paper):
    text = client.get(paper.get_absolute_url()).text
    assert 'id="passage-train"' in text and 'id="passage-aiib"' in text
    assert (
        '<a href="/proposals/train/" title="Train together">The allies should train together.</a>'
        in text
    )
    assert "</mark> They should also share facilities." in text


def test_the_passage_asked_for_is_marked_as_current(client, paper):
    text = client.get(paper.get_absolute_url(), {"passage": "aiib"}).text
    assert 'class="passage-marker is-current" id="passage-aiib"' in text
    assert 'class="passage is-current" data-proposals="aiib"' in text
    assert 'class="passage is-current" data-proposals="train"' not in text


def test_the_body_keeps_headings_lists_and_escapes_text(client, paper):
    text = client.get(paper.get_absolute_url()).text
    assert '<h3 class="body-heading" id="section-1">Upgrading the Alliance</h3>' in text
    assert '<ul class="body-list">' in text
    assert '<li id="para-2">' in text
    assert "&lt;with markup-like text&gt;" in text
    assert "runs on<br>over two lines" in text


def test_a_draft_proposal_is_not_marked_for_visitors(client, paper):
    make_proposal(
        source=paper, slug="secret", status="draft", quote="Tokyo should host a dialogue."
    )
    assert "passage-secret" not in client.get(paper.get_absolute_url()).text


def test_a_passage_spanning_two_paragraphs_is_marked_in_both(client):
    source = make_source(body="First part ends here.\n\nSecond part begins here.")
    make_proposal(source=source, slug="span", quote="ends here.\n\nSecond part")
    text = client.get(source.get_absolute_url()).text
    assert text.count('data-proposals="span"') == 2
    assert text.count('id="passage-span"') == 1


def test_overlapping_passages_are_both_marked():
    html = render_body(
        "One two three four.",
        [Passage("a", "A", "/a/", 1, 0, 13), Passage("b", "B", "/b/", 2, 4, 19)],
    )
    assert 'data-proposals="a b"' in html
    assert html.count("passage-marker") == 2


def test_blocks_know_their_section():
    blocks = split_blocks(BODY)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "item", "item", "paragraph"]
    assert {b.section for b in blocks} == {"Upgrading the Alliance"}


def test_the_source_page_runs_a_constant_number_of_queries(
    client, paper, django_assert_max_num_queries
):
    def count():
        with CaptureQueriesContext(connection) as context:
            client.get(paper.get_absolute_url())
        return len(context.captured_queries)

    few = count()
    for i in range(10):
        make_proposal(
            source=paper,
            themes=[make_theme()],
            quote="Tokyo should host a dialogue.",
            title=f"Extra {i}",
        )
    # The source with its authors (2), its proposals with their tags (4), the footer's count of
    # published papers (1).
    with django_assert_max_num_queries(7):
        assert count() == few


def test_the_source_list_runs_a_constant_number_of_queries(
    client, paper, django_assert_max_num_queries
):
    for _ in range(5):
        make_proposal(source=make_source())
    # The sources, and the description's count of published papers.
    with django_assert_max_num_queries(3):
        client.get(reverse("sources:list"))


def test_an_unknown_source_is_a_404(client):
    assert client.get(reverse("sources:detail", args=["nope"])).status_code == 404


def test_the_text_has_a_table_of_its_sections(client, paper):
    text = client.get(paper.get_absolute_url()).text
    assert '<a href="#section-1">Upgrading the Alliance</a>' in text


def test_the_passage_asked_for_is_summarised_beside_the_text(client, paper):
    response = client.get(paper.get_absolute_url(), {"passage": "aiib"})
    assert response.context["current"].slug == "aiib"
    assert 'class="source-body has-current"' in response.text
    assert response.text.count('class="current-card"') == 1


def test_an_unknown_passage_is_ignored(client, paper):
    response = client.get(paper.get_absolute_url(), {"passage": "<nope>"})
    assert response.status_code == 200
    assert response.context["current"] is None
    assert "current-card" not in response.text
