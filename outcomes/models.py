"""What became of each proposal: dated, cited evidence, and the status each entry supports.

A proposal's status is never typed: it is the judgement of its latest published evidence (by the
date of the event), and a proposal with none is "not assessed" — unknown, which is not "no".
One event (a law, a treaty entering into force) often answers several proposals, so an entry
links to many, each link carrying its own judgement.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.dates import (
    DatePrecision,
    format_partial_date,
    partial_date_constraints,
    partial_date_errors,
)
from core.models import PublicationStatus, TimestampedModel
from proposals.models import Proposal


class Status(models.TextChoices):
    """The scale, from nothing known to a final answer; the order is the order pages show."""

    NOT_ASSESSED = "not_assessed", "Not assessed"
    NO_ACTION = "no_action", "No action"
    IN_PROGRESS = "in_progress", "In progress"
    PARTIALLY_IMPLEMENTED = "partially_implemented", "Partially implemented"
    IMPLEMENTED = "implemented", "Implemented"
    OVERTAKEN = "overtaken", "Overtaken by events"
    REJECTED = "rejected", "Rejected"


DEFINITIONS = {
    Status.NOT_ASSESSED: "No published evidence has been recorded for the proposal yet. This "
    "means unknown, not “nothing happened”: most proposals have simply not been checked.",
    Status.NO_ACTION: "A cited public source shows that, as of its date, what the proposal asks "
    "for had not been done, with no decision against it either.",
    Status.IN_PROGRESS: "A cited source shows steps taken toward the proposal (a negotiation, a "
    "bill, an agreement not yet in force, a first stage) without it being done.",
    Status.PARTIALLY_IMPLEMENTED: "A cited source shows that part of what the proposal asks for "
    "was done, or that it was done in a narrower form than proposed.",
    Status.IMPLEMENTED: "A cited source shows that what the proposal asks for was done in "
    "substance (a body set up, a law in force, a policy adopted).",
    Status.OVERTAKEN: "Events made the proposal moot or changed the situation it addressed, so "
    "that it can no longer be carried out as proposed.",
    Status.REJECTED: "A cited source shows that a government or body whose action the proposal "
    "needs decided against it, or withdrew from it.",
}

# The statuses a piece of evidence can support: "not assessed" is the absence of evidence.
SUPPORTED = [(value, label) for value, label in Status.choices if value != Status.NOT_ASSESSED]


class EvidenceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def by_date(self):
        return self.order_by("-occurred_on", "slug")


class Evidence(TimestampedModel):
    """One dated public event, cited: what happened, and the source that shows it."""

    slug = models.SlugField(max_length=120, unique=True, help_text="Used in URLs and fixtures.")
    occurred_on = models.DateField(
        help_text="When it happened. Stored as the 1st of the month, or 1 January, when only the "
        "month or the year is known.",
    )
    occurred_on_precision = models.CharField(
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How precisely the source dates the event; never more precise than it does.",
    )
    summary = models.TextField(
        max_length=400, help_text="What happened, in one neutral sentence of our own."
    )
    source_title = models.CharField(max_length=300, help_text="The cited source's title.")
    source_publisher = models.CharField(
        max_length=300, help_text="Who published it: a ministry, a newspaper, a journal."
    )
    source_date = models.DateField(null=True, blank=True, help_text="When the source appeared.")
    source_date_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    url = models.URLField(max_length=500, help_text="Where the source can be read.")
    quote = models.TextField(
        help_text="The source's own words that support the summary, copied exactly."
    )
    status = models.CharField(
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        help_text="Drafts are visible to staff only and count for no proposal's status.",
    )
    proposals = models.ManyToManyField(
        Proposal, through="Assessment", related_name="evidence", blank=True
    )

    objects = EvidenceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_on", "slug"]
        verbose_name_plural = "evidence"
        constraints = [
            *partial_date_constraints("occurred_on", prefix="evidence"),
            *partial_date_constraints("source_date", prefix="evidence"),
        ]
        indexes = [
            # "What happened since": published entries, newest first, optionally one year.
            models.Index(fields=["status", "occurred_on"], name="evidence_status_date_idx"),
        ]

    def __str__(self):
        return f"{self.display_date}: {self.summary}"

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("outcomes:since") + f"#{self.slug}"

    @property
    def display_date(self) -> str:
        return format_partial_date(self.occurred_on, self.occurred_on_precision)

    @property
    def display_source_date(self) -> str:
        return format_partial_date(self.source_date, self.source_date_precision)

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    def clean(self):
        errors = {}
        if self.occurred_on is not None:  # a missing date is reported by the field itself
            errors |= partial_date_errors(
                self.occurred_on, self.occurred_on_precision, field="occurred_on"
            )
        errors |= partial_date_errors(
            self.source_date, self.source_date_precision, field="source_date"
        )
        if self.summary and self.summary.strip().count("\n"):
            errors["summary"] = "One sentence, on one line."
        if errors:
            raise ValidationError(errors)


class AssessmentManager(models.Manager):
    def get_by_natural_key(self, evidence_slug, proposal_slug):
        return self.get(evidence__slug=evidence_slug, proposal__slug=proposal_slug)


class Assessment(models.Model):
    """What one piece of evidence says about one proposal: the status it supports, and why."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="assessments")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assessments")
    status = models.CharField(
        max_length=30,
        choices=SUPPORTED,
        help_text="The status this evidence supports for this proposal.",
    )
    note = models.TextField(
        blank=True,
        help_text="Why the evidence bears on this proposal, and what it leaves open.",
    )

    objects = AssessmentManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["evidence", "proposal"]
        constraints = [
            models.UniqueConstraint(
                fields=["evidence", "proposal"], name="assessment_unique_per_proposal"
            ),
            models.CheckConstraint(
                name="assessment_status_supported",
                condition=models.Q(status__in=[value for value, _ in SUPPORTED]),
            ),
        ]
        indexes = [
            # A proposal's latest judgement: its assessments, joined to their evidence's date.
            models.Index(fields=["proposal", "evidence"], name="assessment_proposal_idx"),
        ]

    def __str__(self):
        return f"{self.proposal} — {self.get_status_display()}"

    def natural_key(self):
        return (*self.evidence.natural_key(), *self.proposal.natural_key())

    natural_key.dependencies = ["outcomes.evidence", "proposals.proposal"]
