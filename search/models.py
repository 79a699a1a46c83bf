"""The search index's to-do list: tags whose proposals' documents wait to be written again."""

from django.db import models


class PendingTag(models.Model):
    """A renamed or deleted theme, actor or framework whose proposals' search documents are out
    of date.

    A proposal's document holds its tags' names (search.index.tag_text). Renaming or deleting a
    theme carried by tens of thousands of proposals must not rewrite their documents inside the
    editor's save: the save only notes the tag here (one row, whatever it carries), and
    search.reindex_queue writes its proposals after the commit, in batches, outside the request;
    `manage.py reindex_pending` finishes what a stopped process left.
    """

    class Kind(models.TextChoices):
        THEME = "theme"
        ACTOR = "actor"
        FRAMEWORK = "framework"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    tag_id = models.BigIntegerField()
    # The latest rename or deletion: a writer removes the entry only if none came after it began,
    # so a name changed again meanwhile is written again.
    queued_at = models.DateTimeField()
    # A deleted tag's links are gone with it, so its proposals cannot be found by the tag any
    # more: the deletion lists them here (one write, whatever their number).
    proposal_ids = models.JSONField(
        default=list,
        blank=True,
        help_text="The proposals a deleted tag carried (empty for a rename, whose proposals are "
        "read from the tag's links).",
    )

    class Meta:
        verbose_name = "renamed or deleted tag waiting to be reindexed"
        constraints = [
            models.UniqueConstraint(fields=["kind", "tag_id"], name="search_pending_tag_once")
        ]

    def __str__(self):
        change = "deleted" if self.proposal_ids else "renamed"
        return f"{self.kind} {self.tag_id}, {change} {self.queued_at:%Y-%m-%d %H:%M:%S}"
