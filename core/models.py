"""Foundations every app's models build on: timestamps, publication status, slug natural keys.

Abstract or plain classes only: core owns no table.
"""

from django.db import models


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, help_text="When this record was created.")
    updated_at = models.DateTimeField(auto_now=True, help_text="When this record last changed.")

    class Meta:
        abstract = True


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class SlugManager(models.Manager):
    """Natural key lookups by slug, so fixtures never depend on primary keys."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)
