"""One Reference per source or proposal, built from the source's own fields, from which every
citation format is written (see formats.py).

The original publication is what is cited (its title, authors, publisher, date at the precision it
is known, series, volume, issue and pages), and the text the knowledge base holds, where it is a
translation, an extract or a summary, is said in the note, with its translator, publisher, date
and address.
"""

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


def _joined(names: list[str]) -> str:
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def plain_citation(source) -> str:
    """The source cited in plain text, as its page shows it: authors, “title,” translator and
    editor, series, volume and issue (publisher, date), pages, its address; then, where the text
    held is a translation, extract or summary, where that text was published. Uses
    with_authors()' prefetch."""
    bylines = list(source.authorships.all())

    def named(*roles) -> str:
        return _joined([b.author.name for b in bylines if b.role in roles])

    byline = named(Authorship.Role.AUTHOR, Authorship.Role.ISSUING_BODY)
    text = f"{byline}, " if byline else ""
    text += f"“{full_title(source)},” "
    translators, editors = named(Authorship.Role.TRANSLATOR), named(Authorship.Role.EDITOR)
    text += f"trans. {translators}, " if translators else ""
    text += f"ed. {editors}, " if editors else ""
    if source.series:
        text += source.series
        text += f" {source.volume}" if source.volume else ""
        text += f", no. {source.issue}" if source.issue else ""
        text += f" ({source.publisher}, {source.display_date})"
    else:
        text += f"{source.publisher}, {source.display_date}"
    text += f", {source.pages}." if source.pages else "."
    text += f" {source.url}." if source.url else ""
    if source.text_version != SourceDocument.TextVersion.ORIGINAL and (
        source.text_publisher or source.text_url
    ):
        where = ", ".join(
            part
            for part in (
                source.text_publisher,
                source.text_published_on and source.display_text_date,
            )
            if part
        )
        text += f" {source.get_text_version_display()}" + (f": {where}" if where else "")
        text += f", {source.text_url}." if source.text_url else "."
    return text
