"""A search that matched through another spelling or an alias says so above the results."""

import pytest
from django.urls import reverse

from browse.selectors.also_matched import also_matched
from search.query import parse
from tests.factories import make_actor, make_proposal

pytestmark = pytest.mark.django_db
LIST = reverse("proposals:list")


def test_other_spellings_are_named():
    assert also_matched(parse("collective self-defence"), user=None) == ["defence → defense"]
    assert also_matched(parse("programme"), user=None) == ["programme → program"]
    assert also_matched(parse("alliance"), user=None) == []
    assert also_matched(parse(""), user=None) == []


def test_an_alias_names_what_it_stands_for_as_typed(client):
    korea = make_actor(name="South Korea", aliases="ROK\nRepublic of Korea")
    proposal = make_proposal(actors=[korea], title="Talk to Seoul")
    response = client.get(LIST, {"q": "ROK"})
    assert [p.pk for p in response.context["proposals"]] == [proposal.pk]
    assert response.context["also_matched"] == ["ROK = South Korea"]
    assert "Also matched: ROK = South Korea" in response.text


def test_nothing_is_said_when_the_words_matched_as_typed(client):
    make_proposal(title="Alliance summit")
    response = client.get(LIST, {"q": "summit"})
    assert "Also matched" not in response.text
