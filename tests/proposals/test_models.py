import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from proposals.models import Proposal
from tests.factories import make_actor, make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db


def test_saving_a_proposal_computes_its_offsets_from_the_quote():
    source = make_source()
    proposal = make_proposal(
        source=source, quote="Japan should join the Asian Infrastructure Investment Bank and"
    )
    assert source.body[proposal.quote_start : proposal.quote_end] == proposal.quote
    assert proposal.quote_prefix.endswith("relief.\n\n")
    assert proposal.quote_suffix.startswith(" shape it")


def test_clean_rejects_a_quote_that_is_not_in_the_source_body():
    proposal = Proposal(
        source=make_source(),
        position=1,
        slug="x",
        title="X",
        summary="S",
        quote="The alliance should disband.",
    )
    with pytest.raises(ValidationError) as error:
        proposal.full_clean()
    assert "does not occur in the source's text" in error.value.message_dict["quote"][0]


def test_clean_accepts_a_quote_that_differs_only_in_whitespace():
    proposal = Proposal(
        source=make_source(),
        position=1,
        slug="x",
        title="X",
        summary="S",
        quote="Japan   should join the Asian\nInfrastructure Investment Bank",
    )
    proposal.full_clean()
    assert proposal.quote == "Japan should join the Asian Infrastructure Investment Bank"
    assert proposal.quote_start > 0


def test_offsets_typed_by_hand_are_replaced_by_the_computed_ones():
    proposal = make_proposal()
    Proposal.objects.filter(pk=proposal.pk).update(quote_start=3, quote_end=5)
    proposal.refresh_from_db()
    proposal.save()
    assert (proposal.quote_start, proposal.quote_end) == (0, len(proposal.quote))


def test_clean_names_a_title_already_used_in_the_same_source():
    first = make_proposal()
    clash = Proposal(
        source=first.source,
        position=2,
        slug="other",
        title=first.title,
        summary="S",
        quote=first.quote,
    )
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert "already has this title" in error.value.message_dict["title"][0]


def test_the_database_refuses_two_proposals_at_one_position_in_a_source():
    first = make_proposal()
    with pytest.raises(IntegrityError):
        make_proposal(source=first.source, position=first.position, title="Another")


def test_published_excludes_drafts_and_proposals_of_draft_sources():
    published = make_proposal()
    make_proposal(status="draft")
    make_proposal(source=make_source(status="draft"))
    assert list(Proposal.objects.published()) == [published]


def test_natural_keys_are_slugs():
    theme, actor = make_theme(slug="okinawa-basing"), make_actor(slug="okinawa")
    proposal = make_proposal(themes=[theme], actors=[actor])
    assert proposal.natural_key() == (proposal.slug,)
    assert Proposal.objects.get_by_natural_key(proposal.slug) == proposal
    assert proposal.actor_roles.get().natural_key() == (proposal.slug, "okinawa", "acts")


def test_a_status_change_neither_reanchors_nor_reindexes(django_assert_max_num_queries):
    proposal = make_proposal()
    fresh = Proposal.objects.get(pk=proposal.pk)  # its source is not loaded
    fresh.status = "draft"
    # The update, its history row, and the four reads of the history's snapshot (themes,
    # frameworks, actor roles, related links): no fetch of the source's text, no anchoring, no
    # search-index work.
    with django_assert_max_num_queries(6):
        fresh.save(update_fields=["status", "updated_at"])


def test_saving_a_changed_quote_with_update_fields_stores_its_new_anchor():
    proposal = make_proposal()
    proposal.quote = "Japan should join the Asian Infrastructure Investment Bank"
    proposal.save(update_fields=["quote"])
    proposal.refresh_from_db()
    assert proposal.source.body[proposal.quote_start : proposal.quote_end] == proposal.quote
    assert proposal.quote_start > 0


def test_a_stored_proposal_keeps_its_place_when_text_is_inserted_before_a_repeated_quote():
    body = "First: Act now.\n\nSecond: Act now."
    proposal = make_proposal(source=make_source(body=body), quote="Second: Act now.")
    proposal.quote = "Act now."  # now ambiguous by itself
    proposal.save()
    assert proposal.quote_start == body.rindex("Act now.")
    source = proposal.source
    source.body = "A new opening paragraph.\n\n" + body
    source.save()
    proposal.refresh_from_db()
    proposal.save()
    assert proposal.quote_prefix.endswith("Second: ")
    assert proposal.quote_start == source.body.rindex("Act now.")
