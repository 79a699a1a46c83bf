"""The list's "made by at least N papers" filter: every proposal it lists really is made by N
papers (its own and those of its related proposals), and the number beside each threshold is the
size of the list its link gives, whatever the other filters."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proposals.models import Proposal, Theme
from sources.models import SourceDocument
from tests.factories import make_proposal, make_source

pytestmark = pytest.mark.django_db
LIST = reverse("proposals:list")


def _papers(proposal: Proposal) -> int:
    return len({proposal.source_id} | {r.source_id for r in proposal.related.published()})


def _listed(client, query: str) -> list[Proposal]:
    listing = client.get(LIST + query).context["listing"]
    return list(listing.page.paginator.object_list)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    theme=st.integers(0, 200) | st.none(),
    source=st.integers(0, 200) | st.none(),
    q=st.sampled_from(["", "china", "alliance"]),
)
def test_each_threshold_lists_what_its_count_says_and_only_converging_proposals(
    client, knowledge_base, theme, source, q
):
    params = {"q": q} if q else {}
    if theme is not None:
        themes = sorted(Theme.objects.values_list("slug", flat=True))
        params["theme"] = themes[theme % len(themes)]
    if source is not None:
        sources = sorted(SourceDocument.objects.values_list("slug", flat=True))
        params["source"] = sources[source % len(sources)]
    response = client.get(LIST, params)
    facet = response.context["papers_facet"]
    unfiltered = list(response.context["listing"].page.paginator.object_list)
    if facet is None:  # nothing here converges with another paper
        assert all(_papers(p) == 1 for p in unfiltered)
        return
    for option in facet.options:
        listed = _listed(client, option.url)
        assert len(listed) == option.count, option.url
        assert all(_papers(p) >= int(option.value) for p in listed)
        # and none left out: the filter narrows the same list, it does not lose a match
        expected = {p.pk for p in unfiltered if _papers(p) >= int(option.value)}
        assert {p.pk for p in listed} == expected


def test_the_real_knowledge_base_has_converging_proposals_to_filter(client, knowledge_base):
    facet = client.get(LIST).context["papers_facet"]
    assert facet.options[0].label == "2 papers" and facet.options[0].count > 0
    assert b"Made by at least" in client.get(LIST).content


def test_a_draft_related_proposal_does_not_make_a_proposal_converge(client):
    shown = make_proposal()
    draft = make_proposal(source=make_source(), status="draft")
    shown.related.add(draft)
    assert _listed(client, "?papers=2") == []
    published = make_proposal(source=make_source())
    shown.related.add(published)
    assert {p.pk for p in _listed(client, "?papers=2")} == {shown.pk, published.pk}
    assert _listed(client, "?papers=3") == []


def test_a_related_proposal_in_the_same_paper_does_not_count(client):
    shown = make_proposal()
    shown.related.add(make_proposal(source=shown.source))
    assert _listed(client, "?papers=2") == []


@pytest.mark.parametrize("value", ["two", "-3", "0", "2.5", "99999", "\u0662"])
def test_a_bad_threshold_is_ignored_with_a_notice_not_an_error(client, value):
    make_proposal()
    response = client.get(LIST, {"papers": value})
    assert response.status_code == 200
    assert "not a number of papers" in " ".join(response.context["listing"].notices)
    assert len(response.context["listing"].page.paginator.object_list) == 1


def test_the_chosen_threshold_shows_as_a_filter_in_force_that_can_be_removed(client):
    shown = make_proposal()
    shown.related.add(make_proposal(source=make_source()))
    response = client.get(LIST, {"papers": "2"})
    chips = response.context["listing"].chips
    assert [(c.label, c.value, c.url) for c in chips] == [("Made by at least", "2 papers", "?")]
    assert b"Made by at least:</span> 2 papers" in response.content


def test_an_empty_list_offers_to_drop_the_threshold_with_its_count(client):
    make_proposal()
    response = client.get(LIST, {"papers": "5"})
    ways = response.context["listing"].ways_out
    assert [(w.label, w.url, w.count) for w in ways] == [("Made by at least: 5 papers", "?", 1)]
    assert "Without Made by at least: 5 papers</a>: 1 proposal" in response.text
