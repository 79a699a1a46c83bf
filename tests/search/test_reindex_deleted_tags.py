"""A deleted theme or framework leaves its proposals' documents as a rename does: a few are
rewritten inside the deletion, many after the commit from a note that lists them (the tag's links
are gone with it); once the queue is drained a search by the deleted name finds none of them."""

import random
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import kb_version
from search.index import PROPOSAL_TABLE, uses_postgres
from search.models import PendingTag
from search.reindex_queue import write_pending
from tests.factories import make_actor, make_framework, make_proposal, make_theme
from tests.search.test_search import found

pytestmark = pytest.mark.django_db

MAKERS = {"theme": make_theme, "framework": make_framework}


@pytest.fixture
def few_inline(settings):
    settings.KB_REINDEX_INLINE = 3
    settings.KB_REINDEX_IN_BACKGROUND = False


def _tagged(n, kind, tag):
    return {make_proposal(title=f"Proposal {i:02}", **{f"{kind}s": [tag]}).pk for i in range(n)}


@pytest.mark.parametrize("kind", ["theme", "framework"])
def test_many_are_noted_by_the_deletion_and_written_after_the_commit(
    few_inline, kind, django_capture_on_commit_callbacks
):
    tag = MAKERS[kind](name="Sea lanes")
    ids = _tagged(8, kind, tag)
    tag_id = tag.pk
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        tag.delete()
        # Inside the deletion: one note listing the proposals, their documents not yet rewritten.
        note = PendingTag.objects.get()
        assert (note.kind, note.tag_id, note.proposal_ids) == (kind, tag_id, sorted(ids))
        assert len(found('"sea lanes"')) == 8
    for callback in after_commit:
        callback()
    assert PendingTag.objects.count() == 0
    assert found('"sea lanes"') == []
    assert len(found("disaster relief")) == 8  # rewritten, not dropped from the index


@pytest.mark.parametrize("kind", ["theme", "framework"])
def test_a_few_are_rewritten_inside_the_deletion(few_inline, kind):
    tag = MAKERS[kind](name="Sea lanes")
    _tagged(3, kind, tag)
    tag.delete()  # inside the test's transaction: nothing after the commit runs
    assert PendingTag.objects.count() == 0
    assert found('"sea lanes"') == []


def test_the_deletion_writes_no_document_when_its_proposals_are_many(
    few_inline, django_capture_on_commit_callbacks
):
    theme = make_theme(name="Sea lanes")
    _tagged(40, "theme", theme)
    documents = PROPOSAL_TABLE[uses_postgres()]
    with django_capture_on_commit_callbacks(execute=False):
        with CaptureQueriesContext(connection) as deletion:
            theme.delete()
    assert [q["sql"] for q in deletion if documents in q["sql"]] == []
    # One write notes them all.
    assert [q["sql"] for q in deletion if "search_pendingtag" in q["sql"]][-1].startswith("INSERT")


def test_a_tag_renamed_then_deleted_before_the_writer_ran_is_written_once_without_either_name(
    few_inline, django_capture_on_commit_callbacks
):
    theme = make_theme(name="Sea lanes")
    ids = _tagged(6, "theme", theme)
    with django_capture_on_commit_callbacks(execute=False):
        theme.name = "Maritime commons"
        theme.save()
        theme.delete()
    # The rename's note became the deletion's: the links it would have read are gone.
    assert list(PendingTag.objects.values_list("proposal_ids", flat=True)) == [sorted(ids)]
    assert write_pending() == 6
    assert found('"sea lanes"') == [] and found('"maritime commons"') == []


def test_the_writer_moves_the_knowledge_bases_version_on(
    few_inline, django_capture_on_commit_callbacks
):
    theme = make_theme(name="Sea lanes")
    _tagged(5, "theme", theme)
    with django_capture_on_commit_callbacks(execute=False):
        theme.delete()
    before = kb_version.current()
    write_pending()
    assert kb_version.current() > before


def test_the_command_writes_what_a_stopped_process_left(few_inline):
    framework = make_framework(name="Sea lanes")
    _tagged(6, "framework", framework)
    framework.delete()  # inside the test's transaction: the after-commit writer never runs
    assert PendingTag.objects.count() == 1
    out = StringIO()
    call_command("reindex_pending", stdout=out)
    assert out.getvalue().strip() == "6 proposal documents written."
    assert PendingTag.objects.count() == 0
    assert found('"sea lanes"') == []


def test_an_actor_carried_by_proposals_is_not_deleted_and_nothing_is_noted(few_inline):
    actor = make_actor(name="Sea lanes")
    _tagged(6, "actor", actor)
    with pytest.raises(ProtectedError):
        actor.delete()
    assert PendingTag.objects.count() == 0
    assert len(found('"sea lanes"')) == 6


def test_a_theme_deleted_in_the_admin_is_noted_and_its_proposals_written_after_the_commit(
    few_inline, admin_client, django_capture_on_commit_callbacks
):
    theme = make_theme(name="Sea lanes")
    _tagged(8, "theme", theme)
    url = reverse("admin:proposals_theme_delete", args=[theme.pk])
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert len(PendingTag.objects.get().proposal_ids) == 8
    for callback in after_commit:
        callback()
    assert found('"sea lanes"') == []


# Several random knowledge bases: whichever tag is deleted, and however many carry it, once the
# queue is drained each remaining tag's name finds exactly its proposals, the deleted one none.
WORDS = ["Aardvark", "Bramble", "Cobalt", "Dulcimer", "Ember", "Fjord"]


@pytest.mark.parametrize("seed", range(8))
def test_after_the_queue_drains_every_name_finds_exactly_its_proposals(
    few_inline, seed, django_capture_on_commit_callbacks
):
    rng = random.Random(seed)
    tags = [make_theme(name=w) for w in WORDS[:3]] + [make_framework(name=w) for w in WORDS[3:]]
    carried = {tag.name: set() for tag in tags}
    for i in range(rng.randint(0, 12)):
        mine = [tag for tag in tags if rng.random() < 0.5]
        make_proposal(
            title=f"Proposal {i:02}",
            themes=[t for t in mine if t.name in WORDS[:3]],
            frameworks=[t for t in mine if t.name in WORDS[3:]],
        )
        for tag in mine:
            carried[tag.name].add(f"Proposal {i:02}")
    gone = rng.choice(tags)
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        gone.delete()
    assert PendingTag.objects.count() == (len(carried[gone.name]) > 3)
    for callback in after_commit:
        callback()
    assert PendingTag.objects.count() == 0
    for name, titles in carried.items():
        assert set(found(f'"{name}"')) == (set() if name == gone.name else titles), name


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("kind", ["theme", "framework"])
def test_the_thread_writes_them_after_the_commit(settings, kind):
    settings.KB_REINDEX_INLINE = 3
    settings.KB_REINDEX_IN_BACKGROUND = True
    tag = MAKERS[kind](name="Sea lanes")
    _tagged(12, kind, tag)
    tag.delete()  # autocommit: the thread starts at once
    deadline = time.monotonic() + 30
    while PendingTag.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not PendingTag.objects.exists()
    assert found('"sea lanes"') == []
    assert len(found("disaster relief")) == 12
