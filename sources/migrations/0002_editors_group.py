"""Once the Editors group; it is now made by editorial/migrations/0001_editors_group.

This migration stays, with nothing to do, because databases made before the editorial app record
it as applied.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0001_initial"),
    ]

    operations = []
