"""A source searched with ?q= lists one hit per passage that holds the words, highlighted, each
linking to that passage's anchor in the text below."""

import re

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from browse.selectors.text_hits import text_hits
from tests.factories import make_source

pytestmark = pytest.mark.django_db

WORDS = ["alliance", "Okinawa", "trade", "basing", "China", "defence", "summit"]
BODY = "\n\n".join(
    [
        "Introduction",
        "The alliance must adapt. The alliance is old.",
        "Okinawa bears the burden of basing.",
        "Trade with China grows; defense spending does not.",
        "- A summit on trade\n- A summit on defence",
        "Nothing here.",
    ]
)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2, unique=True))
def test_each_passage_holding_every_word_is_one_hit_and_no_other_is(words):
    found = text_hits(BODY, " ".join(words))
    passages = [p for p in re.split(r"\n\n|\n(?=- )", BODY) if p != "Introduction"]

    def holds(passage, word):
        forms = {word.lower(), "defense" if word == "defence" else word.lower()}
        return any(re.search(rf"\b{f}", passage, re.I) for f in forms)

    expected = [p for p in passages if all(holds(p, w) for w in words)]
    assert found.total == len(expected) == len(found.hits)
    for hit in found.hits:
        for word in words:
            assert re.search(rf"<mark>{word[:5]}", hit.snippet, re.I), (word, hit.snippet)


def test_no_search_gives_no_hits_section():
    assert text_hits(BODY, "") is None
    assert text_hits(BODY, "\x00") is None


def test_an_excluded_word_drops_its_passages():
    found = text_hits(BODY, "trade -china")
    assert [hit.number for hit in found.hits] == [4]  # the first list item, not paragraph 3


def test_the_source_page_links_each_hit_to_its_passage_in_the_text(client):
    source = make_source(body=BODY)
    response = client.get(source.get_absolute_url(), {"q": "summit"})
    hits = response.context["text_hits"].hits
    assert len(hits) == 2
    for hit in hits:
        assert f'href="#para-{hit.number}"' in response.text
        assert f'id="para-{hit.number}"' in response.text
    assert "2 passages matching “summit”" in response.text
    assert "<mark>summit</mark>" in response.text


def test_markup_in_the_search_is_text_not_html(client):
    source = make_source(body="A <b>bold</b> claim about <script>x</script> basing.")
    response = client.get(source.get_absolute_url(), {"q": "script basing"})
    assert "<script>x" not in response.text
    assert response.status_code == 200


def test_the_lists_full_text_hits_open_the_source_at_its_hits(client, knowledge_base):
    response = client.get(reverse("proposals:list"), {"q": "okinawa"})
    for source in response.context["listing"].source_hits:
        assert f'href="{source.get_absolute_url()}?q=okinawa#hits"' in response.text
        page = client.get(source.get_absolute_url(), {"q": "okinawa"})
        assert page.context["text_hits"].total >= 1
