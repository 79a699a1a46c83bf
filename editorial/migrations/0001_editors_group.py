"""The Editors group: add and change sources, proposals and vocabularies; delete proposals
(editorial.accounts.EDITOR_PERMISSIONS lists them all, with what later apps add).

Until the editorial app existed, sources' migration 0002_editors_group made this group. On a
database migrated then, this migration finds the group and sets the same permissions again: it
changes nothing there.
"""

from django.db import migrations

from editorial.accounts import EDITORS_GROUP as EDITORS
from editorial.accounts import set_up_editors_group


def create_editors_group(apps, schema_editor):
    # One setup for this migration, later ones and any re-run: it never takes away permissions
    # that later migrations granted (see editorial/accounts.py).
    set_up_editors_group(apps)


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
