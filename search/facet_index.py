"""An in-process facet index: for each tag value, the set of its proposals as a Roaring bitmap.

The list's facet counts were one GROUP BY per facet over the filtered set, seconds at 100,000
proposals (docs/performance.md). Here each value of each facet (theme, framework, actor, role,
actor-and-role pair, source, document kind, proposal kind, status, publication year) maps to the
bitmap of its proposals' ids, so that filtering is ANDs and ORs of bitmaps and a count is the size
of an intersection, whatever the database: microseconds per option.

The index describes the knowledge base at one version (core.kb_version, moved on by every save
and publish): built lazily, once per process and version, from a handful of plain reads (about
a second at 100,000 proposals; docs/performance.md), and dropped when the version moves on
(or, at the latest, after KB_FACET_INDEX_SECONDS). A process that lacks it first looks in Django's
cache (search.facet_index_store), where the process that built it left it serialised: with
Redis, one worker builds per version and the others read it back in milliseconds.
Bitmaps hold every proposal, drafts too; `universe(staff)` is what a reader may see, and every
count is taken within it.
"""

import logging
import pickle
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from pyroaring import BitMap

from core import kb_version
from core.models import PublicationStatus
from outcomes.models import Assessment, Status
from outcomes.selectors import with_outcome
from proposals.models import Actor, Framework, Proposal, ProposalActor, Theme
from search import facet_index_store
from sources.models import SourceDocument

logger = logging.getLogger(__name__)

# The facets counted value by value; "pair" is keyed (actor slug, role).
FACETS = ("theme", "framework", "actor", "role", "pair", "source", "doc_kind", "kind", "status")


@dataclass
class FacetIndex:
    version: int
    published: BitMap  # what anonymous readers see: the proposal and its source published
    everything: BitMap  # what staff see
    values: dict[str, dict] = field(default_factory=dict)  # facet -> value -> BitMap
    years: dict[int, BitMap] = field(default_factory=dict)
    built_at: float = field(default_factory=time.monotonic)

    def universe(self, staff: bool) -> BitMap:
        return self.everything if staff else self.published

    def bitmap(self, facet: str, value) -> BitMap:
        """The proposals with this value (an empty bitmap for a value nobody has)."""
        return self.values[facet].get(value) or BitMap()

    def union(self, facet: str, values) -> BitMap:
        return BitMap.union(BitMap(), *(self.bitmap(facet, value) for value in values))

    def age(self) -> float:
        return time.monotonic() - self.built_at

    def to_bytes(self) -> bytes:
        """Every bitmap in Roaring's portable format, with the version and when it was built."""

        def bitmaps(mapping: dict) -> list:
            return [(key, bits.serialize()) for key, bits in mapping.items()]

        return pickle.dumps(
            {
                "version": self.version,
                "built": time.time() - self.age(),  # the wall clock: another process reads it
                "published": self.published.serialize(),
                "everything": self.everything.serialize(),
                "values": {facet: bitmaps(values) for facet, values in self.values.items()},
                "years": bitmaps(self.years),
            },
            protocol=pickle.HIGHEST_PROTOCOL,
        )

    @classmethod
    def from_bytes(cls, payload: bytes) -> "FacetIndex":
        # Unpickling is safe here as it is for every value in Django's cache, which pickles them
        # all: only this application writes there, and the envelope's digest is checked first.
        data = pickle.loads(payload)

        def bitmaps(pairs: list) -> dict:
            return {key: BitMap.deserialize(bits) for key, bits in pairs}

        return cls(
            version=data["version"],
            published=BitMap.deserialize(data["published"]),
            everything=BitMap.deserialize(data["everything"]),
            values={facet: bitmaps(pairs) for facet, pairs in data["values"].items()},
            years=bitmaps(data["years"]),
            # Its age goes with it, so that KB_FACET_INDEX_SECONDS counts from the build.
            built_at=time.monotonic() - max(0.0, time.time() - data["built"]),
        )


def _grouped(rows) -> dict:
    """{key: BitMap of ids} from (key, id) rows."""
    ids = defaultdict(list)
    for key, pk in rows:
        ids[key].append(pk)
    return {key: BitMap(pks) for key, pks in ids.items()}


def _grouped_by_two(rows) -> dict:
    """{(a, b): BitMap of ids} from (a, b, id) rows."""
    ids = defaultdict(list)
    for a, b, pk in rows:
        ids[a, b].append(pk)
    return {key: BitMap(pks) for key, pks in ids.items()}


def _rolled_up(groups: dict, key) -> dict:
    """{key(group): union of its bitmaps} over groups already read.

    Each row is touched once, in the finest grouping; the facets that are coarser (a paper's kind
    and year from its paper, an actor or a role from their pair) are unions of a few thousand
    bitmaps at most, in C, rather than one more pass over every row in Python.
    """
    parts = defaultdict(list)
    for group, bits in groups.items():
        parts[key(group)].append(bits)
    return {name: BitMap.union(*bitmaps) for name, bitmaps in parts.items()}


def _renamed(groups: dict, names: dict) -> dict:
    """The groups keyed by names[key], leaving out keys with no name."""
    return {names[key]: bits for key, bits in groups.items() if key in names}


