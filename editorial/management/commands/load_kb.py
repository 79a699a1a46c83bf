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

from core.history import history_batch
from core.text.quote_rules import sentence_warnings
from outcomes.models import Assessment, Evidence
from proposals.models import Proposal, ProposalActor
from search import index as search_index
from sources.models import Authorship, SourceDocument

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


def declared_related(item) -> set[str] | None:
    """The slugs a proposal's fixture entry lists as related, or None if it lists none."""
    field = Proposal._meta.get_field("related")
    m2m_data = item.m2m_data or {}  # Django leaves it None once deferred fields are saved
    if field.name in m2m_data:
        pks = m2m_data[field.name]
        return set(Proposal.objects.filter(pk__in=pks).values_list("slug", flat=True))
    if field in (item.deferred_fields or {}):
        return {key[0] for key in item.deferred_fields[field]}
    return None


def check_related_links(loaded) -> None:
    """A related link is symmetrical: each proposal must list the other, or a later entry would
    silently undo an earlier one (a reload would then give a different result)."""
    declared = {}
    for path, item in loaded:
        if isinstance(item.object, Proposal):
            slugs = declared_related(item)
            if slugs is not None:
                declared[item.object.slug] = (path, slugs)
    stored = Proposal.objects.filter(slug__in=declared).prefetch_related("related")
    for proposal in stored:
        path, listed = declared[proposal.slug]
        actual = {other.slug for other in proposal.related.all()}
        if actual != listed:
            one_sided = sorted(listed ^ actual)
            raise CommandError(
                f"{path.name}: proposals.proposal '{proposal.slug}' and "
                f"{', '.join(repr(s) for s in one_sided)} are related on one side only: list "
                "the link on both proposals."
            )


def remove_unlisted_rows(instances) -> int:
    """Delete the actor roles, bylines and judgements of loaded proposals, sources and evidence
    that the fixtures no longer list: a fixture states all of them, so a corrected role (or a
    judgement moved to another proposal) must not leave the old one."""
    removed = 0
    for row_model, parent_model, parent_field in (
        (ProposalActor, Proposal, "proposal"),
        (Authorship, SourceDocument, "source"),
        (Assessment, Evidence, "evidence"),
    ):
        parents = [i.pk for i in instances if isinstance(i, parent_model)]
        kept = [i.pk for i in instances if isinstance(i, row_model)]
        stale = row_model.objects.filter(**{f"{parent_field}__in": parents}).exclude(pk__in=kept)
        for row in stale:  # one by one, so that history and the search index follow
            row.delete()
            removed += 1
    return removed


class Command(BaseCommand):
    help = "Load (or reload) the knowledge base from the fixtures folder, validating every object."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixtures",
            type=Path,
            default=Path(settings.BASE_DIR) / "fixtures",
            help="Folder of fixture files (default: fixtures/ in the project).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into a database that holds no source yet, so that changes made in "
            "the admin are never overwritten (make run uses this).",
        )

    def handle(self, *args, fixtures: Path, if_empty=False, **options):
        if not fixtures.is_dir():
            raise CommandError(f"No fixtures folder at {fixtures}.")
        files = fixture_files(fixtures)
        if not files:
            raise CommandError(f"No fixture files (.yaml, .json) in {fixtures}.")
        if if_empty and SourceDocument.objects.exists():
            self.stdout.write(
                f"The knowledge base is already loaded ({SourceDocument.objects.count()} sources, "
                f"{Proposal.objects.count()} proposals): nothing loaded, so no change made in the "
                "admin is overwritten. `python manage.py load_kb` reloads it from the fixtures."
            )
            return

        # One history row per object that changed, taken once its tags and bylines are loaded.
        with transaction.atomic(), history_batch() as batch:
            batch.reason = "Loaded from the fixtures"
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
            check_related_links(loaded)
            removed = remove_unlisted_rows([item.object for _, item in loaded])
            # The index follows the loaded rows, inside the same transaction.
            search_index.rebuild()

        self.report_partial_quotes([item.object for _, item in loaded])
        if removed:
            self.stdout.write(
                f"Removed {removed} actor roles, bylines or judgements the fixtures no longer list."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Loaded {len(loaded)} objects from {len(files)} fixture files.")
        )

    def report_partial_quotes(self, instances) -> None:
        """Name the quotes that are not whole sentences of one paragraph: the admin asks an
        editor to confirm those, and a fixture states them as they were confirmed, so they load."""
        partial = []
        for proposal in instances:
            if isinstance(proposal, Proposal):
                body = proposal.source.body
                warnings = sentence_warnings(body, proposal.quote_start, proposal.quote_end)
                if warnings:
                    partial.append(f"{proposal.slug} ({'; '.join(warnings)})")
        if partial:
            self.stdout.write(
                f"{len(partial)} quotes are not whole sentences of one paragraph (loaded as "
                "the fixtures state them): " + ", ".join(partial)
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
                loaded.append((path, item))

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
