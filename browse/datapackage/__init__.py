"""The published knowledge base as a Frictionless Data Package: one CSV per table, with
`datapackage.json` describing every field, its type and the keys that join the tables, and the
same tables as JSON Lines. Drafts never appear: only published sources and their published
proposals, and the authors and vocabulary entries those use.

`python manage.py export_kb` (make export) writes it to a folder; /data/alliance-kb-data.zip
serves it.
"""

from browse.datapackage.writing import files, zip_bytes

__all__ = ["files", "zip_bytes"]
