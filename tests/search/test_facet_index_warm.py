"""A new gunicorn worker holds the facet index before its first request (gunicorn.conf.py), and
a worker that cannot build it yet still starts."""

import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from editorial.accounts import set_up_editors_group
from search import facet_index
from tests.factories import make_actor, make_proposal, make_theme

PROJECT = Path(__file__).resolve().parents[2]


def test_gunicorn_started_here_reads_the_projects_warming_hook():
    printed = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--print-config", "alliance_kb.wsgi"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    hook = next(line for line in printed.splitlines() if line.startswith("post_worker_init "))
    assert "PostWorkerInit" not in hook  # gunicorn's own hook, which does nothing


@pytest.fixture
def committed_rows(transactional_db):
    # The hook closes the database connections, as a worker must before serving: the rows have
    # to be committed to outlive that. Transactional tests empty the Editors group: put it back.
    make_proposal(themes=[make_theme()], actors=[make_actor()])
    yield
    set_up_editors_group()


def test_a_new_worker_holds_the_index_before_its_first_request(
    committed_rows, django_assert_num_queries
):
    facet_index.forget()
    runpy.run_path(str(PROJECT / "gunicorn.conf.py"))["post_worker_init"](worker=None)
    with django_assert_num_queries(0):
        assert len(facet_index.current().everything) == 1


def test_a_worker_without_its_database_starts_and_leaves_the_index_to_the_first_list():
    # No database access in this test: pytest-django refuses it, as a database away would.
    facet_index.warm()
    assert facet_index._current is None
