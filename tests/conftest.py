import pytest

from editorial.accounts import create_editor


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        "staff", password="a-long-test-password", is_staff=True
    )
    client.force_login(user)
    return client


@pytest.fixture
def editor(db):
    """A staff account in the Editors group, as `create_editor` makes it."""
    return create_editor(username="editor", password="a-long-editor-password")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
