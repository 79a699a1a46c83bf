"""Facet counts never lie: on the real knowledge base, over many random filter states, the number
beside every option not chosen is the number of proposals its link lists, and a chosen option's
number is its own proposals within the other filters."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outcomes.models import Status
from proposals.models import Actor, Framework, Proposal, ProposalActor, Theme
from sources.models import SourceDocument

pytestmark = pytest.mark.django_db
LIST = reverse("proposals:list")

# Values are drawn by position so the strategy does not need the database at collection time.
picks = st.lists(st.integers(min_value=0, max_value=200), max_size=2, unique=True)


def _choose(values: list[str], positions: list[int]) -> list[str]:
    return sorted({values[p % len(values)] for p in positions}) if values else []


@st.composite
def filter_states(draw):
    return {
        "theme": draw(picks),
        "actor": draw(picks),
        "role": draw(st.lists(st.integers(0, 2), max_size=1)),
        "framework": draw(st.lists(st.integers(0, 200), max_size=1)),
        "source": draw(st.lists(st.integers(0, 200), max_size=1)),
        "kind": draw(st.lists(st.integers(0, 1), max_size=1)),
        "status": draw(st.lists(st.integers(0, 6), max_size=1)),
        "theme_mode": draw(st.sampled_from(["", "all"])),
        "actor_mode": draw(st.sampled_from(["", "all"])),
        "framework_mode": draw(st.sampled_from(["", "all"])),
        "q": draw(st.sampled_from(["", "china", "alliance", "trade or security"])),
    }


def _params(state) -> dict:
    vocab = {
        "theme": sorted(Theme.objects.values_list("slug", flat=True)),
        "actor": sorted(Actor.objects.values_list("slug", flat=True)),
        "role": [role.value for role in ProposalActor.Role],
        "framework": sorted(Framework.objects.values_list("slug", flat=True)),
        "source": sorted(SourceDocument.objects.values_list("slug", flat=True)),
        "kind": [kind.value for kind in Proposal.Kind],
        "status": [status.value for status in Status],
    }
    params = {name: _choose(values, state[name]) for name, values in vocab.items()}
    params.update({k: v for k, v in state.items() if k.endswith("_mode") or k == "q"})
    return {k: v for k, v in params.items() if v}


def _listed(client, url: str) -> int:
    return client.get(LIST + url).context["listing"].page.paginator.count


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(state=filter_states())
def test_every_unchosen_options_number_is_what_its_link_lists(client, knowledge_base, state):
    listing = client.get(LIST, _params(state)).context["listing"]
    checked = 0
    for facet in listing.facets:
        for option in facet.options:
            if option.selected:
                continue
            assert _listed(client, option.url) == option.count, (facet.name, option.value)
            checked += 1
    for option in listing.years:
        assert _listed(client, option.url) == option.count, ("year", option.value)
    assert checked or listing.page.paginator.count == 0


def test_a_chosen_options_number_is_its_own_within_the_other_filters(client, knowledge_base):
    listing = client.get(
        LIST, {"source": "tanaka-2015-next-step", "theme": "engagement-with-china"}
    ).context["listing"]
    [source] = [f for f in listing.facets if f.name == "source"]
    [chosen] = [o for o in source.options if o.selected]
    own = client.get(
        LIST, {"theme": "engagement-with-china", "source": "tanaka-2015-next-step"}
    ).context["listing"]
    assert chosen.count == own.page.paginator.count


def test_all_actors_lists_proposals_that_name_every_one(client, knowledge_base):
    both = client.get(LIST, {"actor": ["japan", "south-korea"], "actor_mode": "all"})
    either = client.get(LIST, {"actor": ["japan", "south-korea"]})
    both_slugs = {p.slug for p in both.context["listing"].page.paginator.object_list}
    assert both_slugs, "some proposals engage Japan and South Korea together"
    for proposal in Proposal.objects.filter(slug__in=both_slugs):
        assert {"japan", "south-korea"} <= set(proposal.actors.values_list("slug", flat=True))
    assert len(both_slugs) < either.context["listing"].page.paginator.count
    assert b"all</strong>" in both.content


def test_an_unknown_mode_is_said_and_ignored(client, knowledge_base):
    response = client.get(LIST, {"actor": "japan", "actor_mode": "every<b>"})
    assert response.status_code == 200
    listing = response.context["listing"]
    assert any("any or all" in notice for notice in listing.notices)
    assert b"every<b>" not in response.content


def test_the_role_facet_waits_for_an_actor(client, knowledge_base):
    names = [f.name for f in client.get(LIST).context["listing"].facets]
    assert "role" not in names
    names = [f.name for f in client.get(LIST, {"actor": "japan"}).context["listing"].facets]
    assert "role" in names
