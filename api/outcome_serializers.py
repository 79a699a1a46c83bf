"""What the API says became of a proposal: its derived status and the cited evidence behind it."""

from rest_framework import serializers

from core.dates import DatePrecision
from outcomes.models import Status


def partial_date(value, precision) -> str | None:
    """A date only as precise as it is known: "2016-08-24", "2015-07", "2015", or None."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return None
    return {DatePrecision.YEAR: f"{value:%Y}", DatePrecision.MONTH: f"{value:%Y-%m}"}.get(
        precision, value.isoformat()
    )


class EvidenceSourceSerializer(serializers.Serializer):
    title = serializers.CharField(source="source_title")
    publisher = serializers.CharField(source="source_publisher")
    date = serializers.SerializerMethodField(help_text="As precise as known; null if unknown.")
    url = serializers.URLField()

    def get_date(self, evidence) -> str | None:
        return partial_date(evidence.source_date, evidence.source_date_precision)


class EvidenceEntrySerializer(serializers.Serializer):
    """One published piece of evidence, with the status it supports for this proposal."""

    slug = serializers.SlugField(source="evidence.slug")
    date = serializers.SerializerMethodField(help_text="When it happened, as precise as known.")
    summary = serializers.CharField(source="evidence.summary")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    note = serializers.CharField()
    source = EvidenceSourceSerializer(source="evidence")
    quote = serializers.CharField(
        source="evidence.quote", help_text="The source's words that support it."
    )

    def get_date(self, entry) -> str:
        return partial_date(entry.evidence.occurred_on, entry.evidence.occurred_on_precision)


class OutcomeSerializer(serializers.Serializer):
    """What became of the proposal: derived from its latest published evidence, never typed."""

    status = serializers.CharField(
        source="outcome_status", help_text="not_assessed means no evidence yet: unknown, not no."
    )
    status_label = serializers.SerializerMethodField()
    assessed_on = serializers.SerializerMethodField(
        help_text="The latest evidence's date, as precise as known (null: not assessed)."
    )
    evidence = EvidenceEntrySerializer(many=True, source="published_assessments")

    def get_status_label(self, proposal) -> str:
        return Status(proposal.outcome_status).label

    def get_assessed_on(self, proposal) -> str | None:
        value = proposal.outcome_assessed_on
        if value is None:
            return None
        return partial_date(value, proposal.outcome_assessed_precision)
