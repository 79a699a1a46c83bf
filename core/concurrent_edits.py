"""Two editors changing the same record from the same starting version: the second save is refused,
with who changed what since, instead of silently overwriting the first.

The change form carries, hidden, the `updated_at` the record had when the editor opened it; on
saving, the record's current `updated_at` is read (and its row locked until the save's transaction
ends) and compared."""

import datetime

from django import forms
from django.db import connections, router
from django.utils import timezone

FIELD = "kb_loaded_version"


def stored_version(model, pk, *, lock: bool):
    manager = model._default_manager
    using = router.db_for_write(model)
    if lock and connections[using].in_atomic_block:
        manager = manager.select_for_update()
    value = manager.filter(pk=pk).values_list("updated_at", flat=True).first()
    return value.isoformat() if value else ""


def changes_since(instance, loaded: str) -> str:
    """'hanako changed title, summary at 14:02:05 UTC', from the history when the model keeps one.
    Each history row carries the record's updated_at, which finds the version the editor loaded."""
    history = getattr(instance, "history", None)
    if history is None:
        return ""
    try:
        loaded_at = datetime.datetime.fromisoformat(loaded)
    except ValueError:
        return ""
    newer = list(history.filter(updated_at__gt=loaded_at).order_by("history_date"))
    if not newer:
        return ""
    latest = newer[-1]
    start = history.filter(updated_at=loaded_at).order_by("history_date").last()
    fields = sorted(latest.diff_against(start).changed_fields) if start else []
    fields = [f for f in fields if f != "updated_at"]
    who = getattr(latest.history_user, "get_username", lambda: "")() or "someone"
    when = timezone.localtime(latest.history_date).strftime("%H:%M:%S %Z")
    changed = f"changed {', '.join(fields)} " if fields else ""
    return f"{who} {changed}at {when}"


class VersionCheckedForm(forms.ModelForm):
    """Mixed into an admin's change form (see EditorAdmin.get_form)."""

    kb_loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The record as stored now, not the instance the form shows: a revert's form shows an
        # old version, but starts from the current one.
        self.fields[FIELD].initial = stored_version(
            type(self.instance), self.instance.pk, lock=False
        )

    def clean(self):
        cleaned = super().clean()
        loaded = self.data.get(FIELD, "")
        current = stored_version(type(self.instance), self.instance.pk, lock=True)
        if loaded and current and loaded != current:
            since = changes_since(self.instance, loaded)
            raise forms.ValidationError(
                "Someone else saved this %(model)s after you opened it%(since)s. Your changes "
                "have not been saved: open the page again to see theirs, then make yours again.",
                code="edited_concurrently",
                params={
                    "model": self.instance._meta.verbose_name,
                    "since": f" ({since})" if since else "",
                },
            )
        return cleaned
