"""Themes, actors and frameworks: their lists, an entry's page, and Compare (an entry's proposals
side by side, one column per paper)."""

import re

from django.db.models import Count, Q

from outcomes.selectors import with_outcome
from proposals.models import Actor, Framework, Proposal, Theme
from sources.models import SourceDocument

# The three vocabularies by kind: the model, and the Proposal relation to it (also the word
# their URLs use: /themes/, /actors/, /frameworks/).
VOCABULARIES = {
    "theme": (Theme, "themes"),
    "actor": (Actor, "actors"),
    "framework": (Framework, "frameworks"),
}

# What a slug in an address may hold: the `slug` path converter's characters.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def compare_subject(subject: str) -> tuple[str, str] | None:
    """The (kind, slug) of the compare picker's `kind:slug`, or None if it names no entry."""
    kind, _, slug = subject.partition(":")
    if kind not in VOCABULARIES or not SLUG.fullmatch(slug):
        return None
    model, _ = VOCABULARIES[kind]
    return (kind, slug) if model.objects.filter(slug=slug).exists() else None


def vocabulary_listing(*, user, kind: str):
    """The entries with their counts. An entry no published proposal uses yet (one an editor has
    just added) is for staff only, as drafts are."""
    model, relation = VOCABULARIES[kind]
    visible = Proposal.objects.visible_to(user).values("pk")
    entries = model.objects.annotate(
        n=Count("proposals", filter=Q(proposals__in=visible), distinct=True),
        papers=Count("proposals__source", filter=Q(proposals__in=visible), distinct=True),
    ).order_by(*(("name",) if kind == "theme" else ("kind", "name")))
    if not is_staff(user):
        entries = entries.filter(n__gt=0)
    return list(entries)


def is_staff(user) -> bool:
    return user is not None and user.is_staff


def vocabulary_detail(*, user, kind: str, slug: str):
    """The entry and its visible proposals grouped by source, in publication order."""
    model, relation = VOCABULARIES[kind]
    entry = model.objects.filter(slug=slug).first()
    if entry is None:
        return None
    proposals = list(
        with_outcome(
            Proposal.objects.visible_to(user)
            .filter(pk__in=Proposal.objects.filter(**{relation: entry}).values("pk"))
            .with_tags()
        ).in_source_order()
    )
    if kind == "actor":
        for proposal in proposals:
            proposal.roles_here = [
                role.get_role_display()
                for role in proposal.actor_roles.all()
                if role.actor_id == entry.pk
            ]
    if not proposals and not is_staff(user):
        return None  # no published proposal uses it yet: not public
    groups = []
    for proposal in proposals:
        if not groups or groups[-1][0] != proposal.source:
            groups.append((proposal.source, []))
        groups[-1][1].append(proposal)
    return {"entry": entry, "proposals": proposals, "groups": groups}


def compare(*, user, kind: str, slug: str):
    """One theme, actor or framework: its proposals side by side, one column per source."""
    found = vocabulary_detail(user=user, kind=kind, slug=slug)
    if found is None:
        return None
    with_entry = {source.pk for source, _ in found["groups"]}
    silent = [
        source
        for source in SourceDocument.objects.visible_to(user).order_by("published_on", "title")
        if source.pk not in with_entry
    ]
    return {**found, "silent_sources": silent}
