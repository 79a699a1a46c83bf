"""Proposals as rows for export: CSV for spreadsheets, JSON for programs.

Each row carries the quote with its anchor in the W3C Web Annotation selector vocabulary
(TextQuoteSelector: exact, prefix, suffix; TextPositionSelector: start, end), so that an
exported proposal can be found again in its source's text by any annotation tool.
"""

CSV_COLUMNS = [
    "slug",
    "url",
    "title",
    "kind",
    "status",
    "summary",
    "quote",
    "source",
    "source_title",
    "source_date",
    "source_year",
    "position",
    "themes",
    "actors",
    "frameworks",
    "related",
    "quote_start",
    "quote_end",
]


def proposal_record(proposal, build_absolute_uri) -> dict:
    """One proposal with its tags, as plain data. Uses the with_tags()/related prefetches."""
    source = proposal.source
    return {
        "slug": proposal.slug,
        "url": build_absolute_uri(proposal.get_absolute_url()),
        "title": proposal.title,
        "kind": proposal.kind,
        "status": proposal.status if source.is_published else source.status,
        "summary": proposal.summary,
        "quote": proposal.quote,
        "source": {
            "slug": source.slug,
            "title": source.title,
            "url": build_absolute_uri(source.get_absolute_url()),
            "date": source.display_date,
            "date_precision": source.published_on_precision,
            "year": source.year,
        },
        "position": proposal.position,
        "themes": [{"slug": t.slug, "name": t.name} for t in proposal.themes.all()],
        "actors": [
            {"slug": r.actor.slug, "name": r.actor.name, "role": r.role}
            for r in proposal.actor_roles.all()
        ],
        "frameworks": [{"slug": f.slug, "name": str(f)} for f in proposal.frameworks.all()],
        "related": [r.slug for r in proposal.related.all()],
        "target": {
            "source": build_absolute_uri(source.get_absolute_url()),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": proposal.quote,
                    "prefix": proposal.quote_prefix,
                    "suffix": proposal.quote_suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": proposal.quote_start,
                    "end": proposal.quote_end,
                },
            ],
        },
    }


def csv_row(record: dict) -> list:
    """A record flattened for a spreadsheet: several values in one cell, separated by '; '."""
    return [
        record["slug"],
        record["url"],
        record["title"],
        record["kind"],
        record["status"],
        record["summary"],
        record["quote"],
        record["source"]["slug"],
        record["source"]["title"],
        record["source"]["date"],
        record["source"]["year"] or "",
        record["position"],
        "; ".join(t["name"] for t in record["themes"]),
        "; ".join(f"{a['name']} ({a['role']})" for a in record["actors"]),
        "; ".join(f["name"] for f in record["frameworks"]),
        "; ".join(record["related"]),
        record["target"]["selector"][1]["start"],
        record["target"]["selector"][1]["end"],
    ]
