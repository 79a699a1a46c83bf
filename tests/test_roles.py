"""Who may do what: the Editors group, what an editor can reach, and the login-only setting."""

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from sources.models import Author
from tests.factories import make_actor, make_framework, make_proposal, make_source, make_theme

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent

EXPECTED_EDITOR_PERMISSIONS = {
    "sources.view_sourcedocument",
    "sources.add_sourcedocument",
    "sources.change_sourcedocument",
    "sources.view_author",
    "sources.add_author",
    "sources.change_author",
    "sources.view_authorship",
    "sources.add_authorship",
    "sources.change_authorship",
    "sources.delete_authorship",
    "proposals.view_proposal",
    "proposals.add_proposal",
    "proposals.change_proposal",
    "proposals.delete_proposal",
    "proposals.view_proposalactor",
    "proposals.add_proposalactor",
    "proposals.change_proposalactor",
    "proposals.delete_proposalactor",
    "proposals.view_theme",
    "proposals.add_theme",
    "proposals.change_theme",
    "proposals.view_actor",
    "proposals.add_actor",
    "proposals.change_actor",
    "proposals.view_framework",
    "proposals.add_framework",
    "proposals.change_framework",
    # Suggestions dismissed as not recommendations (editorial's 0002): made, corrected, taken back.
    "editorial.view_dismissedsuggestion",
    "editorial.add_dismissedsuggestion",
    "editorial.change_dismissedsuggestion",
    "editorial.delete_dismissedsuggestion",
}


def make_author(name="Leif-Eric Easley"):
    return Author.objects.create(name=name, slug=name.lower().replace(" ", "-"))


# Granted by outcomes' own migration: editors keep the evidence log (evidence is unpublished,
# never deleted; a judgement may be removed).
OUTCOME_EDITOR_PERMISSIONS = {
    "outcomes.view_evidence",
    "outcomes.add_evidence",
    "outcomes.change_evidence",
    "outcomes.view_assessment",
    "outcomes.add_assessment",
    "outcomes.change_assessment",
    "outcomes.delete_assessment",
}


def test_the_editors_group_has_exactly_the_permissions_editors_need():
    group = Group.objects.get(name="Editors")
    granted = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }
    assert granted == EXPECTED_EDITOR_PERMISSIONS | OUTCOME_EDITOR_PERMISSIONS


def granted_to_editors() -> set[str]:
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="Editors").permissions.select_related("content_type")
    }


def test_the_editors_migration_can_run_again_and_be_reversed():
    migration = importlib.import_module("editorial.migrations.0001_editors_group")
    # The models as the migration sees them, not the project's registry (which it would alter).
    state = MigrationLoader(connection).project_state(("editorial", "0001_editors_group")).apps
    group = Group.objects.get(name="Editors")
    group.permissions.add(Permission.objects.get(codename="delete_user"))
    migration.create_editors_group(state, None)  # takes away what is too much...
    # ...and keeps what later migrations granted (the evidence log's permissions), though the
    # models they are for do not exist yet in the state it sees.
    assert granted_to_editors() == EXPECTED_EDITOR_PERMISSIONS | OUTCOME_EDITOR_PERMISSIONS
    migration.remove_editors_group(state, None)
    assert not Group.objects.filter(name="Editors").exists()


@pytest.mark.parametrize("runs", [1, 2])
def test_the_group_setup_is_idempotent_and_complete(runs):
    """The group setup and editorial's 0003 (which runs it) give the whole set from any start:
    a group that lost the evidence log's permissions, holds too much, or is gone."""
    from editorial.accounts import set_up_editors_group

    group = Group.objects.get(name="Editors")
    group.permissions.remove(*group.permissions.filter(content_type__app_label="outcomes"))
    group.permissions.add(Permission.objects.get(codename="delete_sourcedocument"))
    migration = importlib.import_module("editorial.migrations.0003_harden_editors_group")
    state = MigrationLoader(connection).project_state(("editorial", "0003_harden_editors_group"))
    for _ in range(runs):
        migration.set_up(state.apps, None)
        assert granted_to_editors() == EXPECTED_EDITOR_PERMISSIONS | OUTCOME_EDITOR_PERMISSIONS
    group.delete()
    for _ in range(runs):
        set_up_editors_group()
        assert granted_to_editors() == EXPECTED_EDITOR_PERMISSIONS | OUTCOME_EDITOR_PERMISSIONS


def test_no_editor_permission_touches_users_groups_or_deleting_sources():
    codenames = set(
        Permission.objects.filter(group__name="Editors").values_list("codename", flat=True)
    )
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}
    assert not {"delete_sourcedocument", "delete_theme", "delete_actor"} & codenames


