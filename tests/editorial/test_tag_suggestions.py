"""Suggested tags and related proposals, and their leave-one-paper-out measure."""

from hypothesis import given
from hypothesis import strategies as st

from editorial.tag_suggestions import Item, evaluate, suggest_related, suggest_tags

VOCABULARY = {
    ("actor", 1): ["Japan"],
    ("framework", 2): ["Asian Infrastructure Investment Bank", "AIIB"],
}


def test_names_and_aliases_in_the_sentence_are_suggested_as_whole_words():
    assert suggest_tags("Japan should join the AIIB.", VOCABULARY, []) == {
        ("actor", 1),
        ("framework", 2),
    }
    assert suggest_tags("Japanese firms and the AIIBX fund.", VOCABULARY, []) == set()


def test_a_papers_own_proposals_never_suggest_its_tags_or_links():
    same = [Item(pk, 1, "coast guard cooperation patrol", {("theme", 9)}, {3}) for pk in (1, 2)]
    other = Item(3, 2, "unrelated words entirely", set(), set())
    result = evaluate([*same, other], {})
    suggested, right, stored, precision, recall = result["tags"]
    assert (suggested, right, stored) == (0, 0, 2)
    # Item 1's nearest in other papers is item 3 (its only choice), which it stores as related
    # only if the words overlap: they do not, so nothing is suggested.
    assert result["related"][:2] == (0, 0)


@given(st.lists(st.text(alphabet="abc ", min_size=1, max_size=20), min_size=1, max_size=6))
def test_related_suggestions_come_only_from_the_proposals_offered(texts):
    others = [Item(pk, 2, text, set(), set()) for pk, text in enumerate(texts)]
    assert set(suggest_related("abc abc", others)) <= {o.pk for o in others}
