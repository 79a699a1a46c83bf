"""Guessing passwords: after a few wrong ones for one username from one address, both sign-in
pages refuse that pair (even with the right password), say so, log it, and an unlock command
lets it in again."""

import logging

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

PASSWORD = "a-long-test-password"
LOGIN_PAGES = ["admin:login", "login"]


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("staff", password=PASSWORD, is_staff=True)


def sign_in(client, page, password, username="staff", address="203.0.113.7"):
    return client.post(
        reverse(page), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail_until_locked(client, page, **kwargs):
    return [sign_in(client, page, "wrong", **kwargs) for _ in range(settings.AXES_FAILURE_LIMIT)]


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_wrong_passwords_lock_out_that_user_from_that_address(client, staff, page, caplog):
    with caplog.at_level(logging.WARNING):
        answers = fail_until_locked(client, page)
    assert [r.status_code for r in answers[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert answers[-1].status_code == 429
    assert 'Locking out {username: "staff", ip_address: "203.0.113.7"' in caplog.text

    right = sign_in(client, page, PASSWORD)
    assert right.status_code == 429
    assert b"Too many sign-in attempts" in right.content
    assert not signed_in(client)


def test_a_few_wrong_passwords_below_the_limit_do_not_lock_out(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "admin:login", "wrong")
    sign_in(client, "admin:login", PASSWORD)
    assert signed_in(client)


def test_the_lockout_is_per_user_and_address(client, staff, django_user_model):
    django_user_model.objects.create_user("other", password=PASSWORD, is_staff=True)
    fail_until_locked(client, "admin:login")

    sign_in(client, "admin:login", PASSWORD, address="198.51.100.9")  # same user, other address
    assert signed_in(client)
    client.logout()
    sign_in(client, "admin:login", PASSWORD, username="other")  # same address, other user
    assert signed_in(client)


def test_the_unlock_command_lets_the_user_in_again(client, staff):
    fail_until_locked(client, "admin:login")
    call_command("axes_reset_username", "staff")
    sign_in(client, "admin:login", PASSWORD)
    assert signed_in(client)
