"""What the editorial workflow stores of its own: suggestions dismissed as not recommendations."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from core.models import TimestampedModel
from core.text.anchoring import normalise_whitespace
from sources.models import SourceDocument


class DismissedSuggestion(TimestampedModel):
    """A sentence the detector suggests that an editor read in context and judged not to be a
    recommendation, with why. kb_coverage counts it as reviewed, as it does the entries of
    fixtures/review/coverage_reviewed.yaml; the suggestions page greys it out."""

    source = models.ForeignKey(
        SourceDocument,
        on_delete=models.CASCADE,
        related_name="dismissed_suggestions",
        help_text="The paper the sentence stands in.",
    )
    sentence = models.TextField(
        help_text="The sentence as the detector finds it (whitespace aside): how it is matched."
    )
    reason = models.TextField(help_text="Why it is not a recommendation, read in context.")
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The editor who dismissed it.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "sentence"], name="dismissed_suggestion_unique_sentence"
            ),
        ]

    def __str__(self):
        return f"{self.source}: {self.sentence[:60]}"

    def save(self, *args, **kwargs):
        # Matched whitespace aside, as the reviewed list is: stored in that form.
        self.sentence = normalise_whitespace(self.sentence)
        self.reason = self.reason.strip()
        super().save(*args, **kwargs)
