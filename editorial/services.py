"""The editorial workflow's writes across sources and proposals: publishing a source with its
proposals, and locating the quotes again after a source's text changed."""

from django.db import transaction

from core.history import record_change
from core.models import PublicationStatus
from proposals.models import ANCHOR_FIELDS
from proposals.services import publish_proposals
from sources.models import SourceDocument


@transaction.atomic
def publish_source(*, source: SourceDocument, with_proposals: bool, user=None) -> list:
    """Publish the source and, when asked, every one of its draft proposals.

    Returns the proposals that were published. Publishing the source alone leaves its draft
    proposals in draft, so an editor can publish a paper before every proposal is reviewed.
    """
    if source.status != PublicationStatus.PUBLISHED:
        source.status = PublicationStatus.PUBLISHED
        _save(source, user=user, reason="Published")
    if not with_proposals:
        return []
    return publish_proposals(proposals=source.proposals.order_by("position"), user=user)


@transaction.atomic
def unpublish_source(*, source: SourceDocument, user=None) -> None:
    """Return the source to draft: it and all its proposals leave the public site.

    The proposals keep their own status, so publishing the source again brings back exactly
    the proposals that were public before.
    """
    if source.status != PublicationStatus.DRAFT:
        source.status = PublicationStatus.DRAFT
        _save(source, user=user, reason="Unpublished")


@transaction.atomic
def reanchor_proposals(*, source: SourceDocument, user=None) -> int:
    """Recompute every proposal's quote offsets after the source's text changed.

    Each quote is found again by its stored context, then its old position; returns how many
    proposals changed (their offsets or the words around them).
    """
    moved = 0
    for proposal in source.proposals.select_related("source"):
        proposal.source = source
        before = anchor_of(proposal)
        proposal.anchor()
        # The context around a quote counts too: it is what finds the passage again.
        if before != anchor_of(proposal):
            record_change(
                proposal, user=user, reason="Quote re-anchored after the source's text changed"
            )
            proposal.save()
            moved += 1
    return moved


def anchor_of(proposal) -> tuple:
    return tuple(getattr(proposal, name) for name in ANCHOR_FIELDS)


def _save(source: SourceDocument, *, user, reason: str) -> None:
    record_change(source, user=user, reason=reason)
    source.save(update_fields=["status", "updated_at"])
