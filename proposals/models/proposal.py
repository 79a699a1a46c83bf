"""Proposals drawn from source documents: each quote anchored in its source; actors' roles.

Why this module is long: the proposal, its queryset and its actor roles share the anchoring and
history-snapshot rules, which read most clearly beside the fields they guard.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.history import BatchedHistory
from core.models import PublicationStatus, TimestampedModel
from core.text.anchoring import (
    QuoteAmbiguous,
    QuoteNotFound,
    anchor_quote,
    context_for_display,
    normalise_whitespace,
)
from core.text.quote_rules import occurrences
from proposals.models.vocabularies import Actor, Framework, Theme
from sources.models import SourceDocument

# The fields anchor() sets, and those whose change moves the anchor.
ANCHOR_FIELDS = ("quote", "quote_start", "quote_end", "quote_prefix", "quote_suffix")
ANCHOR_INPUTS = {"quote", "source"}


def touches_anchor(update_fields) -> bool:
    """Whether a save with these update_fields (None: all fields) can move a quote's anchor."""
    return update_fields is None or bool(ANCHOR_INPUTS & set(update_fields))


class ProposalQuerySet(models.QuerySet):
    def published(self):
        """Public: the proposal and its source are both published."""
        return self.filter(
            status=PublicationStatus.PUBLISHED, source__status=PublicationStatus.PUBLISHED
        )

    def visible_to(self, user):
        """Staff preview drafts; everyone else sees published proposals only."""
        if user is not None and user.is_staff:
            return self
        return self.published()

    def with_tags(self):
        """What a list of proposals shows beside each one, in a constant number of queries.

        The source's body (the whole paper) stays out: a list never shows it, and at scale it
        is most of every row's bytes. A page that needs it asks with .defer(None).
        """
        return (
            self.select_related("source")
            .defer("source__body")
            .prefetch_related(
                "themes",
                "frameworks",
                models.Prefetch(
                    "actor_roles", queryset=ProposalActor.objects.select_related("actor")
                ),
            )
        )

    def in_source_order(self):
        return self.order_by("source__published_on", "source__title", "position")

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Proposal(TimestampedModel):
    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", "Recommendation"
        OPEN_QUESTION = "open_question", "Open question"

    source = models.ForeignKey(
        SourceDocument,
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text="The paper that makes this proposal.",
    )
    position = models.PositiveSmallIntegerField(help_text="Order within the source, from 1.")
    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(max_length=200, help_text="Short, scannable: 'Japan joins the AIIB'.")
    summary = models.TextField(help_text="One neutral paragraph, in our words.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.RECOMMENDATION)
    status = models.CharField(
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        help_text="Drafts are visible to staff only.",
    )

    published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When it was last published through the admin; empty for proposals loaded "
        "from fixtures as published.",
    )

    quote = models.TextField(
        help_text="The source's exact words that state the proposal; located in its text on save."
    )
    # Computed from the quote by anchor(); never typed.
    quote_start = models.PositiveIntegerField(default=0, editable=False)
    quote_end = models.PositiveIntegerField(default=0, editable=False)
    quote_prefix = models.CharField(max_length=64, blank=True, editable=False)
    quote_suffix = models.CharField(max_length=64, blank=True, editable=False)

    themes = models.ManyToManyField(Theme, related_name="proposals", blank=True)
    frameworks = models.ManyToManyField(Framework, related_name="proposals", blank=True)
    actors = models.ManyToManyField(
        Actor, through="ProposalActor", related_name="proposals", blank=True
    )
    related = models.ManyToManyField(
        "self",
        symmetrical=True,
        blank=True,
        help_text="Proposals in other papers that make the same or an overlapping recommendation.",
    )

    objects = ProposalQuerySet.as_manager()
    # One history row per save, with the tags of that version (history_snapshot) in it.
    history = BatchedHistory()

    class Meta:
        ordering = ["source", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "position"], name="proposal_unique_position_in_source"
            ),
            models.UniqueConstraint(
                fields=["source", "title"], name="proposal_unique_title_in_source"
            ),
            models.CheckConstraint(
                name="proposal_quote_span_ordered",
                condition=models.Q(quote_end__gte=models.F("quote_start")),
            ),
            models.CheckConstraint(
                name="proposal_position_from_one", condition=models.Q(position__gte=1)
            ),
        ]
        indexes = [
            # A source page: its proposals of a given status, in source order (source_id, status
            # and position together; the list across sources orders by the source's date instead).
            models.Index(fields=["status", "source", "position"], name="proposal_status_order_idx"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["sources.sourcedocument"]

    def get_absolute_url(self):
        return reverse("proposals:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED and self.source.is_published

    @property
    def display_context(self):
        """(words before, words after) the quote within its paragraph, for showing it in place."""
        return context_for_display(
            self.quote_prefix,
            self.quote_suffix,
            cut_before=self.quote_start > len(self.quote_prefix),
            cut_after=self.quote_end + len(self.quote_suffix) < len(self.source.body),
        )

    def history_snapshot(self) -> dict:
        """The tags and related links as saved now, for this version's history row: ids to
        restore them by, and names to show them by should an entry be renamed or deleted."""
        roles = self.actor_roles.select_related("actor").order_by("actor__name", "role")
        return {
            "themes": [[t.pk, t.name] for t in self.themes.order_by("name")],
            "frameworks": [[f.pk, f.name] for f in self.frameworks.order_by("name")],
            "actors": [[r.actor_id, r.actor.name, r.role] for r in roles],
            "related": [[p.pk, p.title] for p in self.related.order_by("title")],
        }

    # Which occurrence of a quote that stands more than once the editor chose (from 1, in text
    # order); set by the admin form, never stored.
    quote_occurrence: int | None = None

    def anchor(self):
        """Locate the quote in the source body and store its exact span and context.

        The stored quote becomes the body's own characters, so quote == body[start:end] always.
        """
        known = self.pk is not None  # a stored proposal has a position and context to go by
        near, prefix, suffix = (
            (self.quote_start, self.quote_prefix, self.quote_suffix) if known else (None, "", "")
        )
        chosen = self.chosen_occurrence()
        if chosen is not None:
            near, prefix, suffix = chosen.start, "", ""
        found = anchor_quote(self.source.body, self.quote, near=near, prefix=prefix, suffix=suffix)
        self.quote = found.exact
        self.quote_start, self.quote_end = found.start, found.end
        self.quote_prefix, self.quote_suffix = found.prefix, found.suffix

    def chosen_occurrence(self):
        if not self.quote_occurrence or self.source_id is None:
            return None
        whole, _partial = occurrences(self.source.body, self.quote)
        return whole[self.quote_occurrence - 1] if self.quote_occurrence <= len(whole) else None

    def quote_is_new(self) -> bool:
        """Whether the quote is typed anew (a new proposal, or its words changed), rather than
        kept from before (then its stored context says where it stands)."""
        if self.pk is None:
            return True
        stored = Proposal.objects.filter(pk=self.pk).values_list("quote", "source_id").first()
        return stored is None or (
            normalise_whitespace(stored[0]) != normalise_whitespace(self.quote)
            or stored[1] != self.source_id
        )

    def quote_errors(self) -> str | None:
        """Why the quote cannot be saved as it stands, or None: it must stand in the text at
        word boundaries, and a new quote must point at one place (or say which it means)."""
        whole, partial = occurrences(self.source.body, self.quote)
        if not whole and partial:
            return (
                "This quote begins or ends inside a word of the source's text: quote whole "
                "words, from the first letter of the first word to the last of the last."
            )
        if len(whole) > 1 and self.quote_is_new() and self.chosen_occurrence() is None:
            return (
                f"This quote occurs {len(whole)} times in the source's text: quote more of the "
                "sentence so that it points at one place, or choose below which occurrence "
                "you mean."
            )
        return None

    def clean(self):
        errors = {}
        if self.source_id is not None and self.quote:
            try:
                problem = self.quote_errors()
                if problem:
                    raise QuoteAmbiguous(problem)
                self.anchor()
            except (QuoteNotFound, QuoteAmbiguous) as error:
                errors["quote"] = str(error)
        if self.source_id is not None and self.title:
            clash = Proposal.objects.filter(source_id=self.source_id, title=self.title)
            if clash.exclude(pk=self.pk).exists():
                errors["title"] = "Another proposal from this source already has this title."
        if self.position is not None and self.position < 1:
            errors["position"] = "Positions count from 1."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, update_fields=None, **kwargs):
        # Anchoring on every save keeps offsets true even when the quote or body changes outside
        # a form (shell, services); clean() has already reported a missing quote to form users.
        # A save of other fields only (a status change) leaves the anchor alone.
        if self.source_id is not None and self.quote and touches_anchor(update_fields):
            self.anchor()
            if update_fields is not None:
                update_fields = {*update_fields, *ANCHOR_FIELDS}
        super().save(*args, update_fields=update_fields, **kwargs)


class ProposalActorManager(models.Manager):
    def get_by_natural_key(self, proposal_slug, actor_slug, role):
        return self.get(proposal__slug=proposal_slug, actor__slug=actor_slug, role=role)


class ProposalActor(models.Model):
    """An actor's part in a proposal: kept to three roles so that filtering by role stays simple."""

    class Role(models.TextChoices):
        ACTS = "acts", "Is to act"
        ENGAGED = "engaged", "Addressed or engaged"
        AFFECTED = "affected", "Affected"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="actor_roles")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="proposal_roles")
    role = models.CharField(
        max_length=10,
        choices=Role.choices,
        default=Role.ACTS,
        help_text="Is to act: carries the proposal out. Addressed or engaged: asked, consulted or "
        "drawn in. Affected: the proposal is about them or changes their situation.",
    )

    objects = ProposalActorManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["proposal", "role", "actor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "actor", "role"], name="proposal_actor_unique_role"
            ),
        ]

    def __str__(self):
        return f"{self.actor} — {self.get_role_display()}"

    def natural_key(self):
        return (*self.proposal.natural_key(), *self.actor.natural_key(), self.role)

    natural_key.dependencies = ["proposals.proposal", "proposals.actor"]
