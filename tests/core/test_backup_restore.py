"""make backup / make restore: a snapshot of the whole database, put back row for row.

The round trip is compared on full table dumps (every table, every column, every row): the
proposals, their quotes and tags, the sources, the history, the evidence log, users and groups,
the search index. Runs on SQLite and on PostgreSQL (pg_dump / pg_restore) alike.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from editorial.accounts import set_up_editors_group
from outcomes.models import Assessment, Evidence
from proposals.models import Proposal
from search.index import rebuild
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
    editor = User.objects.create_user("backup-editor", password="x-unused-123", is_staff=True)
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
    call_command("backup_db", out=str(backup))
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
    call_command("backup_db", out=str(backup))
    # As `migrate` leaves a new database: no rows but its own and the Editors group's.
    call_command("flush", interactive=False, verbosity=0)
    set_up_editors_group()
    call_command("restore_db", str(backup))
    assert table_dump() == filled


def test_bad_files_are_refused_and_change_nothing(tmp_path):
    make_proposal()
    before = table_dump()
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore_db", str(tmp_path / f"missing{suffix()}"), force=True)
    wrong_kind = tmp_path / "kb.tar"
    wrong_kind.write_text("not a backup")
    with pytest.raises(CommandError, match="not a backup of this kind"):
        call_command("restore_db", str(wrong_kind), force=True)
    garbage = tmp_path / f"garbage{suffix()}"
    garbage.write_bytes(b"\x00not a database at all" * 100)
    with pytest.raises(CommandError):
        call_command("restore_db", str(garbage), force=True)
    assert table_dump() == before
    existing = tmp_path / f"kb{suffix()}"
    existing.write_text("an older backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup_db", out=str(existing))
    assert existing.read_text() == "an older backup"
