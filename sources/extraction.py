"""Turn an uploaded paper (plain text, a saved web page or a PDF) into a clean source body.

A PDF's own work (running heads, notes, paragraphs across pages) is in sources.pdf_text, and
words broken at line ends are decided in sources.broken_words.

The result is only ever a proposal: the admin shows it to the editor, who reviews and corrects it
before it is saved as the body. Extraction never rewords: it removes web and PDF debris
(navigation, comments, teasers, page numbers, running heads) and rejoins lines that the layout
broke, and leaves paragraphs separated by a blank line, as the body's help text asks.
Everything here works offline.
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import PurePath

import trafilatura
from django.conf import settings

from sources.broken_words import KnownWords, join_lines, rejoin_hyphens
from sources.errors import ExtractionError
from sources.html_metadata import PageMetadata, page_metadata
from sources.pdf_text import LIST_ITEM, pdf_text

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
PLAIN_TEXT, HTML, PDF = "plain text", "HTML", "PDF"
KINDS_BY_SUFFIX = {
    ".txt": PLAIN_TEXT,
    ".text": PLAIN_TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".pdf": PDF,
}
ACCEPTED = ".txt, .html, .htm or .pdf"

# The Alphabetic Presentation Forms' Latin ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ): NFKC makes them letters.
LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}
# Invisible characters that word processors and web pages leave in text.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


@dataclass(frozen=True)
class ExtractedText:
    text: str
    kind: str
    filename: str
    title: str = ""
    pages: int | None = None
    # A PDF's footnotes and endnotes, moved out of the text: "1. …", a blank line between notes.
    notes: str = ""
    # Words broken at a line end that were joined because the knowledge base writes them whole.
    known_joins: tuple[str, ...] = ()
    # From a web page's metadata (sources.html_metadata), for the editor to confirm.
    authors: tuple[str, ...] = ()
    published_on: str = ""
    published_precision: str = ""

    @property
    def paragraphs(self) -> int:
        return len(self.text.split("\n\n"))

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def note_count(self) -> int:
        return len(self.notes.split("\n\n")) if self.notes else 0


def max_upload_bytes() -> int:
    return getattr(settings, "KB_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def check_size(*, filename: str, size: int) -> None:
    limit = max_upload_bytes()
    if size > limit:
        raise ExtractionError(
            f"“{filename}” is {size / 1_048_576:.1f} MB; files up to "
            f"{limit / 1_048_576:.0f} MB can be uploaded."
        )


def extract_text(
    *,
    filename: str,
    data: bytes,
    known_words: KnownWords | None = None,
    defer_breaks: bool = False,
) -> ExtractedText:
    """The cleaned text of an uploaded file; raises ExtractionError with a readable reason.

    A word broken at a line end that the text alone cannot decide is asked of `known_words`;
    with `defer_breaks` it stays marked (BREAK_MARK) for decide_breaks() to settle later, in a
    process that can ask the knowledge base (the extraction itself runs in a sandbox)."""
    kind = KINDS_BY_SUFFIX.get(PurePath(filename).suffix.lower())
    if kind is None:
        raise ExtractionError(
            f"“{filename}” is not a file type the text can be extracted from: "
            f"upload a {ACCEPTED} file, or paste the text into Body."
        )
    check_size(filename=filename, size=len(data))
    if not data.strip():
        raise ExtractionError(f"“{filename}” is empty.")

    metadata = PageMetadata()
    notes = ""
    if kind == PDF:
        text, notes, title, pages = pdf_text(data, filename)
    elif kind == HTML:
        text, title, pages = _html_text(data, filename), _html_title(data), None
        metadata = page_metadata(data)
    else:
        text, title, pages = _plain_text(_decode(data, filename)), "", None

    text, notes = tidy(text), tidy(notes)
    text, notes = (
        rejoin_hyphens(text, elsewhere=notes, keep_undecided=True),
        rejoin_hyphens(notes, elsewhere=text, keep_undecided=True),
    )
    if len(text.split()) < 3:
        raise ExtractionError(
            f"No text could be found in “{filename}”"
            + (" (is it a scan? Scanned pages are images, not text)." if kind == PDF else ".")
        )
    extracted = ExtractedText(
        text=text,
        kind=kind,
        filename=filename,
        title=title,
        pages=pages,
        notes=notes,
        authors=metadata.authors,
        published_on=metadata.published_on,
        published_precision=metadata.precision,
    )
    return extracted if defer_breaks else decide_breaks(extracted, known_words)


def decide_breaks(extracted: ExtractedText, known_words: KnownWords | None) -> ExtractedText:
    """The broken words left undecided joined when `known_words` knows them, else hyphenated;
    the words so joined are named for the editor to check."""
    joined: set[str] = set()

    def asked(words: set[str]) -> set[str]:
        found = {word.lower() for word in known_words(words)} & words
        joined.update(found)
        return found

    ask = asked if known_words is not None else None
    text = rejoin_hyphens(extracted.text, elsewhere=extracted.notes, known_words=ask)
    notes = rejoin_hyphens(extracted.notes, elsewhere=text, known_words=ask)
    return replace(extracted, text=text, notes=notes, known_joins=tuple(sorted(joined)))


def without_title(text: str, *titles: str) -> str:
    """The text without its first paragraph when that paragraph is one of the titles (spacing and
    case aside): the title has a field of its own. The only paragraph is always kept."""

    def norm(value: str) -> str:
        return " ".join(value.split()).casefold().rstrip(".:")

    first, _, rest = text.partition("\n\n")
    wanted = {norm(title) for title in titles if title and title.strip()}
    return rest.lstrip("\n") if rest.strip() and norm(first) in wanted else text


def tidy(text: str) -> str:
    """Unix line ends, no invisible characters or trailing blanks, one blank line between blocks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(INVISIBLE).translate(LIGATURES)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _decode(data: bytes, filename: str) -> str:
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in data and not utf16:
        raise ExtractionError(f"“{filename}” is not a text file (it holds binary data).")
    # Windows-1252 covers the "smart quotes" of files saved by older Windows editors.
    for encoding in ("utf-16",) if utf16 else ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ExtractionError(
            f"“{filename}” is not readable text: save it as UTF-8 plain text and upload it again."
        )
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\n\r\t\f")
    if controls > max(3, len(text) // 100):
        raise ExtractionError(f"“{filename}” is not a text file (it holds binary data).")
    return text


def _plain_text(text: str) -> str:
    """Rejoin hard-wrapped lines into paragraphs when the file separates paragraphs by blank lines.

    A file with no blank line at all is taken to hold one paragraph per line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not re.search(r"\n[ \t]*\n", text.strip()):
        return "\n\n".join(line for line in text.split("\n") if line.strip())
    return "\n\n".join(
        "\n\n".join(_list_items_apart(block.split("\n"))) for block in re.split(r"\n[ \t]*\n", text)
    )


def _list_items_apart(lines: list[str]) -> list[str]:
    """Wrapped lines joined into paragraphs, each list item its own paragraph."""
    paragraphs: list[list[str]] = []
    for line in lines:
        if not paragraphs or LIST_ITEM.match(line.strip()):
            paragraphs.append([])
        paragraphs[-1].append(line)
    return [join_lines(paragraph) for paragraph in paragraphs if "".join(paragraph).strip()]


def _html_text(data: bytes, filename: str) -> str:
    text = trafilatura.extract(
        data,
        include_comments=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not text or len(text.split()) < 3:
        raise ExtractionError(
            f"No main text was found in “{filename}”. If it is a web page, save it as "
            "“Web page, complete” or “HTML only” and upload that, or paste the text into Body."
        )
    # trafilatura writes one block (paragraph, heading, list item) per line.
    return "\n\n".join(line for line in text.split("\n") if line.strip())


def _html_title(data: bytes) -> str:
    metadata = trafilatura.extract_metadata(data)
    return (metadata.title or "").strip() if metadata else ""
