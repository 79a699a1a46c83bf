"""The proposal list: OR within a facet, AND across facets, and a count beside every option."""

import datetime

import pytest
from django.urls import reverse

from core.dates import DatePrecision
from proposals.models import ProposalActor
from sources.models import SourceDocument
from tests.factories import make_actor, make_framework, make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db
LIST = reverse("proposals:list")
ACTS, ENGAGED = ProposalActor.Role.ACTS, ProposalActor.Role.ENGAGED


@pytest.fixture
def corpus():
    """Two papers, 2007 and 2015, and five proposals (one a draft) across two themes."""
    old = make_source(
        title="Old paper",
        slug="old",
        kind=SourceDocument.Kind.CONFERENCE_PAPER,
        published_on=datetime.date(2007, 9, 1),
        published_on_precision=DatePrecision.MONTH,
    )
    new = make_source(title="New paper", slug="new", kind=SourceDocument.Kind.EDITORIAL)
    china = make_theme(name="Engagement with China", slug="china-theme")
    commons = make_theme(name="Global commons", slug="commons")
    japan, us = make_actor(name="Japan", slug="japan"), make_actor(name="U.S.", slug="us")
    aiib = make_framework(name="Asian Infrastructure Investment Bank", acronym="AIIB", slug="aiib")
    make_proposal(source=old, slug="a", title="A", themes=[china], actors=[japan])
    make_proposal(source=old, slug="b", title="B", themes=[commons], actors=[(japan, ENGAGED)])
    make_proposal(
        source=new, slug="c", title="C", themes=[china, commons], actors=[us], frameworks=[aiib]
    )
    make_proposal(source=new, slug="d", title="D", themes=[], kind="open_question")
    make_proposal(source=new, slug="e", title="E", themes=[china], status="draft")


def slugs(response):
    return sorted(p.slug for p in response.context["proposals"])


def counts(response, facet):
    listing = response.context["listing"]
    found = next(f for f in listing.facets if f.name == facet)
    return {option.value: option.count for option in found.options}


def test_values_of_one_facet_combine_with_or(client, corpus):
    response = client.get(LIST, {"theme": ["china-theme", "commons"]})
    assert slugs(response) == ["a", "b", "c"]


def test_different_facets_combine_with_and(client, corpus):
    response = client.get(LIST, {"theme": "china-theme", "source": "new"})
    assert slugs(response) == ["c"]


def test_an_actor_and_a_role_mean_that_actor_in_that_role(client, corpus):
    assert slugs(client.get(LIST, {"actor": "japan", "role": "acts"})) == ["a"]
    assert slugs(client.get(LIST, {"actor": "japan", "role": "engaged"})) == ["b"]
    assert slugs(client.get(LIST, {"actor": "japan"})) == ["a", "b"]


def test_framework_document_kind_and_proposal_kind_filter(client, corpus):
    assert slugs(client.get(LIST, {"framework": "aiib"})) == ["c"]
    assert slugs(client.get(LIST, {"doc_kind": "conference_paper"})) == ["a", "b"]
    assert slugs(client.get(LIST, {"kind": "open_question"})) == ["d"]


def test_a_year_range_filters_by_publication_year(client, corpus):
    assert slugs(client.get(LIST, {"year_from": "2010"})) == ["c", "d"]
    assert slugs(client.get(LIST, {"year_to": "2007"})) == ["a", "b"]
    assert slugs(client.get(LIST, {"year_from": "2007", "year_to": "2007"})) == ["a", "b"]


def test_facet_counts_say_what_each_option_would_give(client, corpus):
    response = client.get(LIST)
    assert counts(response, "theme") == {"china-theme": 2, "commons": 2}
    assert counts(response, "source") == {"old": 2, "new": 2}
    assert counts(response, "actor") == {"japan": 2, "us": 1}


def test_facet_counts_follow_the_other_facets(client, corpus):
    response = client.get(LIST, {"source": "new"})
    assert counts(response, "theme") == {"china-theme": 1, "commons": 1}
    assert counts(response, "actor") == {"us": 1}