def build(version: int) -> FacetIndex:
    """Read the knowledge base into bitmaps (ten queries, none of them grouped)."""
    proposals = Proposal.objects.order_by()
    by_paper_and_kind = _grouped_by_two(proposals.values_list("source_id", "kind", "pk"))
    index = FacetIndex(
        version=version,
        published=BitMap(proposals.published().values_list("pk", flat=True)),
        everything=BitMap.union(BitMap(), *by_paper_and_kind.values()),
    )
    # The reads are not one snapshot: a paper or tag made between them is unknown to the rows read
    # before it. Such a row is left out (never a KeyError on the list); the save that made it
    # moves the version on, and the next build has it.
    sources = {
        pk: (slug, kind, published_on.year if published_on else None)
        for pk, slug, kind, published_on in SourceDocument.objects.values_list(
            "pk", "slug", "kind", "published_on"
        )
    }
    by_paper_and_kind = {key: bits for key, bits in by_paper_and_kind.items() if key[0] in sources}
    index.values["kind"] = _rolled_up(by_paper_and_kind, lambda key: key[1])
    index.values["source"] = _rolled_up(by_paper_and_kind, lambda key: sources[key[0]][0])
    index.values["doc_kind"] = _rolled_up(by_paper_and_kind, lambda key: sources[key[0]][1])
    dated = {key: bits for key, bits in by_paper_and_kind.items() if sources[key[0]][2]}
    index.years = _rolled_up(dated, lambda key: sources[key[0]][2])

    themes = dict(Theme.objects.values_list("pk", "slug"))
    links = Proposal.themes.through.objects.order_by().values_list("theme_id", "proposal_id")
    index.values["theme"] = _renamed(_grouped(links), themes)
    frameworks = dict(Framework.objects.values_list("pk", "slug"))
    links = Proposal.frameworks.through.objects.order_by()
    links = links.values_list("framework_id", "proposal_id")
    index.values["framework"] = _renamed(_grouped(links), frameworks)

    actors = dict(Actor.objects.values_list("pk", "slug"))
    links = ProposalActor.objects.order_by().values_list("actor_id", "role", "proposal_id")
    by_actor_and_role = {
        (actors[a], role): bits for (a, role), bits in _grouped_by_two(links).items() if a in actors
    }
    index.values["pair"] = by_actor_and_role
    index.values["actor"] = _rolled_up(by_actor_and_role, lambda key: key[0])
    index.values["role"] = _rolled_up(by_actor_and_role, lambda key: key[1])

    index.values["status"] = _statuses(index.everything)
    _compacted(index)
    return index


def _compacted(index: FacetIndex) -> None:
    # A union of many bitmaps comes out in the roomiest containers (a paper's years: 195 kB,
    # 8 kB once compacted); runs make it small again, in memory and in the shared cache, for
    # 3 ms at 100,000 proposals.
    bitmaps = [index.published, index.everything, *index.years.values()]
    bitmaps += [bits for values in index.values.values() for bits in values.values()]
    for bits in bitmaps:
        bits.run_optimize()
        bits.shrink_to_fit()


def _statuses(everything: BitMap) -> dict:
    """Each proposal's current status, as outcomes.selectors.with_outcome derives it.

    Only proposals with published evidence are asked about (the derivation is a subquery per
    row); every other proposal is not assessed, which is what with_outcome() says of it.
    """
    published = Assessment.objects.filter(evidence__status=PublicationStatus.PUBLISHED)
    assessed = published.values("proposal_id")
    rows = with_outcome(Proposal.objects.filter(pk__in=assessed).order_by())
    statuses = _grouped(rows.values_list("outcome_status", "pk"))
    judged = BitMap.union(BitMap(), *statuses.values())
    not_assessed = everything - judged
    if not_assessed:
        statuses[Status.NOT_ASSESSED] = statuses.get(Status.NOT_ASSESSED, BitMap()) | not_assessed
    return statuses


_lock = threading.Lock()
_current: FacetIndex | None = None


def _fresh(index: FacetIndex | None, version: int) -> bool:
    # The age limit is for caches that are not shared (local memory, one per gunicorn worker):
    # there another worker's save moves only that worker's version, and this one would never
    # hear of it. With Redis the version is shared and the limit is only a safety net.
    return (
        index is not None
        and index.version == version
        and time.monotonic() - index.built_at < settings.KB_FACET_INDEX_SECONDS
    )


def current() -> FacetIndex:
    """The index of the knowledge base as it is now: reused until the version moves on."""
    global _current
    version = kb_version.current()
    if _fresh(_current, version):
        return _current
    with _lock:  # one build per process and version, even with threaded workers
        if not _fresh(_current, version):
            _current = _shared(version) or _build_and_share(version, replaces=_current)
        return _current


def _shared(version: int) -> FacetIndex | None:
    """The index another process built for this version, if the cache holds a sound one."""
    payload = facet_index_store.get(version)
    if payload is None:
        return None
    try:
        index = FacetIndex.from_bytes(payload)
    except Exception:  # sealed by this format yet unreadable: build rather than fail the list
        logger.warning("facet index: unreadable cache entry for version %s", version, exc_info=True)
        return None
    return index if _fresh(index, version) else None


def _build_and_share(version: int, *, replaces: FacetIndex | None) -> FacetIndex:
    index = build(version)
    if facet_index_store.shared():
        facet_index_store.put(
            version,
            index.to_bytes(),
            timeout=int(settings.KB_FACET_INDEX_SECONDS - index.age()),
            replaces=replaces.version if replaces else None,
        )
    return index


def warm() -> None:
    """Have the index before the first request (a new gunicorn worker: gunicorn.conf.py). If it
    cannot be had now (the database away), the first list builds it, or says why it cannot."""
    try:
        current()
    except Exception:
        logger.warning("facet index: not warmed; the first list will build it", exc_info=True)


def forget() -> None:
    """Drop this process's index, as a new process starts without one. The cache may still hold
    it: a test that writes without moving the version clears the cache too."""
    global _current
    _current = None
