"""The rows of every table of the published knowledge base: published sources and their published
proposals only, and the authors and vocabulary entries those use."""

from browse.citations import plain_citation
from browse.datapackage.fields import (
    AUTHOR_FIELDS,
    BYLINE_FIELDS,
    PROPOSAL_FIELDS,
    SOURCE_FIELDS,
    VOCABULARY_FIELDS,
    Table,
    link_fields,
    s,
)
from browse.datapackage.outcomes import outcome_tables
from outcomes.selectors import with_outcome
from proposals.models import Actor, Framework, Proposal, Theme
from sources.models import SourceDocument


def partial_date(value, precision) -> str:
    if value is None or precision == "unknown":
        return ""
    return {"year": f"{value:%Y}", "month": f"{value:%Y-%m}"}.get(precision, value.isoformat())


def tables(base_url: str) -> list[Table]:
    """Every table of the published knowledge base, its rows read in a fixed number of queries."""
    sources = list(SourceDocument.objects.published().with_authors().order_by("published_on"))
    proposals = list(
        with_outcome(Proposal.objects.published().with_tags().prefetch_related("related")).order_by(
            "slug"
        )
    )
    shown = {p.pk for p in proposals}
    bylines = [b for source in sources for b in source.authorships.all()]
    authors = {b.author.slug: b.author for b in bylines}
    roles = [r for p in proposals for r in p.actor_roles.all()]
    used_themes = {t.pk for p in proposals for t in p.themes.all()}
    used_frameworks = {f.pk for p in proposals for f in p.frameworks.all()}
    used_actors = {r.actor_id for r in roles}
    return [
        Table(
            "sources",
            "Source documents: the papers the proposals are drawn from",
            SOURCE_FIELDS,
            [
                {
                    "slug": x.slug,
                    "title": x.title,
                    "subtitle": x.subtitle,
                    "kind": x.kind,
                    "kind_label": x.get_kind_display(),
                    "publisher": x.publisher,
                    "series": x.series,
                    "volume": x.volume,
                    "issue": x.issue,
                    "pages": x.pages,
                    "published_on": partial_date(x.published_on, x.published_on_precision),
                    "published_on_precision": x.published_on_precision,
                    "date_note": x.date_note,
                    "url": x.url,
                    "text_version": x.text_version,
                    "text_publisher": x.text_publisher,
                    "text_published_on": partial_date(
                        x.text_published_on, x.text_published_on_precision
                    ),
                    "text_url": x.text_url,
                    "text_note": x.text_note,
                    "summary": x.summary,
                    "citation": plain_citation(x),
                    "page_url": base_url + x.get_absolute_url(),
                    "body": x.body,
                    "notes": x.notes,
                }
                for x in sources
            ],
            ["slug"],
            [],
        ),
        Table(
            "authors",
            "People and organisations named in the sources' bylines",
            AUTHOR_FIELDS,
            [
                {"slug": a.slug, "name": a.name, "kind": a.kind, "description": a.description}
                for a in sorted(authors.values(), key=lambda a: a.slug)
            ],
            ["slug"],
            [],
        ),
        Table(
            "bylines",
            "Who wrote, issued, translated or edited each source, in byline order",
            BYLINE_FIELDS,
            [
                {
                    "source": b.source.slug,
                    "author": b.author.slug,
                    "role": b.role,
                    "position": b.position,
                }
                for b in bylines
            ],
            ["source", "author", "role"],
            [(["source"], "sources", ["slug"]), (["author"], "authors", ["slug"])],
        ),
        _vocabulary("themes", Theme.objects.filter(pk__in=used_themes)),
        _vocabulary("actors", Actor.objects.filter(pk__in=used_actors)),
        _vocabulary("frameworks", Framework.objects.filter(pk__in=used_frameworks)),
        Table(
            "proposals",
            "Proposals, each with its verbatim quote anchored in its source's body",
            PROPOSAL_FIELDS,
            [
                {
                    "slug": p.slug,
                    "source": p.source.slug,
                    "position": p.position,
                    "title": p.title,
                    "kind": p.kind,
                    "kind_label": p.get_kind_display(),
                    "summary": p.summary,
                    "quote": p.quote,
                    "quote_start": p.quote_start,
                    "quote_end": p.quote_end,
                    "quote_prefix": p.quote_prefix,
                    "quote_suffix": p.quote_suffix,
                    "page_url": base_url + p.get_absolute_url(),
                    "outcome_status": p.outcome_status,
                    "outcome_assessed_on": partial_date(
                        p.outcome_assessed_on, p.outcome_assessed_precision or "unknown"
                    ),
                }
                for p in proposals
            ],
            ["slug"],
            [(["source"], "sources", ["slug"])],
        ),
        _links("proposal_themes", "theme", "themes", proposals, lambda p: p.themes.all()),
        _links(
            "proposal_frameworks",
            "framework",
            "frameworks",
            proposals,
            lambda p: p.frameworks.all(),
        ),
        Table(
            "proposal_actors",
            "Actors named by each proposal, with their role",
            [
                *link_fields("actor"),
                s(
                    "role",
                    "acts (is to act), engaged (addressed or engaged) or affected.",
                    required=True,
                ),
            ],
            [{"proposal": r.proposal.slug, "actor": r.actor.slug, "role": r.role} for r in roles],
            ["proposal", "actor", "role"],
            [(["proposal"], "proposals", ["slug"]), (["actor"], "actors", ["slug"])],
        ),
        Table(
            "related",
            "Proposals of different papers that make the same or an overlapping recommendation "
            "(each pair once, the smaller slug first)",
            [
                s("proposal", "A proposal's slug.", required=True),
                s("related", "The related proposal's slug.", required=True),
            ],
            sorted(
                (
                    {"proposal": p.slug, "related": other.slug}
                    for p in proposals
                    for other in p.related.all()
                    if other.pk in shown and p.slug < other.slug
                ),
                key=lambda row: (row["proposal"], row["related"]),
            ),
            ["proposal", "related"],
            [(["proposal"], "proposals", ["slug"]), (["related"], "proposals", ["slug"])],
        ),
        *outcome_tables(proposals, partial_date),
    ]


def _vocabulary(name: str, entries) -> Table:
    fields = VOCABULARY_FIELDS[name]
    rows = []
    for entry in entries.order_by("slug"):
        row = {
            field.name: getattr(entry, field.name) for field in fields if field.name != "aliases"
        }
        if any(field.name == "aliases" for field in fields):
            row["aliases"] = "; ".join(entry.alias_list)
        rows.append(row)
    return Table(name, f"The {name} proposals are tagged with", fields, rows, ["slug"], [])


def _links(name: str, column: str, table: str, proposals, related) -> Table:
    rows = [{"proposal": p.slug, column: tag.slug} for p in proposals for tag in related(p)]
    return Table(
        name,
        f"The {table} of each proposal",
        link_fields(column),
        rows,
        ["proposal", column],
        [(["proposal"], "proposals", ["slug"]), ([column], table, ["slug"])],
    )
