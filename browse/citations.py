"""Citations that reference managers import: BibTeX, RIS and CSL-JSON, for a source or for a
proposal (its source with the proposal's exact place in it), and the Highwire `citation_*` meta
tags a browser's Zotero connector reads from a page.

Every format is written from one Reference, built from the source's own fields: the original
publication is what is cited (its title, authors, publisher, date at the precision it is known,
series, volume, issue and pages), and the text the knowledge base holds, where it is a
translation, an extract or a summary, is said in the note, with its translator, publisher, date
and address.
"""

import json
import re
from dataclasses import dataclass, field

from core.dates import DatePrecision
from core.text import passages
from sources.models import Authorship, SourceDocument

Kind = SourceDocument.Kind


@dataclass
class Name:
    family: str = ""
    given: str = ""
    literal: str = ""  # an organisation, cited by its whole name


@dataclass
class Reference:
    key: str
    form: str  # "article", "newspaper", "report" or "conference"
    title: str
    authors: list[Name]
    translators: list[Name]
    publisher: str
    container: str  # the periodical or newspaper the item appeared in
    series: str
    volume: str
    issue: str
    pages: str
    date: tuple[int, ...]  # (year,), (year, month) or (year, month, day); () when unknown
    url: str
    genre: str
    notes: list[str] = field(default_factory=list)


def _name(author) -> Name:
    if author.kind != "person":
        return Name(literal=author.name)
    given, _, family = author.name.rpartition(" ")
    return Name(family=family, given=given)


def _date_parts(value, precision) -> tuple[int, ...]:
    if value is None or precision == DatePrecision.UNKNOWN:
        return ()
    parts = (value.year, value.month, value.day)
    return parts[: {DatePrecision.YEAR: 1, DatePrecision.MONTH: 2}.get(precision, 3)]


def full_title(source) -> str:
    """Title and subtitle as one: "Title: Subtitle", or "Title (Subtitle)" for a bracketed one."""
    if not source.subtitle:
        return source.title
    if source.subtitle.startswith("("):
        return f"{source.title} {source.subtitle}"
    return f"{source.title}: {source.subtitle}"


def _form(source) -> str:
    if source.kind == Kind.EDITORIAL:
        return "newspaper"
    if source.series and (source.volume or source.issue):
        return "article"  # an issue of a periodical series
    if source.kind in (Kind.ESSAY, Kind.ARTICLE):
        return "article"
    if source.kind == Kind.CONFERENCE_PAPER:
        return "conference"
    return "report"


def source_reference(source, page_url: str) -> Reference:
    """The source as reference managers cite it. Uses with_authors()' prefetch when there is one."""
    bylines = list(source.authorships.all())
    by_role = {role: [b.author for b in bylines if b.role == role] for role in Authorship.Role}
    form = _form(source)
    container = source.series if form == "article" else ""
    if form == "newspaper":
        container = source.publisher
    notes = []
    if source.text_version != SourceDocument.TextVersion.ORIGINAL:
        captured = f"The text in Alliance KB is {source.get_text_version_display().lower()}"
        if source.text_publisher:
            captured += f", published by {source.text_publisher}"
        if source.text_published_on:
            captured += f" on {source.display_text_date}"
        if source.text_url:
            captured += f" ({source.text_url})"
        notes.append(captured + ".")
        if source.text_note:
            notes.append(source.text_note)
    if by_role[Authorship.Role.EDITOR]:
        notes.append(
            "Edited by " + ", ".join(a.name for a in by_role[Authorship.Role.EDITOR]) + "."
        )
    notes.append(f"Alliance KB: {page_url}")
    return Reference(
        key=source.slug,
        form=form,
        title=full_title(source),
        authors=[
            _name(a)
            for b in bylines
            if b.role in (Authorship.Role.AUTHOR, Authorship.Role.ISSUING_BODY)
            for a in [b.author]
        ],
        translators=[_name(a) for a in by_role[Authorship.Role.TRANSLATOR]],
        publisher=source.publisher,
        container=container,
        series=source.series if form != "article" else "",
        volume=source.volume,
        issue=source.issue,
        pages=source.pages,
        date=_date_parts(source.published_on, source.published_on_precision),
        url=source.url or source.text_url,
        genre=source.get_kind_display() if form == "report" else "",
        notes=notes,
    )


