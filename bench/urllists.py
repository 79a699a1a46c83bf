"""The URLs make bench asks for, built from the data set under test, and each page's SQL count.

Each page type has one URL (repeated) and a list of a few hundred others of the same kind (other
proposals, sources, tag sets, search words), so that a cache of one answer cannot stand in for
the work. Runs inside Django: `python -m bench.urllists OUT.json` (settings from the environment)
writes the lists and, per page type, the queries its URL runs on a cold and on a warm cache.
"""

import json
import os
import random
import re
import sys
from collections import Counter
from urllib.parse import urlencode

# English words too common to tell proposals apart; a search for them says little.
STOPWORDS = frozenset(
    "about after against also among and are between both does from have into more must over "
    "should than that their them then there these they this those through under until were "
    "what when where which while will with would".split()
)
WORD = re.compile(r"[a-z]{4,}")


def _list(params: dict) -> str:
    return "/proposals/?" + urlencode(params)


def _spread(items: list, limit: int) -> list:
    """At most `limit` items taken evenly across `items` (not only the first ones)."""
    if len(items) <= limit:
        return list(items)
    step = len(items) / limit
    return [items[int(n * step)] for n in range(limit)]


def build(limit: int = 300, seed: int = 1) -> dict[str, dict]:
    """{page type: {"one": url, "many": [urls]}} for the published knowledge base."""
    from proposals.models import Proposal, ProposalActor, Theme
    from sources.models import SourceDocument

    rng = random.Random(seed)
    rows = list(Proposal.objects.published().order_by("pk").values_list("pk", "slug", "title"))
    sample = _spread(rows, limit)
    ids = [pk for pk, _, _ in sample]
    themes, actors = {}, {}
    for pk, slug in Proposal.themes.through.objects.filter(proposal_id__in=ids).values_list(
        "proposal_id", "theme__slug"
    ):
        themes.setdefault(pk, slug)
    for pk, slug in ProposalActor.objects.filter(proposal_id__in=ids).values_list(
        "proposal_id", "actor__slug"
    ):
        actors.setdefault(pk, slug)
    kinds = dict(Proposal.objects.filter(pk__in=ids).values_list("pk", "kind"))
    # Three facets a proposal really has, so that every filtered list finds something.
    triples = [
        {"theme": themes[pk], "actor": actors[pk], "kind": kinds[pk]}
        for pk in ids
        if pk in themes and pk in actors
    ]

    counts = Counter(w for _, _, title in rows for w in WORD.findall(title.lower()))
    words = [w for w, _ in counts.most_common() if w not in STOPWORDS]
    common = words[:limit]
    rare = [w for w in reversed(words) if counts[w] <= 3][:limit] or words[-limit:]
    pairs, phrases = [], []
    for _, _, title in sample:
        found = [w for w in WORD.findall(title.lower()) if w not in STOPWORDS]
        if len(found) >= 2:
            pairs.append(" ".join(rng.sample(found, 2)))
        tokens = title.lower().split()
        for a, b in zip(tokens, tokens[1:], strict=False):
            if WORD.fullmatch(a) and WORD.fullmatch(b):
                phrases.append(f'"{a} {b}"')
                break

    sources = list(SourceDocument.objects.published().order_by("pk").values_list("slug", flat=True))
    used_themes = list(
        Theme.objects.filter(proposals__isnull=False)
        .distinct()
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    pages = max(1, len(rows) // 20)
    lists = {
        "home": ["/"],
        "list_3_facets": [_list(t) for t in triples],
        "list_unfiltered": ["/proposals/"]
        + [_list({"page": n}) for n in _spread(range(2, pages + 1), limit - 1)],
        "search_common": [_list({"q": w}) for w in common],
        "search_rare": [_list({"q": w}) for w in rare],
        "search_two_words": [_list({"q": p}) for p in pairs],
        "search_phrase": [_list({"q": p}) for p in phrases],
        "proposal_detail": [f"/proposals/{slug}/" for _, slug, _ in sample],
        "source_detail": [f"/sources/{slug}/" for slug in _spread(sources, limit)],
        "theme_page": [f"/themes/{slug}/" for slug in used_themes],
        "export_csv": [
            "/proposals.csv?" + urlencode({"theme": t["theme"], "actor": t["actor"]})
            for t in triples
        ],
    }
    return {name: {"one": urls[0], "many": urls} for name, urls in lists.items() if urls}


def count_queries(lists: dict[str, dict]) -> dict[str, dict]:
    """Per page type, the SQL queries its one URL runs: first request (cold), then again (warm).

    With a dummy cache both figures are the cold one."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")
    counts = {}
    for name, urls in lists.items():
        cache.clear()
        figures = {}
        for attempt in ("cold", "warm"):
            with CaptureQueriesContext(connection) as captured:
                status = client.get(urls["one"]).status_code
            figures[attempt] = len(captured)
            figures["status"] = status
        counts[name] = figures
    return counts


def datasette_lists(lists: dict[str, dict], database: str, limit: int = 300) -> dict[str, dict]:
    """Datasette's closest pages on the same SQLite file (its table views; no many-to-many
    facets, so the theme filter goes through `_where` on the join table)."""
    from django.db.models import Max

    from proposals.models import Actor, Proposal, Theme

    theme_ids = dict(Theme.objects.values_list("slug", "pk"))
    actor_ids = dict(Actor.objects.values_list("slug", "pk"))
    table = f"/{database}/proposals_proposal"
    facets = [("_facet", "kind"), ("_facet", "status"), ("_facet", "source_id")]
    top = Proposal.objects.aggregate(top=Max("pk"))["top"] or 1
    unfiltered = [table + "?" + urlencode(facets)] + [
        table + "?" + urlencode([*facets, ("_next", n)])
        for n in _spread(range(20, top, 20), limit - 1)
    ]

    def filtered(query: str) -> str:
        params = dict(p.split("=") for p in query.split("?", 1)[1].split("&"))
        where = [
            (
                "_where",
                f"id in (select proposal_id from proposals_proposal_themes "
                f"where theme_id = {theme_ids[params['theme']]})",
            ),
            (
                "_where",
                f"id in (select proposal_id from proposals_proposalactor "
                f"where actor_id = {actor_ids[params['actor']]})",
            ),
            ("kind", params["kind"]),
        ]
        return table + "?" + urlencode([*where, ("_facet", "status")])

    def search(query: str) -> str:
        words = query.split("q=", 1)[1]
        return f"/{database}/proposals_proposal_fts?_search={words}"

    out = {
        "list_unfiltered": unfiltered,
        "list_3_facets": [filtered(u) for u in lists["list_3_facets"]["many"]],
    }
    for name in ("search_common", "search_rare", "search_two_words", "search_phrase"):
        if name in lists:
            out[name] = [search(u) for u in lists[name]["many"]]
    return {name: {"one": urls[0], "many": urls} for name, urls in out.items() if urls}


def main(argv: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance_kb.settings")
    django.setup()
    lists = build()
    result = {"lists": lists, "queries": count_queries(lists)}
    if len(argv) > 2:
        result["datasette"] = datasette_lists(lists, database=argv[2])
    with open(argv[1], "w", encoding="utf-8") as out:
        json.dump(result, out, indent=1)


if __name__ == "__main__":
    main(sys.argv)
