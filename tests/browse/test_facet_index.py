"""The facet index's bitmap counts equal the database's GROUP BY counts, for anyone, whatever the
filters: on the real knowledge base grown by generated papers, with drafts (a draft proposal, a
draft paper) and evidence, over random filter states, anonymous and staff."""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browse.filters import ProposalFilter
from browse.selectors.facet_bitmaps import BitmapCounts
from browse.selectors.facets import facet_counts
from core import kb_version
from core.models import PublicationStatus
from outcomes.models import Status
from proposals.models import Actor, Framework, Proposal, ProposalActor, Theme
from search import facet_index
from sources.models import SourceDocument
from tests.factories import make_evidence

pytestmark = pytest.mark.django_db

picks = st.lists(st.integers(min_value=0, max_value=200), max_size=2, unique=True)
one = st.lists(st.integers(min_value=0, max_value=200), max_size=1)


@st.composite
def filter_states(draw):
    return {
        "theme": draw(picks),
        "actor": draw(picks),
        "role": draw(st.lists(st.integers(0, 2), max_size=2, unique=True)),
        "framework": draw(picks),
        "source": draw(one),
        "doc_kind": draw(one),
        "kind": draw(one),
        "status": draw(st.lists(st.integers(0, 6), max_size=2, unique=True)),
        "theme_mode": draw(st.sampled_from(["", "all"])),
        "actor_mode": draw(st.sampled_from(["", "all"])),
        "framework_mode": draw(st.sampled_from(["", "all"])),
        "q": draw(st.sampled_from(["", "china", "alliance", "trade or security", "zzzqx"])),
        "year_from": draw(st.sampled_from(["", "2015", "2019", "2021"])),
        "year_to": draw(st.sampled_from(["", "2018", "2020", "2024"])),
        "papers": draw(st.sampled_from(["", "2", "3"])),
        "staff": draw(st.booleans()),
    }


def _query(state) -> QueryDict:
    vocab = {
        "theme": sorted(Theme.objects.values_list("slug", flat=True)),
        "actor": sorted(Actor.objects.values_list("slug", flat=True)),
        "role": [role.value for role in ProposalActor.Role],
        "framework": sorted(Framework.objects.values_list("slug", flat=True)),
        "source": sorted(SourceDocument.objects.values_list("slug", flat=True)),
        "doc_kind": [kind.value for kind in SourceDocument.Kind],
        "kind": [kind.value for kind in Proposal.Kind],
        "status": [status.value for status in Status],
    }
    query = QueryDict(mutable=True)
    for name, values in vocab.items():
        query.setlist(name, sorted({values[p % len(values)] for p in state[name]}))
    names = ("theme_mode", "actor_mode", "framework_mode", "q", "year_from", "year_to", "papers")
    for name in names:
        if state[name]:
            query[name] = state[name]
    return query


@pytest.fixture
def grown_kb(knowledge_base, django_user_model):
    call_command(
        "generate_synthetic", "--proposals", "150", "--per-source", "25", stdout=StringIO()
    )
    # Drafts: one proposal, and a whole paper, which hides its proposals from the public.
    first = Proposal.objects.order_by("pk").first()
    first.status = PublicationStatus.DRAFT
    first.save()
    paper = SourceDocument.objects.order_by("-pk").first()
    paper.status = PublicationStatus.DRAFT
    paper.save()
    # Evidence for some proposals, with several statuses.
    some = list(Proposal.objects.order_by("-pk")[:6])
    make_evidence(proposals=[(p, Status.IN_PROGRESS) for p in some[:3]])
    make_evidence(proposals=[(p, Status.NO_ACTION) for p in some[2:6]])
    kb_version.bump()
    staff = django_user_model.objects.create_user("staff", password="x" * 20, is_staff=True)
    return staff


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(state=filter_states())
def test_bitmap_counts_equal_the_databases_counts(grown_kb, state):
    user = grown_kb if state["staff"] else AnonymousUser()
    base = Proposal.objects.visible_to(user)
    filterset = ProposalFilter(_query(state), queryset=base, user=user)
    by_sql = facet_counts(filterset, base)
    counter = BitmapCounts(filterset, facet_index.current(), staff=state["staff"])
    assert facet_counts(filterset, base, counter) == by_sql
    # And the list itself: the index's filtered set is the list's.
    assert set(counter.within()) == set(filterset.qs.values_list("pk", flat=True))


def test_drafts_count_only_for_staff(grown_kb):
    index = facet_index.current()
    drafts = set(index.everything - index.published)
    hidden = Proposal.objects.exclude(pk__in=Proposal.objects.published())
    assert drafts == set(hidden.values_list("pk", flat=True))
    assert drafts  # the fixture made some


def test_the_index_is_rebuilt_once_the_knowledge_base_changes(grown_kb):
    index = facet_index.current()
    assert facet_index.current() is index  # same version: reused, not rebuilt
    theme = Theme.objects.order_by("pk").first()
    proposal = Proposal.objects.published().exclude(themes=theme).first()
    proposal.themes.add(theme)  # signals move the version on
    rebuilt = facet_index.current()
    assert rebuilt is not index
    assert proposal.pk in rebuilt.bitmap("theme", theme.slug)
    assert proposal.pk not in index.bitmap("theme", theme.slug)


def test_the_index_is_rebuilt_once_too_old_even_on_the_same_version(grown_kb, settings):
    index = facet_index.current()
    settings.KB_FACET_INDEX_SECONDS = 0  # another worker may have saved: its version is not ours
    assert facet_index.current() is not index
