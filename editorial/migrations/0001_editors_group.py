"""The Editors group: add and change sources, proposals and vocabularies; delete proposals.

Until the editorial app existed, sources' migration 0002_editors_group made this group. On a
database migrated then, this migration finds the group and sets the same permissions again: it
changes nothing there.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"

# (app label, model, actions): exactly what editing the knowledge base needs, and no user admin.
EDITOR_PERMISSIONS = [
    ("sources", "sourcedocument", ("view", "add", "change")),
    ("sources", "author", ("view", "add", "change")),
    ("sources", "authorship", ("view", "add", "change", "delete")),
    ("proposals", "proposal", ("view", "add", "change", "delete")),
    ("proposals", "proposalactor", ("view", "add", "change", "delete")),
    ("proposals", "theme", ("view", "add", "change")),
    ("proposals", "actor", ("view", "add", "change")),
    ("proposals", "framework", ("view", "add", "change")),
]


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after migrations finish; create them now so that the
    # group can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    codenames = [
        (app_label, f"{action}_{model}")
        for app_label, model, actions in EDITOR_PERMISSIONS
        for action in actions
    ]
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in codenames
    ]
    group.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("sources", "0002_editors_group"),
        ("proposals", "0003_proposal_published_at"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
