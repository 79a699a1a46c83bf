import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from editorial.accounts import create_editor
from search import facet_index, suggest
from search.index import rebuild


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached blocks and the throttle's counters of one test
    must not answer another's; nor may the facet index or the search's words, which a version
    reused across tests (both start from the clock on an empty cache) would otherwise carry over."""
    cache.clear()
    facet_index.forget()
    suggest.forget()


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


# The knowledge base's own models, as load_kb loads them (their history is left out).
KB_MODELS = [
    "sources.author",
    "sources.sourcedocument",
    "sources.authorship",
    "proposals.theme",
    "proposals.actor",
    "proposals.framework",
    "proposals.proposal",
    "proposals.proposalactor",
    "outcomes.evidence",
    "outcomes.assessment",
]


@pytest.fixture(scope="session")
def knowledge_base_dump(django_db_setup, django_db_blocker, tmp_path_factory):
    """The fixtures as load_kb validates and loads them, dumped once for the session (load_kb
    anchors every quote, which takes seconds; loaddata restores the rows in one)."""
    path = tmp_path_factory.mktemp("knowledge-base") / "kb.json"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_kb", verbosity=0)
        call_command("dumpdata", *KB_MODELS, natural_foreign=True, output=str(path), verbosity=0)
        transaction.set_rollback(True)
    return path


@pytest.fixture
def knowledge_base(db, knowledge_base_dump):
    """The whole knowledge base from fixtures/, searchable, for one test."""
    call_command("loaddata", str(knowledge_base_dump), verbosity=0)
    rebuild()  # loaddata saves raw rows, which the index receivers leave alone
