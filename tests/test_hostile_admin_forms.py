"""Hostile values in the admin's add forms (source, proposal, evidence), posted by an editor:
never a 500. A post the form refuses answers 200 with its errors and changes nothing (every
row count as before); one it accepts redirects (302). Hypothesis starts from a valid post and
replaces a few fields, inline fields and management-form counts with huge strings, NULs,
control characters, impossible dates, unicode, negative or enormous numbers and wrong ids."""

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outcomes.models import Status
from tests.factories import make_actor, make_evidence, make_proposal, make_source

pytestmark = pytest.mark.django_db

HOSTILE = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "\x01\x07\x1b[31m\x7f",
            "\r\n\t",
            "\u202e\u200b\ufeff",
            "日本の安全保障 🇯🇵",
            "a" * 100_000,
            "-1",
            "0",
            "-99999999999999999999999",
            "9" * 40,
            "1e309",
            "NaN",
            "2015-02-30",
            "0000-00-00",
            "99999-12-31",
            "2015-13-01",
            "-2015-01-01",
            "999999999",
            "2147483648",
            '"><script>alert(1)</script>',
            "javascript:alert(1)",
            "http://",
            "http://[::1",
            "../../etc/passwd",
            "on",
        ]
    ),
    st.text(max_size=50),
)


def management(prefix: str, total: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def forms(db):
    """Each add form's URL and a valid post, with one row in each inline."""
    source = make_source()
    proposal = make_proposal(source=source)
    evidence = make_evidence()
    actor = make_actor(name="Japan")
    return {
        "source": (
            reverse("admin:sources_sourcedocument_add"),
            {
                "title": "Burden Sharing for a New Era",
                "slug": "burden-sharing-new-era",
                "kind": "essay",
                "publisher": "Viewsweek",
                "published_on": "2015-07-01",
                "published_on_precision": "month",
                "text_version": "original",
                "text_published_on_precision": "unknown",
                "body": "The alliance should hold a yearly exercise.",
                "url": "https://example.org/paper",
                **management("authorships"),
            },
        ),
        "proposal": (
            reverse("admin:proposals_proposal_add"),
            {
                "source": str(source.pk),
                "title": "Japan joins the AIIB",
                "slug": "japan-joins-the-aiib",
                "position": "",
                "kind": "recommendation",
                "quote": "Japan should join the Asian Infrastructure Investment Bank",
                "summary": "Japan should become a member of the bank.",
                **management("actor_roles", 1),
                "actor_roles-0-actor": str(actor.pk),
                "actor_roles-0-role": "acts",
                **management("assessments", 1),
                "assessments-0-evidence": str(evidence.pk),
                "assessments-0-status": Status.IN_PROGRESS,
                "assessments-0-note": "",
            },
        ),
        "evidence": (
            reverse("admin:outcomes_evidence_add"),
            {
                "summary": "Japan's Diet passed a law.",
                "slug": "diet-passed-a-law",
                "occurred_on": "2015-09-01",
                "occurred_on_precision": "month",
                "source_title": "A report",
                "source_publisher": "A newspaper",
                "source_date": "",
                "source_date_precision": "unknown",
                "url": "https://example.org/report",
                "quote": "the law was passed",
                **management("assessments", 1),
                "assessments-0-proposal": str(proposal.pk),
                "assessments-0-status": Status.PARTIALLY_IMPLEMENTED,
                "assessments-0-note": "Only in certain situations.",
            },
        ),
    }


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in ("sources", "proposals", "outcomes", "editorial")
    }


@pytest.mark.parametrize("form", ["source", "proposal", "evidence"])
def test_hostile_values_in_an_add_form_never_give_a_500(editor_client, forms, form):
    url, valid = forms[form]
    with transaction.atomic():  # the valid post is accepted (and then undone)
        response = editor_client.post(url, valid)
        assert response.status_code == 302, response.context and response.context["errors"]
        transaction.set_rollback(True)
    accepted = []

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(changes=st.dictionaries(st.sampled_from(sorted(valid)), HOSTILE, min_size=1, max_size=4))
    def post(changes):
        with transaction.atomic():  # each example starts from the same rows
            before = row_counts()
            response = editor_client.post(url, valid | changes)
            assert response.status_code in (200, 302), (changes, response.status_code)
            accepted.append(response.status_code == 302)
            if response.status_code == 200:
                assert response.context["adminform"].form.errors or any(
                    formset.formset.errors or formset.formset.non_form_errors()
                    for formset in response.context["inline_admin_formsets"]
                ), changes
                assert row_counts() == before, changes
            transaction.set_rollback(True)

    post()
    assert not all(accepted)  # hostile values were refused, not only saved
