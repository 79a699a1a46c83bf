"""Citations that reference managers import: BibTeX, RIS and CSL-JSON, for a source or for a
proposal (its source with the proposal's exact place in it), and the Highwire `citation_*` meta
tags a browser's Zotero connector reads from a page."""

from browse.citations.formats import FORMATS, bibtex, csl_json, highwire_tags, ris
from browse.citations.references import (
    Reference,
    full_title,
    pinpoint,
    plain_citation,
    proposal_reference,
    source_reference,
)

__all__ = [
    "FORMATS",
    "Reference",
    "bibtex",
    "csl_json",
    "full_title",
    "highwire_tags",
    "pinpoint",
    "plain_citation",
    "proposal_reference",
    "source_reference",
    "ris",
]
