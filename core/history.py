"""Who made a change, and why, and what a version held: history as django-simple-history keeps
it, with one row per save and a snapshot of the rows that belong to a record (its tags, its
byline), so that a version can be shown and restored whole.

A save through a form touches several tables (the record, then its many-to-many links, then its
inline rows); each of those used to write a history row of its own, the first one before the
tags were saved. Inside `history_batch()` the writes are noted instead, and each record gets one
history row when the batch ends, taken from what was saved last.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

# The HistoricalRecords of each model that keeps a batched history.
_RECORDS: dict[type, "BatchedHistory"] = {}
_batch: ContextVar["HistoryBatch | None"] = ContextVar("history_batch", default=None)


def record_change(instance, *, user, reason: str) -> None:
    """Tell django-simple-history who made the next save of `instance`, and why.

    Without a user, the history records the user of the current request (its middleware).
    """
    if user is not None:
        instance._history_user = user
    instance._change_reason = reason


class SnapshotHistory(models.Model):
    """What a historical row adds to the record's own fields: its related rows, as they were."""

    snapshot = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="The record's related rows at this version (tags, byline), as the model's "
        "history_snapshot() gives them; empty for versions saved before it was kept.",
    )

    class Meta:
        abstract = True


class BatchedHistory(HistoricalRecords):
    """HistoricalRecords whose saves inside a history_batch() become one row when it ends."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("bases", [SnapshotHistory])
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        _RECORDS[cls] = self

    def post_save(self, instance, created, using=None, **kwargs):
        batch = _batch.get()
        if batch is not None and not kwargs.get("raw", False) and history_enabled(instance):
            batch.note(instance, "+" if created else "~", own_save=True)
            return
        super().post_save(instance, created, using=using, **kwargs)


def history_enabled(instance) -> bool:
    return getattr(settings, "SIMPLE_HISTORY_ENABLED", True) and not hasattr(
        instance, "skip_history_when_saving"
    )


class HistoryBatch:
    def __init__(self):
        self.pending: dict[tuple, list] = {}  # (model, pk) -> [instance, history type]
        self.user = None
        self.reason = None

    def note(self, instance, history_type: str, *, own_save: bool = False) -> None:
        """Note a change of `instance`: its own save, or (own_save False) a change of one of its
        related rows, noted through an object that may be another copy of the same record."""
        key = (type(instance), instance.pk)
        if key not in self.pending:
            self.pending[key] = [instance, history_type]
            return
        entry = self.pending[key]
        if own_save and entry[0] is not instance:
            # The object saved is the one whose user and reason count; keep those noted before.
            for attr in ("_history_user", "_change_reason"):
                if not hasattr(instance, attr) and hasattr(entry[0], attr):
                    setattr(instance, attr, getattr(entry[0], attr))
            entry[0] = instance
        # A row added in this batch stays an addition, whatever saved it again.
        entry[1] = "+" if "+" in (entry[1], history_type) else "~"

    def flush(self) -> None:
        for (model, _pk), (instance, history_type) in self.pending.items():
            # The row as stored at the end, whichever copy of it was saved last; a row deleted
            # since has its deletion in its history already.
            try:
                instance.refresh_from_db(fields=[f.attname for f in model._meta.concrete_fields])
            except model.DoesNotExist:
                continue
            if self.user is not None and not hasattr(instance, "_history_user"):
                instance._history_user = self.user
            if getattr(instance, "_change_reason", None) is None and self.reason:
                instance._change_reason = self.reason
            if getattr(instance, "_change_reason", None) is None:
                instance._change_reason = "Added" if history_type == "+" else "Changed"
            _RECORDS[model].create_historical_record(instance, history_type)
        self.pending.clear()


@contextmanager
def history_batch():
    """Note the saves made inside and write one history row per record at the end.

    Nested batches join the outer one. When the block raises, nothing is written (the caller's
    transaction rolls the saves back too).
    """
    outer = _batch.get()
    if outer is not None:
        yield outer
        return
    batch = HistoryBatch()
    token = _batch.set(batch)
    try:
        yield batch
        batch.flush()
    finally:
        _batch.reset(token)


def current_batch() -> HistoryBatch | None:
    return _batch.get()


def note_related_change(instance) -> None:
    """A row belonging to `instance` (a tag, a byline) changed: its history shows that, now or
    at the end of the batch."""
    if instance is None or instance.pk is None or type(instance) not in _RECORDS:
        return
    if not history_enabled(instance):
        return
    batch = _batch.get()
    if batch is not None:
        batch.note(instance, "~")
    else:
        if getattr(instance, "_change_reason", None) is None:
            instance._change_reason = "Changed"
        _RECORDS[type(instance)].create_historical_record(instance, "~")


def deleted_on_its_own(row, origin) -> bool:
    """Whether a deleted row was deleted itself, rather than along with its parent (whose own
    history then records the deletion)."""
    if origin is None or origin is row:
        return True
    return isinstance(origin, models.QuerySet) and origin.model is type(row)


def _take_snapshot(sender, instance, history_instance, **kwargs):
    snapshot = getattr(instance, "history_snapshot", None)
    if snapshot is not None and isinstance(history_instance, SnapshotHistory):
        history_instance.snapshot = snapshot()


pre_create_historical_record.connect(_take_snapshot, dispatch_uid="core.history.snapshot")
