"""Reads go to the replica (DATABASE_REPLICA_URL), writes to the primary: wired in settings.

Within a transaction, and for anything an editor does, reads stay on the primary: an editor must
see their own change at once, and a replica may lag behind by a moment.
"""

from contextvars import ContextVar

from django.db import connections

# Set by alliance_kb.middleware.editors_read_the_primary for the admin and signed-in staff.
use_primary = ContextVar("use_primary", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if use_primary.get() or connections["default"].in_atomic_block:
            return "default"
        return "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"
