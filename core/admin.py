"""What every model admin of the editors shares: history, safe input, texts saved with LF, and
the status badges and links their change lists show. Registers no model."""

from django.contrib import admin
from django.utils.html import format_html

from core.admin_history import RestoringHistoryAdmin
from core.admin_input import CheckedAdminInput
from core.forms import FORMFIELD_OVERRIDES, ChangeReasonForm
from core.models import PublicationStatus

# The editors' tables (titles, bylines, quotes) need the width more than a second menu.
admin.site.enable_nav_sidebar = False


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def status_badge(obj) -> str:
    return format_html(
        '<span class="kb-status kb-status-{}">{}</span>', obj.status, obj.get_status_display()
    )


def site_link(obj) -> str:
    return format_html(
        '<a href="{}">{}</a>',
        obj.get_absolute_url(),
        "View" if obj.status == PublicationStatus.PUBLISHED else "Preview",
    )


class EditorAdmin(CheckedAdminInput, RestoringHistoryAdmin):
    """What every model admin of the editors shares: history (one row per save, with a reason;
    reverts that restore a version whole), and texts saved with LF."""

    form = ChangeReasonForm
    formfield_overrides = FORMFIELD_OVERRIDES

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        # A record being added has no timestamps yet: leave out their empty rows.
        trimmed = []
        for name, options in fieldsets:
            fields = [f for f in options["fields"] if f not in ("created_at", "updated_at")]
            if fields:
                trimmed.append((name, {**options, "fields": fields}))
        return trimmed

    def save_model(self, request, obj, form, change):
        if change and "status" in {field.name for field in obj._meta.concrete_fields}:
            # Status changes only through publishing and unpublishing. A revert's form is built
            # on the old version, status included: keep the status the record has now.
            obj.status = self.stored_values(obj, "status")["status"]
        super().save_model(request, obj, form, change)

    def stored_values(self, obj, *fields) -> dict:
        """The record's fields as stored now, locked until the save's transaction ends."""
        manager = type(obj)._default_manager
        return manager.select_for_update().filter(pk=obj.pk).values(*fields).get()
