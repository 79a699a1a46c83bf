"""British and American spellings find each other, in words and phrases, on either database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proposals.models import Proposal
from search import backends as search
from search.query import parse
from search.spelling import REVERSED, STEMS, spellings, variants
from tests.factories import make_proposal


def found(text: str) -> set[str]:
    return set(
        search.matching_proposals(Proposal.objects.all(), parse(text)).values_list(
            "slug", flat=True
        )
    )


@pytest.mark.django_db
def test_the_knowledge_bases_phrase_is_found_in_both_spellings(knowledge_base):
    british, american = found('"collective self-defence"'), found('"collective self-defense"')
    assert british == american
    assert len(british) >= 2  # before respelling, "self-defense" found none of them


@pytest.mark.django_db
@pytest.mark.parametrize("british,american", list(STEMS.items())[:12])
def test_each_pair_finds_the_other(british, american):
    one = make_proposal(title=f"Reform the {british} budget", slug="one")
    other = make_proposal(title=f"Reform the {american} budget", slug="other")
    make_proposal(title="Reform the tax budget", slug="neither")
    expected = {one.slug, other.slug}
    assert found(british) == expected
    assert found(american) == expected
    assert found(f'"the {british} budget"') == expected
    assert found(f"budget -{american}") == {"neither"}


@pytest.mark.django_db
def test_ise_and_ize_find_each_other():
    make_proposal(title="Japan should modernise its alliance management", slug="ise")
    make_proposal(title="The alliance needs a modernization plan", slug="ize")
    for word in ("modernise", "modernize", "modernisation", "modernization"):
        assert found(word) == {"ise", "ize"}, word


@given(st.sampled_from([*STEMS, *REVERSED]), st.sampled_from(["", "s", "d", "ing"]))
def test_a_respelling_reads_back(stem, ending):
    word = stem + ending
    assert variants(word), word
    for other in variants(word):
        assert word in variants(other), (word, other)


@given(st.lists(st.sampled_from(["defence", "programme", "japan", "organise", "the"]), max_size=5))
def test_spellings_keep_the_words_in_order_and_are_capped(words):
    results = spellings(words)
    assert results[0] == words
    assert len(results) <= 4
    assert all(len(r) == len(words) for r in results)
    assert len({tuple(r) for r in results}) == len(results)
