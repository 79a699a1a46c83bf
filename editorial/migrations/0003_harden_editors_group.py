"""Give the Editors group its whole set again, the evidence log's permissions included.

Re-running editorial's 0001 (as a test helper did after a transactional test emptied the tables)
used to replace the group's permissions with that migration's list, dropping the evidence log's:
a database where that happened gets them back here. On any other database this changes nothing.
"""

from django.db import migrations

from editorial.accounts import set_up_editors_group


def set_up(apps, schema_editor):
    set_up_editors_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_editors_dismissed_suggestions"),
        ("outcomes", "0003_partial_dates_at_their_precision"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
