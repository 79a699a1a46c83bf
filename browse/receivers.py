"""Every committed change to the knowledge base moves its version on (core.kb_version).

Saves, deletes and tag changes of any model of the sources, proposals and outcomes apps count,
from the admin, the editorial services or the shell; bulk writes send no signal and bump it
themselves (generate_synthetic). Bumped at once, so that the writer's own next read (inside the same
transaction, or a test's) sees the change, and again after commit, so that nothing another
process cached from the old data meanwhile stays reachable.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from core import kb_version

# outcomes too: a proposal's status (a facet, and the home page's counts) comes from its evidence.
KB_APPS = {"sources", "proposals", "outcomes"}


def changed(sender, **kwargs):
    if sender._meta.app_label in KB_APPS:
        kb_version.bump()
        transaction.on_commit(kb_version.bump)


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(changed, dispatch_uid=f"kb_version_{signal}")
