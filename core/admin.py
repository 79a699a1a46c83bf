"""What every model admin of the editors shares: history, safe input, texts saved with LF, the
status badges and links their change lists show, and the Publish and Unpublish buttons of a change
form. Registers no model."""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html

from core.admin_history import RestoringHistoryAdmin
from core.admin_input import CheckedAdminInput
from core.concurrent_edits import FIELD as LOADED_VERSION
from core.concurrent_edits import VersionCheckedForm
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


class PublishButtonsMixin:
    """The Publish and Unpublish buttons of a change form: POST-only URLs named
    `<app>_<model>_publish` and `<app>_<model>_unpublish`, each back to the change form with a
    message. The admin says what publishing one record does, and the message, in `publish_one`
    and `unpublish_one`; who may press the buttons is the change permission, as for the form."""

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        own = [
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.status_view),
                {"publish": True},
                name=f"{prefix}_publish",
            ),
            path(
                "<path:object_id>/unpublish/",
                self.admin_site.admin_view(self.status_view),
                {"publish": False},
                name=f"{prefix}_unpublish",
            ),
        ]
        return own + super().get_urls()

    def status_view(self, request, object_id, publish):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        message = self.publish_one(request, obj) if publish else self.unpublish_one(request, obj)
        self.message_user(request, message, messages.SUCCESS)
        change = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
        return HttpResponseRedirect(reverse(change, args=[obj.pk]))

    def publish_one(self, request, obj) -> str:
        """Publish obj for request.user; return what the editor is told."""
        raise NotImplementedError

    def unpublish_one(self, request, obj) -> str:
        """Make obj a draft again for request.user; return what the editor is told."""
        raise NotImplementedError


class EditorAdmin(CheckedAdminInput, RestoringHistoryAdmin):
    """What every model admin of the editors shares: history (one row per save, with a reason;
    reverts that restore a version whole), and texts saved with LF."""

    form = ChangeReasonForm
    formfield_overrides = FORMFIELD_OVERRIDES

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            if not any(LOADED_VERSION in options["fields"] for _, options in fieldsets):
                # The version the editor started from, hidden (core/concurrent_edits.py).
                name, options = fieldsets[-1]
                fields = [*options["fields"], LOADED_VERSION]
                fieldsets = [*fieldsets[:-1], (name, {**options, "fields": fields})]
            return fieldsets
        # A record being added has no timestamps yet: leave out their empty rows.
        trimmed = []
        for name, options in fieldsets:
            fields = [f for f in options["fields"] if f not in ("created_at", "updated_at")]
            if fields:
                trimmed.append((name, {**options, "fields": fields}))
        return trimmed

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            return super().get_form(request, obj, change=change, **kwargs)
        # The change view passes the fieldsets' fields; the hidden one is the mixin's, no model's.
        fields = kwargs.get("fields") or flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs["fields"] = [name for name in fields if name != LOADED_VERSION]
        form = super().get_form(request, obj, change=change, **kwargs)
        # A second save from the same starting version is refused, never a silent overwrite.
        return type(form.__name__, (VersionCheckedForm, form), {})

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The admin's change view saves in one transaction; a revert (django-simple-history's
        # view) must too, so that a text and its re-anchored quotes are saved together or not.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

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
