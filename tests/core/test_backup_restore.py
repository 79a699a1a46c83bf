"""make backup / make restore: a snapshot of the whole database, put back row for row.

Native backups (FORMAT=native) are compared on full table dumps (every table, every column,
every row), the search index included. Portable backups (the default) are compared object by
object: every field of every row of every model (timestamps to the microsecond), every link and
role, the history, users, groups and their permissions (by natural key), and what searches find,
on SQLite and PostgreSQL alike and from one to the other.
"""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from core.management import portable
from editorial.accounts import set_up_editors_group
from outcomes.models import Assessment, Evidence
from proposals.models import Proposal
from search.backends import matching_ids, search_sources
from search.index import rebuild
from search.query import parse
from sources.models import SourceDocument
from tests.factories import make_proposal

# Committed rows (pg_dump reads through its own connection); the migrated content (the Editors
# group) comes back after the test, for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def table_dump() -> dict[str, list]:
    dump = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            dump[table] = sorted(cursor.fetchall(), key=repr)
    return dump


@pytest.fixture
def filled(knowledge_base_dump):
    call_command("loaddata", str(knowledge_base_dump), verbosity=0)
    rebuild()
    # History rows and accounts, which the fixtures do not hold.
    proposal = Proposal.objects.order_by("slug").first()
    proposal.summary += " (edited)"
    proposal.save()
    source = SourceDocument.objects.order_by("slug").first()
    source.title += " (edited)"
    source.save()
    editor = User.objects.create_user("backup-editor", password="x-unused-123", is_staff=True)
    if not Group.objects.filter(name="Editors").exists():
        set_up_editors_group()  # an earlier transactional test emptied what the migrations made
    editor.groups.add(Group.objects.get(name="Editors"))
    dump = table_dump()
    for table in (
        "proposals_proposal",
        "proposals_proposal_themes",
        "proposals_historicalproposal",
        "outcomes_evidence",
        "outcomes_assessment",
        "auth_group_permissions",
    ):
        assert dump[table], table  # the comparison below covers something in each
    return dump


def suffix():
    return ".sqlite3" if connection.vendor == "sqlite" else ".pgdump"


def test_a_backup_restored_over_changed_data_gives_back_every_row(filled, tmp_path, capsys):
    backup = tmp_path / f"kb{suffix()}"
    call_command("backup_db", out=str(backup), format="native")
    assert backup.stat().st_size > 0

    # Data changed and lost after the backup.
    Proposal.objects.filter(pk__in=Proposal.objects.order_by("slug").values("pk")[:3]).delete()
    SourceDocument.objects.update(title="Overwritten")
    Assessment.objects.all().delete()
    Evidence.objects.all().delete()
    User.objects.filter(username="backup-editor").delete()
    assert table_dump() != filled

    # A non-empty database is refused with a clear message, and nothing changes.
    changed = table_dump()
    with pytest.raises(
        CommandError, match="not empty.*tables hold rows.*nothing was restored.*--force"
    ):
        call_command("restore_db", str(backup))
    assert table_dump() == changed

    call_command("restore_db", str(backup), force=True)
    assert table_dump() == filled
    assert Proposal.objects.filter(summary__endswith="(edited)").exists()


def test_a_backup_restores_into_an_empty_database_without_force(filled, tmp_path):
    backup = tmp_path / f"kb{suffix()}"
    call_command("backup_db", out=str(backup), format="native")
    # As `migrate` leaves a new database: no rows but its own and the Editors group's.
    call_command("flush", interactive=False, verbosity=0)
    set_up_editors_group()
    call_command("restore_db", str(backup))
    assert table_dump() == filled


def test_bad_native_files_are_refused_and_change_nothing(tmp_path):
    make_proposal()
    before = table_dump()
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore_db", str(tmp_path / f"missing{suffix()}"), force=True)
    wrong_kind = tmp_path / "kb.tar"
    wrong_kind.write_text("not a backup")
    with pytest.raises(CommandError, match="not a backup of this kind.*json.gz"):
        call_command("restore_db", str(wrong_kind), force=True)
    garbage = tmp_path / f"garbage{suffix()}"
    garbage.write_bytes(b"\x00not a database at all" * 100)
    with pytest.raises(CommandError):
        call_command("restore_db", str(garbage), force=True)
    assert table_dump() == before
    existing = tmp_path / f"kb{suffix()}"
    existing.write_text("an older backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup_db", out=str(existing), format="native")
    assert existing.read_text() == "an older backup"


# ---- Portable backups (the default) ----

SEARCHES = ("Okinawa", "trilateral Korea", "alliance", "extended deterrence")
ROOT = Path(__file__).resolve().parents[2]


def snapshot() -> dict[str, list]:
    """Every row of every model as the backup serializes it (auth rows by natural key, the rest
    with their ids, many-to-many links inside their rows), sorted; datetimes stay datetimes, so
    equality is to the microsecond."""
    dump = {}
    for model in portable.dumped_models():
        rows = portable._Serializer().serialize(
            model._base_manager.all(), use_natural_primary_keys=model in portable.NATURAL
        )
        dump[model._meta.label] = sorted(rows, key=repr)
    return dump


def found() -> dict[str, list]:
    return {
        query: [
            sorted(matching_ids(parse(query))),
            sorted(
                search_sources(
                    SourceDocument.objects.all(), parse(query), limit=10_000
                ).values_list("slug", flat=True)
            ),
        ]
        for query in SEARCHES
    }