def test_an_editor_is_staff_but_not_superuser(editor):
    assert editor.is_staff and not editor.is_superuser
    assert editor.has_perm("proposals.delete_proposal")
    assert not editor.has_perm("sources.delete_sourcedocument")


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:auth_user_changelist",
        "admin:auth_user_add",
        "admin:auth_group_changelist",
        "admin:auth_group_add",
    ],
)
def test_an_editor_cannot_reach_user_management(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


def test_the_admin_index_shows_an_editor_no_user_management(editor_client):
    response = editor_client.get(reverse("admin:index"))
    assert response.status_code == 200
    apps = {app["app_label"] for app in response.context["app_list"]}
    # editorial: the suggestions dismissed as not recommendations; outcomes: the evidence log.
    assert apps == {"sources", "proposals", "editorial", "outcomes"}


def test_an_editor_cannot_delete_a_source_but_can_delete_a_proposal(editor_client):
    proposal = make_proposal()
    source_delete = reverse("admin:sources_sourcedocument_delete", args=[proposal.source.pk])
    assert editor_client.get(source_delete).status_code == 403
    proposal_delete = reverse("admin:proposals_proposal_delete", args=[proposal.pk])
    assert editor_client.post(proposal_delete, {"post": "yes"}).status_code == 302
    assert not type(proposal).objects.exists()


def test_every_admin_page_of_the_workflow_opens_for_an_editor(editor_client):
    proposal = make_proposal(themes=[make_theme()], actors=[make_actor()])
    source = proposal.source
    theme, actor, framework, author = make_theme(), make_actor(), make_framework(), make_author()
    pages = [
        reverse("admin:index"),
        reverse("admin:sources_sourcedocument_changelist"),
        reverse("admin:sources_sourcedocument_add"),
        reverse("admin:sources_sourcedocument_change", args=[source.pk]),
        reverse("admin:sources_sourcedocument_history", args=[source.pk]),
        reverse("admin:sources_sourcedocument_suggestions", args=[source.pk]),
        reverse("admin:sources_sourcedocument_publish", args=[source.pk]),
        reverse("admin:sources_sourcedocument_unpublish", args=[source.pk]),
        reverse("admin:sources_author_changelist"),
        reverse("admin:sources_author_add"),
        reverse("admin:sources_author_change", args=[author.pk]),
        reverse("admin:proposals_proposal_changelist"),
        reverse("admin:proposals_proposal_add") + f"?source={source.pk}&quote=Japan",
        reverse("admin:proposals_proposal_change", args=[proposal.pk]),
        reverse("admin:proposals_proposal_history", args=[proposal.pk]),
        reverse(
            "admin:proposals_proposal_simple_history",
            args=[proposal.pk, proposal.history.first().history_id],
        ),
    ]
    for model, entry in [("theme", theme), ("actor", actor), ("framework", framework)]:
        pages += [
            reverse(f"admin:proposals_{model}_changelist"),
            reverse(f"admin:proposals_{model}_add"),
            reverse(f"admin:proposals_{model}_change", args=[entry.pk]),
            reverse(f"admin:proposals_{model}_history", args=[entry.pk]),
        ]
    for page in pages:
        assert editor_client.get(page).status_code == 200, page


@pytest.mark.parametrize(
    ("app_label", "model_name", "field_name", "term", "target"),
    [
        ("proposals", "proposal", "themes", "Disaster", "theme"),
        ("proposals", "proposal", "frameworks", "Quad", "framework"),
        ("proposals", "proposal", "related", "AIIB", "proposal"),
        ("proposals", "proposal", "source", "Sample", "source"),
        ("proposals", "proposalactor", "actor", "Japan", "actor"),
        ("sources", "authorship", "author", "Easley", "author"),
    ],
)
def test_the_autocomplete_fields_answer_an_editor(
    editor_client, app_label, model_name, field_name, term, target
):
    expected = {
        "theme": lambda: make_theme(name="Disaster relief"),
        "framework": lambda: make_framework(name="Quad", acronym=""),
        "proposal": lambda: make_proposal(title="Japan joins the AIIB"),
        "source": lambda: make_proposal().source,
        "actor": lambda: make_actor(name="Japan"),
        "author": lambda: make_author(name="Leif-Eric Easley"),
    }[target]()
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    results = json.loads(response.content)["results"]
    assert str(expected.pk) in {result["id"] for result in results}


def test_someone_who_is_not_staff_is_sent_to_the_admin_login(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="a-long-reader-password")
    client.force_login(reader)
    response = client.get(reverse("admin:sources_sourcedocument_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# KB_REQUIRE_LOGIN --------------------------------------------------------------------------------


def test_the_require_login_setting_adds_djangos_login_required_middleware():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "KB_"))}
    code = "from django.conf import settings; print(settings.MIDDLEWARE[-1])"
    results = {}
    for flag in ("1", "0"):
        results[flag] = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=PROJECT,
            env={
                **env,
                "KB_REQUIRE_LOGIN": flag,
                "DJANGO_DEBUG": "1",
                "DJANGO_SETTINGS_MODULE": "alliance_kb.settings",
            },
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout.strip()
    assert results["1"] == "django.contrib.auth.middleware.LoginRequiredMiddleware"
    assert results["0"] != results["1"]


