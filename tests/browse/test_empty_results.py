"""An empty list says what to try: a respelled search that finds something, and each filter's
removal with the number of proposals it would bring back, every number what its link lists."""

import random

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.query import parse
from search.suggest import did_you_mean, knowledge_base_words

pytestmark = pytest.mark.django_db
LIST = reverse("proposals:list")


def _listed(client, url: str) -> int:
    return client.get(LIST + url).context["listing"].page.paginator.count


def _typo(word: str, rng: random.Random) -> str:
    """One slip of the hand: a letter dropped, doubled, swapped with the next, or replaced."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "double", "swap", "replace"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + ("x" if word[i] != "x" else "q") + word[i + 1 :]


def test_a_misspelt_place_is_offered_respelled(client, knowledge_base):
    listing = client.get(LIST, {"q": "Okinwa"}).context["listing"]
    assert listing.page.paginator.count == 0
    assert listing.suggestion.label == "Okinawa"
    assert listing.suggestion.count == _listed(client, listing.suggestion.url) > 0
    assert b"Did you mean" in client.get(LIST, {"q": "Okinwa"}).content


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 10**6))
def test_a_slip_in_a_known_word_is_offered_a_known_word(knowledge_base, seed):
    rng = random.Random(seed)
    words = knowledge_base_words()
    long_words = sorted(w for w in words if len(w) >= 7)
    word = rng.choice(long_words)
    typed = _typo(word, rng)
    suggestion = did_you_mean(parse(typed))
    if typed in words:
        assert suggestion is None  # a real word is never "corrected"
    else:
        assert suggestion is not None, typed
        assert suggestion.lower() in words


def test_known_words_are_left_alone(knowledge_base):
    assert did_you_mean(parse("Okinawa alliance")) is None
    assert did_you_mean(parse("xqzzyv")) is None  # nothing near it: no guess


# The Easley paper is no editorial and never names the AIIB: dropping any one filter lists nothing.
NO_SINGLE_WAY_OUT = {
    "q": "AIIB",
    "source": "easley-2007-alliance-diplomacy",
    "doc_kind": "editorial",
}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "AIIB", "theme": "basing-okinawa", "actor": "japan"},
        {"q": "Okinwa", "source": "tanaka-2015-next-step"},
        NO_SINGLE_WAY_OUT,
    ],
)
def test_each_way_out_lists_what_it_says(client, knowledge_base, params):
    listing = client.get(LIST, params).context["listing"]
    assert listing.page.paginator.count == 0  # these filters are chosen to list nothing
    counts = [way.count for way in listing.ways_out]
    assert counts == sorted(counts, reverse=True)
    offered = {way.url: way for way in listing.ways_out}
    for chip in listing.chips:  # every filter is offered for removal exactly when that helps
        listed = _listed(client, chip.url)
        if chip.url in offered:
            assert offered[chip.url].count == listed > 0, chip.label
        else:
            assert listed == 0, chip.label
    assert len(listing.ways_out) >= (1 if params is not NO_SINGLE_WAY_OUT else 0)


def test_a_null_character_is_removed_and_said(client, knowledge_base):
    response = client.get(LIST, {"q": "\x00"})
    listing = response.context["listing"]
    assert listing.page.paginator.count > 0
    assert any("null character" in notice for notice in listing.notices)
    assert b"No proposals are published yet" not in response.content
    okinawa = client.get(LIST, {"q": "Oki\x00nawa"}).context["listing"]
    assert okinawa.search.text == "Oki nawa"