def pinpoint(proposal) -> str:
    """Where the proposal stands in its source: its section and paragraph (pages are not known
    for a passage)."""
    blocks = passages.split_blocks(proposal.source.body)
    block = passages.block_at(blocks, proposal.quote_start)
    where = f"Proposal {proposal.position}, “{proposal.title}”"
    if block is None:
        return where
    if block.section:
        where += f", section “{block.section}”"
    return where + f", paragraph {block.number}"


def proposal_reference(proposal, page_url: str, source_url: str) -> Reference:
    """The proposal's source, cited at the proposal's place in it, linking to the proposal."""
    reference = source_reference(proposal.source, source_url)
    reference.key = proposal.slug
    reference.url = page_url
    reference.notes = [f"{pinpoint(proposal)}: {page_url}", *reference.notes]
    return reference


# CSL-JSON ---------------------------------------------------------------------------------------

CSL_TYPES = {
    "article": "article-journal",
    "newspaper": "article-newspaper",
    "report": "report",
    "conference": "paper-conference",
}


def _csl_name(name: Name) -> dict:
    return (
        {"literal": name.literal} if name.literal else {"family": name.family, "given": name.given}
    )


def csl_item(reference: Reference) -> dict:
    item = {
        "id": reference.key,
        "type": CSL_TYPES[reference.form],
        "title": reference.title,
        "author": [_csl_name(n) for n in reference.authors],
        "translator": [_csl_name(n) for n in reference.translators],
        "publisher": reference.publisher,
        "container-title": reference.container,
        "collection-title": reference.series,
        "volume": reference.volume,
        "issue": reference.issue,
        "page": reference.pages,
        "genre": reference.genre,
        "URL": reference.url,
        "note": "\n".join(reference.notes),
    }
    if reference.date:
        item["issued"] = {"date-parts": [list(reference.date)]}
    return {name: value for name, value in item.items() if value}


def csl_json(references: list[Reference]) -> str:
    return json.dumps([csl_item(r) for r in references], ensure_ascii=False, indent=2)


# BibTeX -----------------------------------------------------------------------------------------

BIBTEX_TYPES = {
    "article": "article",
    "newspaper": "article",
    "report": "techreport",
    "conference": "inproceedings",
}
LATEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _tex(text: str) -> str:
    return LATEX_SPECIAL.sub(r"\\\1", text).replace("–", "--").replace("\n", " ")


def _bib_name(name: Name) -> str:
    return (
        f"{{{_tex(name.literal)}}}" if name.literal else f"{_tex(name.family)}, {_tex(name.given)}"
    )


