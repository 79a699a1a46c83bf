"""A set of ids as one query parameter, so that a list found once can be reused by many queries.

A search's matches are found once per request and then restrict the list and every facet count
(browse.filters): `pk IN (ids)` with one placeholder per id would hit SQLite's limit on
parameters and make PostgreSQL parse a new statement every time, so the ids travel as one
PostgreSQL array, or as one JSON array that SQLite's json_each() reads.
"""

import json

from django.db.models import BooleanField, F, Func


class InIdSet(Func):
    """`expression IN ids`, with the ids as a single parameter."""

    output_field = BooleanField()

    def __init__(self, expression, ids):
        super().__init__(expression)
        self.ids = [int(i) for i in ids]

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return f"{sql} = ANY(%s::bigint[])", [*params, self.ids]
        return f"{sql} IN (SELECT value FROM json_each(%s))", [*params, json.dumps(self.ids)]


def among(queryset, ids):
    """The rows of `queryset` whose primary key is in `ids`."""
    return queryset.filter(InIdSet(F("pk"), ids))
