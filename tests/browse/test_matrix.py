"""The home matrix: counts or shares of each paper, and converging cells that are truly linked."""

import pytest
from django.urls import reverse

from proposals.models import Proposal

pytestmark = pytest.mark.django_db
HOME = reverse("proposals:home")


def _cells(response):
    return {
        (row.theme.slug, cell.source.slug): cell
        for row in response.context["matrix"]
        for cell in row.cells
    }


def test_a_cell_converges_exactly_when_a_proposal_there_is_related_to_another_papers_on_its_theme(
    client, knowledge_base
):
    expected = set()
    for proposal in Proposal.objects.published().prefetch_related("themes", "related__themes"):
        for other in proposal.related.all():
            if other.source_id != proposal.source_id and other.status == proposal.status:
                shared = {t.slug for t in proposal.themes.all()} & {
                    t.slug for t in other.themes.all()
                }
                expected |= {(slug, proposal.source.slug) for slug in shared}
    cells = _cells(client.get(HOME))
    assert expected, "the knowledge base links proposals across papers"
    assert {key for key, cell in cells.items() if cell.converging} == expected


def test_shares_are_each_cells_part_of_its_paper(client, knowledge_base):
    response = client.get(HOME, {"matrix": "share"})
    totals = {s.slug: s.n for s in response.context["sources"]}
    for (theme, source), cell in _cells(response).items():
        own = Proposal.objects.published().filter(source__slug=source, themes__slug=theme).count()
        assert cell.count == own
        assert cell.share == round(100 * own / totals[source])
    assert b"%</a>" in response.content or b"%<span" in response.content
    shaded = [cell for cell in _cells(response).values() if cell.shade == 5]
    assert max(shaded, key=lambda c: c.share).share == max(
        c.share for c in _cells(response).values()
    )


def test_the_row_counts_the_papers_on_its_theme(client, knowledge_base):
    for row in client.get(HOME).context["matrix"]:
        papers = Proposal.objects.published().filter(themes=row.theme).values("source").distinct()
        assert row.papers == papers.count()


def test_an_unknown_measure_is_said_and_counts_are_shown(client, knowledge_base):
    response = client.get(HOME, {"matrix": "<b>odd"})
    assert response.status_code == 200
    assert response.context["measure"] == "count"
    assert b"no way to shade the matrix" in response.content
    assert b"<b>odd" not in response.content


def test_beyond_a_dozen_papers_the_matrix_shows_the_most_recent_and_counts_them_all(
    client, knowledge_base
):
    from datetime import date

    from browse.selectors.dashboard import HOME_PAPERS
    from tests.factories import make_proposal, make_source

    theme = Proposal.objects.published().first().themes.first()
    for year in range(2030, 2030 + HOME_PAPERS):
        make_proposal(source=make_source(published_on=date(year, 1, 1)), themes=[theme])
    response = client.get(HOME)
    shown = [source.year for source in response.context["sources"]]
    assert shown == list(range(2030, 2030 + HOME_PAPERS))  # the newest, oldest first
    papers = Proposal.objects.published().values("source").distinct().count()
    assert response.context["counts"]["sources"] == papers
    row = next(row for row in response.context["matrix"] if row.theme == theme)
    on_theme = Proposal.objects.published().filter(themes=theme)
    assert row.papers == on_theme.values("source").distinct().count()  # all papers, not shown
    assert row.total == on_theme.count()
    assert f"all {papers} papers".encode() in response.content.lower()
