"""The three vocabularies proposals are tagged with: themes, actors and frameworks."""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import SlugManager, TimestampedModel


def split_aliases(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Theme(TimestampedModel):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(help_text="One line: what proposals under this theme are about.")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("proposals:theme-detail", kwargs={"slug": self.slug})


class Actor(TimestampedModel):
    class Kind(models.TextChoices):
        STATE = "state", "State"
        GOVERNMENT_BODY = "government_body", "Government body"
        ARMED_FORCES = "armed_forces", "Armed forces"
        INTERNATIONAL_ORGANISATION = "international_organisation", "International organisation"
        GROUP_OF_STATES = "group_of_states", "Group of states"
        SUBNATIONAL_COMMUNITY = "subnational_community", "Sub-national community"
        THINK_TANK_MEDIA = "think_tank_media", "Think tank / media"
        PEOPLE_PUBLIC = "people_public", "People / public"
        PRIVATE_SECTOR = "private_sector", "Private sector"

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    aliases = models.TextField(
        blank=True, help_text="Other names, one per line (ROK, South Korea)."
    )
    description = models.TextField(blank=True, help_text="One line on who this is.")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("proposals:actor-detail", kwargs={"slug": self.slug})

    @property
    def alias_list(self):
        return split_aliases(self.aliases)


class Framework(TimestampedModel):
    class Kind(models.TextChoices):
        TREATY = "treaty", "Treaty / agreement"
        INSTITUTION = "institution", "Institution"
        FORUM = "forum", "Forum / dialogue"
        MECHANISM = "mechanism", "Mechanism"
        INITIATIVE = "initiative", "Initiative"
        INSTRUMENT = "instrument", "Policy / legal instrument"

    name = models.CharField(max_length=200, unique=True)
    acronym = models.CharField(max_length=30, blank=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    aliases = models.TextField(blank=True, help_text="Other names, one per line.")
    description = models.TextField(help_text="One line on what it is.")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("proposals:framework-detail", kwargs={"slug": self.slug})

    @property
    def alias_list(self):
        return split_aliases(self.aliases)
