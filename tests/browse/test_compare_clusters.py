"""Compare groups an entry's related proposals across papers: a row per cluster (a connected
component of the related links among the proposals shown), a column per paper, oldest first,
and the proposals related to none of the others shown after, each shown exactly once."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browse.selectors.vocabularies import COMPARE_PER_PAPER
from proposals.models import Actor, Framework, Proposal, Theme
from tests.factories import make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db
EXAMPLES = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _links(pks) -> set[frozenset]:
    """The related links among `pks`, read straight from the table, as unordered pairs."""
    rows = Proposal.related.through.objects.filter(
        from_proposal__in=pks, to_proposal__in=pks
    ).values_list("from_proposal_id", "to_proposal_id")
    return {frozenset(pair) for pair in rows if pair[0] != pair[1]}


def _connected(pks: set, links: set[frozenset]) -> bool:
    start = next(iter(pks))
    seen, todo = {start}, [start]
    while todo:
        here = todo.pop()
        for pair in links:
            if here in pair:
                (other,) = pair - {here}
                if other in pks and other not in seen:
                    seen.add(other)
                    todo.append(other)
    return seen == pks


def _check(context):
    """The properties every Compare page keeps, whatever its entry."""
    groups, found = context["groups"], context["clusters"]
    shown = [p.pk for _, items in groups for p in items]
    placed = [p.pk for row in found.rows for p in row.proposals] + [
        p.pk for _, items in found.singletons for p in items
    ]
    # every proposal shown appears exactly once: in one row or among the singletons
    assert sorted(placed) == sorted(shown) and len(set(placed)) == len(placed)
    links = _links(shown)
    for row in found.rows:
        pks = {p.pk for p in row.proposals}
        assert len(pks) > 1 and _connected(pks, links)
        # a row's cells line up with the columns: each holds only its paper's proposals
        assert len(row.cells) == len(found.papers)
        for paper, cell in zip(found.papers, row.cells, strict=True):
            assert all(p.source_id == paper.pk for p in cell)
    # a singleton is related to no other proposal shown (else it would sit in a row)
    for _, items in found.singletons:
        for p in items:
            assert not any(p.pk in pair for pair in links)
    # columns oldest first, in the table and below it
    dates = [paper.published_on for paper in found.papers]
    assert dates == sorted(dates)
    below = [paper.published_on for paper, _ in found.singletons]
    assert below == sorted(below)
    # the cap holds per paper
    assert all(len(items) <= COMPARE_PER_PAPER for _, items in groups)


@EXAMPLES
@given(
    papers=st.integers(1, 4),
    sizes=st.lists(st.integers(1, 13), min_size=4, max_size=4),
    edges=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=25),
    drafts=st.sets(st.integers(0, 60), max_size=6),
    years=st.lists(st.integers(1990, 2025), min_size=4, max_size=4),
)
def test_every_shown_proposal_is_in_exactly_one_row_or_among_the_singletons(
    client, papers, sizes, edges, drafts, years
):
    theme = make_theme()  # a fresh entry for each example: earlier examples' rows stay apart
    made = []
    for n in range(papers):
        source = make_source(published_on=datetime.date(years[n], 1, 1))
        for _ in range(sizes[n]):
            i = len(made)
            made.append(
                make_proposal(
                    source=source, themes=[theme], status="draft" if i in drafts else "published"
                )
            )
    for a, b in edges:
        made[a % len(made)].related.add(made[b % len(made)])
    response = client.get(reverse("proposals:compare", args=["theme", theme.slug]))
    if all(p.status == "draft" for p in made):
        assert response.status_code == 404
        return
    _check(response.context)
    shown = {p.pk for _, items in response.context["groups"] for p in items}
    assert not shown & {p.pk for p in made if p.status == "draft"}


KINDS = {"theme": Theme, "actor": Actor, "framework": Framework}


@EXAMPLES
@given(kind=st.sampled_from(sorted(KINDS)), i=st.integers(0, 200))
def test_on_the_real_papers_every_compare_page_keeps_its_rows_right(
    client, knowledge_base, kind, i
):
    entries = list(KINDS[kind].objects.order_by("slug"))
    entry = entries[i % len(entries)]
    response = client.get(reverse("proposals:compare", args=[kind, entry.slug]))
    if response.status_code == 404:  # an entry no published proposal uses
        return
    _check(response.context)


def test_related_proposals_sit_side_by_side_and_a_draft_splits_no_row(client):
    theme = make_theme()
    old, new = (
        make_source(published_on=datetime.date(2001, 1, 1)),
        make_source(published_on=datetime.date(2020, 1, 1)),
    )
    a = make_proposal(source=new, themes=[theme], title="Newer idea")
    b = make_proposal(source=old, themes=[theme], title="Older idea")
    alone = make_proposal(source=old, themes=[theme], title="Lonely idea")
    draft = make_proposal(source=new, themes=[theme], status="draft", title="Secret bridge")
    a.related.add(b)
    alone.related.add(draft)  # through a draft only: no row for the public
    response = client.get(reverse("proposals:compare", args=["theme", theme.slug]))
    found = response.context["clusters"]
    assert found.papers == [old, new]
    assert [row.cells for row in found.rows] == [[[b], [a]]]
    assert dict(found.singletons) == {old: [alone], new: []}
    assert "Related across papers" in response.text and "Secret bridge" not in response.text


def test_the_cap_keeps_related_proposals_first_and_says_so(client):
    theme = make_theme()
    big, small = make_source(), make_source()
    many = [make_proposal(source=big, themes=[theme]) for _ in range(COMPARE_PER_PAPER + 3)]
    echoed = make_proposal(source=small, themes=[theme])
    many[-1].related.add(echoed)  # the last by position: past the cap unless related ones lead
    response = client.get(reverse("proposals:compare", args=["theme", theme.slug]))
    [row] = response.context["clusters"].rows
    assert {p.pk for p in row.proposals} == {many[-1].pk, echoed.pk}
    assert f"At most {COMPARE_PER_PAPER} proposals per paper are shown" in response.text
