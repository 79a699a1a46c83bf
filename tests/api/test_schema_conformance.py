"""Schemathesis against the live OpenAPI schema: for every operation, generated requests (valid
and odd parameters alike) never get a server error, and every response matches the schema.

One check is left out, on purpose: that a parameter of the wrong type is refused. The API reads
its parameters as the pages do, leniently: a value that names nothing is ignored and said in
`notices`, a page size that is no number falls back to the default."""

from pathlib import Path

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from alliance_kb.wsgi import application
from tests.factories import make_proposal, make_source

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "kb_sample"


# The schema view reads no database, so the schema is loaded once, when the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def app_keeps_the_test_connection():
    # Schemathesis calls the WSGI application itself, not Django's test client, so each request
    # would end by closing "old" connections: on PostgreSQL that closes the connection holding the
    # test's transaction. The test client keeps it open the same way: by not listening.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def knowledge_base(db, settings, app_keeps_the_test_connection):
    settings.KB_API_ANON_RATE = ""  # generated requests come by the hundred
    call_command("load_kb", fixtures=SAMPLE, verbosity=0)
    draft_source = make_source(title="Draft paper", status="draft")
    make_proposal(source=draft_source, title="A draft proposal", status="draft")


@pytest.mark.usefixtures("knowledge_base")
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_its_schema_says(case):
    # Uncompressed: pages are gzipped for clients that ask, and the WSGI transport hands the bytes
    # over as they come.
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"},
        excluded_checks=[negative_data_rejection, positive_data_acceptance],
    )
