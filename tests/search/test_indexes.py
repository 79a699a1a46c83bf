"""PostgreSQL's search indexes: the ones the queries use are there, the unused body index is not."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes"),
]


def _indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
        return {name for (name,) in cursor.fetchall()}


def test_the_unused_body_expression_index_is_gone_and_the_used_ones_remain():
    found = _indexes()
    assert "source_body_search_gin" not in found
    assert {"proposal_search_document_gin", "search_source_document_gin"} <= found
