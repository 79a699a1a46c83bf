"""Who wrote a saved web page and when it was published, as the page itself declares it.

Read from the page's metadata only, never guessed from its text: the Highwire Press tags that
journals and think tanks use (citation_author, citation_publication_date), Dublin Core
(DC.creator, DC.date, dcterms.issued), Open Graph (article:author, article:published_time) and
schema.org JSON-LD (author, datePublished), in that order; trafilatura's metadata (its byline
reading) fills in the authors when no tag names them. A date keeps the precision the page gives
it: "2024/03" is March 2024, not 1 March 2024.
"""

import datetime
import json
import re
from dataclasses import dataclass

import lxml.html
import trafilatura

AUTHOR_META = ("citation_author", "dc.creator", "dcterms.creator", "article:author", "author")
DATE_META = (
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dcterms.issued",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "article:published_time",
)
DATE = re.compile(r"^\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:[T\s].*)?\s*$")


@dataclass(frozen=True)
class PageMetadata:
    authors: tuple[str, ...] = ()
    published_on: str = ""  # ISO: YYYY-MM-DD, the 1st of the month or of January when less
    precision: str = ""  # "day", "month" or "year", as core.dates.DatePrecision


def page_metadata(data: bytes) -> PageMetadata:
    try:
        tree = lxml.html.fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return PageMetadata()
    metas: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if name and content:
            metas.setdefault(name, []).append(content)
    linked = _json_ld(tree)
    authors = next((metas[n] for n in AUTHOR_META if n in metas), None) or linked["authors"]
    if not authors:
        found = trafilatura.extract_metadata(data, extensive=False)
        authors = [a.strip() for a in (found.author or "").split(";")] if found else []
    dates = [metas[n][0] for n in DATE_META if n in metas] + linked["dates"]
    published_on, precision = next(
        (parsed for parsed in map(parse_date, dates) if parsed), ("", "")
    )
    unique = tuple(dict.fromkeys(a for a in authors if a and not a.startswith("http")))
    return PageMetadata(unique, published_on, precision)


def parse_date(value: str) -> tuple[str, str] | None:
    """("2024-03-01", "month") from "2024/03"; None for what is not a date."""
    match = DATE.match(value or "")
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        date = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    precision = "day" if day else "month" if month else "year"
    return date.isoformat(), precision


def _json_ld(tree) -> dict:
    found = {"authors": [], "dates": []}
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _items(data):
            if item.get("datePublished"):
                found["dates"].append(str(item["datePublished"]))
            authors = item.get("author") or []
            for author in authors if isinstance(authors, list) else [authors]:
                name = author.get("name") if isinstance(author, dict) else author
                if isinstance(name, str) and name.strip():
                    found["authors"].append(" ".join(name.split()))
    return found


def _items(data):
    if isinstance(data, list):
        for entry in data:
            yield from _items(entry)
    elif isinstance(data, dict):
        yield data
        yield from _items(data.get("@graph", []))
