"""Raw ranking queries that take a queryset's rows as a subquery, run on the database that
queryset reads from (the replica when alliance_kb.routers sends reads there)."""

from django.db import connections, router


def ids_subquery(queryset) -> tuple[str, list, str]:
    """(sql, params, alias): the queryset's `SELECT pk`, compiled for the database it reads."""
    rows = queryset.order_by().values("pk")
    alias = rows.db
    sql, params = rows.query.get_compiler(using=alias).as_sql()
    return sql, list(params), alias


def fetch_ids(alias: str, sql: str, params: list) -> list[int]:
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def reading_alias(model) -> str:
    """The database a read of `model` goes to."""
    return router.db_for_read(model)
