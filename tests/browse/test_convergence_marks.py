"""Each card says in how many other papers a related proposal stands, counting only what the
reader may see."""

import pytest
from django.urls import reverse

from proposals.models import Proposal
from tests.factories import make_proposal, make_source

pytestmark = pytest.mark.django_db
LIST = reverse("proposals:list")


@pytest.mark.parametrize("page", [1, 2, 3, 4, 5, 6, 7, 8])
def test_every_card_counts_the_other_papers_of_its_related_proposals(client, knowledge_base, page):
    listing = client.get(LIST, {"page": page}).context["listing"]
    for proposal in listing.page.object_list:
        others = {
            related.source_id
            for related in Proposal.objects.get(pk=proposal.pk).related.published()
            if related.source_id != proposal.source_id
        }
        assert proposal.other_papers == len(others), proposal.slug


def test_a_draft_is_never_counted_for_the_public(client):
    shown = make_proposal()
    draft = make_proposal(source=make_source(), status="draft")
    published = make_proposal(source=make_source())
    shown.related.add(draft, published)
    [card] = [p for p in client.get(LIST).context["listing"].page.object_list if p.pk == shown.pk]
    assert card.other_papers == 1
    assert b"Also in 1 other paper<" in client.get(LIST).content
