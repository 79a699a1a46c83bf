"""The knowledge base's version moves on with every change, without making a tag's deletion load
its links: Django deletes them in one statement, whatever their number."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import kb_version
from proposals.models import Proposal
from tests.factories import make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db


def _themed(count: int):
    theme = make_theme()
    source = make_source()
    proposals = [make_proposal(source=source) for _ in range(count)]
    theme.proposals.add(*proposals)
    return theme


def _deletion_queries(theme) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        theme.delete()
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.parametrize("count", [3, 60])
def test_deleting_a_tag_moves_the_version_on(count):
    theme = _themed(count)
    pk, before = theme.pk, kb_version.current()
    theme.delete()
    assert kb_version.current() > before
    assert not Proposal.themes.through.objects.filter(theme_id=pk).exists()


def test_a_tags_links_go_in_one_statement_whatever_their_number():
    # Above KB_REINDEX_INLINE both go to the reindex queue, so only the link count differs.
    few, many = _deletion_queries(_themed(60)), _deletion_queries(_themed(240))
    links = [sql for sql in many if "proposals_proposal_themes" in sql and "DELETE" in sql]
    assert len(links) == 1
    assert len(many) == len(few)


def test_adding_and_removing_a_link_moves_the_version_on():
    theme = make_theme()
    proposal = make_proposal()
    before = kb_version.current()
    theme.proposals.add(proposal)
    added = kb_version.current()
    theme.proposals.remove(proposal)
    assert before < added < kb_version.current()
