"""generate_synthetic: realistic, deterministic, searchable, and careful with real data."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.text.anchoring import anchor_quote
from editorial import synthetic
from proposals.models import Proposal, ProposalActor
from search import backends as search
from search.query import parse
from sources.models import SourceDocument


def generate(*args):
    call_command("generate_synthetic", *args, verbosity=0, stdout=StringIO())


def synthetic_rows():
    return list(
        synthetic.synthetic_proposals()
        .order_by("slug")
        .values_list("slug", "title", "quote", "quote_start", "summary", "kind")
    )


def test_every_quote_is_anchored_as_the_app_anchors_it(knowledge_base):
    generate("--proposals", "120", "--per-source", "30", "--seed", "3")
    proposals = list(synthetic.synthetic_proposals().select_related("source"))
    assert len(proposals) == 120
    for proposal in proposals:
        found = anchor_quote(proposal.source.body, proposal.quote)  # unique, else it raises
        assert (found.start, found.end) == (proposal.quote_start, proposal.quote_end)
        assert (found.prefix, found.suffix) == (proposal.quote_prefix, proposal.quote_suffix)


def test_the_same_seed_gives_the_same_rows_and_another_seed_others(knowledge_base):
    generate("--proposals", "60", "--seed", "7")
    first = synthetic_rows()
    generate("--proposals", "60", "--seed", "7", "--clear")
    assert synthetic_rows() == first
    generate("--proposals", "60", "--seed", "8", "--clear")
    assert synthetic_rows() != first


def test_tags_are_skewed_like_the_real_ones(knowledge_base):
    generate("--proposals", "500", "--seed", "1")
    made = synthetic.synthetic_proposals()
    themes = Counter(
        Proposal.themes.through.objects.filter(proposal__in=made).values_list(
            "theme__slug", flat=True
        )
    )
    real = Counter(
        Proposal.themes.through.objects.exclude(proposal__in=made).values_list(
            "theme__slug", flat=True
        )
    )
    # The commonest real theme is among the three commonest synthetic ones, a rare one stays rare.
    assert real.most_common(1)[0][0] in {slug for slug, _ in themes.most_common(3)}
    assert themes.most_common()[-1][1] < themes.most_common(1)[0][1] / 3
    assert ProposalActor.objects.filter(proposal__in=made).count() > 500


def test_synthetic_proposals_are_published_and_found_by_search(knowledge_base):
    generate("--proposals", "50", "--seed", "2")
    made = synthetic.synthetic_proposals()
    assert made.published().count() == 50
    quote_word = max(made.first().quote.split(), key=len).strip(".,;:()“”\"'")
    found = search.matching_proposals(made, parse(quote_word))
    assert made.first() in found


def test_clear_removes_only_what_it_made(knowledge_base):
    before = (SourceDocument.objects.count(), Proposal.objects.count())
    generate("--proposals", "80", "--seed", "4")
    assert Proposal.objects.count() == before[1] + 80
    generate("--clear")
    assert (SourceDocument.objects.count(), Proposal.objects.count()) == before
    assert not search.matching_proposals(Proposal.objects.all(), parse("alliance")).filter(
        slug__startswith=synthetic.SLUG_PREFIX
    )


def test_a_database_with_an_editors_sources_is_refused_unless_forced(knowledge_base):
    source = SourceDocument.objects.first()
    source.pk, source.slug, source.title = None, "an-editors-paper", "An editor's paper"
    source.save()
    with pytest.raises(CommandError, match="--force"):
        generate("--proposals", "10")
    assert not synthetic.synthetic_proposals().exists()
    generate("--proposals", "10", "--force")
    assert synthetic.synthetic_proposals().count() == 10


def test_adding_twice_without_clear_is_refused(knowledge_base):
    generate("--proposals", "10")
    with pytest.raises(CommandError, match="--clear"):
        generate("--proposals", "10")
    assert synthetic.synthetic_proposals().count() == 10


@pytest.mark.django_db
def test_an_empty_database_is_told_to_load_the_knowledge_base_first():
    with pytest.raises(CommandError, match="load_kb"):
        generate("--proposals", "10")


def test_the_grown_tables_get_the_planners_statistics(knowledge_base):
    from django.db import connection

    generate("--proposals", "60")
    rows = Proposal.objects.count()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'proposals_proposal'")
            # Each row's statistics start with the table's row count.
            counts = {int(stat.split()[0]) for (stat,) in cursor.fetchall()}
        else:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'proposals_proposal'")
            counts = {int(cursor.fetchone()[0])}
    assert counts == {rows}
