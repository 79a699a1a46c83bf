"""What the editors' admin makes of malformed input: a page that says so, never a server error.

Django's admin and django-simple-history look some of the values a request carries up unchecked.
Every model admin of the editors (EditorAdmin) reads them here first.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404


def is_id(field, value) -> bool:
    """Whether `value` reads as a value of the primary key `field`, as the admin reads ids."""
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class CheckedAdminInput:
    """A mixin for a SimpleHistoryAdmin: its history pages treat a malformed id as an unknown one.

    django-simple-history looks the ids in the address up as they are, so that
    `<id>/history/abc/` or `abc/history/` was a ValueError; an unknown id is not found (404), and
    so now is one that cannot be an id.
    """

    def history_view(self, request, object_id, extra_context=None):
        if not is_id(self.opts.pk, unquote(object_id)):
            raise Http404(f"There is no {self.opts.verbose_name} with ID “{unquote(object_id)}”.")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        manager = getattr(self.model, self.opts.simple_history_manager_attribute)
        if not (is_id(self.opts.pk, object_id) and is_id(manager.model._meta.pk, version_id)):
            raise Http404(
                f"There is no version “{version_id}” of {self.opts.verbose_name} “{object_id}”."
            )
        return super().history_form_view(request, object_id, version_id, extra_context)
