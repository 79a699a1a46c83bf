"""The proposal admin: the prefilled add form, quote validation, publishing and history."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import PublicationStatus
from proposals.models import Proposal, ProposalActor
from tests.editorial.test_source_admin import changeform_data
from tests.factories import make_actor, make_framework, make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:proposals_proposal_add")


def proposal_data(source, **fields) -> dict:
    data = {
        "source": source.pk,
        "title": "Japan joins the AIIB",
        "slug": "japan-joins-the-aiib",
        "position": "",
        "kind": "recommendation",
        "quote": "Japan should join the Asian Infrastructure Investment Bank",
        "summary": "Japan should become a member of the bank.",
        "actor_roles-TOTAL_FORMS": "0",
        "actor_roles-INITIAL_FORMS": "0",
        "actor_roles-MIN_NUM_FORMS": "0",
        "actor_roles-MAX_NUM_FORMS": "1000",
        # The evidence log's inline (outcomes) on the same page, left empty.
        "assessments-TOTAL_FORMS": "0",
        "assessments-INITIAL_FORMS": "0",
        "assessments-MIN_NUM_FORMS": "0",
        "assessments-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


# The prefilled add form --------------------------------------------------------------------------


def test_the_add_form_is_prefilled_from_source_and_quote_with_the_next_position(editor_client):
    source = make_source()
    make_proposal(source=source)
    response = editor_client.get(ADD_URL, {"source": source.pk, "quote": " Japan should join "})
    initial = response.context["adminform"].form.initial
    assert initial == {"source": source.pk, "quote": "Japan should join", "position": 2}
    assert source.title in response.text  # the autocomplete shows the chosen source


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"source": "abc"}, "There is no source with ID “abc”"),
        ({"source": "999999"}, "There is no source with ID “999999”"),
        ({"source": "1 OR 1=1"}, "There is no source with ID “1 OR 1=1”"),
        ({"source": "9" * 30}, "There is no source with ID “" + "9" * 30 + "”"),
        # Digits to str.isdigit() that are no number to int(): these were a 500.
        ({"source": "²"}, "There is no source with ID “²”"),
        ({"source": "①"}, "There is no source with ID “①”"),
        ({"source": "9" * 5000}, "There is no source with ID “999"),
        ({"quote": "x" * 6000}, "The quote in the link was too long"),
        ({"themes": "zz", "related": "1,x", "position": "-4", "status": "published"}, None),
        ({"_changelist_filters": "status=draft", "kind": "nonsense"}, None),
    ],
)
def test_bad_parameters_to_the_add_form_never_fail_the_page(editor_client, query, message):
    response = editor_client.get(ADD_URL, query)
    assert response.status_code == 200
    if message:
        assert message in response.text
    assert "source" not in response.context["adminform"].form.initial


def test_a_quote_that_differs_only_in_whitespace_is_saved_with_computed_offsets(editor_client):
    source = make_source()
    quote = "Japan   should join the Asian\n  Infrastructure Investment\tBank"
    response = editor_client.post(ADD_URL, proposal_data(source, quote=quote))
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.quote == "Japan should join the Asian Infrastructure Investment Bank"
    assert source.body[proposal.quote_start : proposal.quote_end] == proposal.quote
    assert proposal.quote_prefix.endswith("disaster relief.\n\n")
    assert proposal.status == PublicationStatus.DRAFT


def test_a_quote_that_is_not_in_the_source_is_a_form_error_that_says_so(editor_client):
    source = make_source()
    data = proposal_data(source, quote="Japan should leave the alliance.")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["quote"]
    assert error.startswith("This quote does not occur in the source's text (whitespace aside).")
    assert not Proposal.objects.exists()


def test_an_empty_position_places_the_proposal_after_the_sources_last(editor_client):
    source = make_source()
    make_proposal(source=source, position=4)
    editor_client.post(ADD_URL, proposal_data(source, position=""))
    assert Proposal.objects.get(slug="japan-joins-the-aiib").position == 5


def test_a_position_already_taken_is_a_form_error(editor_client):
    existing = make_proposal()
    response = editor_client.post(ADD_URL, proposal_data(existing.source, position="1"))
    assert response.status_code == 200
    assert "Source and Position already exists" in str(response.context["adminform"].form.errors)


def test_themes_and_actors_are_saved_with_the_proposal(editor_client):
    source, theme, actor = make_source(), make_theme(), make_actor()
    data = proposal_data(
        source,
        themes=[theme.pk],
        **{
            "actor_roles-TOTAL_FORMS": "1",
            "actor_roles-0-actor": actor.pk,
            "actor_roles-0-role": ProposalActor.Role.ACTS,
        },
    )
    assert editor_client.post(ADD_URL, data).status_code == 302
    proposal = Proposal.objects.get()
    assert list(proposal.themes.all()) == [theme]
    assert list(proposal.actors.all()) == [actor]


def test_saving_a_proposal_made_from_a_suggestion_returns_to_the_suggestions(editor_client):
    source = make_source()
    url = f"{ADD_URL}?source={source.pk}&next=suggestions"
    response = editor_client.post(url, proposal_data(source), follow=True)
    suggestions = reverse("admin:sources_sourcedocument_suggestions", args=[source.pk])
    assert response.redirect_chain[-1][0] == suggestions
    assert "Proposal 1, “Japan joins the AIIB”, was added as a draft." in response.text
    # The sentence it quotes is no longer suggested.
    quotes = [s.quote for s in response.context["suggestions"]]
    assert not any("Japan should join" in quote for quote in quotes)
    assert any("The alliance must deepen" in quote for quote in quotes)


def test_save_and_continue_from_a_suggestion_stays_on_the_proposal(editor_client):
    source = make_source()
    url = f"{ADD_URL}?source={source.pk}&next=suggestions"
    response = editor_client.post(url, {**proposal_data(source), "_continue": "1"})
    proposal = Proposal.objects.get()
    change = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    assert urlsplit(response["Location"]).path == change


def test_a_proposal_cannot_be_related_to_itself(editor_client):
    proposal, other = make_proposal(), make_proposal()
    change = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    data = changeform_data(editor_client.get(change))
    data["related"] = [str(proposal.pk), str(other.pk)]
    response = editor_client.post(change, data)
    assert response.context["adminform"].form.errors["related"] == [
        "A proposal cannot be related to itself."
    ]
    data["related"] = [str(other.pk)]
    assert editor_client.post(change, data).status_code == 302
    assert list(other.related.all()) == [proposal]


@pytest.mark.parametrize(
    "fields",
    [
        {"source": "abc"},
        {"source": "²"},
        {"themes": ["abc"]},
        {"frameworks": ["1", "x"]},
        {"related": ["9" * 5000]},
        # Ids beyond the database's integers: on SQLite, OverflowError in an `in` lookup (500).
        {"source": "9" * 20},
        {"themes": ["9" * 20]},
        {"related": ["1", "-" + "9" * 20]},
        {
            "actor_roles-TOTAL_FORMS": "1",
            "actor_roles-0-actor": "abc",
            "actor_roles-0-role": "acts",
        },
    ],
)
def test_a_choice_that_is_no_id_is_a_form_error_and_saves_nothing(editor_client, fields):
    # The autocomplete widgets looked such a value up to show it again: a ValueError, a 500.
    data = proposal_data(make_source())
    data.update(fields)
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Please correct the error" in response.text
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("lookup", ["id__in", "source__in", "themes__id__in"])
def test_filtering_proposals_by_ids_beyond_the_database_integers_finds_none_of_them(
    editor_client, lookup
):
    # On SQLite an `in` lookup with such an id raised OverflowError (500).
    proposal = make_proposal(themes=[make_theme()])
    known = {"id__in": proposal.pk, "source__in": proposal.source_id}.get(lookup)
    known = known or proposal.themes.get().pk
    changelist = reverse("admin:proposals_proposal_changelist")
    response = editor_client.get(changelist, {lookup: f"{known},{'9' * 20}"})
    assert list(response.context["cl"].result_list) == [proposal]


# Publishing -------------------------------------------------------------------------------------


def test_the_publish_button_publishes_a_draft_and_warns_about_a_draft_source(editor_client):
    proposal = make_proposal(status="draft", source=make_source(status="draft"))
    url = reverse("admin:proposals_proposal_publish", args=[proposal.pk])
    response = editor_client.post(url, follow=True)
    proposal.refresh_from_db()
    assert proposal.status == PublicationStatus.PUBLISHED
    assert "once its source is published too" in response.text


def test_the_unpublish_button_returns_the_proposal_to_draft(editor_client):
    proposal = make_proposal()
    change = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    assert reverse("admin:proposals_proposal_unpublish", args=[proposal.pk]) in (
        editor_client.get(change).text
    )
    editor_client.post(reverse("admin:proposals_proposal_unpublish", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == PublicationStatus.DRAFT
    assert proposal.history.first().history_change_reason == "Unpublished"


def test_the_publish_url_refuses_a_get_and_an_unknown_proposal(editor_client):
    url = reverse("admin:proposals_proposal_publish", args=[make_proposal(status="draft").pk])
    assert editor_client.get(url).status_code == 405
    unknown = reverse("admin:proposals_proposal_publish", args=[999999])
    response = editor_client.post(unknown, follow=True)
    assert "doesn’t exist" in response.text


def test_the_publish_and_unpublish_actions(editor_client):
    first, second = make_proposal(status="draft"), make_proposal(status="draft")
    changelist = reverse("admin:proposals_proposal_changelist")
    selected = {"_selected_action": [first.pk, second.pk]}
    response = editor_client.post(changelist, {"action": "publish", **selected}, follow=True)
    assert "Published 2 proposals." in response.text
    assert Proposal.objects.published().count() == 2
    response = editor_client.post(changelist, {"action": "unpublish", **selected}, follow=True)
    assert "2 proposals back to draft." in response.text
    assert not Proposal.objects.published().exists()


def run_action(client, action, proposals) -> list[str]:
    """The messages the changelist shows after running the action on these proposals."""
    response = client.post(
        reverse("admin:proposals_proposal_changelist"),
        {"action": action, "_selected_action": [p.pk for p in proposals]},
        follow=True,
    )
    return [str(message) for message in response.context["messages"]]


def test_the_publish_action_counts_only_the_proposals_it_published(editor_client):
    draft = make_proposal(status="draft", title="A draft idea")
    public = [make_proposal(), make_proposal()]
    assert run_action(editor_client, "publish", [draft, *public]) == [
        "“A draft idea” is published. 2 others were already published."
    ]
    assert Proposal.objects.published().count() == 3
    drafts = [make_proposal(status="draft"), make_proposal(status="draft")]
    assert run_action(editor_client, "publish", [*drafts, public[0]]) == [
        "Published 2 proposals. 1 other was already published."
    ]


def test_the_publish_action_says_when_every_selected_proposal_was_already_published(
    editor_client,
):
    public = [make_proposal(), make_proposal()]
    assert run_action(editor_client, "publish", public) == [
        "Nothing to publish: all 2 selected proposals were already published."
    ]
    assert run_action(editor_client, "publish", public[:1]) == [
        "Nothing to publish: the selected proposal was already published."
    ]
    assert [r.history_change_reason for r in public[0].history.all()] == [None]


def test_the_publish_action_reads_the_proposals_sources_in_the_same_query(editor, rf):
    """Its message names the draft sources among them: no query per proposal for its source."""
    for _ in range(3):
        make_proposal(status="draft", source=make_source(status="draft"))
    request = rf.post(reverse("admin:proposals_proposal_changelist"))
    request.user = editor
    request._messages = CookieStorage(request)
    # A plain queryset, without the changelist's list_select_related.
    with CaptureQueriesContext(connection) as queries:
        admin.site.get_model_admin(Proposal).publish(request, Proposal.objects.all())
    assert Proposal.objects.filter(status="published").count() == 3
    source_reads = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith("SELECT") and 'FROM "sources_sourcedocument"' in query["sql"]
    ]
    assert source_reads == []


# History ----------------------------------------------------------------------------------------


def test_an_editor_can_read_the_history_and_revert_a_change(editor_client, editor):
    proposal = make_proposal(title="Original title")
    change = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    data = changeform_data(editor_client.get(change))
    data["title"] = "A careless new title"
    assert editor_client.post(change, data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "A careless new title"

    history = editor_client.get(reverse("admin:proposals_proposal_history", args=[proposal.pk]))
    assert history.status_code == 200
    # Both versions, newest first, the change by the editor (the first was made outside the admin).
    versions = [(r.title, r.history_type, r.history_user) for r in history.context["page_obj"]]
    assert versions == [("A careless new title", "~", editor), ("Original title", "+", None)]
    for record in history.context["page_obj"]:
        version_url = reverse(
            "admin:proposals_proposal_simple_history", args=[proposal.pk, record.history_id]
        )
        assert f'href="{version_url}"' in history.text
    assert re.search(r">\s*editor\s*</a>", history.text)
    assert re.search(
        r"<strong>Title:</strong>\s*Original title\s*&nbsp;&rarr;&nbsp;&nbsp;A careless new title",
        history.text,
    )
    original = proposal.history.earliest()
    revert_url = reverse(
        "admin:proposals_proposal_simple_history", args=[proposal.pk, original.history_id]
    )
    page = editor_client.get(revert_url)
    assert page.status_code == 200
    assert page.context["adminform"].form["title"].value() == "Original title"
    assert not page.context["revert_disabled"]

    response = editor_client.post(revert_url, changeform_data(page))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Original title"
    latest = proposal.history.first()
    assert (latest.title, latest.history_user) == ("Original title", editor)
    assert proposal.history.count() == 3


def test_an_editor_can_open_a_sources_history_and_its_revert_form(editor_client):
    source = make_source()
    url = reverse("admin:sources_sourcedocument_history", args=[source.pk])
    assert editor_client.get(url).status_code == 200
    original = source.history.earliest()
    revert = reverse(
        "admin:sources_sourcedocument_simple_history", args=[source.pk, original.history_id]
    )
    assert editor_client.get(revert).status_code == 200


@pytest.mark.parametrize("model", ["theme", "actor", "framework"])
def test_vocabulary_history_is_recorded_with_the_editor(editor_client, editor, model):
    make = {"theme": make_theme, "actor": make_actor, "framework": make_framework}[model]
    entry = make()
    change = reverse(f"admin:proposals_{model}_change", args=[entry.pk])
    data = changeform_data(editor_client.get(change))
    data["name"] = "Renamed entry"
    assert editor_client.post(change, data).status_code == 302
    record = entry.history.first()
    assert (record.name, record.history_user, record.history_type) == ("Renamed entry", editor, "~")
    history = reverse(f"admin:proposals_{model}_history", args=[entry.pk])
    assert "Renamed entry" in editor_client.get(history).text


def test_a_forged_form_count_builds_no_more_than_the_inlines_bound(editor_client):
    from core.admin_input import BoundedInline

    source = make_source()
    data = proposal_data(source, title="")  # invalid, so the form comes back with its rows
    data["actor_roles-TOTAL_FORMS"] = "99999999"
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.total_form_count() == BoundedInline.ABSOLUTE_MAX
    assert Proposal.objects.count() == 0
