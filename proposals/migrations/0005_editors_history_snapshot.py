"""Each historical proposal keeps a snapshot of its tags (themes, frameworks, actor roles,
related links) instead of django-simple-history's many-to-many copies of themes and frameworks.

The versions saved before keep what was recorded for them: their themes and frameworks move into
the snapshot; their actor roles and related links were never recorded, so their snapshot leaves
those out (a revert to such a version leaves them as they are).
"""

from django.db import migrations, models


def themes_and_frameworks_into_snapshots(apps, schema_editor):
    Historical = apps.get_model("proposals", "HistoricalProposal")
    Theme = apps.get_model("proposals", "Theme")
    Framework = apps.get_model("proposals", "Framework")
    tables = (
        ("themes", apps.get_model("proposals", "HistoricalProposal_themes"), "theme_id", Theme),
        (
            "frameworks",
            apps.get_model("proposals", "HistoricalProposal_frameworks"),
            "framework_id",
            Framework,
        ),
    )
    snapshots: dict[int, dict] = {}
    for key, table, column, model in tables:
        names = dict(model.objects.values_list("pk", "name"))
        for history_id, entry_id in table.objects.values_list("history_id", column):
            entries = snapshots.setdefault(history_id, {"themes": [], "frameworks": []})[key]
            entries.append([entry_id, names.get(entry_id, f"#{entry_id}")])
    for version in Historical.objects.only("history_id").iterator():
        snapshot = snapshots.get(version.history_id, {"themes": [], "frameworks": []})
        for entries in snapshot.values():
            entries.sort(key=lambda entry: entry[1])
        Historical.objects.filter(history_id=version.history_id).update(snapshot=snapshot)


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0003_proposal_published_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalproposal",
            name="snapshot",
            field=models.JSONField(
                blank=True,
                editable=False,
                help_text="The record's related rows at this version (tags, byline), as the model's history_snapshot() gives them; empty for versions saved before it was kept.",
                null=True,
            ),
        ),
        migrations.RunPython(themes_and_frameworks_into_snapshots, migrations.RunPython.noop),
        migrations.RemoveField(model_name="historicalproposal_themes", name="history"),
        migrations.RemoveField(model_name="historicalproposal_themes", name="proposal"),
        migrations.RemoveField(model_name="historicalproposal_themes", name="theme"),
        migrations.DeleteModel(name="HistoricalProposal_frameworks"),
        migrations.DeleteModel(name="HistoricalProposal_themes"),
    ]
