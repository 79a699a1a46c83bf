import pytest

from editorial.services import publish_source, reanchor_proposals, unpublish_source
from proposals.models import Proposal
from tests.factories import make_proposal, make_source

pytestmark = pytest.mark.django_db


def test_reanchoring_follows_a_quote_that_moved():
    proposal = make_proposal(quote="Japan should join the Asian Infrastructure Investment Bank")
    source = proposal.source
    source.body = "A new first paragraph.\n\n" + source.body
    source.save()
    assert reanchor_proposals(source=source) == 1
    proposal.refresh_from_db()
    assert source.body[proposal.quote_start : proposal.quote_end] == proposal.quote


def test_reanchoring_refreshes_the_context_when_only_nearby_words_changed():
    proposal = make_proposal(quote="The alliance must deepen its cooperation on disaster relief.")
    source = proposal.source
    source.body = source.body.replace("Japan should join", "Japan SHOULD join")
    source.save()
    assert reanchor_proposals(source=source) == 1
    proposal.refresh_from_db()
    assert proposal.quote_start == 0
    assert proposal.quote_suffix == source.body[proposal.quote_end :][:32]
    assert "SHOULD" in proposal.quote_suffix


def test_reanchoring_an_unchanged_text_changes_nothing():
    proposal = make_proposal()
    history = proposal.history.count()
    assert reanchor_proposals(source=proposal.source) == 0
    assert proposal.history.count() == history


def test_publishing_a_source_with_its_proposals_makes_them_public():
    source = make_source(status="draft")
    make_proposal(source=source, status="draft")
    published = publish_source(source=source, with_proposals=True)
    assert len(published) == 1
    assert Proposal.objects.published().count() == 1


def test_unpublishing_a_source_hides_its_proposals_but_keeps_their_status():
    proposal = make_proposal()
    unpublish_source(source=proposal.source)
    assert Proposal.objects.published().count() == 0
    proposal.refresh_from_db()
    assert proposal.status == "published"


def test_publishing_many_proposals_costs_a_fixed_number_of_queries_each(
    django_assert_max_num_queries,
):
    source = make_source(status="draft")
    for _ in range(10):
        make_proposal(source=source, status="draft")
    source = type(source).objects.get(pk=source.pk)
    # The source's update (with history and savepoints) and the proposals' list, then per
    # proposal its update, its history row and the four reads of its snapshot (themes,
    # frameworks, actor roles, related links).
    with django_assert_max_num_queries(8 + 10 * 6):
        publish_source(source=source, with_proposals=True)
