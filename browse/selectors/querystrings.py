"""The proposal list's addresses: every state of the list is a query string that can be shared."""

from django.http import QueryDict


def url(params: QueryDict) -> str:
    """The query string of `params`, empty values left out."""
    params = params.copy()
    for key in [k for k, v in params.lists() if not any(v)]:
        del params[key]
    return "?" + params.urlencode() if params else "?"


def without(params: QueryDict, name: str, value: str | None = None) -> str:
    """The list without filter `name` (or only without its `value`), from its first page."""
    params = params.copy()
    params.pop("page", None)
    if value is None:
        params.pop(name, None)
    else:
        params.setlist(name, [v for v in params.getlist(name) if v != value])
    return url(params)


def toggled(params: QueryDict, name: str, value: str) -> str:
    """The list with `value` of filter `name` chosen if it was not, and dropped if it was."""
    values = params.getlist(name)
    if value in values:
        return without(params, name, value)
    params = params.copy()
    params.pop("page", None)
    params.setlist(name, [*values, value])
    return url(params)


def with_value(params: QueryDict, name: str, value: str) -> str:
    """The list with parameter `name` set to `value`, from its first page."""
    params = params.copy()
    params.pop("page", None)
    params[name] = value
    return url(params)


def year_url(params: QueryDict, year: int) -> str:
    """The list narrowed to one year of publication."""
    params = params.copy()
    params.pop("page", None)
    params["year_from"] = params["year_to"] = str(year)
    return url(params)


def list_url(**filters) -> str:
    """The proposal list's query string for these filters: list_url(theme="x", source="y")."""
    params = QueryDict(mutable=True)
    for name, value in filters.items():
        params.setlist(name, value if isinstance(value, list | tuple) else [value])
    return url(params)
