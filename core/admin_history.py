"""The history pages of the editors' admin: one row per save with who made it and why, tag and
byline changes shown as readable differences, and a revert that restores a version whole.

django-simple-history's revert form was built on the record's fields only: it showed the tags
as they are now (not as they were), left the actor roles and bylines out, saved the record and
its tags as separate history rows, and recorded no reason. This view builds the form on the
version (its tags from the version's snapshot), shows the rows it will restore, and saves
everything in one transaction and one history row.
"""

from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from core.forms import REASON_MAX_LENGTH
from core.history import history_batch

NOT_RECORDED = "—"


def shorten(text: str, limit: int = REASON_MAX_LENGTH) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class RestoringHistoryAdmin(SimpleHistoryAdmin):
    """History pages for models whose history keeps a snapshot (core.history.BatchedHistory).

    Subclasses say how a snapshot reads (snapshot_lists) and how its rows are put back
    (restore_snapshot_rows); many-to-many fields named in a snapshot are restored through the
    form, so the editor sees them and may adjust them before reverting.
    """

    object_history_form_template = "admin/kb_object_history_form.html"
    object_history_list_template = "admin/kb_object_history_list.html"

    # Saving: one history row per save, with a reason --------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with transaction.atomic(using=router.db_for_write(self.model)), history_batch():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        obj._change_reason = self.change_reason(form, change)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance._change_reason = self.change_reason(form, change, formsets)

    def change_reason(self, form, change, formsets=()) -> str:
        typed = (form.cleaned_data.get("change_reason") or "").strip()
        if typed:
            return shorten(typed)
        if not change:
            return "Added"
        labels = [
            str(form.fields[name].label or name).lower()
            for name in form.changed_data
            if name in form.fields and name != "change_reason"
        ]
        labels += [
            # The relation's name ("actor roles", "authorships") says it shortest.
            formset.prefix.replace("_", " ")
            for formset in formsets
            if formset.has_changed()
        ]
        return shorten("Changed " + ", ".join(labels)) if labels else "Saved, nothing changed"

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        named = {f for _, options in fieldsets for f in helpers.flatten_fieldsets([(_, options)])}
        if "change_reason" not in named:
            fieldsets.append(("For the history", {"fields": ["change_reason"]}))
        return fieldsets

    # Reading a snapshot ---------------------------------------------------------------------

    def snapshot_lists(self, snapshot: dict) -> list[tuple[str, list[str]]]:
        """(label, entries as text) for each part of a snapshot, in display order."""
        return []

    def snapshot_form_initial(self, snapshot: dict) -> dict:
        """The form's many-to-many values as the version had them (entries since deleted are
        left out)."""
        initial = {}
        for field in self.model._meta.many_to_many:
            if field.name in snapshot:
                ids = [entry[0] for entry in snapshot[field.name]]
                existing = field.related_model._default_manager.filter(pk__in=ids)
                initial[field.name] = list(existing.values_list("pk", flat=True))
        return initial

    def restore_snapshot_rows(self, obj, snapshot: dict) -> None:
        """Put back the rows of the snapshot that the form does not show (actor roles, bylines)."""

    # The history list: readable differences ---------------------------------------------------

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        records = list(historical_records)
        for newer, older in zip(records, records[1:], strict=False):
            changes = list(getattr(newer, "history_delta_changes", []))
            changes += self.snapshot_changes(
                getattr(older, "snapshot", None), getattr(newer, "snapshot", None)
            )
            newer.history_delta_changes = changes
        for record in records:
            record.reason_display = record.history_change_reason or NOT_RECORDED

    def snapshot_changes(self, old, new) -> list[dict]:
        if old is None or new is None:
            return []
        old_lists, new_lists = dict(self.snapshot_lists(old)), dict(self.snapshot_lists(new))
        changes = []
        for label, after in new_lists.items():
            if label not in old_lists or old_lists[label] == after:
                continue
            before = old_lists[label]
            removed = [entry for entry in before if entry not in after]
            added = [entry for entry in after if entry not in before]
            changes.append(
                {
                    "field": label,
                    "old": "; ".join(before) or "none",
                    "new": "; ".join(after) or "none",
                    "added": added,
                    "removed": removed,
                }
            )
        return changes

    # The revert form ------------------------------------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.current_app = self.admin_site.name
        opts = self.model._meta
        history = getattr(self.model, opts.simple_history_manager_attribute)
        version = get_object_or_404(
            history.model, **{opts.pk.attname: unquote(object_id), "history_id": version_id}
        )
        obj = version.instance
        obj._state.adding = False
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        revert_disabled = self.revert_disabled(request, obj)
        if request.method == "POST" and revert_disabled:
            raise PermissionDenied  # viewing a version is not changing the record

        snapshot = getattr(version, "snapshot", None) or {}
        initial = self.snapshot_form_initial(snapshot)
        form_class = self.get_form(request, obj)
        if request.method == "POST":
            form = form_class(request.POST, request.FILES, instance=obj, initial=initial)
            if form.is_valid():
                with transaction.atomic(using=router.db_for_write(self.model)), history_batch():
                    saved = self.save_form(request, form, change=True)
                    self.save_model(request, saved, form, change=True)
                    form.save_m2m()
                    self.restore_snapshot_rows(saved, snapshot)
                    saved._change_reason = self.revert_reason(version, form)
                    self.log_change(request, saved, [{"changed": {"fields": ["reverted"]}}])
                return self.response_change(request, saved)
        else:
            form = form_class(instance=obj, initial=initial)

        admin_form = helpers.AdminForm(
            form,
            self.get_fieldsets(request, obj),
            self.prepopulated_fields,
            self.get_readonly_fields(request, obj),
            model_admin=self,
        )
        prefix = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}"
        context = {
            **self.admin_site.each_context(request),
            "title": f"{'View' if revert_disabled else 'Revert'} {obj}",
            "adminform": admin_form,
            "object_id": object_id,
            "original": obj,
            "version": version,
            "version_lists": self.snapshot_lists(snapshot) if snapshot else None,
            "keeps_snapshots": hasattr(version, "snapshot"),
            "is_popup": False,
            "media": mark_safe(self.media + admin_form.media),
            "errors": helpers.AdminErrorList(form, []),
            "app_label": opts.app_label,
            "original_opts": opts,
            "changelist_url": reverse(f"{prefix}_changelist"),
            "change_url": reverse(f"{prefix}_change", args=(obj.pk,)),
            "history_url": reverse(f"{prefix}_history", args=(obj.pk,)),
            "change_history": False,
            "revert_disabled": revert_disabled,
            "add": False,
            "change": True,
            "has_add_permission": self.has_add_permission(request),
            "has_view_permission": self.has_view_history_permission(request, obj),
            "has_change_permission": self.has_change_history_permission(request, obj),
            "has_delete_permission": self.has_delete_permission(request, obj),
            "has_file_field": True,
            "has_absolute_url": False,
            "form_url": "",
            "opts": history.model._meta,
            "content_type_id": self.content_type_model_cls.objects.get_for_model(self.model).id,
            "save_as": self.save_as,
            "save_on_top": self.save_on_top,
            "root_path": getattr(self.admin_site, "root_path", None),
            **(extra_context or {}),
        }
        return render(request, self.object_history_form_template, context)

    @staticmethod
    def revert_reason(version, form) -> str:
        when = timezone.localtime(version.history_date).strftime("%Y-%m-%d %H:%M")
        typed = (form.cleaned_data.get("change_reason") or "").strip()
        return shorten(f"Reverted to the version of {when}" + (f": {typed}" if typed else ""))
