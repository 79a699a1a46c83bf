"""The site's description counts the published papers, cached on the knowledge base's version."""

import datetime
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from core.models import PublicationStatus
from sources.templatetags.kb_papers import papers_phrase
from tests.factories import make_source

pytestmark = pytest.mark.django_db


def description(client, url="/sources/") -> str:
    html = client.get(url).content.decode()
    return re.search(r'<meta name="description" content="([^"]*)"', html).group(1)


def footer(client, url="/") -> str:
    html = client.get(url).content.decode()
    return re.search(r'<footer class="site-footer">(.*?)</footer>', html, re.S).group(1)


def test_publishing_a_sixth_paper_changes_the_description(client):
    for year in (2007, 2009, 2012, 2015, 2016):
        make_source(published_on=datetime.date(year, 1, 1))
    assert "from five papers, 2007–2016," in description(client)
    sixth = make_source(published_on=datetime.date(2018, 3, 1), status=PublicationStatus.DRAFT)
    # A draft is no paper of the public knowledge base yet.
    assert "from five papers, 2007–2016," in description(client)
    sixth.status = PublicationStatus.PUBLISHED
    sixth.save()
    assert "from six papers, 2007–2018," in description(client)
    # The footer of every page says it too, the home page's included.
    assert "(six papers, 2007–2018)" in footer(client)
    assert "(six papers, 2007–2018)" in footer(client, sixth.get_absolute_url())


def test_the_count_is_read_once_per_version_of_the_knowledge_base():
    make_source()
    template = Template("{% load kb_papers %}{% kb_papers %}")
    with CaptureQueriesContext(connection) as first:
        assert template.render(Context()) == "one paper, 2015"
    with CaptureQueriesContext(connection) as again:
        template.render(Context())
    assert (len(first), len(again)) == (1, 0)


@given(st.integers(min_value=0, max_value=500))
def test_the_phrase_is_singular_for_one_paper_only(count):
    phrase = papers_phrase(count)
    assert phrase.endswith(" paper") == (count == 1)
    assert phrase.endswith(" papers") == (count != 1)