def bibtex_entry(reference: Reference) -> str:
    venue = {"report": "institution", "conference": "booktitle"}.get(reference.form, "journal")
    fields = [
        ("author", " and ".join(_bib_name(n) for n in reference.authors)),
        ("translator", " and ".join(_bib_name(n) for n in reference.translators)),
        ("title", f"{{{_tex(reference.title)}}}"),
        (venue, _tex(reference.container or reference.publisher)),
        # A newspaper is its own publisher; a report's is its institution, above.
        (
            "publisher",
            _tex(reference.publisher) if reference.form in ("article", "conference") else "",
        ),
        ("series", _tex(reference.series)),
        ("type", _tex(reference.genre)),
        ("volume", _tex(reference.volume)),
        ("number", _tex(reference.issue)),
        ("pages", _tex(reference.pages)),
        ("year", str(reference.date[0]) if reference.date else ""),
        ("month", str(reference.date[1]) if len(reference.date) > 1 else ""),
        ("date", "-".join(f"{part:02d}" for part in reference.date)),
        ("url", reference.url),
        ("note", _tex(" ".join(reference.notes))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{BIBTEX_TYPES[reference.form]}{{{reference.key},\n{body}\n}}\n"


def bibtex(references: list[Reference]) -> str:
    return "\n".join(bibtex_entry(r) for r in references)


# RIS --------------------------------------------------------------------------------------------

RIS_TYPES = {"article": "JOUR", "newspaper": "NEWS", "report": "RPRT", "conference": "CPAPER"}


def _ris_name(name: Name) -> str:
    return name.literal or f"{name.family}, {name.given}"


def ris_record(reference: Reference) -> str:
    first, _, last = reference.pages.replace("–", "-").partition("-")
    date = (
        "/".join([f"{reference.date[0]:04d}", *(f"{p:02d}" for p in reference.date[1:])])
        if reference.date
        else ""
    )
    lines = [
        ("TY", RIS_TYPES[reference.form]),
        ("ID", reference.key),
        *(("AU", _ris_name(n)) for n in reference.authors),
        *(("A4", _ris_name(n)) for n in reference.translators),  # RIS: translator
        ("TI", reference.title),
        ("T2", reference.container),
        ("T3", reference.series),
        ("M3", reference.genre),
        ("PB", reference.publisher),
        ("VL", reference.volume),
        ("IS", reference.issue),
        ("SP", first),
        ("EP", last),
        ("PY", str(reference.date[0]) if reference.date else ""),
        ("DA", date),
        ("UR", reference.url),
        *(("N1", note) for note in reference.notes),
    ]
    text = "".join(f"{tag}  - {value}\n" for tag, value in lines if value)
    return text + "ER  - \n"


def ris(references: list[Reference]) -> str:
    return "\n".join(ris_record(r) for r in references)


# Highwire meta tags -----------------------------------------------------------------------------


def highwire_tags(reference: Reference, page_url: str) -> list[tuple[str, str]]:
    """(name, content) of the `citation_*` meta tags Zotero's connector reads from a page."""
    venue = {
        "article": "citation_journal_title",
        "newspaper": "citation_journal_title",
        "report": "citation_technical_report_institution",
        "conference": "citation_conference_title",
    }[reference.form]
    first, _, last = reference.pages.replace("–", "-").partition("-")
    tags = [
        ("citation_title", reference.title),
        *(("citation_author", _ris_name(n)) for n in reference.authors),
        ("citation_publication_date", "/".join(f"{p:02d}" for p in reference.date)),
        (venue, reference.container or reference.publisher),
        ("citation_publisher", reference.publisher),
        ("citation_volume", reference.volume),
        ("citation_issue", reference.issue),
        ("citation_firstpage", first),
        ("citation_lastpage", last),
        ("citation_abstract_html_url", page_url),
        ("citation_language", "en"),
    ]
    return [(name, value) for name, value in tags if value]


FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", ris),
    "csl.json": ("application/vnd.citationstyles.csl+json; charset=utf-8", csl_json),
}


def plain_citation(source) -> str:
    """The source cited in plain text, as its page shows it: authors, “title,” series, volume and
    issue (publisher, date), pages, and its address. Uses with_authors()' prefetch."""
    authors = [author.name for author in source.ordered_authors]
    byline = (
        " and ".join(authors)
        if len(authors) < 3
        else ", ".join(authors[:-1]) + " and " + authors[-1]
    )
    text = f"{byline}, " if byline else ""
    text += f"“{full_title(source)},” "
    if source.series:
        text += source.series
        text += f" {source.volume}" if source.volume else ""
        text += f", no. {source.issue}" if source.issue else ""
        text += f" ({source.publisher}, {source.display_date})"
    else:
        text += f"{source.publisher}, {source.display_date}"
    text += f", {source.pages}." if source.pages else "."
    return text + (f" {source.url}." if source.url else "")