def check_covers(dump, searches) -> None:
    for label in (
        "proposals.Proposal",
        "proposals.ProposalActor",
        "proposals.HistoricalProposal",
        "sources.HistoricalSourceDocument",
        "outcomes.Evidence",
        "auth.User",
        "auth.Group",
    ):
        assert dump[label], label  # the comparisons cover something in each
    assert any(row["fields"]["themes"] for row in dump["proposals.Proposal"])
    assert any(row["fields"]["permissions"] for row in dump["auth.Group"])
    assert any(row["fields"]["groups"] for row in dump["auth.User"])
    assert any(proposals for proposals, _ in searches.values())
    assert any(sources for _, sources in searches.values())


def empty_database():
    """As `migrate` leaves a new database: no rows but its own and the Editors group's."""
    call_command("flush", interactive=False, verbosity=0)
    set_up_editors_group()


def test_a_portable_backup_round_trips_every_object_into_an_empty_database(filled, tmp_path):
    before, searches = snapshot(), found()
    check_covers(before, searches)
    backup = tmp_path / "kb.json.gz"
    call_command("backup_db", out=str(backup))  # portable is the default
    empty_database()
    assert found() != searches
    call_command("restore_db", str(backup))
    assert snapshot() == before  # history row counts included: restoring wrote no history
    assert found() == searches  # the search index was rebuilt
    # New rows get new ids after the restored ones (sequences moved on, on PostgreSQL).
    make_proposal()


def test_a_portable_backup_replaces_changed_data_only_when_forced(filled, tmp_path):
    before = snapshot()
    backup = tmp_path / "kb.json.gz"
    call_command("backup_db", out=str(backup))
    Proposal.objects.filter(pk__in=Proposal.objects.order_by("slug").values("pk")[:3]).delete()
    User.objects.filter(username="backup-editor").delete()
    changed = snapshot()
    with pytest.raises(CommandError, match="not empty.*nothing was restored.*--force"):
        call_command("restore_db", str(backup))
    assert snapshot() == changed
    call_command("restore_db", str(backup), force=True)
    assert snapshot() == before


def test_bad_portable_files_are_refused_and_change_nothing(tmp_path):
    make_proposal()
    before = snapshot()
    good = tmp_path / "good.json.gz"
    call_command("backup_db", out=str(good))
    truncated = tmp_path / "truncated.json.gz"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    not_gzip = tmp_path / "plain.json.gz"
    not_gzip.write_text('{"format": "alliance-kb-backup"}')
    not_json = tmp_path / "text.json.gz"
    not_json.write_bytes(gzip.compress(b"not json at all"))
    other_json = tmp_path / "other.json.gz"
    other_json.write_bytes(gzip.compress(json.dumps([{"model": "auth.user"}]).encode()))
    later = tmp_path / "later.json.gz"
    later.write_bytes(
        gzip.compress(json.dumps({"format": "alliance-kb-backup", "version": 99}).encode())
    )
    unknown_model = tmp_path / "unknown.json.gz"
    unknown_model.write_bytes(
        gzip.compress(
            json.dumps(
                {
                    "format": "alliance-kb-backup",
                    "version": 1,
                    "objects": [{"model": "no.such", "pk": 1, "fields": {}}],
                }
            ).encode()
        )
    )
    cases = [
        (tmp_path / "missing.json.gz", "No backup file"),
        (truncated, "not a readable portable backup.*Nothing was restored"),
        (not_gzip, "not a readable portable backup.*Nothing was restored"),
        (not_json, "not a readable portable backup.*Nothing was restored"),
        (other_json, "not an Alliance KB backup"),
        (later, "format version 99"),
        (unknown_model, "could not be loaded.*Nothing was restored"),
    ]
    for path, message in cases:
        with pytest.raises(CommandError, match=message):
            call_command("restore_db", str(path), force=True)
        assert snapshot() == before, path.name
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup_db", out=str(good))


def _other_database(tmp_path) -> tuple[str, object]:
    """A database of the other engine, and how to drop it."""
    if connection.vendor == "sqlite":
        name = "akb_harden2_x"
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c"]
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run([*psql, f"CREATE DATABASE {name}"], check=True)

        def drop():
            subprocess.run([*psql, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)

        return f"postgres://postgres@127.0.0.1:5432/{name}", drop
    return f"sqlite:///{tmp_path / 'other.sqlite3'}", lambda: None


def _manage(url, *argv) -> str:
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "manage.py", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_portable_backup_crosses_to_the_other_database_and_back(filled, tmp_path):
    """SQLite -> PostgreSQL -> SQLite (or the reverse, run on PostgreSQL): the other database's
    own backup holds the same objects, its searches find the same, and it loads back equal."""
    before, searches = snapshot(), found()
    there, back = tmp_path / "there.json.gz", tmp_path / "back.json.gz"
    call_command("backup_db", out=str(there))
    url, drop = _other_database(tmp_path)
    try:
        _manage(url, "migrate", "--noinput", "-v0")
        _manage(url, "restore_db", str(there))
        _manage(url, "backup_db", "--out", str(back))
        script = (
            "import json; from tests.core.test_backup_restore import found; "
            "print(json.dumps(found()))"
        )
        found_there = json.loads(
            _manage(url, "shell", "-v0", "-c", script).strip().splitlines()[-1]
        )
    finally:
        drop()
    assert found_there == {query: list(hits) for query, hits in searches.items()}

    def canonical(path):
        rows = portable.read(path)
        return sorted(json.dumps(row, sort_keys=True) for row in rows)

    assert canonical(back) == canonical(there)
    call_command("restore_db", str(back), force=True)
    assert snapshot() == before
    assert found() == searches