def test_inside_a_chosen_facet_an_option_shows_the_list_a_click_gives(client, corpus):
    """Within a facet values are ORed: adding "old" to "new" gives both papers' four proposals;
    the chosen "new" shows its own two."""
    response = client.get(LIST, {"source": "new"})
    assert counts(response, "source") == {"old": 4, "new": 2}


def test_role_counts_follow_the_chosen_actor(client, corpus):
    response = client.get(LIST, {"actor": "japan"})
    assert counts(response, "role") == {"acts": 1, "engaged": 1}


def test_drafts_are_in_no_count_for_visitors(client, corpus):
    response = client.get(LIST)
    assert response.context["page_obj"].paginator.count == 4
    assert counts(response, "theme")["china-theme"] == 2


def test_staff_counts_include_drafts(staff_client, corpus):
    response = staff_client.get(LIST)
    assert counts(response, "theme")["china-theme"] == 3


def test_active_filters_are_chips_that_remove_themselves(client, corpus):
    response = client.get(LIST, {"theme": ["china-theme", "commons"], "source": "new"})
    chips = {chip.value: chip.url for chip in response.context["listing"].chips}
    assert set(chips) == {"Engagement with China", "Global commons", "New paper"}
    removed = client.get(LIST + chips["Engagement with China"])
    assert slugs(removed) == ["c"]
    assert "theme=commons" in chips["Engagement with China"]


def test_an_option_link_toggles_it_and_keeps_the_rest(client, corpus):
    response = client.get(LIST, {"theme": "commons", "page": "1"})
    theme = next(f for f in response.context["listing"].facets if f.name == "theme")
    china = next(o for o in theme.options if o.value == "china-theme")
    assert "theme=commons" in china.url and "theme=china-theme" in china.url
    assert "page=" not in china.url
    assert slugs(client.get(LIST + china.url)) == ["a", "b", "c"]


# Bad input: a page with a notice, never an error


def test_an_unknown_value_is_ignored_with_a_notice(client, corpus):
    response = client.get(LIST, {"theme": ["no-such-theme", "commons"]})
    assert response.status_code == 200
    assert slugs(response) == ["b", "c"]
    assert "no-such-theme" in response.text and "ignored" in response.text


def test_a_draft_source_cannot_be_named_by_visitors(client, corpus):
    make_source(slug="secret", status="draft")
    response = client.get(LIST, {"source": "secret"})
    assert "secret" in " ".join(response.context["listing"].notices)
    assert all(o.value != "secret" for f in response.context["listing"].facets for o in f.options)


@pytest.mark.parametrize("year", ["abc", "20O7", "-1", "99999", "2007.5", "٢٠٠٧"])
def test_a_malformed_year_is_ignored_with_a_notice(client, corpus, year):
    response = client.get(LIST, {"year_from": year})
    assert response.status_code == 200
    assert slugs(response) == ["a", "b", "c", "d"]
    assert "is not a year" in response.text


def test_years_the_wrong_way_round_are_swapped(client, corpus):
    response = client.get(LIST, {"year_from": "2016", "year_to": "2007"})
    assert slugs(response) == ["a", "b", "c", "d"]
    assert "swapped" in response.text


@pytest.mark.parametrize("page", ["999999", "0", "-3", "abc", "1e9", ""])
def test_an_absurd_page_number_shows_a_real_page_with_a_notice(client, corpus, page):
    response = client.get(LIST, {"page": page})
    assert response.status_code == 200
    assert len(response.context["proposals"]) == 4
    if page:
        assert response.context["listing"].notices


def test_an_unknown_sort_falls_back_with_a_notice(client, corpus):
    response = client.get(LIST, {"sort": "weird"})
    assert response.status_code == 200
    assert "Unknown sort" in response.text


def test_sorting_by_title_and_newest(client, corpus):
    by_title = client.get(LIST, {"sort": "title"})
    assert [p.slug for p in by_title.context["proposals"]] == ["a", "b", "c", "d"]
    newest = client.get(LIST, {"sort": "newest"})
    assert [p.source.slug for p in newest.context["proposals"]][0] == "new"


def test_relevance_is_offered_only_when_searching(client, corpus):
    assert "relevance" not in client.get(LIST).context["listing"].sorts
    assert client.get(LIST, {"q": "paper"}).context["listing"].sort == "relevance"
