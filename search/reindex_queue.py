"""Reindexing a changed (renamed or deleted) tag's proposals after the commit, outside the request.

A tag's name is part of the document of every proposal carrying it (search.index.tag_text): at
100,000 proposals a theme may carry 27,000 of them, which took 27 s to rewrite inside the admin's
save (and 16 s inside its deletion). The save or the deletion now notes the tag
(search.models.PendingTag, one row; a deletion lists the proposals in it, since the tag's links
go with the tag) and a thread started after the commit writes its proposals 2,000 at a time; the
knowledge base's version moves on when they are written, so cached pages and the facet index
follow. Until then a search by the new name misses the proposals not yet rewritten (seconds), and
the old name still finds them. A process stopped mid-way leaves the note in the database: the
next rename's or deletion's thread, or `manage.py reindex_pending`, writes it.
"""

import logging
import threading

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from core import kb_version
from proposals.models import Proposal, ProposalActor
from search.index import BATCH, index_proposals
from search.models import PendingTag

logger = logging.getLogger(__name__)
_writing = threading.Lock()

# Where each kind of tag meets its proposals: the link tables, read without joining proposals.
LINKS = {
    PendingTag.Kind.THEME: (Proposal.themes.through, "theme_id"),
    PendingTag.Kind.FRAMEWORK: (Proposal.frameworks.through, "framework_id"),
    PendingTag.Kind.ACTOR: (ProposalActor, "actor_id"),
}


def tagged(kind: str, tag_id: int):
    """The ids of the proposals carrying this tag (a queryset of one column)."""
    links, column = LINKS[kind]
    return links.objects.filter(**{column: tag_id}).values_list("proposal_id", flat=True)


def queue(kind: str, tag_id: int) -> None:
    """Note a renamed tag: its proposals are read from its links when they are written."""
    PendingTag.objects.update_or_create(
        kind=kind, tag_id=tag_id, defaults={"queued_at": timezone.now()}
    )
    transaction.on_commit(write_in_background)


def queue_deleted(kind: str, tag_id: int, proposal_ids) -> None:
    """Note a deleted tag with the proposals it carried (its links are gone with it).

    A rename still waiting is replaced: its proposals are the ones listed here.
    """
    PendingTag.objects.update_or_create(
        kind=kind,
        tag_id=tag_id,
        defaults={"queued_at": timezone.now(), "proposal_ids": sorted(proposal_ids)},
    )
    transaction.on_commit(write_in_background)


def write_pending() -> int:
    """Write the documents of every noted tag's proposals; how many were written."""
    written = 0
    with _writing:  # one writer per process: two threads would write the same proposals twice
        for entry in list(PendingTag.objects.order_by("queued_at")):
            # A deleted tag's listed proposals, and whatever carries a tag of that id now.
            ids = sorted(set(entry.proposal_ids) | set(tagged(entry.kind, entry.tag_id)))
            for start in range(0, len(ids), BATCH):
                with transaction.atomic():
                    index_proposals(ids[start : start + BATCH])
            written += len(ids)
            # Not if the tag was renamed or deleted after this began: then it is written again.
            PendingTag.objects.filter(pk=entry.pk, queued_at=entry.queued_at).delete()
    if written:
        kb_version.bump()
    return written


def write_in_background() -> None:
    if not settings.KB_REINDEX_IN_BACKGROUND:
        write_pending()
        return
    threading.Thread(target=_thread, name="reindex-pending", daemon=True).start()


def _thread() -> None:
    try:
        write_pending()
    except Exception:  # the note stays in the database for the next writer
        logger.exception("Writing a changed tag's search documents failed; it stays queued")
    finally:
        connection.close()
