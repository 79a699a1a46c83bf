"""The proposal list's addresses: every state of the list is a query string that can be shared.

The list page writes one address per facet option (a few hundred), so these work on a plain dict
of lists rather than on copies of the request's QueryDict (a deep copy each: a fifth of the page's
time). The strings are the ones QueryDict.urlencode() writes: same order, same quoting.
"""

from urllib.parse import urlencode

from django.http import QueryDict


def _lists(params) -> dict[str, list[str]]:
    return {name: list(values) for name, values in params.lists()}


def _encode(lists: dict[str, list[str]]) -> str:
    """The query string, parameters with no non-empty value left out."""
    pairs = [(name, v) for name, values in lists.items() if any(values) for v in values]
    return "?" + urlencode(pairs) if pairs else "?"


def url(params: QueryDict) -> str:
    """The query string of `params`, empty values left out."""
    return _encode(_lists(params))


def without(params: QueryDict, name: str, value: str | None = None) -> str:
    """The list without filter `name` (or only without its `value`), from its first page."""
    lists = _lists(params)
    lists.pop("page", None)
    if value is None:
        lists.pop(name, None)
    elif name in lists:
        lists[name] = [v for v in lists[name] if v != value]
    else:
        lists[name] = []
    return _encode(lists)


def toggled(params: QueryDict, name: str, value: str) -> str:
    """The list with `value` of filter `name` chosen if it was not, and dropped if it was."""
    values = params.getlist(name)
    if value in values:
        return without(params, name, value)
    lists = _lists(params)
    lists.pop("page", None)
    lists[name] = [*values, value]
    return _encode(lists)


def with_value(params: QueryDict, name: str, value: str) -> str:
    """The list with parameter `name` set to `value`, from its first page."""
    lists = _lists(params)
    lists.pop("page", None)
    lists[name] = [value]
    return _encode(lists)


def year_url(params: QueryDict, year: int) -> str:
    """The list narrowed to one year of publication."""
    lists = _lists(params)
    lists.pop("page", None)
    lists["year_from"] = lists["year_to"] = [str(year)]
    return _encode(lists)


def list_url(**filters) -> str:
    """The proposal list's query string for these filters: list_url(theme="x", source="y")."""
    return _encode(
        {
            name: list(value) if isinstance(value, list | tuple) else [value]
            for name, value in filters.items()
        }
    )
