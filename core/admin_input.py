"""What the editors' admin makes of malformed input: a page that says so, never a server error.

Django's admin and django-simple-history look some of the values a request carries up unchecked.
Every model admin of the editors (EditorAdmin) reads them here first.
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.http import Http404


def is_id(field, value) -> bool:
    """Whether `value` reads as a value of the primary key `field`, as the admin reads ids."""
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class CheckedAutocompleteMixin:
    """An autocomplete widget that looks up only the chosen values that can be ids.

    Django's autocomplete widgets look the chosen ids up to show their names. When a form came
    back with its errors holding a value that is no id ("abc" for a source), that lookup raised
    a ValueError (a 500) instead of showing the form; the field's own error says what is wrong.
    """

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        target = remote.model._meta.get_field(
            getattr(remote, "field_name", None) or remote.model._meta.pk.name
        )
        return super().optgroups(name, [v for v in value if is_id(target, v)], attr)


class CheckedAutocompleteSelect(CheckedAutocompleteMixin, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class CheckedAutocompleteFields:
    """A mixin for a model admin or an inline: its autocomplete fields use the checked widgets."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CheckedChangeList(ChangeList):
    """A change list that refuses a filter holding a NUL character as Django refuses any other
    malformed filter: back to the whole list, flagged `?e=1`. PostgreSQL refuses a NUL in any
    text, so that `?status__exact=%00` failed the query (500)."""

    def get_filters(self, request):
        for name, values in self.get_filters_params().items():
            if "\x00" in name or any("\x00" in value for value in values):
                raise IncorrectLookupParameters(f"The filter {name!r} holds a NUL character.")
        return super().get_filters(request)


class CheckedAdminInput(CheckedAutocompleteFields):
    """A mixin for a SimpleHistoryAdmin: checked autocomplete fields, change list filters and
    search terms, and history pages that treat a malformed id as an unknown one.

    django-simple-history looks the ids in the address up as they are, so that
    `<id>/history/abc/` or `abc/history/` was a ValueError; an unknown id is not found (404), and
    so now is one that cannot be an id.
    """

    def get_changelist(self, request, **kwargs):
        return CheckedChangeList

    def get_search_results(self, request, queryset, search_term):
        # The list's search form refuses a NUL, but the autocomplete views pass their term as it
        # came, and PostgreSQL refuses a NUL in any text: read it as a space, as the public search.
        return super().get_search_results(request, queryset, search_term.replace("\x00", " "))

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


class BoundedInline:
    """An inline whose formset builds at most ABSOLUTE_MAX forms, whatever the request claims.

    Django caps a formset at max_num + 1,000 forms; a POST claiming 99,999,999 rows in its
    management form made the server build and render 2,000 forms (about 5 s). No paper needs
    more than a few dozen authors, actor roles or proposals shown in one inline.
    """

    ABSOLUTE_MAX = 200
    max_num = ABSOLUTE_MAX  # also the most rows the admin's "Add another" offers

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", self.ABSOLUTE_MAX)
        return super().get_formset(request, obj, **kwargs)
