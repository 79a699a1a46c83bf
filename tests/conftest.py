import pytest


@pytest.fixture
def anonymous_client(client):
    return client


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        "staff", password="a-long-test-password", is_staff=True
    )
    client.force_login(user)
    return client
