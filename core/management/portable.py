"""Portable backups: every row of every model as JSON, gzipped, loadable into either database.

What `dumpdata` / `loaddata` lose, and why this module does it itself:
- Timestamps: Django's JSON encoder cuts them to milliseconds; here they keep their microseconds.
- History: `loaddata` sets many-to-many links through the related manager, which sends
  m2m_changed, and the history receivers write a version for each (history rows change). Here the
  rows are saved raw (post_save with raw=True, which history and the search index skip) and the
  links are inserted in bulk, which sends no signal.
- Search: the index is no model; it is rebuilt from the loaded rows (core.management.signals).
- Content types and permissions differ in their ids from one database to the next: they, and the
  groups that hold them, are written and referred to by natural keys. Every other row keeps its
  id, so that links, history and the ids inside history snapshots stay as they were.
Sessions are left out: a restored site asks everyone to sign in again.
"""

import gzip
import json
import zlib
from collections import defaultdict
from datetime import UTC, datetime, time

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.core.serializers import base
from django.core.serializers import python as python_serializer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction

from core.management.signals import data_restored

FORMAT = "alliance-kb-backup"
VERSION = 1
SUFFIX = ".json.gz"
# Rows that `migrate` makes in every database, with ids of their own there.
NATURAL = (ContentType, Permission, Group)
FIRST = (ContentType, Permission, Group)  # what natural keys elsewhere refer to


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, less its cut of times to milliseconds."""

    def default(self, o):
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


class _Serializer(python_serializer.Serializer):
    """Refers to content types, permissions and groups by natural key; to the rest by id."""

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in NATURAL
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in NATURAL
        super().handle_m2m_field(obj, field)


def dumped_models() -> list:
    """Every concrete model but sessions (links of auto-created tables go with their model)."""
    rest = [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model not in (*FIRST, Session)
    ]
    return [*FIRST, *sorted(rest, key=lambda model: model._meta.label)]


def objects() -> list[dict]:
    """Every row, read in one transaction so that the snapshot is consistent."""
    rows = []
    first = not connection.in_atomic_block  # SET TRANSACTION must open the transaction
    with transaction.atomic():
        if connection.vendor == "postgresql" and first:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        for model in dumped_models():
            queryset = model._base_manager.order_by(model._meta.pk.name)
            rows += _Serializer().serialize(
                queryset.iterator(chunk_size=2000),
                use_natural_primary_keys=model in NATURAL,
            )
    return rows


def write(path) -> None:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.now(UTC).isoformat(),
        "engine": connection.vendor,
        "objects": objects(),
    }
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        json.dump(document, stream, cls=_Encoder, ensure_ascii=False)


def read(path) -> list[dict]:
    """The backup's rows, or a CommandError saying why the file is not a readable backup.
    Read whole before anything is written: a bad file changes nothing."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            document = json.load(stream)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as error:
        raise CommandError(
            f"{path} is not a readable portable backup (a gzipped JSON file written by "
            f"make backup): {error}. Nothing was restored."
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CommandError(f"{path} is not an Alliance KB backup. Nothing was restored.")
    if document.get("version") != VERSION or not isinstance(document.get("objects"), list):
        raise CommandError(
            f"{path} is a backup of format version {document.get('version')!r}; this version "
            f"reads version {VERSION}. Nothing was restored."
        )
    return document["objects"]


def load(rows: list[dict]) -> None:
    """Replace every model's rows by the backup's, in one transaction: all or nothing."""
    try:
        with transaction.atomic():
            ContentType.objects.clear_cache()  # its ids may be another database's
            _empty_tables()
            _load(rows)
            _reset_sequences()
            data_restored.send(sender=load)
    except (base.DeserializationError, DatabaseError, LookupError, ValueError) as error:
        raise CommandError(
            f"The backup could not be loaded: {error}. Nothing was restored."
        ) from None


def _empty_tables() -> None:
    """Delete the rows the backup replaces (the content types and permissions it matches by
    natural key stay; the Editors group a migrated database holds goes, to come back from the
    backup)."""
    tables = [
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model not in (ContentType, Permission)
    ]
    statements = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _load(rows: list[dict]) -> None:
    links = defaultdict(list)  # through model -> its rows
    deferred = []
    for item in python_serializer.Deserializer(rows, handle_forward_references=True):
        m2m_data = item.m2m_data or {}  # save() forgets it
        item.save(save_m2m=False)  # raw: post_save says raw=True, and nothing derived runs
        for name, targets in m2m_data.items():
            links_of(item.object, item.object._meta.get_field(name), targets, links)
        if item.deferred_fields:
            deferred.append(item)
    for item in deferred:  # natural keys named before their rows were loaded
        model = type(item.object)
        for field, value in item.deferred_fields.items():
            if field.many_to_many:
                targets = base.deserialize_m2m_values(field, value, connection.alias, False)
                links_of(item.object, field, targets, links)
            else:
                target = base.deserialize_fk_value(field, value, connection.alias, False)
                model._base_manager.filter(pk=item.object.pk).update(**{field.attname: target})
    for through, link_rows in links.items():
        through._base_manager.bulk_create(link_rows)  # no m2m_changed: no history written


def links_of(instance, field, targets, links) -> None:
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    links[through] += [through(**{source: instance.pk, target: pk}) for pk in targets]


def _reset_sequences() -> None:
    """Ids go on from the highest loaded (PostgreSQL's sequences do not follow inserted ids)."""
    models = [model for model in apps.get_models(include_auto_created=True) if model._meta.managed]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
