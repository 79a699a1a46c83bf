"""Themes, actors and frameworks: their lists, an entry's page, and Compare (an entry's proposals
side by side, one column per paper)."""

import re

from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber

from browse.selectors.compare_clusters import clusters
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

# Proposals per page of an entry's page, as on the list: at 30,000 proposals a theme's page had
# thousands (4.8 s, 6.3 MB); and per paper in Compare, which links to the rest.
PAGE_SIZE = 20
COMPARE_PER_PAPER = 10

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


def _entry_proposals(*, user, kind: str, entry):
    """The entry's visible proposals, in publication order, with what a card shows."""
    _, relation = VOCABULARIES[kind]
    return with_outcome(
        Proposal.objects.visible_to(user)
        .filter(pk__in=Proposal.objects.filter(**{relation: entry}).values("pk"))
        .with_tags()
    ).in_source_order()


def _grouped(kind: str, entry, proposals) -> list:
    """[(source, [proposals])] in the order given; an actor's role in each is noted."""
    groups = []
    for proposal in proposals:
        if kind == "actor":
            proposal.roles_here = [
                role.get_role_display()
                for role in proposal.actor_roles.all()
                if role.actor_id == entry.pk
            ]
        if not groups or groups[-1][0] != proposal.source:
            groups.append((proposal.source, []))
        groups[-1][1].append(proposal)
    return groups


def vocabulary_detail(*, user, kind: str, slug: str, page=None):
    """The entry and one page of its visible proposals, grouped by source in publication order.

    A page number that is no page gives the nearest page (Paginator.get_page), never an error.
    """
    model, _ = VOCABULARIES[kind]
    entry = model.objects.filter(slug=slug).first()
    if entry is None:
        return None
    page_obj = Paginator(_entry_proposals(user=user, kind=kind, entry=entry), PAGE_SIZE).get_page(
        page
    )
    if not page_obj.paginator.count and not is_staff(user):
        return None  # no published proposal uses it yet: not public
    proposals = list(page_obj.object_list)
    return {
        "entry": entry,
        "page_obj": page_obj,
        "proposals": proposals,
        "groups": _grouped(kind, entry, proposals),
    }


def compare(*, user, kind: str, slug: str):
    """One theme, actor or framework: its proposals side by side, one column per source, with the
    related ones across papers grouped in rows (browse.selectors.compare_clusters).

    Each paper shows at most COMPARE_PER_PAPER proposals and links to the list of all of them, so
    the page stays one screenful per paper however large the knowledge base. Within that cap the
    proposals related to another of the entry's come first (then by position), so that the rows
    of related proposals are as complete as the cap allows.
    """
    model, _ = VOCABULARIES[kind]
    entry = model.objects.filter(slug=slug).first()
    if entry is None:
        return None
    proposals = _entry_proposals(user=user, kind=kind, entry=entry)
    _, relation = VOCABULARIES[kind]
    counted = Proposal.objects.visible_to(user).filter(**{relation: entry}).order_by()
    per_source = {
        row["source_id"]: row["n"] for row in counted.values("source_id").annotate(n=Count("pk"))
    }
    if not per_source and not is_staff(user):
        return None
    # Related to another of the entry's proposals this reader may see (a subquery, no query).
    linked = Exists(
        Proposal.related.through.objects.filter(
            from_proposal=OuterRef("pk"), to_proposal__in=counted.values("pk")
        )
    )
    # The first few of each paper (one query, a window function): related ones, then by position.
    first = proposals.annotate(
        rank=Window(
            RowNumber(),
            partition_by=F("source_id"),
            order_by=[linked.desc(), F("position").asc()],
        )
    ).filter(rank__lte=COMPARE_PER_PAPER)
    groups = _grouped(kind, entry, list(first))
    for source, _ in groups:
        source.n_here = per_source[source.pk]
        source.more_here = per_source[source.pk] - COMPARE_PER_PAPER
    found = {
        "entry": entry,
        "groups": groups,
        "clusters": clusters(groups),
        "per_paper": COMPARE_PER_PAPER,
        "capped": any(source.more_here > 0 for source, _ in groups),
        "total": sum(per_source.values()),
    }
    with_entry = set(per_source)
    silent = [
        source
        for source in SourceDocument.objects.visible_to(user).order_by("published_on", "title")
        if source.pk not in with_entry
    ]
    return {**found, "silent_sources": silent}
