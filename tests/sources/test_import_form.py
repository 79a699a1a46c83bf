"""Importing a file on the source form: the PDF's notes go into Notes, the title is not repeated
as the body's first paragraph, and a word broken at a line end is joined when the knowledge base
writes it whole."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from core.models import PublicationStatus
from sources.broken_words import BREAK_MARK, rejoin_hyphens
from sources.extraction import without_title
from sources.models import SourceDocument
from tests.editorial.test_source_admin import ADD_URL, new_source_data
from tests.factories import make_source
from tests.sources.test_extraction import PAPER_PAGES, WEB_PAGE, make_pdf
from tests.sources.test_pdf_notes import expected_notes

pytestmark = pytest.mark.django_db


def extract(client, name, content, **fields):
    data = new_source_data(text_file=SimpleUploadedFile(name, content), **fields)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    return response, response.context["adminform"].form


# Notes ------------------------------------------------------------------------------------------


def test_a_pdfs_notes_go_into_the_empty_notes_field(editor_client, printed_briefs):
    response, form = extract(editor_client, "brief.pdf", printed_briefs[2])
    assert form["notes"].value() == expected_notes()
    assert "Leif-Eric Easley" not in form["body"].value()
    assert "3 notes" in response.text and "moved out of Body into" in response.text
    assert not SourceDocument.objects.exists()


def test_notes_an_editor_wrote_are_kept_and_the_files_are_shown(editor_client, printed_briefs):
    response, form = extract(
        editor_client, "brief.pdf", printed_briefs[1], notes="Translated by K."
    )
    assert form["notes"].value() == "Translated by K."
    assert "already holds other text" in response.text
    assert "2. Leif-Eric Easley" in response.text


# The title ------------------------------------------------------------------------------------


def test_the_pages_title_is_not_repeated_as_the_bodys_first_paragraph(editor_client):
    response, form = extract(editor_client, "page.html", WEB_PAGE.encode(), title="", slug="")
    assert form["title"].value() == "Burden sharing for a new era"
    assert form["body"].value().startswith("The alliance must deepen its cooperation")
    assert "repeats the title as its first paragraph" in response.text


@pytest.mark.parametrize(
    ("name", "content"),
    [("page.html", WEB_PAGE.encode()), ("paper.pdf", make_pdf(PAPER_PAGES))],
)
def test_the_editors_title_is_left_out_of_the_body_case_and_spacing_aside(
    editor_client, name, content
):
    _, form = extract(editor_client, name, content, title="  burden sharing  for a NEW era ")
    body = form["body"].value()
    assert not body.lower().startswith("burden sharing")
    assert "The alliance must deepen its cooperation" in body


def test_a_first_paragraph_that_is_not_the_title_stays(editor_client):
    _, form = extract(editor_client, "paper.pdf", make_pdf(PAPER_PAGES), title="Another title")
    assert form["body"].value().startswith("Burden Sharing for a New Era\n\n")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet="ab .\n", min_size=1, max_size=12), min_size=1, max_size=4),
    st.text(alphabet="ab .", max_size=12),
)
def test_without_title_drops_at_most_the_first_paragraph_and_never_the_only_one(paragraphs, title):
    text = "\n\n".join(paragraphs)
    result = without_title(text, title)
    assert result == text or text.endswith("\n\n" + result) or text.endswith("\n" + result)
    assert result.strip() or not text.strip() or result == text


# Words broken at a line end -------------------------------------------------------------------

BROKEN = make_pdf(
    [
        [
            "Tokyo should establish a joint stockpile of muni-",
            "tions in Okinawa, since supplies run short in a crisis and the",
            "U.S.-",
            "Japan alliance needs them; the allies must answer for self-",
            "defense together.",
        ]
    ]
)


def test_a_broken_word_the_knowledge_base_writes_whole_is_joined(editor_client):
    make_source(body="Stocks of munitions and of self defense equipment ran short.")
    response, form = extract(editor_client, "paper.pdf", BROKEN)
    body = form["body"].value()
    assert "stockpile of munitions in Okinawa" in body
    assert "published papers do, are joined: munitions." in response.text
    # Real hyphens stay: no source writes "U.S.Japan" or "selfdefense" as one word.
    assert "U.S.-Japan" in body and "self-defense" in body


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, None])
def test_without_a_published_source_writing_it_the_hyphen_stays(editor_client, status):
    if status:
        make_source(body="Stocks of munitions ran short.", status=status)
    response, form = extract(editor_client, "paper.pdf", BROKEN)
    assert "stockpile of muni-tions in Okinawa" in form["body"].value()
    assert "extracted-joins" not in response.text


def test_words_written_matches_whole_words_of_published_bodies_only():
    make_source(body="The munitions depot; preparations.")
    make_source(body="A draft on logistics.", status=PublicationStatus.DRAFT)
    found = SourceDocument.objects.words_written({"munitions", "munition", "logistics", "prep"})
    assert found == {"munitions"}


words = st.text(alphabet="abcd", min_size=1, max_size=4)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(words, words), min_size=1, max_size=4), st.sets(words, max_size=6))
def test_a_break_is_joined_exactly_when_the_text_or_the_knowledge_base_writes_the_word(
    breaks, known
):
    text = " ".join(f"{left}-{BREAK_MARK}{right}" for left, right in breaks)
    asked = []

    def known_words(candidates):
        asked.append(set(candidates))
        return {word for word in candidates if word in known}

    result = rejoin_hyphens(text, known_words=known_words)
    assert BREAK_MARK not in result
    in_text = {w for pair in breaks for w in pair}
    for (left, right), word in zip(breaks, result.split(" "), strict=True):
        joined = left + right
        assert word == (joined if joined in known | in_text else f"{left}-{right}")
    assert len(asked) <= 1
