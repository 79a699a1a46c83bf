"""Once the full-text search structures; they are now made by search/migrations/0001.

This migration stays, with nothing to do, because databases made before the search app record it
as applied (and hold the structures it made, which search's migration then leaves as they are),
and 0003 follows it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0001_initial"),
        ("sources", "0001_initial"),
    ]

    operations = []
