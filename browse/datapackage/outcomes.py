"""The evidence log's tables: what happened (published evidence answering published proposals)
and each proposal's judgement from it. A proposal's current status is in the proposals table."""

from browse.datapackage.fields import PARTIAL_DATE, SLUG, Table, s
from outcomes.models import Evidence

EVIDENCE_FIELDS = [
    SLUG,
    s(
        "occurred_on",
        "When it happened, only as precise as the source says: YYYY, YYYY-MM or YYYY-MM-DD.",
        pattern=PARTIAL_DATE,
        required=True,
    ),
    s("occurred_on_precision", "day, month or year."),
    s("summary", "What happened, in one neutral sentence (the knowledge base's words)."),
    s(
        "source_title",
        "The cited source's title (in square brackets: a description).",
        required=True,
    ),
    s("source_publisher", "Who published the source."),
    s(
        "source_date",
        "When the source appeared: YYYY, YYYY-MM, YYYY-MM-DD or empty.",
        pattern=PARTIAL_DATE,
    ),
    s("url", "Where the source can be read.", required=True),
    s("quote", "The source's own words that support the summary.", required=True),
]
ASSESSMENT_FIELDS = [
    s("evidence", "The evidence's slug.", required=True),
    s("proposal", "The proposal's slug.", required=True),
    s(
        "status",
        "The status this evidence supports for the proposal: no_action, in_progress, "
        "partially_implemented, implemented, overtaken or rejected.",
        required=True,
    ),
    s("note", "Why the evidence bears on the proposal, and what it leaves open."),
]


def outcome_tables(proposals, partial_date) -> list[Table]:
    """Published evidence and its judgements of the given (published) proposals."""
    shown = {p.pk: p.slug for p in proposals}
    entries = list(
        Evidence.objects.published().prefetch_related("assessments").order_by("occurred_on", "slug")
    )
    judgements = [a for e in entries for a in e.assessments.all() if a.proposal_id in shown]
    answering = {a.evidence_id for a in judgements}
    return [
        Table(
            "evidence",
            "What happened since the papers: dated public events, each with its cited source",
            EVIDENCE_FIELDS,
            [
                {
                    "slug": e.slug,
                    "occurred_on": partial_date(e.occurred_on, e.occurred_on_precision),
                    "occurred_on_precision": e.occurred_on_precision,
                    "summary": e.summary,
                    "source_title": e.source_title,
                    "source_publisher": e.source_publisher,
                    "source_date": partial_date(e.source_date, e.source_date_precision),
                    "url": e.url,
                    "quote": e.quote,
                }
                for e in entries
                if e.pk in answering
            ],
            ["slug"],
            [],
        ),
        Table(
            "assessments",
            "The status each piece of evidence supports for each proposal it answers",
            ASSESSMENT_FIELDS,
            [
                {
                    "evidence": a.evidence.slug,
                    "proposal": shown[a.proposal_id],
                    "status": a.status,
                    "note": a.note,
                }
                for a in judgements
            ],
            ["evidence", "proposal"],
            [(["evidence"], "evidence", ["slug"]), (["proposal"], "proposals", ["slug"])],
        ),
    ]
