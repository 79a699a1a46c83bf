"""Suggested themes, actors, frameworks and related proposals for the proposal being captured.

The same suggestions that kb_suggest_eval measures (editorial.tag_suggestions for tags,
editorial.similar for related proposals), worked out for one quote in its source: the tags come
from the vocabulary names in the quote's paragraph and from the proposals of other papers that
read most alike; tags and links the proposal already has are left out.
"""

from dataclasses import dataclass, field

from editorial.similar import similar_proposal_ids
from editorial.tag_suggestions import RELATED_TOP, Item, suggest_tags
from proposals.models import Actor, Framework, Proposal, Theme

KINDS = (("theme", Theme), ("actor", Actor), ("framework", Framework))


def paragraph_of(body: str, start: int, end: int) -> str:
    """The paragraph (blank-line separated) holding body[start:end], the whole span if it runs
    over several."""
    before = body.rfind("\n\n", 0, start)
    after = body.find("\n\n", end)
    return body[before + 2 if before >= 0 else 0 : after if after >= 0 else len(body)]


def vocabulary_entries() -> dict:
    """{("theme", pk): entry} for every vocabulary entry."""
    return {(kind, e.pk): e for kind, model in KINDS for e in model.objects.order_by("name")}


def vocabulary_names(entries: dict) -> dict:
    """{("theme", pk): [name, acronym, aliases…]}: what suggest_tags looks for."""
    return {
        key: [n for n in (e.name, getattr(e, "acronym", ""), *getattr(e, "alias_list", [])) if n]
        for key, e in entries.items()
    }


def proposal_items(queryset=None) -> list[Item]:
    """Proposals as the suggestions learn from them: their paragraph, tags and links."""
    queryset = (queryset if queryset is not None else Proposal.objects.all()).select_related(
        "source"
    )
    items = []
    for p in queryset.prefetch_related("themes", "frameworks", "actor_roles", "related"):
        tags = {("theme", t.pk) for t in p.themes.all()}
        tags |= {("framework", f.pk) for f in p.frameworks.all()}
        tags |= {("actor", r.actor_id) for r in p.actor_roles.all()}
        text = paragraph_of(p.source.body, p.quote_start, p.quote_end)
        items.append(Item(p.pk, p.source_id, text, tags, {o.pk for o in p.related.all()}))
    return items


@dataclass(frozen=True)
class Suggested:
    kind: str  # theme, actor, framework, related
    pk: int
    label: str


@dataclass
class ProposalSuggestions:
    themes: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    frameworks: list = field(default_factory=list)
    related: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.themes or self.actors or self.frameworks or self.related)


def passage(source, quote: str) -> str:
    """The quote with its paragraph, when the quote stands in the source's text."""
    at = source.body.find(quote) if quote else -1
    if at < 0:
        return quote
    return paragraph_of(source.body, at, at + len(quote))


def suggestions_for_proposal(*, source, quote: str, proposal=None) -> ProposalSuggestions:
    """What to offer on the form of a proposal quoting `quote` from `source`."""
    text = passage(source, quote)
    if not text.strip():
        return ProposalSuggestions()
    entries = vocabulary_entries()
    others = proposal_items(Proposal.objects.exclude(source=source))
    has, linked = set(), set()
    if proposal is not None and proposal.pk:
        has = {("theme", pk) for pk in proposal.themes.values_list("pk", flat=True)}
        has |= {("framework", pk) for pk in proposal.frameworks.values_list("pk", flat=True)}
        has |= {("actor", pk) for pk in proposal.actor_roles.values_list("actor_id", flat=True)}
        linked = set(proposal.related.values_list("pk", flat=True))
    found = suggest_tags(text, vocabulary_names(entries), others) - has
    result = ProposalSuggestions()
    for key in sorted(found, key=lambda k: entries[k].name.lower()):
        kind, pk = key
        getattr(result, kind + "s").append(Suggested(kind, pk, entries[key].name))
    ids = similar_proposal_ids(
        text,
        other_than_source=source.pk,
        exclude=[proposal.pk if proposal else None, *linked],
        limit=RELATED_TOP,
    )
    by_pk = Proposal.objects.select_related("source").in_bulk(ids)
    result.related = [
        Suggested("related", pk, f"{by_pk[pk].title} ({by_pk[pk].source.title})")
        for pk in ids
        if pk in by_pk
    ]
    return result
