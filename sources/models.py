"""Source documents (the papers proposals are drawn from) and the people or bodies behind them."""

import re

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
from core.history import BatchedHistory
from core.models import PublicationStatus, SlugManager, TimestampedModel


class Author(TimestampedModel):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"

    name = models.CharField(max_length=200, help_text="As the paper gives it.")
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    description = models.TextField(
        blank=True, help_text="Affiliation or a one-line description, as the source states it."
    )

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class SourceDocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def visible_to(self, user):
        """Staff preview drafts; everyone else sees published sources only."""
        if user is not None and user.is_staff:
            return self
        return self.published()

    def with_authors(self):
        return self.prefetch_related(
            models.Prefetch(
                "authorships",
                queryset=Authorship.objects.select_related("author").order_by("position"),
            )
        )

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def words_written(self, words) -> set[str]:
        """Those of `words` that a published source's body writes as a whole word (any case):
        the knowledge base's say on a word a new paper breaks at a line end. One query per word,
        for the few words the paper itself cannot decide."""
        found = set()
        for word in list(dict.fromkeys(words))[:MAX_WORDS_LOOKED_UP]:
            whole = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.I)
            # icontains narrows the bodies down in the database; the match as a word is here.
            bodies = self.published().filter(body__icontains=word).values_list("body", flat=True)
            if any(whole.search(body) for body in bodies[:20]):
                found.add(word)
        return found


# A PDF of a few hundred pages breaks a few hundred words; beyond that, the hyphen stays.
MAX_WORDS_LOOKED_UP = 300


class SourceDocument(TimestampedModel):
    class Kind(models.TextChoices):
        EDITORIAL = "editorial", "Newspaper editorial"
        ESSAY = "essay", "Op-ed / policy essay"
        JOINT_STATEMENT = "joint_statement", "Joint statement"
        POLICY_PROPOSAL = "policy_proposal", "Policy proposal"
        CONFERENCE_PAPER = "conference_paper", "Conference paper"
        REPORT = "report", "Report"
        ARTICLE = "article", "Article"

    class TextVersion(models.TextChoices):
        ORIGINAL = "original", "The original text"
        TRANSLATION = "translation", "A translation"
        EXTRACT = "extract", "An extract (reprint)"
        REPRINT = "reprint", "A reprint"
        SUMMARY = "summary", "A summary by the publisher"

    title = models.CharField(max_length=300)
    subtitle = models.CharField(max_length=300, blank=True)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in URLs and fixtures.")
    kind = models.CharField(max_length=30, choices=Kind.choices, help_text="What sort of paper.")
    status = models.CharField(
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        help_text="Drafts are visible to staff only.",
    )

    # The original publication: what the paper is cited as.
    publisher = models.CharField(
        max_length=300, help_text="Publisher or venue of the original, e.g. 'Pacific Forum CSIS'."
    )
    series = models.CharField(
        max_length=200, blank=True, help_text="Series or periodical, e.g. 'Issues & Insights'."
    )
    volume = models.CharField(max_length=20, blank=True)
    issue = models.CharField(max_length=20, blank=True)
    pages = models.CharField(max_length=40, blank=True, help_text="e.g. '1–5'.")
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="Stored as the 1st of the month, or 1 January, when only the month or the "
        "year is known.",
    )
    published_on_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    date_note = models.CharField(
        max_length=300, blank=True, help_text="How the date is known, where it is uncertain."
    )
    url = models.URLField(max_length=500, blank=True, help_text="Where the original is published.")

    # The text actually captured, where it is not the original itself.
    text_version = models.CharField(
        max_length=20, choices=TextVersion.choices, default=TextVersion.ORIGINAL
    )
    text_publisher = models.CharField(
        max_length=300,
        blank=True,
        help_text="Who published the captured text, if not the original.",
    )
    text_published_on = models.DateField(null=True, blank=True)
    text_published_on_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    text_url = models.URLField(max_length=500, blank=True)
    text_note = models.TextField(
        blank=True,
        help_text="Translation credits, reprint notes: how the captured text came to be.",
    )

    summary = models.TextField(blank=True, help_text="A short neutral summary of the paper.")
    body = models.TextField(
        help_text="The paper's own words, cleaned of web and PDF debris; paragraphs separated by a "
        "blank line. Never reworded: proposal quotes are anchored in it."
    )
    notes = models.TextField(
        blank=True, help_text="Footnotes and notes that belong to the record but not to the body."
    )

    objects = SourceDocumentQuerySet.as_manager()
    # One history row per save, with the byline of that version (history_snapshot) in it.
    history = BatchedHistory()

    class Meta:
        ordering = ["published_on", "title"]
        constraints = [
            *partial_date_constraints("published_on", prefix="source"),
            *partial_date_constraints("text_published_on", prefix="source"),
            models.CheckConstraint(name="source_body_not_blank", condition=~models.Q(body="")),
        ]
        indexes = [
            # The public lists filter on status and order by date.
            models.Index(fields=["status", "published_on"], name="source_status_date_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sources:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        errors = {}
        errors.update(
            partial_date_errors(
                self.published_on, self.published_on_precision, field="published_on"
            )
        )
        errors.update(
            partial_date_errors(
                self.text_published_on, self.text_published_on_precision, field="text_published_on"
            )
        )
        if not (self.body or "").strip():
            errors["body"] = "A source needs its text: proposals are anchored in it."
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED

    def history_snapshot(self) -> dict:
        """The byline as saved now, for this version's history row."""
        rows = self.authorships.select_related("author").order_by("position", "pk")
        return {"byline": [[a.author_id, a.author.name, a.role, a.position] for a in rows]}

    @property
    def display_date(self):
        return format_partial_date(self.published_on, self.published_on_precision)

    @property
    def display_text_date(self):
        return format_partial_date(self.text_published_on, self.text_published_on_precision)

    @property
    def year(self):
        return self.published_on.year if self.published_on else None

    @property
    def ordered_authors(self):
        """Authors in byline order; uses the with_authors() prefetch when there is one."""
        return [a.author for a in self.authorships.all() if a.role != Authorship.Role.TRANSLATOR]


class AuthorshipManager(models.Manager):
    def get_by_natural_key(self, source_slug, author_slug, role):
        return self.get(source__slug=source_slug, author__slug=author_slug, role=role)


class Authorship(models.Model):
    """An author's place in a source's byline: people and issuing bodies, in order."""

    class Role(models.TextChoices):
        AUTHOR = "author", "Author"
        ISSUING_BODY = "issuing_body", "Issuing body"
        TRANSLATOR = "translator", "Translator"
        EDITOR = "editor", "Editor"

    source = models.ForeignKey(SourceDocument, on_delete=models.CASCADE, related_name="authorships")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="authorships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.AUTHOR)
    position = models.PositiveSmallIntegerField(default=1, help_text="Order in the byline, from 1.")

    objects = AuthorshipManager()

    class Meta:
        ordering = ["source", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "author", "role"], name="authorship_unique_per_role"
            ),
        ]

    def __str__(self):
        return f"{self.author} ({self.get_role_display()}) — {self.source}"

    def natural_key(self):
        return (*self.source.natural_key(), *self.author.natural_key(), self.role)

    natural_key.dependencies = ["sources.sourcedocument", "sources.author"]
