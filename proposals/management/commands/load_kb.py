"""Load the knowledge base from fixtures/, validating every object, in one transaction.

Unlike plain `loaddata`, every object goes through full_clean() and save(): quotes are anchored
in their source bodies (offsets computed, never typed), and an object that breaks a rule stops
the whole load with a message naming the file and the object, leaving the database as it was.
Loading is idempotent: objects are matched by natural key and updated in place.
"""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction
from django.utils import timezone

FIXTURE_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def fixture_files(directory: Path) -> list[Path]:
    """Files in name order: the numeric prefixes put vocabularies before the sources using them."""
    return sorted(p for p in directory.iterdir() if p.suffix in FIXTURE_FORMATS)


def describe(instance) -> str:
    key = instance.natural_key() if hasattr(instance, "natural_key") else (instance.pk,)
    try:
        key_text = "/".join(str(part) for part in key)
    except Exception:  # an object whose natural key needs a relation that is missing
        key_text = "?"
    return f"{instance._meta.label_lower} '{key_text}'"


def explain(error: Exception) -> str:
    """Django's deserializers often raise an empty error and keep the reason in its cause."""
    return str(error) or str(error.__cause__ or "unknown error").strip()


TIMESTAMPS = {"created_at", "updated_at"}


def match_existing_row(instance):
    """Treat an object whose natural key is already in the database as an update of that row.

    The deserializer fills in the primary key but leaves the instance marked as new, which would
    make full_clean() report a clash with itself. Fixtures carry no timestamps, so the existing
    row's creation time is kept. Returns the existing row, or None.
    """
    existing = None
    if instance.pk is not None:
        existing = type(instance)._default_manager.filter(pk=instance.pk).first()
    if existing is not None:
        instance._state.adding = False
    if hasattr(instance, "created_at") and instance.created_at is None:
        instance.created_at = existing.created_at if existing else timezone.now()
    return existing


def same_row(existing, instance) -> bool:
    """True when saving would change nothing, so a reload writes no new history."""
    fields = [f for f in instance._meta.concrete_fields if f.name not in TIMESTAMPS]
    return all(getattr(existing, f.attname) == getattr(instance, f.attname) for f in fields)


class Command(BaseCommand):
    help = "Load (or reload) the knowledge base from the fixtures folder, validating every object."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixtures",
            type=Path,
            default=Path(settings.BASE_DIR) / "fixtures",
            help="Folder of fixture files (default: fixtures/ in the project).",
        )

    def handle(self, *args, fixtures: Path, **options):
        if not fixtures.is_dir():
            raise CommandError(f"No fixtures folder at {fixtures}.")
        files = fixture_files(fixtures)
        if not files:
            raise CommandError(f"No fixture files (.yaml, .json) in {fixtures}.")

        with transaction.atomic():
            loaded, deferred = [], []
            for index, path in enumerate(files, start=1):
                count = self.load_file(path, loaded, deferred)
                self.stdout.write(f"[{index}/{len(files)}] {path.name}: {count} objects")
            for path, item in deferred:
                try:
                    item.save_deferred_fields()
                except (DeserializationError, DatabaseError, ValueError) as error:
                    raise CommandError(
                        f"{path.name}: {describe(item.object)} points at something no fixture "
                        f"defines: {error}"
                    ) from error
            self.run_after_load_hooks()

        self.stdout.write(
            self.style.SUCCESS(f"Loaded {len(loaded)} objects from {len(files)} fixture files.")
        )

    def load_file(self, path: Path, loaded: list, deferred: list) -> int:
        fmt = FIXTURE_FORMATS[path.suffix]
        count = 0
        with path.open(encoding="utf-8") as stream:
            # Objects are saved as they are read: a natural key can name an object that an
            # earlier entry of the same file has just created.
            try:
                items = serializers.deserialize(fmt, stream, handle_forward_references=True)
            except DeserializationError as error:  # the YAML reader parses the whole file first
                raise CommandError(
                    f"{path.name}: cannot be read as a {fmt} fixture: {explain(error)}"
                ) from error
            while True:
                try:
                    item = next(items, None)
                except DeserializationError as error:
                    raise CommandError(
                        f"{path.name}: entry {count + 1} cannot be read as a {fmt} fixture "
                        f"object: {explain(error)}"
                    ) from error
                if item is None:
                    return count
                count += 1
                self.save_object(path, item)
                if item.deferred_fields:
                    deferred.append((path, item))
                loaded.append(item.object)

    def save_object(self, path: Path, item) -> None:
        instance = item.object
        existing = match_existing_row(instance)
        try:
            instance.full_clean()  # also anchors a proposal's quote, so compare after it
            with transaction.atomic():
                if existing is None or not same_row(existing, instance):
                    instance.save()
                for field_name, values in item.m2m_data.items():
                    getattr(instance, field_name).set(values)
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            raise CommandError(
                f"{path.name}: {describe(instance)} is invalid: {problems}"
            ) from error
        except DatabaseError as error:
            raise CommandError(
                f"{path.name}: {describe(instance)} could not be saved: {error}"
            ) from error

    def run_after_load_hooks(self):
        """Derived data (such as a search index) that must follow the loaded rows."""
        from proposals.signals import knowledge_base_loaded

        knowledge_base_loaded.send(sender=self.__class__)
