"""Full-text search: a weighted tsvector with a GIN index on PostgreSQL, FTS5 tables on SQLite.

The structures differ by database, as Wagtail's database search backend does, so they are made
here by vendor; proposals.search_index keeps them in step from then on. Existing rows are indexed
here once so that a database migrated with content in it can be searched at once.
"""

import django.contrib.postgres.search
from django.db import migrations

POSTGRES_UP = [
    # Serves `search_vector @@ websearch_to_tsquery(...)` on the proposal list.
    "CREATE INDEX proposal_search_vector_gin ON proposals_proposal USING gin (search_vector)",
    # Serves the source-body search; the expression is the one SearchVector("body",
    # config="english") compiles to, so the planner can use it.
    "CREATE INDEX source_body_search_gin ON sources_sourcedocument "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(body, '')))",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS proposal_search_vector_gin",
    "DROP INDEX IF EXISTS source_body_search_gin",
]
# Porter stemming as PostgreSQL's English configuration stems; diacritics folded.
TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"
SQLITE_UP = [
    f"CREATE VIRTUAL TABLE proposals_proposal_fts USING fts5(title, summary, quote, tags, {TOKENIZE})",
    f"CREATE VIRTUAL TABLE proposals_source_fts USING fts5(body, {TOKENIZE})",
]
SQLITE_DOWN = [
    "DROP TABLE IF EXISTS proposals_proposal_fts",
    "DROP TABLE IF EXISTS proposals_source_fts",
]


def tag_text(proposal):
    names = [theme.name for theme in proposal.themes.all()]
    for role in proposal.actor_roles.all():
        names += [role.actor.name, *role.actor.aliases.splitlines()]
    for framework in proposal.frameworks.all():
        names += [framework.name, framework.acronym, *framework.aliases.splitlines()]
    return " ".join(name.strip() for name in names if name.strip())


def create_search_structures(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}.get(vendor)
    if statements is None:
        raise RuntimeError(f"Full-text search supports PostgreSQL and SQLite, not {vendor}.")
    for statement in statements:
        schema_editor.execute(statement)

    Proposal = apps.get_model("proposals", "Proposal")
    SourceDocument = apps.get_model("sources", "SourceDocument")
    proposals = Proposal.objects.prefetch_related("themes", "frameworks", "actor_roles__actor")
    if vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector
        from django.db.models import TextField, Value

        for proposal in proposals:
            Proposal.objects.filter(pk=proposal.pk).update(
                search_vector=SearchVector("title", weight="A", config="english")
                + SearchVector("summary", weight="B", config="english")
                + SearchVector("quote", weight="C", config="english")
                + SearchVector(
                    Value(tag_text(proposal), output_field=TextField()),
                    weight="D",
                    config="english",
                )
            )
        return
    with schema_editor.connection.cursor() as cursor:
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
        ("proposals", "0001_initial"),
        ("sources", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalproposal",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="Weighted full-text document (PostgreSQL only).",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="Weighted full-text document (PostgreSQL only).",
                null=True,
            ),
        ),
        migrations.RunPython(create_search_structures, drop_search_structures),
    ]