@pytest.fixture
def login_required(settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
    ]


def test_with_login_required_anonymous_readers_are_sent_to_the_readers_login_page(
    client, login_required
):
    make_proposal(title="Japan joins the AIIB")
    for url in ("/", reverse("proposals:list"), reverse("sources:list")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"


def test_with_login_required_the_readers_login_page_stays_reachable_and_labels_its_fields(
    client, login_required
):
    response = client.get(reverse("login"), {"next": "/"})
    assert response.status_code == 200
    assert response.templates[0].name == "registration/login.html"
    assert "base.html" in {template.name for template in response.templates}
    assert '<label for="id_username">Username</label>' in response.text
    assert '<label for="id_password">Password</label>' in response.text
    assert '<input type="hidden" name="next" value="/">' in response.text
    assert "Accounts are given by the editors" in response.text


def test_with_login_required_the_admin_login_page_stays_reachable(client, login_required):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert 'name="password"' in response.text


def test_with_login_required_an_editor_still_signs_in_to_the_admin(client, login_required, editor):
    url = reverse("admin:login")
    response = client.post(
        url,
        {
            "username": "editor",
            "password": "a-long-editor-password",
            "next": reverse("admin:index"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def make_reader(django_user_model):
    return django_user_model.objects.create_user("reader", password="a-long-reader-password")


def test_with_login_required_a_reader_signs_in_with_the_form_and_reads_the_published_kb(
    client, login_required, django_user_model
):
    make_proposal(title="Japan joins the AIIB")
    make_proposal(title="A draft idea", status="draft")
    make_source(title="A draft paper", status="draft")
    make_reader(django_user_model)
    login = client.get(client.get("/")["Location"])
    assert login.status_code == 200
    response = client.post(
        reverse("login"),
        {"username": "reader", "password": "a-long-reader-password", "next": login.context["next"]},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "A draft paper" not in home.text
    listing = client.get(reverse("proposals:list"))
    assert listing.status_code == 200
    assert "Japan joins the AIIB" in listing.text
    assert "A draft idea" not in listing.text


def test_a_reader_who_signs_in_without_a_next_page_lands_on_the_overview(
    client, login_required, django_user_model
):
    make_reader(django_user_model)
    credentials = {"username": "reader", "password": "a-long-reader-password"}
    response = client.post(reverse("login"), credentials)
    assert response["Location"] == "/"


def test_a_wrong_password_is_refused_with_a_clear_message(
    client, login_required, django_user_model
):
    make_reader(django_user_model)
    credentials = {"username": "reader", "password": "not-the-password", "next": "/"}
    response = client.post(reverse("login"), credentials)
    assert response.status_code == 200
    assert '<div class="login-error" role="alert">' in response.text
    assert "Please enter a correct username and password." in response.text
    assert client.get("/").status_code == 302


def test_a_reader_can_sign_out_and_is_then_asked_to_sign_in_again(
    client, login_required, django_user_model
):
    client.force_login(make_reader(django_user_model))
    assert "You are signed in as <strong>reader</strong>" in client.get(reverse("login")).text
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert client.get("/").status_code == 302
    # Signing out once more, with the session already gone, still just shows the sign-in page.
    assert client.post(reverse("logout"))["Location"] == reverse("login")


def test_the_site_offers_no_self_service_password_reset(client):
    for path in ("/accounts/password_reset/", "/accounts/password_change/"):
        assert client.get(path).status_code == 404


def test_a_signed_in_reader_can_sign_out_from_every_page(client, django_user_model):
    reader = django_user_model.objects.create_user("reader2", password="a-long-reader-password")
    client.force_login(reader)
    page = client.get("/").text
    assert 'action="/accounts/logout/"' in page
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
