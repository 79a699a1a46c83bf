"""Authors and publication date read from a saved web page's metadata, never from a guess."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from sources.extraction import extract_text
from sources.html_metadata import page_metadata, parse_date
from tests.editorial.test_source_admin import new_source_data
from tests.factories import make_author

PARAGRAPHS = [
    "The alliance faces a harder decade than the last, and its managers know it.",
    "Tokyo should establish a standing joint operations headquarters with U.S. Forces Japan "
    "before the end of the decade, so that the two militaries can plan and act as one.",
    "Washington should accept that such a headquarters changes how its command in Hawaii works.",
]

# A page as a policy review publishes it: navigation, a byline, comments, and its metadata.
PAGE = (
    """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>A Joint Headquarters for the Alliance | Policy Review</title>
<meta name="citation_title" content="A Joint Headquarters for the Alliance">
<meta name="citation_author" content="Sheila A. Smith">
<meta name="citation_author" content="Charles T. McClean">
<meta name="citation_publication_date" content="2024/03">
<meta property="article:published_time" content="2024-03-12T08:00:00+00:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Article",
 "datePublished": "2024-03-12", "author": [{"@type": "Person", "name": "Someone Else"}]}
</script></head><body>
<nav><a href="/">Home</a> <a href="/topics">Topics</a> <a href="/about">About</a></nav>
<article><h1>A Joint Headquarters for the Alliance</h1>
<p class="byline">By Sheila A. Smith and Charles T. McClean — March 2024</p>"""
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + """</article><section class="comments"><h2>Comments</h2>
<p>Great read, posted 12 May 2019!</p></section></body></html>"""
)


def test_the_citation_tags_give_the_authors_and_the_date_with_its_precision():
    result = extract_text(filename="paper.html", data=PAGE.encode())
    assert result.authors == ("Sheila A. Smith", "Charles T. McClean")  # as written, dots kept
    assert (result.published_on, result.published_precision) == ("2024-03-01", "month")
    for paragraph in PARAGRAPHS:
        assert paragraph in result.text.split("\n\n")


def test_json_ld_gives_them_when_no_tag_does():
    page = PAGE.replace('name="citation_', 'name="x_').replace('property="article:', 'x="')
    found = page_metadata(page.encode())
    assert found.authors == ("Someone Else",)
    assert (found.published_on, found.precision) == ("2024-03-12", "day")


def test_a_date_in_the_text_only_is_never_taken_for_the_publication_date():
    page = (
        "<html><head><title>Notes</title></head><body><article><p>Posted 12 May 2019. "
        + " ".join(PARAGRAPHS)
        + "</p></article></body></html>"
    )
    assert page_metadata(page.encode()).published_on == ""


@given(
    st.integers(1000, 2999),
    st.one_of(st.none(), st.integers(1, 12)),
    st.one_of(st.none(), st.integers(1, 28)),
)
def test_a_date_is_never_more_precise_than_the_page_says(year, month, day):
    text = str(year) + (f"-{month:02}" + (f"-{day:02}" if day else "") if month else "")
    iso, precision = parse_date(text)
    assert precision == ("day" if month and day else "month" if month else "year")
    assert iso.startswith(text) and iso.endswith("-01" if precision != "day" else iso[-3:])


@pytest.mark.parametrize("value", ["", "March 2024", "2024-13", "2024-02-30", "20245", "soon"])
def test_what_is_not_a_date_gives_none(value):
    assert parse_date(value) is None


@pytest.mark.django_db
def test_the_source_form_prefills_the_date_and_names_the_authors(editor_client):
    known = make_author(name="Sheila A. Smith")
    data = new_source_data(text_file=SimpleUploadedFile("paper.html", PAGE.encode()))
    response = editor_client.post(reverse("admin:sources_sourcedocument_add"), data)
    form = response.context["adminform"].form
    assert str(form["published_on"].value()) == "2024-03-01"
    assert form["published_on_precision"].value() == "month"
    html = response.content.decode()
    assert reverse("admin:sources_author_change", args=[known.pk]) in html
    assert "Charles T. McClean (new:" in html
    assert not known.authorships.exists()  # nothing saved: the editor confirms
