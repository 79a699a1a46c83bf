"""Proposals as rows for export: JSON for programs, CSV and Excel for spreadsheets.

The JSON record keeps the data's own codes and carries the quote with its anchor in the W3C Web
Annotation selector vocabulary (TextQuoteSelector: exact, prefix, suffix; TextPositionSelector:
start, end), so that an exported proposal can be found again in its source's text by any
annotation tool. The spreadsheet row is for people: labels instead of codes, the authors and the
source's citation, the proposal's address, and no cell a spreadsheet would run as a formula.
"""

import datetime
import io
import re

from django.conf import settings
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from browse.citations import plain_citation
from core.dates import format_partial_date
from outcomes.models import Status

STATUS_LABELS = dict(Status.choices)
CHUNK = 500  # rows read from the database at a time (with their prefetched tags)
CAP_HEADER = "X-Export-Row-Cap"


def row_cap(user) -> int | None:
    """How many rows this reader's export may hold (None: all): anonymous exports are capped,
    so that one request cannot make the server format the whole knowledge base."""
    cap = settings.KB_EXPORT_ANON_ROWS
    return cap if cap > 0 and not user.is_authenticated else None


def cap_notice(cap: int) -> str:
    return (
        f"This export holds the first {cap:,} proposals of the list; narrow the filters, "
        "sign in, or take the whole knowledge base as a data package."
    )


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
        "outcome": outcome_record(proposal),
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


def outcome_record(proposal) -> dict:
    """What became of the proposal: its derived status (with_outcome()) and the published
    evidence it derives from, oldest first (the proposal_export prefetch), each entry cited."""
    assessed_on = getattr(proposal, "outcome_assessed_on", None)
    return {
        "status": proposal.outcome_status,
        "status_label": STATUS_LABELS[proposal.outcome_status],
        "assessed_on": assessed_on.isoformat() if assessed_on else None,
        "assessed_on_precision": proposal.outcome_assessed_precision,
        "evidence": [
            {
                "slug": entry.evidence.slug,
                "date": entry.evidence.occurred_on.isoformat(),
                "date_precision": entry.evidence.occurred_on_precision,
                "summary": entry.evidence.summary,
                "status": entry.status,
                "note": entry.note,
                "source": {
                    "title": entry.evidence.source_title,
                    "publisher": entry.evidence.source_publisher,
                    "date": entry.evidence.source_date.isoformat()
                    if entry.evidence.source_date
                    else None,
                    "date_precision": entry.evidence.source_date_precision,
                    "url": entry.evidence.url,
                },
                "quote": entry.evidence.quote,
            }
            for entry in getattr(proposal, "published_assessments", [])
        ],
    }


def outcome_cells(record: dict) -> list:
    """The outcome as three spreadsheet cells: status, as of when, and the cited evidence."""
    outcome = record["outcome"]
    as_of = ""
    if outcome["assessed_on"]:
        day = datetime.date.fromisoformat(outcome["assessed_on"])
        as_of = format_partial_date(day, outcome["assessed_on_precision"])
    evidence = "; ".join(
        f"{format_partial_date(datetime.date.fromisoformat(e['date']), e['date_precision'])}: "
        f"{e['summary']} ({STATUS_LABELS[e['status']].lower()}; {e['source']['title']}, "
        f"{e['source']['publisher']}, {e['source']['url']})"
        for e in outcome["evidence"]
    )
    return [outcome["status_label"], as_of, evidence]


# The spreadsheet's columns: (header, what the cell holds).
SPREADSHEET_COLUMNS = [
    "Title",
    "Kind",
    "Status",
    "Summary",
    "Quote",
    "Source",
    "Authors",
    "Date",
    "Year",
    "Citation",
    "Position in the source",
    "Themes",
    "Actors",
    "Frameworks",
    "Related proposals",
    "URL",
    "Slug",
    "Quote start",
    "Quote end",
    # What became of it: derived from the evidence log ("Not assessed" means unknown).
    "Outcome",
    "Outcome as of",
    "Outcome evidence",
]
# OWASP's CSV injection advice: a cell starting with one of these is read as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_row(proposal, record: dict) -> list:
    """One proposal as a spreadsheet shows it (uses the with_tags() and bylines prefetches)."""
    source = proposal.source
    row = [
        record["title"],
        proposal.get_kind_display(),
        "Published" if record["status"] == "published" else "Draft",
        record["summary"],
        record["quote"],
        source.title,
        ", ".join(author.name for author in source.ordered_authors),
        source.display_date,
        source.year or "",
        plain_citation(source),
        proposal.position,
        "; ".join(t["name"] for t in record["themes"]),
        "; ".join(
            f"{role.actor.name} ({role.get_role_display().lower()})"
            for role in proposal.actor_roles.all()
        ),
        "; ".join(f["name"] for f in record["frameworks"]),
        "; ".join(record["related"]),
        record["url"],
        record["slug"],
        proposal.quote_start,
        proposal.quote_end,
        *outcome_cells(record),
    ]
    return [neutralised(cell) for cell in row]


def neutralised(cell):
    """A text that a spreadsheet would run as a formula, prefixed with ' so it stays text."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START):
        return "'" + cell
    return cell


def file_name(params, extension: str) -> str:
    """alliance-kb-proposals[-<filter>-<value>…].<extension>, after what the file holds."""
    parts = ["alliance-kb-proposals"]
    for name in (
        "q",
        "status",
        "theme",
        "actor",
        "role",
        "framework",
        "source",
        "doc_kind",
        "kind",
    ):
        for value in params.getlist(name):
            parts.append(f"{'search' if name == 'q' else name}-{slugify(value)}")
    years = [params.get("year_from"), params.get("year_to")]
    if any(years):
        parts.append("years-" + "-".join(year or "" for year in years).strip("-"))
    name = re.sub(r"-+", "-", "-".join(part for part in parts if part))[:150].strip("-")
    return f"{name}.{extension}"


def xlsx_bytes(rows) -> bytes:
    """The rows as an Excel workbook: a bold, frozen header and every cell stored as text or
    number, never as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Proposals")
    sheet.freeze_panes = "A2"
    header = []
    for title in SPREADSHEET_COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would store a leading "=" as a formula
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
