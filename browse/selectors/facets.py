"""The proposal list's facet counts: for each option, how many proposals choosing it would give."""

from django.db.models import Count
from django.db.models.functions import ExtractYear

from browse.filters import ProposalFilter
from proposals.models import Proposal, ProposalActor


def facet_counts(filterset: ProposalFilter, base) -> dict[str, dict]:
    """Per facet, {value: proposals it would give}, within every other facet's filters."""

    def within(skip):
        return filterset.filter_queryset(base, skip=skip).values("pk")

    selected = filterset.selected
    counts = {}
    for name, through, column in (
        ("theme", Proposal.themes.through, "theme__slug"),
        ("framework", Proposal.frameworks.through, "framework__slug"),
    ):
        rows = (
            through.objects.filter(proposal__in=within(name))
            .values(column)
            .annotate(n=Count("proposal_id"))
        )
        counts[name] = {row[column]: row["n"] for row in rows}
    roles = ProposalActor.objects.filter(proposal__in=within("actor"))
    if selected["role"]:
        roles = roles.filter(role__in=selected["role"])
    rows = roles.values("actor__slug").annotate(n=Count("proposal_id", distinct=True))
    counts["actor"] = {row["actor__slug"]: row["n"] for row in rows}
    roles = ProposalActor.objects.filter(proposal__in=within("role"))
    if selected["actor"]:
        roles = roles.filter(actor__slug__in=selected["actor"])
    rows = roles.values("role").annotate(n=Count("proposal_id", distinct=True))
    counts["role"] = {row["role"]: row["n"] for row in rows}
    for name, column in (
        ("source", "source__slug"),
        ("doc_kind", "source__kind"),
        ("kind", "kind"),
    ):
        rows = base.filter(pk__in=within(name)).order_by().values(column).annotate(n=Count("pk"))
        counts[name] = {row[column]: row["n"] for row in rows}
    rows = (
        base.filter(pk__in=within("year"))
        .order_by()
        .values(year=ExtractYear("source__published_on"))
        .annotate(n=Count("pk"))
    )
    counts["year"] = {row["year"]: row["n"] for row in rows if row["year"]}
    return counts
