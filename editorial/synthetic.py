"""Synthetic papers and proposals, to measure the knowledge base at 100,000 proposals.

What is made looks like the real knowledge base, because that is what a benchmark must load:
each synthetic paper's body is made of real sentences of the loaded papers (in paragraphs), each
proposal's quote is one sentence of its own paper's body, anchored as Proposal.anchor() anchors it
(span, and CONTEXT_CHARS of context either side), and each proposal's themes, actors with their
roles and frameworks are those of a real proposal (each from a different one), so that how many
tags a proposal has, which ones are common and which rare, is as in the real data.

Everything made carries SLUG_PREFIX in its slug: that is how --clear finds it (and only it), and
how `generate_synthetic` tells synthetic rows from an editor's. The same seed and the same loaded
knowledge base give the same rows. Rows go in with bulk_create, in batches, without signals; the
search index is then written batch by batch (search.index), not row by row.
"""

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection, transaction

from core.models import PublicationStatus
from core.text.anchoring import CONTEXT_CHARS
from proposals.models import Actor, Framework, Proposal, ProposalActor, Theme
from search import index as search_index
from sources.models import Author, Authorship, SourceDocument

SLUG_PREFIX = "synthetic-"
BATCH = 2000
AUTHORS = 200
# A sentence: a capital, then text up to . ! or ? followed by a space or the end.
SENTENCE = re.compile(r"[A-Z][^.!?\n]{30,400}[.!?](?=\s|$)")
FIRST_DAY, LAST_DAY = date(2007, 1, 1), date(2024, 12, 31)


class NotSynthetic(Exception):
    """The database holds data that generate_synthetic must not mix with (without --force)."""


@dataclass
class RealData:
    sentences: list[str]
    theme_sets: list[list[int]]
    actor_sets: list[list[tuple[int, str]]]
    framework_sets: list[list[int]]
    kinds: list[str]  # the real sources' kinds, one per source: their mix
    open_question_share: float
    names: dict[tuple[str, int], str]  # ("theme" | "actor" | "framework", pk): the indexed text


def synthetic_sources():
    return SourceDocument.objects.filter(slug__startswith=SLUG_PREFIX)


def synthetic_proposals():
    return Proposal.objects.filter(slug__startswith=SLUG_PREFIX)


def foreign_sources(known_slugs: set[str]):
    """Sources neither synthetic nor among `known_slugs` (the papers load_kb loads)."""
    return SourceDocument.objects.exclude(slug__startswith=SLUG_PREFIX).exclude(
        slug__in=known_slugs
    )


def read_real_data() -> RealData:
    """What the synthetic data copies from the real knowledge base, in a fixed order."""
    real = Proposal.objects.exclude(slug__startswith=SLUG_PREFIX).order_by("slug")
    real = real.prefetch_related("themes", "frameworks", "actor_roles")
    proposals = list(real)
    sources = SourceDocument.objects.exclude(slug__startswith=SLUG_PREFIX).order_by("slug")
    if not proposals:
        raise NotSynthetic(
            "Synthetic data copies the real knowledge base, which is not loaded: run "
            "`python manage.py load_kb` first."
        )
    sentences = []
    seen = set()
    for body in sources.values_list("body", flat=True):
        for match in SENTENCE.finditer(body):
            sentence = " ".join(match.group().split())
            if sentence not in seen:
                seen.add(sentence)
                sentences.append(sentence)
    # A sentence inside another could be found twice in a body: keep only self-contained ones.
    joined = "\n".join(sentences)
    sentences = [s for s in sentences if joined.count(s) == 1]
    names = {("theme", t.pk): t.name for t in Theme.objects.all()}
    for actor in Actor.objects.all():
        names["actor", actor.pk] = " ".join([actor.name, *actor.alias_list])
    for framework in Framework.objects.all():
        words = [framework.name, framework.acronym, *framework.alias_list]
        names["framework", framework.pk] = " ".join(w for w in words if w)
    return RealData(
        names=names,
        sentences=sentences,
        theme_sets=[sorted(t.pk for t in p.themes.all()) for p in proposals],
        actor_sets=[sorted((r.actor_id, r.role) for r in p.actor_roles.all()) for p in proposals],
        framework_sets=[sorted(f.pk for f in p.frameworks.all()) for p in proposals],
        kinds=list(sources.values_list("kind", flat=True)),
        open_question_share=sum(p.kind == Proposal.Kind.OPEN_QUESTION for p in proposals)
        / len(proposals),
    )


def _title(words: list[str]) -> str:
    return " ".join(words)[:190].rstrip(" ,;:").capitalize()


def build_source(rng: random.Random, real: RealData, number: int, per_source: int):
    """A paper: its body of real sentences, and its proposals' quotes anchored in it."""
    chosen = rng.sample(real.sentences, min(len(real.sentences), per_source * 3))
    paragraphs, spans, offset = [], [], 0
    for start in range(0, len(chosen), 4):
        paragraph_sentences = chosen[start : start + 4]
        paragraph = ""
        for sentence in paragraph_sentences:
            if paragraph:
                paragraph += " "
            spans.append((offset + len(paragraph), sentence))
            paragraph += sentence
        paragraphs.append(paragraph)
        offset += len(paragraph) + 2  # the blank line between paragraphs
    body = "\n\n".join(paragraphs)
    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    words = rng.choice(real.sentences).split()[:8]
    source = SourceDocument(
        title=f"Synthetic paper {number}: {_title(words)}",
        slug=f"{SLUG_PREFIX}{number:05d}",
        kind=rng.choice(real.kinds),
        status=PublicationStatus.PUBLISHED,
        publisher="Synthetic Press",
        published_on=day,
        published_on_precision="day",
        summary=" ".join(rng.sample(real.sentences, 2)),
        body=body,
    )
    quotes = sorted(rng.sample(spans, min(per_source, len(spans))))
    return source, quotes


