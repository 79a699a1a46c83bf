"""PostgreSQL: each source's tsvector stored once, as proposals' are, instead of computed per query.

Ranking sources computed to_tsvector() of every matching paper's whole body on every search (at
2,000 papers, a common word took a minute); the GIN expression index could find them but not
rank them. search.index keeps this table in step as it keeps proposals'. SQLite's FTS5 table
already stores the bodies' index: nothing to do there.
"""

from django.db import migrations

UP = [
    # No foreign key, as for proposals_proposal_search: the test runner's flush truncates the
    # model tables without CASCADE.
    """CREATE TABLE IF NOT EXISTS search_source_document (
        source_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    )""",
    # Serves `document @@ websearch_to_tsquery(...)` for the sources a list's search finds.
    "CREATE INDEX IF NOT EXISTS search_source_document_gin "
    "ON search_source_document USING gin (document)",
    "INSERT INTO search_source_document (source_id, document) "
    "SELECT id, to_tsvector('english', body) FROM sources_sourcedocument "
    "ON CONFLICT (source_id) DO NOTHING",
]
DOWN = ["DROP TABLE IF EXISTS search_source_document"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in UP:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_structures")]

    operations = [migrations.RunPython(create, drop)]
