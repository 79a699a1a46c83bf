"""The source facet folds: the list shows the largest few sources and the chosen ones, and a page
of its own offers every source with the same counts, narrowed by title words and paged."""

import pytest
from django.urls import reverse

from browse.selectors.listing import SOURCES_SHOWN
from tests.factories import make_proposal, make_source

pytestmark = pytest.mark.django_db
LIST = reverse("proposals:list")
CHOICE = reverse("proposals:source-choice")


@pytest.fixture
def papers():
    """SOURCES_SHOWN + 4 papers; paper i has i + 1 proposals (the last ones are the largest)."""
    found = []
    for i in range(SOURCES_SHOWN + 4):
        source = make_source(title=f"Paper {'odd' if i % 2 else 'even'} number {i}")
        for _ in range(i + 1):
            make_proposal(source=source)
        found.append(source)
    return found


def _source_facet(response):
    return next(f for f in response.context["listing"].facets if f.name == "source")


def _listed(client, url: str) -> int:
    return client.get(url).context["listing"].page.paginator.count


def test_the_list_shows_the_largest_sources_and_links_to_all_of_them(client, papers):
    response = client.get(LIST)
    facet = _source_facet(response)
    shown = {option.value for option in facet.options}
    assert shown == {source.slug for source in papers[-SOURCES_SHOWN:]}
    assert facet.folded == 4
    assert f'href="{CHOICE}"' in response.content.decode()
    assert f"All {len(papers)} sources" in response.content.decode()


def test_a_chosen_source_stays_shown_however_small(client, papers):
    smallest = papers[0]
    facet = _source_facet(client.get(LIST, {"source": smallest.slug}))
    chosen = [option for option in facet.options if option.selected]
    assert [option.value for option in chosen] == [smallest.slug]
    assert len(facet.options) == SOURCES_SHOWN + 1
    assert facet.more_url == f"{CHOICE}?source={smallest.slug}"


def test_the_choice_page_offers_every_source_with_the_lists_counts(client, papers):
    response = client.get(CHOICE, {"kind": "recommendation"})
    assert response.status_code == 200
    options = list(response.context["choice"].page.object_list)
    assert {option.value for option in options} == {source.slug for source in papers}
    assert [option.count for option in options] == sorted(
        (option.count for option in options), reverse=True
    )
    for option in options[:3] + options[-2:]:
        assert option.url.startswith(LIST)
        assert "kind=recommendation" in option.url
        assert _listed(client, option.url) == option.count


def test_the_choice_page_finds_sources_by_title_words(client, papers):
    choice = client.get(CHOICE, {"find": "  ODD   number "}).context["choice"]
    values = {option.value for option in choice.page.object_list}
    assert values == {source.slug for i, source in enumerate(papers) if i % 2}
    assert choice.find == "ODD number"
    assert choice.total == len(papers)
    empty = client.get(CHOICE, {"find": "nothing like it"})
    assert "No source with “nothing like it” in its title" in empty.content.decode()


@pytest.mark.parametrize("page", ["0", "999", "x", "-1"])
def test_a_bad_page_of_sources_is_a_page_with_a_notice(client, papers, page):
    response = client.get(CHOICE, {"page": page})
    assert response.status_code == 200
    assert response.context["choice"].page.object_list
    assert response.context["choice"].notices


def test_the_choice_page_is_paged(client, papers, settings, monkeypatch):
    monkeypatch.setattr("browse.selectors.source_choice.SOURCE_CHOICES_PAGE", 5)
    first = client.get(CHOICE).context["choice"].page
    last = client.get(CHOICE, {"page": "3"}).context["choice"].page
    assert len(first.object_list) == 5 and len(last.object_list) == len(papers) - 10
    assert not {o.value for o in first.object_list} & {o.value for o in last.object_list}
