"""Editors keep the evidence log: add and change evidence, and add, change and delete the
judgements linking it to proposals (evidence itself is unpublished rather than deleted)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
PERMISSIONS = [
    ("evidence", ("view", "add", "change")),
    ("assessment", ("view", "add", "change", "delete")),
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="outcomes",
            codename__in=[f"{a}_{model}" for model, actions in PERMISSIONS for a in actions],
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.remove(*group.permissions.filter(content_type__app_label="outcomes"))


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0001_evidence_log"),
        # After the group is made with its own permissions, which would replace these.
        ("editorial", "0001_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
