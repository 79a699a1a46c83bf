"""PostgreSQL: drop source_body_search_gin, the expression index over each paper's whole body.

Since 0002 a source search matches and ranks the stored documents (search_source_document and
its GIN index); no query computes to_tsvector(body) any more, so the planner never used this
index (pg_stat_user_indexes: 0 scans at 100,000 proposals after every kind of search;
docs/performance.md), while every save of a paper paid for updating it (7 MB at 2,000 papers).
"""

from django.db import migrations

DROP = "DROP INDEX IF EXISTS source_body_search_gin"
CREATE = (
    "CREATE INDEX IF NOT EXISTS source_body_search_gin ON sources_sourcedocument "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(body, '')))"
)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_source_documents")]

    operations = [migrations.RunPython(drop, create)]
