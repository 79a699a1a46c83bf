"""Writes to proposals that the admin (and anyone else) goes through.

Each write saves object by object, never with a bulk update, so that django-simple-history
records who changed what and why.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.history import record_change
from core.models import PublicationStatus
from proposals.models import Proposal


def next_position(*, source) -> int:
    """The position a new proposal of this source takes by default: after the last one."""
    return (source.proposals.aggregate(last=Max("position"))["last"] or 0) + 1


def _set_status(proposals: Iterable[Proposal], status: str, *, user, reason: str):
    changed = []
    for proposal in proposals:
        if proposal.status == status:
            continue
        proposal.status = status
        if status == PublicationStatus.PUBLISHED:
            proposal.published_at = timezone.now()  # what the feed dates an entry by
        record_change(proposal, user=user, reason=reason)
        proposal.save(update_fields=["status", "published_at", "updated_at"])
        changed.append(proposal)
    return changed


@transaction.atomic
def publish_proposals(*, proposals: Iterable[Proposal], user=None) -> list[Proposal]:
    """Publish the drafts among `proposals`; returns those that changed.

    A published proposal is public only once its source is published too.
    """
    return _set_status(proposals, PublicationStatus.PUBLISHED, user=user, reason="Published")


@transaction.atomic
def unpublish_proposals(*, proposals: Iterable[Proposal], user=None) -> list[Proposal]:
    """Return published proposals to draft; returns those that changed."""
    return _set_status(proposals, PublicationStatus.DRAFT, user=user, reason="Unpublished")
