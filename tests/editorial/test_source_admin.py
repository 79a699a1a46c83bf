"""The source admin as an editor uses it: adding a paper from pasted text or a file, reviewing
the extracted text, suggestions, publishing, and the proposals shown in source order."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import PublicationStatus
from proposals.models import Proposal
from sources.models import SourceDocument
from tests.factories import make_actor, make_proposal, make_source, make_theme
from tests.sources.test_extraction import PAPER_PAGES, WEB_PAGE, make_pdf

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:sources_sourcedocument_add")


def changeform_data(response) -> dict:
    """The POST data a browser would send back from an admin change form, as it was rendered."""
    data = {}

    def collect(form):
        for field in form:
            value = field.value()
            if value is None or field.widget_type == "file":
                continue
            if isinstance(value, (list, tuple)):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = str(value)

    collect(response.context["adminform"].form)
    # The history's revert form has no inlines.
    inlines = response.context.get("inline_admin_formsets", [])
    for inline in inlines:
        collect(inline.formset.management_form)
        for form in inline.formset.forms:
            collect(form)
    return data


def new_source_data(**fields) -> dict:
    data = {
        "title": "Burden Sharing for a New Era",
        "slug": "burden-sharing-new-era",
        "kind": SourceDocument.Kind.ESSAY,
        "publisher": "Viewsweek",
        "published_on_precision": "unknown",
        "text_version": "original",
        "text_published_on_precision": "unknown",
        "body": "",
        "authorships-TOTAL_FORMS": "0",
        "authorships-INITIAL_FORMS": "0",
        "authorships-MIN_NUM_FORMS": "0",
        "authorships-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def body_field(response) -> str:
    return response.context["adminform"].form["body"].value()


def test_a_source_added_from_pasted_text_is_saved_as_a_draft(editor_client):
    response = editor_client.post(
        ADD_URL, new_source_data(body="Japan should join the AIIB.\n\nIt should lead.")
    )
    assert response.status_code == 302
    source = SourceDocument.objects.get(slug="burden-sharing-new-era")
    assert source.status == PublicationStatus.DRAFT
    assert source.body == "Japan should join the AIIB.\n\nIt should lead."
    assert source.history.get().history_user.username == "editor"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("paper.txt", b"Japan should join\nthe AIIB.\n\nIt should lead.", "Japan should join the"),
        ("page.html", WEB_PAGE.encode(), "The alliance must deepen its cooperation"),
        ("paper.pdf", make_pdf(PAPER_PAGES), "Japan should join the Asian Infrastructure"),
    ],
)
def test_an_uploaded_file_is_extracted_into_the_body_for_review_and_nothing_is_saved(
    editor_client, name, content, expected
):
    data = new_source_data(text_file=SimpleUploadedFile(name, content), _extract="1")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert expected in body_field(response)
    assert response.context["adminform"].form.errors == {}
    assert "Text extracted from “" + name in response.text
    assert "Nothing is saved yet" in response.text
    assert not SourceDocument.objects.exists()


def test_the_reviewed_text_is_saved_as_the_body(editor_client):
    response = editor_client.post(
        ADD_URL, new_source_data(text_file=SimpleUploadedFile("page.html", WEB_PAGE.encode()))
    )
    reviewed = body_field(response).replace("Critics say", "Critics argue")
    response = editor_client.post(ADD_URL, new_source_data(body=reviewed))
    assert response.status_code == 302
    body = SourceDocument.objects.get().body
    assert body == reviewed
    assert "Critics argue the bases burden Okinawa" in body
    assert "Read more" not in body


def test_extracting_over_a_pasted_text_says_it_replaced_it(editor_client):
    data = new_source_data(
        body="A pasted draft.", text_file=SimpleUploadedFile("a.txt", b"Japan should lead now.")
    )
    response = editor_client.post(ADD_URL, data)
    assert body_field(response) == "Japan should lead now."
    assert "in place of the text that was there" in response.text


def test_extracting_fills_an_empty_title_and_slug_from_the_page(editor_client):
    data = new_source_data(
        title="", slug="", text_file=SimpleUploadedFile("p.htm", WEB_PAGE.encode())
    )
    form = editor_client.post(ADD_URL, data).context["adminform"].form
    assert form["title"].value() == "Burden sharing for a new era"
    assert form["slug"].value() == "burden-sharing-for-a-new-era"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("paper.pdf", b"%PDF-1.4\n1 0 obj << /Type", "could not be read as a PDF"),
        ("paper.txt", b"", "“paper.txt” is empty."),
        ("paper.txt", bytes(range(256)) * 4, "not a text file"),
        ("paper.docx", b"PK\x03\x04", "not a file type the text can be extracted from"),
    ],
)
def test_a_file_that_cannot_be_read_is_a_form_error_and_saves_nothing(
    editor_client, name, content, message
):
    data = new_source_data(body="Text the editor already pasted.")
    data["text_file"] = SimpleUploadedFile(name, content)
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["text_file"])
    assert body_field(response) == "Text the editor already pasted."
    assert not SourceDocument.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(editor_client, settings):
    settings.KB_MAX_UPLOAD_BYTES = 1024
    data = new_source_data(text_file=SimpleUploadedFile("big.txt", b"word " * 1000))
    response = editor_client.post(ADD_URL, data)
    assert "files up to" in response.context["adminform"].form.errors["text_file"][0]
    assert not SourceDocument.objects.exists()


def test_the_extract_button_without_a_file_asks_for_one(editor_client):
    response = editor_client.post(ADD_URL, new_source_data(_extract="1"))
    assert response.context["adminform"].form.errors["text_file"] == [
        "Choose a file to extract the text from."
    ]
    assert not SourceDocument.objects.exists()


def test_the_add_form_starts_as_a_draft_and_explains_the_upload(editor_client):
    response = editor_client.get(ADD_URL)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert 'name="_extract"' in response.text
    assert "status" not in response.context["adminform"].form.fields


def test_a_new_text_that_drops_a_proposals_quote_is_refused(editor_client):
    proposal = make_proposal(title="Disaster relief")
    url = reverse("admin:sources_sourcedocument_change", args=[proposal.source.pk])
    data = changeform_data(editor_client.get(url))
    data["body"] = "An entirely different text that says the alliance should rest."
    response = editor_client.post(url, data)
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["body"]
    assert "proposal 1 (“Disaster relief”)" in error
    proposal.source.refresh_from_db()
    assert "disaster relief" in proposal.source.body


def test_editing_the_text_moves_the_proposals_quote_offsets_with_it(editor_client):
    proposal = make_proposal(quote="Japan should join the Asian Infrastructure Investment Bank")
    source = proposal.source
    url = reverse("admin:sources_sourcedocument_change", args=[source.pk])
    data = changeform_data(editor_client.get(url))
    data["body"] = "A new opening paragraph.\n\n" + source.body
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    proposal.refresh_from_db()
    source.refresh_from_db()
    assert source.body[proposal.quote_start : proposal.quote_end] == proposal.quote
    assert proposal.quote_start == source.body.index("Japan should join")
    assert proposal.history.first().history_change_reason.startswith("Quote re-anchored")


def test_saving_the_form_as_a_browser_sends_it_keeps_the_texts_line_ends(editor_client):
    proposal = make_proposal()
    source = proposal.source
    url = reverse("admin:sources_sourcedocument_change", args=[source.pk])
    data = changeform_data(editor_client.get(url))
    # Browsers send a textarea's line breaks as CRLF.
    data["body"] = data["body"].replace("\n", "\r\n")
    data["summary"] = "First line.\r\nSecond line."
    assert editor_client.post(url, data).status_code == 302
    saved = SourceDocument.objects.get(pk=source.pk)
    assert saved.body == source.body
    assert saved.summary == "First line.\nSecond line."
    assert "Body" not in LogEntry.objects.get(object_id=str(source.pk)).get_change_message()


def test_the_source_page_shows_its_proposals_with_quote_and_tags_in_source_order(editor_client):
    source = make_source()
    theme, actor = make_theme(name="Disaster relief"), make_actor(name="Japan")
    make_proposal(source=source, position=2, title="Second idea", quote="Japan should join")
    make_proposal(source=source, position=1, title="First idea", themes=[theme], actors=[actor])
    response = editor_client.get(reverse("admin:sources_sourcedocument_change", args=[source.pk]))
    text = response.text
    assert text.index("First idea") < text.index("Second idea")
    assert "Disaster relief" in text
    assert "Japan (is to act)" in text
    assert "The alliance must deepen its cooperation on disaster relief." in text


def test_the_source_list_shows_drafts_first_with_their_proposal_counts(editor_client):
    make_source(title="Published paper")
    draft = make_source(title="Draft paper", status=PublicationStatus.DRAFT)
    make_proposal(source=draft)
    response = editor_client.get(reverse("admin:sources_sourcedocument_changelist"))
    titles = [source.title for source in response.context["cl"].result_list]
    assert titles == ["Draft paper", "Published paper"]
    assert response.context["cl"].result_list[0].proposal_count == 1


# Suggestions ------------------------------------------------------------------------------------


def suggestions_url(source_id) -> str:
    return reverse("admin:sources_sourcedocument_suggestions", args=[source_id])


def test_suggestions_list_the_recommendations_no_proposal_covers(editor_client):
    source = make_source(
        body="The alliance must deepen its cooperation on disaster relief.\n\n"
        "Japan should join the Asian Infrastructure Investment Bank.\n\n"
        "- Increase bilateral training.\n\n"
        "Critics say the bases burden Okinawa."
    )
    make_proposal(source=source, quote="The alliance must deepen its cooperation")
    response = editor_client.get(suggestions_url(source.pk))
    assert response.status_code == 200
    quotes = [suggestion.quote for suggestion in response.context["suggestions"]]
    assert quotes == [
        "Japan should join the Asian Infrastructure Investment Bank.",
        "Increase bilateral training.",
    ]
    first = response.context["suggestions"][0]
    assert (first.before, first.cue) == ("Japan ", "should")
    assert '<mark class="kb-cue">should</mark>' in response.text


def test_each_suggestion_links_to_the_add_form_prefilled_with_source_and_quote(editor_client):
    source = make_source(body="Japan should join the AIIB. Nobody disagrees.")
    response = editor_client.get(suggestions_url(source.pk))
    [suggestion] = response.context["suggestions"]
    assert suggestion.add_url in response.text.replace("&amp;", "&")
    form = editor_client.get(suggestion.add_url).context["adminform"].form
    assert form.initial["source"] == source.pk
    assert form.initial["quote"] == "Japan should join the AIIB."
    assert form.initial["position"] == 1


def test_a_source_without_uncovered_recommendations_says_so(editor_client):
    source = make_source(body="Critics say the bases burden Okinawa.")
    response = editor_client.get(suggestions_url(source.pk))
    assert "Every recommendation-like sentence is covered by a proposal." in response.text


@pytest.mark.parametrize("source_id", ["999999", "not-a-number", "9" * 30])
def test_suggestions_for_an_unknown_source_redirect_with_a_message(editor_client, source_id):
    response = editor_client.get(suggestions_url(source_id), follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:sources_sourcedocument_changelist")
    assert f"There is no source with ID “{source_id}”" in response.text


# Publishing -------------------------------------------------------------------------------------


def draft_source_with_proposals(count=2):
    source = make_source(status=PublicationStatus.DRAFT)
    quotes = ["The alliance must deepen", "Japan should join the Asian"]
    for number in range(count):
        make_proposal(source=source, quote=quotes[number], status=PublicationStatus.DRAFT)
    return source


def test_the_publish_page_names_the_draft_proposals_and_asks(editor_client):
    source = draft_source_with_proposals()
    url = reverse("admin:sources_sourcedocument_publish", args=[source.pk])
    response = editor_client.get(url)
    assert "Publish the source and its 2 draft proposals" in response.text
    assert "Publish the source only" in response.text
    source.refresh_from_db()
    assert source.status == PublicationStatus.DRAFT


def test_publishing_a_source_with_its_proposals_publishes_all_of_them(editor_client, editor):
    source = draft_source_with_proposals()
    url = reverse("admin:sources_sourcedocument_publish", args=[source.pk])
    response = editor_client.post(url, {"proposals": "with_proposals"}, follow=True)
    assert "is published, with 2 proposals published with it." in response.text
    source.refresh_from_db()
    assert source.status == PublicationStatus.PUBLISHED
    assert set(source.proposals.values_list("status", flat=True)) == {"published"}
    assert Proposal.objects.published().count() == 2
    record = source.history.first()
    assert (record.history_user, record.history_change_reason) == (editor, "Published")


def test_publishing_the_source_only_leaves_its_proposals_in_draft(editor_client):
    source = draft_source_with_proposals()
    url = reverse("admin:sources_sourcedocument_publish", args=[source.pk])
    response = editor_client.post(url, {"proposals": "source_only"}, follow=True)
    assert "its 2 draft proposals stay drafts" in response.text
    assert source.proposals.filter(status="draft").count() == 2
    assert not Proposal.objects.published().exists()


def test_a_tampered_publish_choice_publishes_nothing(editor_client):
    source = draft_source_with_proposals()
    url = reverse("admin:sources_sourcedocument_publish", args=[source.pk])
    response = editor_client.post(url, {"proposals": "everything"})
    assert response.status_code == 200
    source.refresh_from_db()
    assert source.status == PublicationStatus.DRAFT


def test_unpublishing_a_source_takes_its_proposals_off_the_site_but_keeps_their_status(
    editor_client,
):
    proposal = make_proposal()
    source = proposal.source
    url = reverse("admin:sources_sourcedocument_unpublish", args=[source.pk])
    assert "its 1 published proposal" in editor_client.get(url).text
    editor_client.post(url)
    source.refresh_from_db()
    proposal.refresh_from_db()
    assert source.status == PublicationStatus.DRAFT
    assert proposal.status == PublicationStatus.PUBLISHED
    assert not Proposal.objects.published().exists()


def test_the_change_form_offers_publish_when_draft_and_unpublish_when_published(editor_client):
    draft = make_source(status=PublicationStatus.DRAFT)
    page = editor_client.get(reverse("admin:sources_sourcedocument_change", args=[draft.pk])).text
    assert reverse("admin:sources_sourcedocument_publish", args=[draft.pk]) in page
    assert "Only staff can see this source" in page
    published = make_source()
    url = reverse("admin:sources_sourcedocument_change", args=[published.pk])
    page = editor_client.get(url).text
    assert reverse("admin:sources_sourcedocument_unpublish", args=[published.pk]) in page
    assert reverse("admin:sources_sourcedocument_publish", args=[published.pk]) not in page


def run_action(client, action, sources):
    return client.post(
        reverse("admin:sources_sourcedocument_changelist"),
        {"action": action, "_selected_action": [s.pk for s in sources]},
        follow=True,
    )


def test_the_publish_with_proposals_action_publishes_sources_and_proposals(editor_client):
    first, second = draft_source_with_proposals(2), draft_source_with_proposals(1)
    response = run_action(editor_client, "publish_with_proposals", [first, second])
    assert "Published 2 sources and 3 proposals." in response.text
    assert Proposal.objects.published().count() == 3


def test_the_publish_only_and_unpublish_actions(editor_client):
    source = draft_source_with_proposals(1)
    run_action(editor_client, "publish_only", [source])
    source.refresh_from_db()
    assert source.status == PublicationStatus.PUBLISHED
    assert source.proposals.get().status == PublicationStatus.DRAFT
    response = run_action(editor_client, "unpublish", [source])
    assert "1 source back to draft" in response.text
    source.refresh_from_db()
    assert source.status == PublicationStatus.DRAFT


def test_publishing_an_unknown_source_redirects_with_a_message(editor_client):
    url = reverse("admin:sources_sourcedocument_publish", args=[424242])
    response = editor_client.post(url, {"proposals": "with_proposals"}, follow=True)
    assert "There is no source with ID “424242”" in response.text


@pytest.mark.parametrize("model", ["sources.sourcedocument", "proposals.proposal"])
@pytest.mark.parametrize(
    "path", ["abc/history/", "²/history/", "1.5/history/", "{pk}/history/abc/", "abc/history/1/"]
)
def test_a_history_address_with_a_malformed_id_is_not_found(editor_client, model, path):
    # django-simple-history looked these ids up unchecked: each was a ValueError, a 500.
    proposal = make_proposal()
    pk = {"sources.sourcedocument": proposal.source_id, "proposals.proposal": proposal.pk}[model]
    changelist = reverse(f"admin:{model.replace('.', '_')}_changelist")
    response = editor_client.get(changelist + path.format(pk=pk))
    assert response.status_code == 404


def test_an_author_that_is_no_id_is_a_form_error_and_saves_nothing(editor_client):
    # The author's autocomplete widget looked "abc" up to show it again: a ValueError, a 500.
    data = new_source_data(
        **{
            "authorships-TOTAL_FORMS": "1",
            "authorships-0-author": "abc",
            "authorships-0-role": "author",
        }
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Please correct the error" in response.text
    assert not SourceDocument.objects.exists()


@pytest.mark.parametrize(
    "query", ["status__exact=%00", "kind__exact=essay%00", "title=%00", "title__startswith=a%00"]
)
def test_a_list_filter_with_a_nul_character_goes_back_to_the_whole_list(editor_client, query):
    # PostgreSQL refuses a NUL in any text: each of these failed the list's query (500).
    make_source()
    changelist = reverse("admin:sources_sourcedocument_changelist")
    response = editor_client.get(f"{changelist}?{query}")
    assert (response.status_code, response["Location"]) == (302, f"{changelist}?e=1")


def test_a_list_filter_by_ids_beyond_the_database_integers_finds_none_of_them(editor_client):
    # On SQLite an `in` lookup with such an id raised OverflowError (500).
    source = make_source()
    changelist = reverse("admin:sources_sourcedocument_changelist")
    response = editor_client.get(changelist, {"id__in": f"{source.pk},{'9' * 20}"})
    assert list(response.context["cl"].result_list) == [source]


def test_an_autocomplete_search_reads_a_nul_character_as_a_space(editor_client):
    # The autocomplete view passed its term as it came: on PostgreSQL a NUL in it was a 500.
    make_theme(name="Korea")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "proposals",
            "model_name": "proposal",
            "field_name": "themes",
            "term": "Kor\x00ea",
        },
    )
    assert [result["text"] for result in response.json()["results"]] == ["Korea"]


def test_no_admin_page_of_the_workflow_exposes_a_raw_offset_field(editor_client):
    proposal = make_proposal()
    url = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    form = editor_client.get(url).context["adminform"].form
    assert not {"quote_start", "quote_end", "quote_prefix", "quote_suffix"} & set(form.fields)
    assert re.search(r"Characters 0–\d+ of the source", editor_client.get(url).text)
