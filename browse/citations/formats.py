"""The formats reference managers import, each written from a Reference: CSL-JSON, BibTeX, RIS,
and the Highwire `citation_*` meta tags a browser's Zotero connector reads from a page."""

import json
import re

from browse.citations.references import Name, Reference

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
