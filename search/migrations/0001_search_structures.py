"""Full-text search: a weighted tsvector table with a GIN index on PostgreSQL, FTS5 on SQLite.

The structures differ by database, as Wagtail's database search backend does, so they are made
here by vendor, outside the models: a derived document is no field of a proposal (it would be
copied into the proposal's history, and fixture reloads would see it as a change).
search.receivers keeps them in step from then on; existing rows are indexed here once, so that a
database migrated with content in it can be searched at once.

Until the search app existed, proposals' migration 0002_search made these same structures, under
the same names. A database migrated then has them, with its rows indexed: this migration finds
them and leaves them as they are.
"""

from django.db import migrations

POSTGRES_UP = [
    # No foreign key: the test runner's flush truncates the model tables without CASCADE. Rows
    # are replaced on every save and removed on delete; searches only return proposals that exist.
    """CREATE TABLE proposals_proposal_search (
        proposal_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    )""",
    # Serves `document @@ websearch_to_tsquery(...)` for the proposal list's searches.
    "CREATE INDEX proposal_search_document_gin ON proposals_proposal_search USING gin (document)",
    # Serves the source-body search; the expression is the one SearchVector("body",
    # config="english") compiles to, so the planner uses it.
    "CREATE INDEX source_body_search_gin ON sources_sourcedocument "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(body, '')))",
]
POSTGRES_DOWN = [
    "DROP TABLE IF EXISTS proposals_proposal_search",
    "DROP INDEX IF EXISTS source_body_search_gin",
]
# Porter stemming, as PostgreSQL's English configuration stems; diacritics folded.
TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"
SQLITE_UP = [
    "CREATE VIRTUAL TABLE proposals_proposal_fts "
    f"USING fts5(title, summary, quote, tags, {TOKENIZE})",
    f"CREATE VIRTUAL TABLE proposals_source_fts USING fts5(body, {TOKENIZE})",
]
SQLITE_DOWN = [
    "DROP TABLE IF EXISTS proposals_proposal_fts",
    "DROP TABLE IF EXISTS proposals_source_fts",
]
# The table each vendor's structures start with: if it is there, they all are.
FIRST_TABLE = {"postgresql": "proposals_proposal_search", "sqlite": "proposals_proposal_fts"}
POSTGRES_DOCUMENT = """
    INSERT INTO proposals_proposal_search (proposal_id, document)
    SELECT id,
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', summary), 'B')
        || setweight(to_tsvector('english', quote), 'C')
        || setweight(to_tsvector('english', %s), 'D')
    FROM proposals_proposal WHERE id = %s
"""


def tag_text(proposal):
    names = [theme.name for theme in proposal.themes.all()]
    for role in proposal.actor_roles.all():
        names += [role.actor.name, *role.actor.aliases.splitlines()]
    for framework in proposal.frameworks.all():
        names += [framework.name, framework.acronym, *framework.aliases.splitlines()]
    return " ".join(name.strip() for name in names if name.strip())


def create_search_structures(apps, schema_editor):
    connection = schema_editor.connection
    vendor = connection.vendor
    statements = {"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}.get(vendor)
    if statements is None:
        raise RuntimeError(f"Full-text search supports PostgreSQL and SQLite, not {vendor}.")
    with connection.cursor() as cursor:
        if FIRST_TABLE[vendor] in connection.introspection.table_names(cursor):
            return  # made by proposals' 0002_search before this app existed, rows and all
    for statement in statements:
        schema_editor.execute(statement)

    Proposal = apps.get_model("proposals", "Proposal")
    SourceDocument = apps.get_model("sources", "SourceDocument")
    proposals = Proposal.objects.prefetch_related("themes", "frameworks", "actor_roles__actor")
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.executemany(POSTGRES_DOCUMENT, [(tag_text(p), p.pk) for p in proposals])
            return
        cursor.executemany(
            "INSERT INTO proposals_proposal_fts (rowid, title, summary, quote, tags) "
            "VALUES (%s, %s, %s, %s, %s)",
            [(p.pk, p.title, p.summary, p.quote, tag_text(p)) for p in proposals],
        )
        cursor.executemany(
            "INSERT INTO proposals_source_fts (rowid, body) VALUES (%s, %s)",
            list(SourceDocument.objects.values_list("pk", "body")),
        )


def drop_search_structures(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0003_proposal_published_at"),
        ("sources", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_search_structures, drop_search_structures),
    ]
