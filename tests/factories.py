"""Small builders for test data: each makes a valid, published object unless told otherwise."""

import datetime
import itertools

from core.dates import DatePrecision
from core.models import PublicationStatus
from proposals.models import Actor, Framework, Proposal, ProposalActor, Theme
from sources.models import Author, SourceDocument

_numbers = itertools.count(1)

SAMPLE_BODY = (
    "The alliance must deepen its cooperation on disaster relief.\n\n"
    "Japan should join the Asian Infrastructure Investment Bank\n"
    "and shape it from within.\n\n"
    "Critics say the bases burden Okinawa."
)


def make_source(**fields) -> SourceDocument:
    number = next(_numbers)
    values = {
        "title": f"Sample paper {number}",
        "slug": f"sample-paper-{number}",
        "kind": SourceDocument.Kind.ESSAY,
        "publisher": "Sample Press",
        "published_on": datetime.date(2015, 7, 1),
        "published_on_precision": DatePrecision.MONTH,
        "body": SAMPLE_BODY,
        "status": PublicationStatus.PUBLISHED,
    }
    values.update(fields)
    return SourceDocument.objects.create(**values)


def make_theme(**fields) -> Theme:
    number = next(_numbers)
    values = {"name": f"Theme {number}", "slug": f"theme-{number}", "description": "A theme."}
    values.update(fields)
    return Theme.objects.create(**values)


def make_actor(**fields) -> Actor:
    number = next(_numbers)
    values = {"name": f"Actor {number}", "slug": f"actor-{number}", "kind": Actor.Kind.STATE}
    values.update(fields)
    return Actor.objects.create(**values)


def make_framework(**fields) -> Framework:
    number = next(_numbers)
    values = {
        "name": f"Framework {number}",
        "slug": f"framework-{number}",
        "kind": Framework.Kind.INSTITUTION,
        "description": "A framework.",
    }
    values.update(fields)
    return Framework.objects.create(**values)


def make_proposal(*, source=None, themes=(), actors=(), frameworks=(), **fields) -> Proposal:
    """actors: Actor objects (role 'acts') or (actor, role) pairs."""
    number = next(_numbers)
    source = source or make_source()
    values = {
        "source": source,
        "position": source.proposals.count() + 1,
        "slug": f"proposal-{number}",
        "title": f"Proposal {number}",
        "summary": "A neutral summary.",
        "quote": "The alliance must deepen its cooperation on disaster relief.",
        "status": PublicationStatus.PUBLISHED,
    }
    values.update(fields)
    proposal = Proposal.objects.create(**values)
    proposal.themes.set(themes)
    proposal.frameworks.set(frameworks)
    for actor in actors:
        actor, role = actor if isinstance(actor, tuple) else (actor, ProposalActor.Role.ACTS)
        ProposalActor.objects.create(proposal=proposal, actor=actor, role=role)
    return proposal


def make_author(**fields) -> Author:
    number = next(_numbers)
    values = {"name": f"Author {number}", "slug": f"author-{number}"}
    values.update(fields)
    if "slug" not in fields:
        values["slug"] = f"author-{number}"
    return Author.objects.create(**values)


def make_evidence(*, proposals=(), **fields):
    """Published evidence dated to the day; proposals: (proposal, status) pairs it answers."""
    from outcomes.models import Assessment, Evidence

    number = next(_numbers)
    values = {
        "slug": f"evidence-{number}",
        "occurred_on": datetime.date(2016, 3, 1),
        "occurred_on_precision": DatePrecision.DAY,
        "summary": f"Something happened ({number}).",
        "source_title": "A report",
        "source_publisher": "A newspaper",
        "url": f"https://example.org/report-{number}",
        "quote": "Something happened.",
        "status": PublicationStatus.PUBLISHED,
    }
    values.update(fields)
    evidence = Evidence.objects.create(**values)
    for proposal, status in proposals:
        Assessment.objects.create(evidence=evidence, proposal=proposal, status=status)
    return evidence
