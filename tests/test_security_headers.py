"""Every page answers with the security headers, read from real responses: a
Content-Security-Policy with no inline script or style and no framing, nosniff, a Referrer-Policy,
Cross-Origin-Opener-Policy, X-Frame-Options, and HSTS over HTTPS when it is on."""

import pytest
from django.urls import reverse

from tests.factories import make_proposal


@pytest.fixture
def pages(db):
    proposal = make_proposal(title="Japan joins the AIIB")
    return [
        "/",
        reverse("proposals:list"),
        "/proposals/?q=AIIB&theme=nothing",
        proposal.get_absolute_url(),
        proposal.source.get_absolute_url(),
        reverse("sources:list"),
        reverse("admin:login"),
        reverse("login"),
        "/api/",
        "/api/docs/",
        "/no-such-page/",
    ]


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_every_page_sends_a_strict_content_security_policy(client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        policy = directives(response["Content-Security-Policy"])
        for name in ("script-src", "style-src"):
            assert policy[name] == ["'self'"], (url, name)
        assert policy["default-src"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]
        assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_every_page_sends_the_other_security_headers(client, pages):
    for url in pages:
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url


def test_no_page_carries_inline_script_or_style(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        assert "<style" not in html, url
        assert " style=" not in html, url
        assert "<script>" not in html and "<script type" not in html, url


def test_hsts_is_sent_over_https_when_it_is_on(client, settings, pages):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/")  # never over plain HTTP
