"""A search's pages and exports by relevance are ranked inside the text engine, and give
exactly the rows, in exactly the order, that ranking every match with the ORM gives: on the real
knowledge base grown by generated papers (many proposals share sentences, so ties are common and
the source order must break them the same way), for many searches, filters, pages and readers."""

from io import StringIO
from unittest.mock import patch

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browse.filters import ProposalFilter
from browse.selectors import listing
from core import kb_version
from core.models import PublicationStatus
from proposals.models import Actor, Proposal, Theme
from search import backends as search
from search.query import parse
from sources.models import SourceDocument

pytestmark = pytest.mark.django_db

SEARCHES = ["alliance", "china", "trade or security", "okinawa base", '"public support"']
SEARCHES += ["alliance -china", "defence", "zzzqx"]


@pytest.fixture
def grown_kb(knowledge_base, django_user_model):
    call_command(
        "generate_synthetic", "--proposals", "150", "--per-source", "25", stdout=StringIO()
    )
    first = Proposal.objects.order_by("pk").first()
    first.status = PublicationStatus.DRAFT  # a draft proposal: staff only
    first.save()
    paper = SourceDocument.objects.order_by("-pk").first()
    paper.status = PublicationStatus.DRAFT  # a draft paper hides its proposals from the public
    paper.save()
    kb_version.bump()
    return django_user_model.objects.create_user("staff", password="x" * 20, is_staff=True)


def _by_the_orm(user, params: QueryDict) -> list[int]:
    """Every match ranked with the ORM (a rank per row), the whole list in relevance order."""
    filterset = ProposalFilter(params, queryset=Proposal.objects.visible_to(user), user=user)
    ranked = search.rank_proposals(filterset.qs, filterset.search)
    return list(ranked.order_by(*listing.ORDERINGS["relevance"]).values_list("pk", flat=True))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    q=st.sampled_from(SEARCHES),
    theme=st.integers(0, 100),
    actor=st.integers(0, 100),
    filtered=st.sampled_from(["", "theme", "actor", "both"]),
    page=st.integers(1, 4),
    staff=st.booleans(),
    few=st.booleans(),
)
def test_a_relevance_page_is_the_orms_ranking(
    grown_kb, q, theme, actor, filtered, page, staff, few
):
    user = grown_kb if staff else AnonymousUser()
    params = QueryDict(mutable=True)
    params["q"] = q
    if filtered in ("theme", "both"):
        themes = sorted(Theme.objects.values_list("slug", flat=True))
        params["theme"] = themes[theme % len(themes)]
    if filtered in ("actor", "both"):
        actors = sorted(Actor.objects.values_list("slug", flat=True))
        params["actor"] = actors[actor % len(actors)]
    params["page"] = str(page)
    expected = _by_the_orm(user, params)
    # Both of the listing's ways: a short list ranked among its ids, a long one among the rows
    # its other filters leave (the ranking query matching the words itself).
    with patch.object(listing, "FEW", 5000 if few else 0):
        result = listing.proposal_listing(user=user, params=params)
    number = result.page.number
    shown = [proposal.pk for proposal in result.page.object_list]
    assert result.page.paginator.count == len(expected)
    assert shown == expected[(number - 1) * listing.PAGE_SIZE : number * listing.PAGE_SIZE]


@pytest.mark.parametrize("q", SEARCHES)
def test_the_source_hits_are_the_best_of_the_orms_ranking(grown_kb, q):
    visible = SourceDocument.objects.visible_to(AnonymousUser())
    # With room for every match, the order is the ORM's rank per row (search_sources orders
    # its rows by it); with 5, the text engine chose which 5.
    everything = list(search.search_sources(visible, parse(q), limit=10_000))
    best = list(search.search_sources(visible, parse(q), limit=5))
    assert [s.pk for s in best] == [s.pk for s in everything[:5]]
    assert all(s.status == PublicationStatus.PUBLISHED for s in everything)


@pytest.mark.parametrize("q", SEARCHES)
@pytest.mark.parametrize("staff", [False, True])
def test_an_export_by_relevance_is_the_orms_ranking(grown_kb, q, staff):
    user = grown_kb if staff else AnonymousUser()
    params = QueryDict(mutable=True)
    params["q"] = q
    rows, _ = listing.proposal_export(user=user, params=params)
    assert [proposal.pk for proposal in rows] == _by_the_orm(user, params)
    # The sources of the list (the papers' bibliography export) are a set, not a ranking.
    sources = listing.listed_proposals(user=user, params=params).values_list("source", flat=True)
    assert set(sources) == {proposal.source_id for proposal in rows}
