"""Reads: a proposal's current status, its timeline, status counts, and what happened when.

Only published evidence counts, for everyone: a draft entry never changes what a page says.
"""

from django.db.models import (
    CharField,
    Count,
    DateField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from core.models import PublicationStatus
from outcomes.models import DEFINITIONS, Assessment, Evidence, Status
from proposals.models import Proposal


def _latest(field: str):
    """The proposal's latest published judgement's `field` (by event date; ties by slug)."""
    latest = Assessment.objects.filter(
        proposal=OuterRef("pk"), evidence__status=PublicationStatus.PUBLISHED
    ).order_by("-evidence__occurred_on", "-evidence__slug")
    return Subquery(latest.values(field)[:1])


def with_outcome(proposals: QuerySet) -> QuerySet:
    """Annotate `outcome_status` (never null) and `outcome_assessed_on` (the latest entry's
    date, or null) on each proposal; one query with the list, whatever its length."""
    return proposals.annotate(
        outcome_status=Coalesce(
            _latest("status"), Value(Status.NOT_ASSESSED), output_field=CharField()
        ),
        outcome_assessed_on=Subquery(
            Assessment.objects.filter(
                proposal=OuterRef("pk"), evidence__status=PublicationStatus.PUBLISHED
            )
            .order_by("-evidence__occurred_on", "-evidence__slug")
            .values("evidence__occurred_on")[:1],
            output_field=DateField(),
        ),
        outcome_assessed_precision=_latest("evidence__occurred_on_precision"),
    )


def with_status(proposals: QuerySet, statuses) -> QuerySet:
    """The proposals whose current status is one of `statuses`."""
    chosen = with_outcome(Proposal.objects.all()).filter(outcome_status__in=list(statuses))
    return proposals.filter(pk__in=chosen.values("pk"))


def status_rows(proposals) -> dict:
    """{status: how many of `proposals` (a queryset of pks or proposals) have it now}."""
    rows = (
        with_outcome(Proposal.objects.filter(pk__in=proposals))
        .order_by()
        .values("outcome_status")
        .annotate(n=Count("pk"))
    )
    return {row["outcome_status"]: row["n"] for row in rows}


def scale() -> list[tuple[str, str, str]]:
    """(value, label, definition) for the definitions page, in the scale's order."""
    return [(value, label, DEFINITIONS[value]) for value, label in Status.choices]


def published_assessments() -> QuerySet:
    """Judgements backed by published evidence, oldest event first, with their evidence."""
    return (
        Assessment.objects.filter(evidence__status=PublicationStatus.PUBLISHED)
        .select_related("evidence")
        .order_by("evidence__occurred_on", "evidence__slug")
    )


def timeline(proposal) -> list[Assessment]:
    """The proposal's published evidence, oldest first: each judgement with its cited source."""
    return list(published_assessments().filter(proposal=proposal))


def evidence_since(*, user, year: int | None = None) -> QuerySet:
    """Published evidence, newest first, each with the proposals it answers that `user` may see;
    entries that answer no visible proposal are left out."""
    visible = Proposal.objects.visible_to(user)
    entries = Evidence.objects.published().filter(assessments__proposal__in=visible.values("pk"))
    if year is not None:
        entries = entries.filter(occurred_on__year=year)
    judgements = Assessment.objects.filter(proposal__in=visible.values("pk")).select_related(
        "proposal__source"
    )
    return (
        entries.distinct()
        .by_date()
        .prefetch_related(Prefetch("assessments", queryset=judgements.order_by("proposal__slug")))
    )


def evidence_years(*, user) -> list[int]:
    visible = Proposal.objects.visible_to(user)
    dates = (
        Evidence.objects.published()
        .filter(assessments__proposal__in=visible.values("pk"))
        .dates("occurred_on", "year", order="DESC")
    )
    return [d.year for d in dates]