def build_proposal(rng: random.Random, real: RealData, source, position: int, span):
    start, quote = span
    end = start + len(quote)
    body = source.body
    title = f"{_title(quote.split()[: rng.randint(4, 9)])} ({position})"
    kind = (
        Proposal.Kind.OPEN_QUESTION
        if rng.random() < real.open_question_share
        else Proposal.Kind.RECOMMENDATION
    )
    proposal = Proposal(
        source=source,
        position=position,
        slug=f"{source.slug}-{position:03d}",
        title=title,
        summary=" ".join(rng.sample(real.sentences, rng.randint(1, 2))),
        kind=kind,
        status=PublicationStatus.PUBLISHED,
        quote=quote,
        quote_start=start,
        quote_end=end,
        quote_prefix=body[max(0, start - CONTEXT_CHARS) : start],
        quote_suffix=body[end : end + CONTEXT_CHARS],
    )
    tags = (
        rng.choice(real.theme_sets),
        rng.choice(real.actor_sets),
        rng.choice(real.framework_sets),
    )
    return proposal, tags


def clear() -> int:
    """Delete every synthetic row (and its index entries); returns the proposals removed.

    Raw deletes: the ORM's would send a signal and write a history row per object, which at
    100,000 proposals takes minutes; synthetic rows have no history and nothing else points at
    them (they are never related to real proposals).
    """
    ids = list(synthetic_proposals().values_list("pk", flat=True))
    source_ids = list(synthetic_sources().values_list("pk", flat=True))
    with transaction.atomic():
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            search_index.unindex_proposals(batch)
            for through in (Proposal.themes.through, Proposal.frameworks.through):
                through.objects.filter(proposal_id__in=batch)._raw_delete(connection.alias)
            ProposalActor.objects.filter(proposal_id__in=batch)._raw_delete(connection.alias)
            Proposal.related.through.objects.filter(from_proposal_id__in=batch)._raw_delete(
                connection.alias
            )
            Proposal.objects.filter(pk__in=batch)._raw_delete(connection.alias)
        for start in range(0, len(source_ids), BATCH):
            batch = source_ids[start : start + BATCH]
            search_index.unindex_sources(batch)
            Authorship.objects.filter(source_id__in=batch)._raw_delete(connection.alias)
            SourceDocument.objects.filter(pk__in=batch)._raw_delete(connection.alias)
        Author.objects.filter(slug__startswith=SLUG_PREFIX)._raw_delete(connection.alias)
    return len(ids)


def generate(*, proposals: int, per_source: int = 50, seed: int = 1, progress=None) -> int:
    """Add `proposals` synthetic proposals in papers of `per_source`; returns the number made."""
    rng = random.Random(seed)
    real = read_real_data()
    per_source = max(1, min(per_source, len(real.sentences) // 3))
    made = 0
    with transaction.atomic():
        authors = Author.objects.bulk_create(
            Author(name=f"Synthetic Author {n}", slug=f"{SLUG_PREFIX}author-{n:03d}")
            for n in range(1, AUTHORS + 1)
        )
        number = 0
        while made < proposals:
            built = []
            while (
                made + sum(len(q) for _, q in built) < proposals and len(built) * per_source < BATCH
            ):
                number += 1
                remaining = proposals - made - sum(len(q) for _, q in built)
                source, quotes = build_source(rng, real, number, min(per_source, remaining))
                built.append((source, quotes))
            made += _write_batch(rng, real, built, authors)
            if progress:
                progress(made, proposals)
    return made


def _tag_text(real: RealData, tags) -> str:
    theme_ids, actor_roles, framework_ids = tags
    return " ".join(
        [
            *(real.names["theme", t] for t in theme_ids),
            *(real.names["actor", a] for a, _ in actor_roles),
            *(real.names["framework", f] for f in framework_ids),
        ]
    )


def _write_batch(rng, real: RealData, built, authors) -> int:
    sources = SourceDocument.objects.bulk_create([source for source, _ in built])
    Authorship.objects.bulk_create(
        Authorship(source=source, author=rng.choice(authors), position=1) for source in sources
    )
    proposals, tag_sets = [], []
    for source, (_, quotes) in zip(sources, built, strict=True):
        for position, span in enumerate(quotes, start=1):
            proposal, tags = build_proposal(rng, real, source, position, span)
            proposals.append(proposal)
            tag_sets.append(tags)
    proposals = Proposal.objects.bulk_create(proposals)
    themes, roles, frameworks = [], [], []
    for proposal, (theme_ids, actor_roles, framework_ids) in zip(proposals, tag_sets, strict=True):
        themes += [Proposal.themes.through(proposal_id=proposal.pk, theme_id=t) for t in theme_ids]
        roles += [
            ProposalActor(proposal_id=proposal.pk, actor_id=actor, role=role)
            for actor, role in actor_roles
        ]
        frameworks += [
            Proposal.frameworks.through(proposal_id=proposal.pk, framework_id=f)
            for f in framework_ids
        ]
    Proposal.themes.through.objects.bulk_create(themes)
    ProposalActor.objects.bulk_create(roles)
    Proposal.frameworks.through.objects.bulk_create(frameworks)
    # The index, for the whole batch at once (bulk_create sends no signal); the same tag text
    # as search.index.tag_text() would read back.
    search_index.index_proposal_rows(
        [
            (p.pk, p.title, p.summary, p.quote, _tag_text(real, tags))
            for p, tags in zip(proposals, tag_sets, strict=True)
        ]
    )
    search_index.index_sources([s.pk for s in sources])
    return len(proposals)
