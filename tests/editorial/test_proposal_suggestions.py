"""Suggested tags and related proposals on the proposal form, and the full-text neighbours."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editorial.proposal_suggestions import paragraph_of, suggestions_for_proposal
from editorial.similar import query_words, similar_proposal_ids
from tests.factories import make_actor, make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db

BODY = (
    "Introduction to the paper.\n\n"
    "Japan should expand coast guard patrols around the Senkaku islands with the United States."
    "\n\nA closing paragraph about budgets."
)
QUOTE = "Japan should expand coast guard patrols around the Senkaku islands with the United States."


def two_papers():
    coast = make_theme(name="Coast guard")
    japan = make_actor(name="Japan")
    other = make_source(
        body="The allies must fund joint coast guard patrols near the Senkaku islands.\n\n"
        "Tokyo should lower tariffs on rice imports."
    )
    near = make_proposal(
        source=other,
        title="Joint patrols",
        quote="The allies must fund joint coast guard patrols near the Senkaku islands.",
        themes=[coast],
    )
    far = make_proposal(
        source=other, title="Rice tariffs", quote="Tokyo should lower tariffs on rice imports."
    )
    source = make_source(body=BODY, status="draft")
    return source, coast, japan, near, far


def test_the_nearest_proposal_by_full_text_comes_first_and_the_own_paper_never():
    source, _, _, near, far = two_papers()
    own = make_proposal(source=source, quote=QUOTE, title="Patrols")
    ids = similar_proposal_ids(QUOTE, other_than_source=source.pk, limit=3)
    assert ids[0] == near.pk
    assert far.pk not in ids  # it shares no content word with the quote
    assert own.pk not in ids
    assert similar_proposal_ids(QUOTE, other_than_source=source.pk, exclude=[near.pk]) == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_any_text_is_a_valid_query_on_either_database(text):
    # Whatever the editor pastes (quotes, operators, accents), the query runs and finds a list.
    assert isinstance(similar_proposal_ids(text, other_than_source=None), list)
    assert all(w.isalnum() and w.islower() for w in query_words(text))


def test_the_suggestions_name_the_tags_in_the_paragraph_and_the_similar_proposals():
    source, coast, japan, near, _ = two_papers()
    found = suggestions_for_proposal(source=source, quote=QUOTE)
    assert [s.pk for s in found.themes] == [coast.pk]  # its name stands in the quote
    assert [s.pk for s in found.actors] == [japan.pk]
    assert [s.pk for s in found.related][:1] == [near.pk]


def test_tags_and_links_the_proposal_already_has_are_not_suggested_again():
    source, coast, japan, near, _ = two_papers()
    proposal = make_proposal(source=source, quote=QUOTE, themes=[coast], actors=[japan])
    proposal.related.add(near)
    found = suggestions_for_proposal(source=source, quote=QUOTE, proposal=proposal)
    assert not found.themes and not found.actors
    assert near.pk not in [s.pk for s in found.related]


def test_the_change_form_shows_the_suggestions_with_accept_and_dismiss(editor_client):
    source, coast, japan, near, _ = two_papers()
    proposal = make_proposal(source=source, quote=QUOTE)
    page = editor_client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-kind="theme" data-pk="{coast.pk}"' in html
    assert f'data-kind="actor" data-pk="{japan.pk}"' in html
    assert f'data-kind="related" data-pk="{near.pk}"' in html
    assert html.count("kb-accept") >= 3 and "kb-dismiss" in html
    assert "js/admin_suggestions.js" in html


def test_the_add_form_suggests_from_the_prefilled_quote(editor_client):
    source, coast, *_ = two_papers()
    page = editor_client.get(
        reverse("admin:proposals_proposal_add"), {"source": source.pk, "quote": QUOTE}
    )
    assert f'data-kind="theme" data-pk="{coast.pk}"' in page.content.decode()


@pytest.mark.parametrize("source", ["", "999999", "abc", "²"])
def test_an_add_form_without_a_usable_source_asks_for_one_and_never_fails(editor_client, source):
    page = editor_client.get(
        reverse("admin:proposals_proposal_add"), {"source": source, "quote": QUOTE}
    )
    assert page.status_code == 200
    assert "suggestions are worked out from the quote" in page.content.decode()


@given(st.text(alphabet="ab\n", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_the_paragraph_holds_the_span_and_no_blank_line_outside_it(body, a, b):
    start, end = sorted((min(a, len(body)), min(b, len(body))))
    paragraph = paragraph_of(body, start, end)
    before = body.rfind("\n\n", 0, start)
    at = before + 2 if before >= 0 else 0
    assert body[at : at + len(paragraph)] == paragraph
    assert at <= start and end <= at + len(paragraph)
    assert "\n\n" not in body[at:start] + "|" + body[end : at + len(paragraph)]


def test_the_measure_in_the_docs_is_what_kb_suggest_eval_reports(knowledge_base):
    # docs/editors.md gives these figures; a change to the suggestions must update both.
    def run(*args):
        out = io.StringIO()
        call_command("kb_suggest_eval", *args, stdout=out)
        return out.getvalue()

    fulltext = run()
    assert "tags: 808 suggested, 422 of them stored, 659 stored" in fulltext
    assert "related: 444 suggested, 44 of them stored, 176 stored" in fulltext
    assert "related: 444 suggested, 37 of them stored, 176 stored" in run("--related", "words")
