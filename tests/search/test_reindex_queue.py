"""A renamed tag's proposals are reindexed after the commit, outside the save, when they are many;
the save's own work does not grow with them."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.models import PendingTag
from search.reindex_queue import write_pending
from tests.factories import make_actor, make_proposal, make_theme
from tests.search.test_search import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def few_inline(settings):
    settings.KB_REINDEX_INLINE = 3
    settings.KB_REINDEX_IN_BACKGROUND = False


def _tagged(n, theme):
    return {make_proposal(title=f"Proposal {i:02}", themes=[theme]).pk for i in range(n)}


def test_many_are_queued_by_the_save_and_written_after_the_commit(
    few_inline, django_capture_on_commit_callbacks
):
    theme = make_theme(name="Sea lanes")
    ids = _tagged(8, theme)
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        theme.name = "Maritime commons"
        theme.save()
        # Inside the save: the tag is noted, its proposals not yet rewritten.
        assert list(PendingTag.objects.values_list("kind", "tag_id")) == [("theme", theme.pk)]
        assert found('"maritime commons"') == []
        assert len(found('"sea lanes"')) == len(ids)
    for callback in after_commit:
        callback()
    assert PendingTag.objects.count() == 0
    assert len(found('"maritime commons"')) == 8
    assert found('"sea lanes"') == []


def test_a_few_are_rewritten_inside_the_save(few_inline):
    theme = make_theme(name="Sea lanes")
    _tagged(3, theme)
    theme.name = "Maritime commons"
    theme.save()
    assert PendingTag.objects.count() == 0
    assert len(found('"maritime commons"')) == 3


@pytest.mark.parametrize("kind", ["theme", "actor"])
def test_the_saves_queries_do_not_grow_with_the_proposals(
    few_inline, kind, django_capture_on_commit_callbacks
):
    counts = []
    for n in (5, 40):
        tag = make_theme() if kind == "theme" else make_actor()
        for _ in range(n):
            make_proposal(**{f"{kind}s": [tag]})
        tag.name += " renamed"
        with django_capture_on_commit_callbacks(execute=False):
            with CaptureQueriesContext(connection) as save:
                tag.save()
        counts.append(len(save))
        write_pending()
    assert counts[0] == counts[1]


def test_a_tag_renamed_again_while_its_proposals_are_written_stays_queued(few_inline):
    theme = make_theme(name="Sea lanes")
    _tagged(5, theme)
    theme.name = "Maritime commons"
    theme.save()
    first = PendingTag.objects.get()
    time.sleep(0.01)
    theme.name = "Ocean commons"
    theme.save()  # while a writer that read `first` works on the old name
    # What the writer removes once done: only the entry it read.
    PendingTag.objects.filter(pk=first.pk, queued_at=first.queued_at).delete()
    assert PendingTag.objects.count() == 1
    write_pending()
    assert len(found('"ocean commons"')) == 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_thread_writes_them_after_the_commit(settings):
    settings.KB_REINDEX_INLINE = 3
    settings.KB_REINDEX_IN_BACKGROUND = True
    theme = make_theme(name="Sea lanes")
    _tagged(12, theme)
    theme.name = "Maritime commons"
    theme.save()  # autocommit: the thread starts at once
    deadline = time.monotonic() + 30
    while PendingTag.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not PendingTag.objects.exists()
    assert len(found('"maritime commons"')) == 12


def test_the_command_writes_what_a_stopped_process_left(few_inline):
    from io import StringIO

    from django.core.management import call_command

    theme = make_theme(name="Sea lanes")
    _tagged(6, theme)
    theme.name = "Maritime commons"
    theme.save()  # inside the test's transaction: the after-commit writer never runs
    assert PendingTag.objects.count() == 1
    out = StringIO()
    call_command("reindex_pending", stdout=out)
    assert out.getvalue().strip() == "6 proposal documents written."
    assert len(found('"maritime commons"')) == 6
