"""The read-replica router: readers' queries to the replica, writes and editors to the primary."""

from django.db import transaction

from alliance_kb.routers import ReplicaRouter, use_primary
from proposals.models import Proposal


def test_reads_go_to_the_replica_and_writes_to_the_primary():
    router = ReplicaRouter()
    assert router.db_for_read(Proposal) == "replica"
    assert router.db_for_write(Proposal) == "default"
    assert router.allow_migrate("replica", "proposals") is False


def test_editors_read_the_primary():
    router = ReplicaRouter()
    token = use_primary.set(True)
    try:
        assert router.db_for_read(Proposal) == "default"
    finally:
        use_primary.reset(token)


def test_reads_inside_a_transaction_stay_on_the_primary(db):
    with transaction.atomic():
        assert ReplicaRouter().db_for_read(Proposal) == "default"
