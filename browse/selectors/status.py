"""What became of the proposals, counted for the home and source pages: each status on the
scale with how many proposals have it and the list that shows them."""

from dataclasses import dataclass

from browse.selectors.querystrings import list_url
from outcomes.models import Status


@dataclass
class StatusCount:
    value: str
    label: str
    count: int
    url: str  # the proposal list filtered to this status (and source)


def status_counts_of(proposals, *, source=None) -> list[StatusCount]:
    """Counts over proposals already read with with_outcome(): no further query."""
    counts = {}
    for proposal in proposals:
        counts[proposal.outcome_status] = counts.get(proposal.outcome_status, 0) + 1
    scope = {"source": source.slug} if source is not None else {}
    return [
        StatusCount(value, label, counts.get(value, 0), list_url(status=value, **scope))
        for value, label in Status.choices
    ]


def status_counts_from(rows: dict) -> list[StatusCount]:
    """The same from {status: count} (outcomes.selectors.status_rows), for the whole list."""
    return [
        StatusCount(value, label, rows.get(value, 0), list_url(status=value))
        for value, label in Status.choices
    ]
