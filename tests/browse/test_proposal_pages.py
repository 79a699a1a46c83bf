"""The analyst pages: what they show, what they hide, and how many queries they cost."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.dates import DatePrecision
from proposals.models import ProposalActor
from tests.factories import make_actor, make_framework, make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db

BODY = (
    "Upgrading the Alliance\n\n"
    "The allies should train together. They should also share facilities.\n\n"
    "- Japan should join the AIIB.\n"
    "- Tokyo should host a dialogue.\n\n"
    "Regional Diplomacy\n\n"
    "Engage China as a responsible player."
)


def make_paper(n_proposals=3, *, year=2015, **fields):
    """A paper with the BODY text and proposals tagged alike, for pages to show."""
    source = make_source(
        body=BODY,
        published_on=datetime.date(year, 1, 1),
        published_on_precision=DatePrecision.YEAR,
        **fields,
    )
    theme = make_theme()
    actor, framework = make_actor(), make_framework()
    quotes = [
        "The allies should train together.",
        "They should also share facilities.",
        "Japan should join the AIIB.",
        "Tokyo should host a dialogue.",
        "Engage China as a responsible player.",
    ]
    for i in range(n_proposals):
        make_proposal(
            source=source,
            quote=quotes[i % len(quotes)],
            themes=[theme],
            actors=[actor],
            frameworks=[framework],
        )
    return source, theme, actor, framework


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


# Home


def test_home_is_the_root_and_shows_counts_themes_matrix_years_and_sources(client):
    source, theme, _, _ = make_paper(2)
    response = client.get("/")
    assert response.status_code == 200
    assert response.resolver_match.view_name == "proposals:home"
    text = response.text
    assert theme.name in text and source.title in text
    assert f"?theme={theme.slug}&amp;source={source.slug}" in text  # a matrix cell
    assert "year_from=2015&amp;year_to=2015" in text  # the year chart
    assert 'role="search"' in text
    assert response.context["counts"]["proposals"] == 2


def test_home_counts_leave_drafts_out(client):
    make_proposal(status="draft")
    make_proposal()
    assert client.get("/").context["counts"]["proposals"] == 1


def test_home_empty_state_says_how_to_load(client):
    assert "load_kb" in client.get("/").text


# Proposal detail


def test_a_proposal_page_shows_its_quote_tags_citation_and_source_link(client):
    source, theme, actor, framework = make_paper(1, title="A Sample Paper")
    proposal = source.proposals.get()
    ProposalActor.objects.filter(proposal=proposal).update(role=ProposalActor.Role.ENGAGED)
    text = client.get(proposal.get_absolute_url()).text
    assert "The allies should train together." in text
    assert f"?passage={proposal.slug}#passage-{proposal.slug}" in text  # read in the source
    assert f"?theme={theme.slug}" in text and f"?framework={framework.slug}" in text
    assert f"?actor={actor.slug}&amp;role=engaged" in text
    assert "addressed or engaged" in text
    assert "“A Sample Paper,”" in text  # the citation


def test_related_proposals_from_other_papers_are_listed_but_not_drafts(client):
    proposal = make_proposal(title="Mine")
    proposal.related.add(
        make_proposal(title="Theirs"), make_proposal(title="Hidden", status="draft")
    )
    response = client.get(proposal.get_absolute_url())
    assert [p.title for p in response.context["related"]] == ["Theirs"]


def test_related_proposals_exclude_the_same_paper(client):
    proposal = make_proposal(title="Mine")
    proposal.related.add(make_proposal(title="Sibling", source=proposal.source))
    assert client.get(proposal.get_absolute_url()).context["related"] == []


def test_other_proposals_of_the_same_passage_and_section_are_listed(client):
    source, *_ = make_paper(5)
    first, second, third, fourth, fifth = source.proposals.order_by("position")
    response = client.get(first.get_absolute_url())
    assert response.context["section"] == "Upgrading the Alliance"
    assert response.context["same_passage"] == [second]
    assert response.context["same_section"] == [third, fourth]
    assert fifth not in response.context["same_section"]


def test_a_draft_proposal_is_not_found_for_visitors_but_shown_to_staff_with_a_banner(
    staff_client,
):
    draft = make_proposal(status="draft")
    assert Client().get(draft.get_absolute_url()).status_code == 404
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft — not public" in response.text


def test_a_published_proposal_has_no_draft_banner(staff_client):
    proposal = make_proposal()
    assert "Draft — not public" not in staff_client.get(proposal.get_absolute_url()).text


def test_a_proposal_of_a_draft_source_is_not_found_for_visitors(client):
    proposal = make_proposal(source=make_source(status="draft"))
    assert client.get(proposal.get_absolute_url()).status_code == 404


def test_an_unknown_proposal_is_a_404_page(client):
    response = client.get(reverse("proposals:detail", args=["no-such-thing"]))
    assert response.status_code == 404
    assert "Not found" in response.text


# Themes, actors, frameworks


@pytest.mark.parametrize("kind", ["theme", "actor", "framework"])
def test_vocabulary_lists_show_each_entry_with_its_visible_count(client, kind):
    source, theme, actor, framework = make_paper(2)
    make_proposal(status="draft", themes=[theme], actors=[actor], frameworks=[framework])
    entry = {"theme": theme, "actor": actor, "framework": framework}[kind]
    response = client.get(reverse(f"proposals:{kind}-list"))
    assert entry.get_absolute_url() in response.text
    assert next(e for e in response.context["entries"] if e.pk == entry.pk).n == 2


@pytest.mark.parametrize("kind", ["theme", "actor", "framework"])
def test_vocabulary_pages_group_proposals_by_source_in_date_order(client, kind):
    old, theme, actor, framework = make_paper(1, year=2007, title="Old")
    entry = {"theme": theme, "actor": actor, "framework": framework}[kind]
    new = make_source(
        title="New", published_on=datetime.date(2016, 8, 24), published_on_precision="day"
    )
    make_proposal(source=new, themes=[theme], actors=[actor], frameworks=[framework])
    make_proposal(source=new, themes=[theme], status="draft", title="Secret")
    response = client.get(entry.get_absolute_url())
    assert [source.title for source, _ in response.context["groups"]] == ["Old", "New"]
    assert "Secret" not in response.text
    assert reverse("proposals:compare", args=[kind, entry.slug]) in response.text


def test_an_actor_page_shows_the_actors_role_in_each_proposal(client):
    actor = make_actor(name="China")
    make_proposal(actors=[(actor, ProposalActor.Role.AFFECTED)])
    assert "Affected" in client.get(actor.get_absolute_url()).text


def test_an_unknown_theme_is_a_404(client):
    assert client.get(reverse("proposals:theme-detail", args=["nope"])).status_code == 404


# Compare


def test_compare_puts_each_papers_proposals_side_by_side_in_publication_order(client):
    theme = make_theme(name="Korea")
    for year, title in [(2016, "Late"), (2007, "Early"), (2010, "Middle")]:
        make_proposal(
            source=make_source(
                published_on=datetime.date(year, 1, 1), published_on_precision="year"
            ),
            themes=[theme],
            title=title,
        )
    silent = make_source(title="Says nothing")
    response = client.get(reverse("proposals:compare", args=["theme", theme.slug]))
    columns = [[p.title for p in items] for _, items in response.context["groups"]]
    assert columns == [["Early"], ["Middle"], ["Late"]]
    assert silent in response.context["silent_sources"]


def test_the_compare_picker_works_without_javascript(client):
    theme = make_theme()
    response = client.get(reverse("proposals:compare-index"), {"subject": f"theme:{theme.slug}"})
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:compare", args=["theme", theme.slug])


def test_compare_with_a_bad_subject_answers_with_a_page_or_a_404(client):
    assert client.get(reverse("proposals:compare-index"), {"subject": "junk"}).status_code == 200
    assert client.get("/compare/bogus/thing/").status_code == 404
    assert client.get(reverse("proposals:compare", args=["actor", "nobody"])).status_code == 404


@pytest.mark.parametrize(
    "subject", ["theme:a b", "theme:日本", "actor:x/y", "framework:a\x00b", "theme:", "theme:nope"]
)
def test_a_compare_subject_that_names_no_entry_is_a_notice_on_the_picker(client, subject):
    # A slug no address can hold was a server error (the redirect could not be reversed).
    response = client.get(reverse("proposals:compare-index"), {"subject": subject})
    assert response.status_code == 200
    assert "Choose a theme, actor or framework to compare" in response.context["notice"]


# Navigation


def test_every_page_is_linked_from_the_navigation(client):
    text = client.get("/").text
    for name in ["list", "theme-list", "actor-list", "framework-list", "compare-index"]:
        assert f'href="{reverse("proposals:" + name)}"' in text
    assert f'href="{reverse("sources:list")}"' in text


# Query counts: pinned, and the same for a few rows as for many


def _pages(source, theme, actor, framework):
    proposal = source.proposals.first()
    # Every page's footer (and the description of those that keep the site's) counts the
    # published papers once per version of the knowledge base (sources.templatetags.kb_papers):
    # one query, counted below as the rows added move the version on.
    return {
        # Three find the matrix cells related to other papers (the links, their proposals' papers,
        # their themes); one counts every paper and its date span (the matrix and the sources
        # show only the most recent papers).
        "home": ("/", 12),
        # The list's cards ask once which of their proposals other papers echo; one query is the
        # status facet's counts; one the "made by at least N papers" thresholds' counts.
        # The facet index is read once per knowledge-base version (10 plain reads) and then
        # counts every facet and the list's size without a query.
        "list": (reverse("proposals:list"), 22),
        # A chosen theme costs two more: the list's size and the themes within it, which give
        # the other themes' counts as a click gives them; and one for the text match, run once
        # so that the list and every facet reuse its ids instead of matching again; as the list,
        # the status facet and the links to other papers.
        # A search also reads the actors' and frameworks' aliases (2, cached with the knowledge
        # base's version) to say what it matched besides the words typed.
        "search": (reverse("proposals:list") + "?q=allies&theme=" + theme.slug, 27),
        "detail": (proposal.get_absolute_url(), 9),
        "theme-list": (reverse("proposals:theme-list"), 2),
        "actor-list": (reverse("proposals:actor-list"), 2),
        "framework-list": (reverse("proposals:framework-list"), 2),
        # An entry's page is paged as the list is: one query for its size.
        "theme": (theme.get_absolute_url(), 7),
        "actor": (actor.get_absolute_url(), 7),
        "framework": (framework.get_absolute_url(), 7),
        # Compare shows each paper's first proposals: one more query counts each paper's all;
        # one more reads the related links among those shown, to group them in rows.
        "compare": (reverse("proposals:compare", args=["theme", theme.slug]), 12),
        "compare-index": (reverse("proposals:compare-index"), 4),
    }


@pytest.mark.parametrize(
    "page",
    [
        "home",
        "list",
        "search",
        "detail",
        "theme-list",
        "actor-list",
        "framework-list",
        "theme",
        "actor",
        "framework",
        "compare",
        "compare-index",
    ],
)
def test_each_page_runs_a_pinned_number_of_queries_whatever_the_rows(
    client, django_assert_max_num_queries, page
):
    paper = make_paper(2)
    url, limit = _pages(*paper)[page]
    few = queries_for(client, url)
    # Many more rows of every kind the page shows.
    source, theme, actor, framework = paper
    for _ in range(3):
        other = make_source()
        for _ in range(8):
            p = make_proposal(source=other, themes=[theme], actors=[actor], frameworks=[framework])
            p.related.add(source.proposals.first())
    make_paper(5)
    with django_assert_max_num_queries(limit):
        many = queries_for(client, url)
    assert many == few


# Long pages: an entry's page and Compare stay bounded however many proposals an entry has


def test_an_entrys_page_is_paged_like_the_list_and_a_bad_page_number_is_no_error(client):
    theme = make_theme()
    source = make_source()
    made = [make_proposal(source=source, themes=[theme]) for _ in range(23)]
    first = client.get(theme.get_absolute_url())
    assert len(first.context["proposals"]) == 20
    assert "Filter the 23 proposals" in first.text and 'rel="next"' in first.text
    second = client.get(theme.get_absolute_url(), {"page": "2"})
    shown = {p.pk for p in first.context["proposals"]} | {p.pk for p in second.context["proposals"]}
    assert shown == {p.pk for p in made}
    for bad in ["0", "x", "999"]:
        assert client.get(theme.get_absolute_url(), {"page": bad}).status_code == 200


def test_compare_shows_each_papers_first_proposals_and_links_to_all_of_them(client):
    theme = make_theme()
    big, small = make_source(), make_source()
    for _ in range(13):
        make_proposal(source=big, themes=[theme])
    make_proposal(source=small, themes=[theme])
    response = client.get(reverse("proposals:compare", args=["theme", theme.slug]))
    columns = dict(response.context["groups"])
    assert len(columns[big]) == 10 and len(columns[small]) == 1
    assert [p.position for p in columns[big]] == sorted(p.position for p in columns[big])
    assert "All 13 from this paper</a> (3 more)" in response.text
    assert "14 proposals in 2 papers" in response.text
