"""The list's addresses are written without copying QueryDicts, and are the very strings the
QueryDict way writes (the reference below): same parameters, same order, same quoting."""

from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from browse.selectors import querystrings

NAMES = ["theme", "actor", "q", "page", "year_from", "year_to", "sort", "x y", "é&="]
VALUES = st.sampled_from(["", "china", "a b", "é", "&=?", "+", "2019", "0", "Okinawa’s"])


def _reference_url(params: QueryDict) -> str:
    params = params.copy()
    for key in [k for k, v in params.lists() if not any(v)]:
        del params[key]
    return "?" + params.urlencode() if params else "?"


def _reference_without(params, name, value=None):
    params = params.copy()
    params.pop("page", None)
    if value is None:
        params.pop(name, None)
    else:
        params.setlist(name, [v for v in params.getlist(name) if v != value])
    return _reference_url(params)


def _reference_toggled(params, name, value):
    values = params.getlist(name)
    if value in values:
        return _reference_without(params, name, value)
    params = params.copy()
    params.pop("page", None)
    params.setlist(name, [*values, value])
    return _reference_url(params)


def _reference_with_value(params, name, value):
    params = params.copy()
    params.pop("page", None)
    params[name] = value
    return _reference_url(params)


def _reference_year_url(params, year):
    params = params.copy()
    params.pop("page", None)
    params["year_from"] = params["year_to"] = str(year)
    return _reference_url(params)


@st.composite
def query_dicts(draw):
    params = QueryDict(mutable=True)
    for name, value in draw(st.lists(st.tuples(st.sampled_from(NAMES), VALUES), max_size=8)):
        params.appendlist(name, value)
    return params


@given(query_dicts(), st.sampled_from(NAMES), VALUES, st.integers(1990, 2030))
def test_every_address_is_the_querydict_ways(params, name, value, year):
    assert querystrings.url(params) == _reference_url(params)
    assert querystrings.without(params, name) == _reference_without(params, name)
    assert querystrings.without(params, name, value) == _reference_without(params, name, value)
    assert querystrings.toggled(params, name, value) == _reference_toggled(params, name, value)
    assert querystrings.with_value(params, name, value) == _reference_with_value(
        params, name, value
    )
    assert querystrings.year_url(params, year) == _reference_year_url(params, year)


@given(st.dictionaries(st.sampled_from(NAMES), st.one_of(VALUES, st.lists(VALUES, max_size=3))))
def test_list_url_is_the_querydict_ways(filters):
    params = QueryDict(mutable=True)
    for name, value in filters.items():
        params.setlist(name, value if isinstance(value, list) else [value])
    assert querystrings.list_url(**filters) == _reference_url(params)
