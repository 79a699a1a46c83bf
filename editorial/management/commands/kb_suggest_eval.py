"""Measure the suggested tags and related proposals against the stored ones, leaving each paper
out in turn."""

from django.core.management.base import BaseCommand

from editorial.tag_suggestions import Item, evaluate
from proposals.models import Actor, Framework, Proposal, Theme


def paragraph_of(body: str, start: int, end: int) -> str:
    before = body.rfind("\n\n", 0, start)
    after = body.find("\n\n", end)
    return body[before + 1 if before >= 0 else 0 : after if after >= 0 else len(body)]


class Command(BaseCommand):
    help = (
        "Leave-one-paper-out precision and recall of the suggested tags (vocabulary names, "
        "acronyms and aliases in the sentence's paragraph, and the tags its nearest proposals of "
        "other papers share) and related proposals (the nearest of other papers)."
    )

    def handle(self, *args, **options):
        vocabulary = {}
        for kind, model in (("theme", Theme), ("actor", Actor), ("framework", Framework)):
            for entry in model.objects.all():
                names = [
                    entry.name,
                    getattr(entry, "acronym", ""),
                    *getattr(entry, "alias_list", []),
                ]
                vocabulary[(kind, entry.pk)] = [n for n in names if n]
        items = []
        proposals = Proposal.objects.select_related("source").prefetch_related(
            "themes", "frameworks", "actor_roles", "related"
        )
        for p in proposals:
            tags = {("theme", t.pk) for t in p.themes.all()}
            tags |= {("framework", f.pk) for f in p.frameworks.all()}
            tags |= {("actor", r.actor_id) for r in p.actor_roles.all()}
            text = paragraph_of(p.source.body, p.quote_start, p.quote_end)
            items.append(Item(p.pk, p.source_id, text, tags, {o.pk for o in p.related.all()}))
        result = evaluate(items, vocabulary)
        for name, (suggested, right, stored, precision, recall) in result.items():
            self.stdout.write(
                f"{name}: {suggested} suggested, {right} of them stored, {stored} stored; "
                f"precision {precision:.2f}, recall {recall:.2f}"
            )
