"""Labels for the derived status and dates the list annotations carry (with_outcome())."""

from django import template

from core.dates import format_partial_date
from outcomes.models import Status

register = template.Library()
LABELS = dict(Status.choices)


@register.filter
def status_label(value: str) -> str:
    return LABELS.get(value, "")


@register.filter
def assessed_date(proposal) -> str:
    """The date of the proposal's latest published evidence, at its precision ('' if none)."""
    when = getattr(proposal, "outcome_assessed_on", None)
    if when is None:
        return ""
    return format_partial_date(when, proposal.outcome_assessed_precision)
