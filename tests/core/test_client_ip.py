"""The address failed sign-ins are counted against: the socket's, or the one the outermost trusted
proxy saw; never one the client wrote into X-Forwarded-For."""

from django.test import RequestFactory

from core.client_ip import client_ip


def request(forwarded=None):
    extra = {"REMOTE_ADDR": "10.0.0.2"}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_a_forged_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("6.6.6.6")) == "10.0.0.2"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("6.6.6.6, 203.0.113.7")) == "203.0.113.7"


def test_behind_two_proxies_the_outer_ones_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request("6.6.6.6, 203.0.113.7, 10.0.0.9")) == "203.0.113.7"
