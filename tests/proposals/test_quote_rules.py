"""Quotes stay whole: whole words, one place (or the one the editor chose), and whole sentences
of one paragraph unless the editor confirms otherwise — on add, on edit and in load_kb."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from core.text.quote_rules import occurrences, sentence_warnings
from proposals.models import Proposal
from tests.editorial.test_source_admin import changeform_data
from tests.factories import make_proposal, make_source
from tests.proposals.test_admin_proposals import ADD_URL, proposal_data

BODY = (
    "Japan should establish a joint stockpile of munitions with the United States.\n\n"
    "The allies should review their command arrangements. Tokyo should lead.\n\n"
    "Critics say the bases burden Okinawa, and the allies should listen."
)

words = st.text(alphabet="abcdefgh", min_size=1, max_size=6)


# The rules themselves ---------------------------------------------------------------------------


@given(st.lists(words, min_size=2, max_size=12), st.data())
def test_every_occurrence_found_begins_and_ends_at_word_boundaries(body_words, data):
    body = " ".join(body_words)
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    quote = body[start:end]
    if not quote.strip():
        return
    found, partial = occurrences(body, quote)
    for occurrence in found:
        assert occurrence.start == 0 or not body[occurrence.start - 1].isalnum()
        assert occurrence.end == len(body) or not body[occurrence.end].isalnum()
    whole_span = (start == 0 or body[start - 1] == " ") and (end == len(body) or body[end] == " ")
    if whole_span and quote == quote.strip():
        assert any(o.start == start for o in found)
    assert found or partial


@given(st.lists(st.sampled_from(["Act now.", "Wait.", "Japan should lead."]), min_size=1))
def test_whole_sentences_of_one_line_need_no_confirmation(sentences):
    body = " ".join(sentences)
    for index in range(len(sentences)):
        start = len(" ".join(sentences[:index])) + (1 if index else 0)
        end = start + len(sentences[index])
        assert sentence_warnings(body, start, end) == []


def test_half_a_sentence_and_two_paragraphs_are_warned_about():
    start = BODY.index("establish")
    assert sentence_warnings(BODY, start, BODY.index(" with")) == [
        "it does not begin at the start of a sentence",
        "it does not end at the end of a sentence",
    ]
    assert sentence_warnings(BODY, 0, BODY.index("Tokyo") - 1) == [
        "it runs over more than one paragraph"
    ]


# The model: every path (admin, load_kb, full_clean) ----------------------------------------------


@pytest.mark.django_db
def test_a_mid_word_fragment_is_refused_with_a_message():
    source = make_source(body=BODY)
    proposal = Proposal(source=source, position=1, slug="x", title="X", summary="S")
    proposal.quote = "ould establish a joint stockp"
    with pytest.raises(ValidationError) as error:
        proposal.full_clean()
    assert "begins or ends inside a word" in str(error.value)


@pytest.mark.django_db
def test_a_repeated_quote_is_refused_on_edit_unless_an_occurrence_is_chosen():
    source = make_source(body=BODY)
    proposal = make_proposal(source=source, quote="Tokyo should lead.")
    proposal.quote = "should"
    with pytest.raises(ValidationError) as error:
        proposal.full_clean()
    assert "occurs 4 times" in str(error.value)
    proposal.quote_occurrence = 3
    proposal.full_clean()
    proposal.save()
    assert proposal.quote_start == BODY.index("should lead")


@pytest.mark.django_db
def test_an_unchanged_repeated_quote_still_saves(editor_client):
    source = make_source(body=BODY)
    proposal = make_proposal(source=source, quote="Tokyo should lead.")
    Proposal.objects.filter(pk=proposal.pk).update(quote="should")  # stored before the rules
    proposal.refresh_from_db()
    proposal.title = "Renamed"
    proposal.full_clean()


# The admin form -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_add_form_asks_which_occurrence_showing_each_in_context(editor_client):
    source = make_source(body=BODY)
    response = editor_client.post(ADD_URL, proposal_data(source, quote="allies should"))
    form = response.context["adminform"].form
    assert "occurs 2 times" in form.errors["quote"][0]
    labels = [label for _value, label in form.fields["quote_occurrence"].choices]
    assert len(labels) == 2
    assert "review their command" in labels[0] and "listen" in labels[1]

    data = proposal_data(source, quote="allies should", quote_occurrence="2")
    response = editor_client.post(ADD_URL, data)
    form = response.context["adminform"].form
    # Chosen, but half a sentence: the editor must confirm.
    assert "does not begin at the start of a sentence" in form.errors["quote"][0]
    response = editor_client.post(ADD_URL, {**data, "confirm_quote": "on"})
    assert response.status_code == 302
    proposal = Proposal.objects.get(source=source)
    assert proposal.quote_start == BODY.index("allies should listen")


@pytest.mark.django_db
def test_a_quote_over_two_paragraphs_is_saved_only_once_confirmed(editor_client):
    source = make_source(body=BODY)
    quote = BODY[: BODY.index("Tokyo") - 1]
    response = editor_client.post(ADD_URL, proposal_data(source, quote=quote))
    assert "more than one paragraph" in response.context["adminform"].form.errors["quote"][0]
    assert not Proposal.objects.exists()
    response = editor_client.post(ADD_URL, proposal_data(source, quote=quote, confirm_quote="on"))
    assert response.status_code == 302
    assert Proposal.objects.get().quote == quote


@pytest.mark.django_db
def test_editing_a_quote_to_one_word_that_recurs_is_refused(editor_client):
    source = make_source(body=BODY)
    proposal = make_proposal(source=source, quote="Tokyo should lead.")
    url = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    data = changeform_data(editor_client.get(url))
    response = editor_client.post(url, {**data, "quote": "should"})
    assert "occurs 4 times" in response.context["adminform"].form.errors["quote"][0]
    proposal.refresh_from_db()
    assert proposal.quote == "Tokyo should lead."


@pytest.mark.django_db
def test_editing_other_fields_of_a_confirmed_partial_quote_asks_nothing_again(editor_client):
    source = make_source(body=BODY)
    proposal = make_proposal(source=source, quote="establish a joint stockpile")
    url = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    data = changeform_data(editor_client.get(url))
    response = editor_client.post(url, {**data, "title": "A new title"})
    assert response.status_code == 302


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["ould establish", "stockp", "establish a joint stockp", "apan should"]))
def test_no_fragment_of_a_word_is_ever_accepted(fragment):
    whole, partial = occurrences(BODY, fragment)
    assert not whole and partial
