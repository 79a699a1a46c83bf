"""Two papers head to head: the themes both address, where their proposals converge (related
links between them), and what only one of them proposes; with a picker that needs no JavaScript."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proposals.models import Proposal
from sources.models import SourceDocument
from tests.factories import make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db


def _url(a, b) -> str:
    return reverse("proposals:compare-sources", args=[a.slug, b.slug])


def _two_papers():
    basing, trade, china = make_theme(), make_theme(), make_theme()
    a, b = make_source(), make_source()
    a1 = make_proposal(source=a, themes=[basing])
    a2 = make_proposal(source=a, themes=[trade])
    b1 = make_proposal(source=b, themes=[basing])
    b2 = make_proposal(source=b, themes=[china])
    a1.related.add(b1)
    return (a, b), (a1, a2, b1, b2), (basing, trade, china)


def test_what_converges_and_what_only_one_paper_proposes(client):
    (a, b), (a1, a2, b1, b2), (basing, trade, china) = _two_papers()
    cmp = client.get(_url(a, b)).context["cmp"]
    assert [(row.proposal, row.related) for row in cmp.converging] == [(a1, [b1])]
    assert cmp.only_left == [a2] and cmp.only_right == [b2]
    assert [(r.theme, r.left, r.right) for r in cmp.shared_themes] == [(basing, 1, 1)]
    assert cmp.only_left_themes == [trade] and cmp.only_right_themes == [china]


def test_the_shared_theme_links_to_the_list_of_both_papers_on_it(client):
    (a, b), (a1, _, b1, _), (basing, _, _) = _two_papers()
    response = client.get(_url(a, b))
    [row] = response.context["cmp"].shared_themes
    listed = client.get(reverse("proposals:list") + row.url).context["listing"]
    assert {p.pk for p in listed.page.object_list} == {a1.pk, b1.pk}


def test_a_draft_is_neither_a_convergence_nor_named(client):
    (a, b), (a1, _, b1, _), _ = _two_papers()
    draft = make_proposal(source=b, status="draft", title="Secret draft idea")
    a1.related.add(draft)
    response = client.get(_url(a, b))
    assert [row.related for row in response.context["cmp"].converging] == [[b1]]
    assert "Secret draft idea" not in response.text


def test_a_draft_paper_cannot_be_compared_by_the_public(client):
    a = make_source()
    hidden = make_source(status="draft")
    assert client.get(_url(a, hidden)).status_code == 404
    assert (
        client.get(reverse("proposals:compare-sources", args=[a.slug, "nope"])).status_code == 404
    )


def test_the_picker_goes_to_the_pair_and_explains_bad_choices(client):
    a, b = make_source(), make_source()
    index = reverse("proposals:compare-sources-index")
    response = client.get(index, {"a": a.slug, "b": b.slug})
    assert response.status_code == 302 and response["Location"] == _url(a, b)
    same = client.get(index, {"a": a.slug, "b": a.slug})
    assert "Choose two different papers" in same.text
    unknown = client.get(index, {"a": a.slug, "b": "<script>"})
    assert unknown.status_code == 200 and "one of those is no paper here" in unknown.text
    assert (
        client.get(reverse("proposals:compare-sources", args=[a.slug, a.slug])).status_code == 302
    )


def test_each_source_page_and_the_home_matrix_link_to_compare(client):
    a = make_source()
    make_proposal(source=a)
    picker = reverse("proposals:compare-sources-index")
    assert f'href="{picker}?a={a.slug}"' in client.get(a.get_absolute_url()).text
    assert f'href="{picker}"' in client.get(reverse("proposals:home")).text
    # the picker arrives with that paper chosen on the left
    assert f'<option value="{a.slug}" selected>' in client.get(picker, {"a": a.slug}).text


def test_compare_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    (a, b), (a1, _, _, _), _ = _two_papers()
    for _ in range(10):
        other = make_proposal(source=b, themes=[make_theme()])
        a1.related.add(other)
        make_proposal(source=a)
    # the two papers, their proposals with themes, frameworks and actor roles (4), the links
    # between them (1), the pickers' papers (1), the footer's count of published papers (1);
    # session/user lookups are not made for anonymous.
    with django_assert_max_num_queries(8):
        client.get(_url(a, b))


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.integers(0, 50), st.integers(1, 50))
def test_on_the_real_papers_each_proposal_is_converging_or_only_in_its_paper(
    client, knowledge_base, i, step
):
    sources = list(SourceDocument.objects.published().order_by("slug"))
    a, b = sources[i % len(sources)], sources[(i + step) % len(sources)]
    if a == b:
        return
    cmp = client.get(_url(a, b)).context["cmp"]
    left = {row.proposal.pk for row in cmp.converging}
    assert left.isdisjoint({p.pk for p in cmp.only_left})
    assert left | {p.pk for p in cmp.only_left} == set(
        a.proposals.published().values_list("pk", flat=True)
    )
    right = {p.pk for row in cmp.converging for p in row.related}
    assert right | {p.pk for p in cmp.only_right} == set(
        b.proposals.published().values_list("pk", flat=True)
    )
    for row in cmp.converging:
        linked = set(Proposal.objects.get(pk=row.proposal.pk).related.values_list("pk", flat=True))
        assert {p.pk for p in row.related} <= linked
