"""What the Data Package's tables hold: each field's name, type, description and constraints,
written once here so that the CSVs and datapackage.json cannot disagree."""

from dataclasses import dataclass

PARTIAL_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


@dataclass
class Field:
    name: str
    type: str  # "string" or "integer"
    description: str
    pattern: str = ""
    required: bool = False


@dataclass
class Table:
    name: str
    title: str
    fields: list[Field]
    rows: list[dict]
    primary_key: list[str]
    foreign_keys: list[tuple[list[str], str, list[str]]]  # (fields, table, its fields)


def s(name, description, **options) -> Field:
    return Field(name, "string", description, **options)


def i(name, description, **options) -> Field:
    return Field(name, "integer", description, **options)


def link_fields(column: str) -> list[Field]:
    return [
        s("proposal", "The proposal's slug.", required=True),
        s(column, f"The {column}'s slug.", required=True),
    ]


SLUG = s("slug", "Stable identifier, also used in the site's addresses.", required=True)
SOURCE_FIELDS = [
    SLUG,
    s("title", "The title, as the paper gives it.", required=True),
    s("subtitle", "The subtitle, if any."),
    s("kind", "What sort of paper: a code (editorial, essay, joint_statement, …)."),
    s("kind_label", "The kind in words."),
    s("publisher", "Publisher or venue of the original."),
    s("series", "Series or periodical."),
    s("volume", "Volume."),
    s("issue", "Issue."),
    s("pages", "Pages."),
    s(
        "published_on",
        "Date of the original, only as precise as known: YYYY, YYYY-MM or "
        "YYYY-MM-DD; empty when unknown.",
        pattern=PARTIAL_DATE,
    ),
    s("published_on_precision", "day, month, year or unknown."),
    s("date_note", "How the date is known, where it is uncertain."),
    s("url", "Where the original is published."),
    s(
        "text_version",
        "What the captured text is: original, translation, extract, reprint or summary.",
    ),
    s("text_publisher", "Who published the captured text, if not the original."),
    s("text_published_on", "Date of the captured text, as precise as known.", pattern=PARTIAL_DATE),
    s("text_url", "Where the captured text was taken from."),
    s("text_note", "Translation credits, reprint notes."),
    s("summary", "A short neutral summary (the knowledge base's words)."),
    s("citation", "The source cited in plain text."),
    s("page_url", "The source's page in the knowledge base."),
    s(
        "body",
        "The captured text, cleaned of web and PDF debris; quotes are anchored in it by "
        "character offsets.",
    ),
    s("notes", "Footnotes and notes that are not part of the body."),
]
AUTHOR_FIELDS = [
    SLUG,
    s("name", "As the papers give it.", required=True),
    s("kind", "person or organisation."),
    s("description", "Affiliation, as the source states it."),
]
BYLINE_FIELDS = [
    s("source", "The source's slug.", required=True),
    s("author", "The author's slug.", required=True),
    s("role", "author, issuing_body, translator or editor.", required=True),
    i("position", "Order in the byline, from 1."),
]
VOCABULARY_FIELDS = {
    "themes": [SLUG, s("name", "The theme.", required=True), s("description", "What it covers.")],
    "actors": [
        SLUG,
        s("name", "The actor.", required=True),
        s("kind", "state, government_body, armed_forces, …"),
        s("aliases", "Other names, separated by '; '."),
        s("description", "Who this is."),
    ],
    "frameworks": [
        SLUG,
        s("name", "The framework.", required=True),
        s("acronym", "Its acronym, if any."),
        s("kind", "treaty, institution, forum, mechanism, initiative or instrument."),
        s("aliases", "Other names, separated by '; '."),
        s("description", "What it is."),
    ],
}
PROPOSAL_FIELDS = [
    SLUG,
    s("source", "The source's slug.", required=True),
    i("position", "Order within the source, from 1."),
    s("title", "A short title (the knowledge base's words).", required=True),
    s("kind", "recommendation or open_question."),
    s("kind_label", "The kind in words."),
    s("summary", "One neutral paragraph (the knowledge base's words)."),
    s("quote", "The source's exact words that state the proposal.", required=True),
    i(
        "quote_start",
        "Where the quote starts in the source's body (characters, from 0): W3C "
        "TextPositionSelector start.",
    ),
    i("quote_end", "Where it ends (exclusive): TextPositionSelector end."),
    s("quote_prefix", "Up to 32 characters before the quote: TextQuoteSelector prefix."),
    s("quote_suffix", "Up to 32 characters after it: TextQuoteSelector suffix."),
    s("page_url", "The proposal's page in the knowledge base."),
    s(
        "outcome_status",
        "What became of it, derived from its latest published evidence (table assessments): "
        "not_assessed (no evidence: unknown, not 'no'), no_action, in_progress, "
        "partially_implemented, implemented, overtaken or rejected.",
        required=True,
    ),
    s(
        "outcome_assessed_on",
        "The date of that latest evidence (YYYY, YYYY-MM or YYYY-MM-DD); empty when not assessed.",
        pattern=PARTIAL_DATE,
    ),
]

LICENCE_NOTE = (
    "The sources' texts and the quotes are the words of their authors and publishers, copied "
    "here for reference and research; their rights stay with them. No licence has been chosen "
    "yet for the knowledge base's own words (titles, summaries, tags and links)."
)
