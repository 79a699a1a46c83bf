"""Turn an uploaded paper (plain text, a saved web page or a PDF) into a clean source body.

The result is only ever a proposal: the admin shows it to the editor, who reviews and corrects it
before it is saved as the body. Extraction never rewords: it removes web and PDF debris
(navigation, comments, teasers, page numbers, running heads) and rejoins lines that the layout
broke, and leaves paragraphs separated by a blank line, as the body's help text asks.
Everything here works offline.
"""

import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath

import pypdf
import trafilatura
from django.conf import settings
from pypdf.errors import PyPdfError

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# No paper here comes near it; a file with more pages is more likely built to exhaust the reader.
MAX_PDF_PAGES = 1000
PLAIN_TEXT, HTML, PDF = "plain text", "HTML", "PDF"
KINDS_BY_SUFFIX = {
    ".txt": PLAIN_TEXT,
    ".text": PLAIN_TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".pdf": PDF,
}
ACCEPTED = ".txt, .html, .htm or .pdf"

# A line that starts a list item keeps its own paragraph even without a blank line before it.
LIST_ITEM = re.compile(r"^(?:[-•*–▪◦]|\d{1,2}[.)]|\([a-z0-9]\))\s+")
SENTENCE_END = re.compile(r"[.!?:;][”\"’)\]¹²³⁴⁵⁶⁷⁸⁹⁰\d]*$")
PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s+of\s+\d{1,4})?$", re.I)
# Invisible characters that word processors and web pages leave in text.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


class ExtractionError(ValueError):
    """The file cannot be turned into text; the message says why, for the editor."""


@dataclass(frozen=True)
class ExtractedText:
    text: str
    kind: str
    filename: str
    title: str = ""
    pages: int | None = None

    @property
    def paragraphs(self) -> int:
        return len(self.text.split("\n\n"))

    @property
    def words(self) -> int:
        return len(self.text.split())


def max_upload_bytes() -> int:
    return getattr(settings, "KB_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def check_size(*, filename: str, size: int) -> None:
    limit = max_upload_bytes()
    if size > limit:
        raise ExtractionError(
            f"“{filename}” is {size / 1_048_576:.1f} MB; files up to "
            f"{limit / 1_048_576:.0f} MB can be uploaded."
        )


def extract_text(*, filename: str, data: bytes) -> ExtractedText:
    """The cleaned text of an uploaded file; raises ExtractionError with a readable reason."""
    kind = KINDS_BY_SUFFIX.get(PurePath(filename).suffix.lower())
    if kind is None:
        raise ExtractionError(
            f"“{filename}” is not a file type the text can be extracted from: "
            f"upload a {ACCEPTED} file, or paste the text into Body."
        )
    check_size(filename=filename, size=len(data))
    if not data.strip():
        raise ExtractionError(f"“{filename}” is empty.")

    if kind == PDF:
        text, title, pages = _pdf_text(data, filename)
    elif kind == HTML:
        text, title, pages = _html_text(data, filename), _html_title(data), None
    else:
        text, title, pages = _plain_text(_decode(data, filename)), "", None

    text = tidy(text)
    if len(text.split()) < 3:
        raise ExtractionError(
            f"No text could be found in “{filename}”"
            + (" (is it a scan? Scanned pages are images, not text)." if kind == PDF else ".")
        )
    return ExtractedText(text=text, kind=kind, filename=filename, title=title, pages=pages)


def tidy(text: str) -> str:
    """Unix line ends, no invisible characters or trailing blanks, one blank line between blocks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(INVISIBLE)
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
    return [_join_lines(paragraph) for paragraph in paragraphs if "".join(paragraph).strip()]


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


def _pdf_text(data: bytes, filename: str) -> tuple[str, str, int]:
    if not data.lstrip().startswith(b"%PDF-"):
        raise ExtractionError(f"“{filename}” is not a PDF file (it does not start as one).")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(
                f"“{filename}” is password-protected: save an unprotected copy and upload that."
            )
        if len(reader.pages) > MAX_PDF_PAGES:
            raise ExtractionError(
                f"“{filename}” has {len(reader.pages)} pages; the text is extracted from PDFs of "
                f"up to {MAX_PDF_PAGES} pages. Paste the text into Body instead."
            )
        pages = [_pdf_page_lines(page) for page in reader.pages]
        title = _pdf_title(reader)
    except ExtractionError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        # pypdf reports a damaged file through several exception types.
        raise ExtractionError(
            f"“{filename}” could not be read as a PDF ({error.__class__.__name__}): the file may "
            "be damaged or incomplete. Try saving it again, or paste the text into Body."
        ) from error
    if not pages:
        raise ExtractionError(f"“{filename}” has no pages.")
    return _pdf_paragraphs(_drop_running_heads(pages)), title, len(pages)


def _pdf_title(reader) -> str:
    title = ((reader.metadata.title if reader.metadata else None) or "").strip()
    # Word processors often store the file name as the title; that is no title.
    if re.search(r"^Microsoft Word|\.(?:docx?|pdf|indd|rtf)$|^untitled$", title, re.I):
        return ""
    return title


def _pdf_page_lines(page) -> list[str]:
    # Layout mode keeps a blank line where the page has a vertical gap (paragraph breaks); the
    # plain mode is the fallback for the fonts layout mode cannot measure.
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:
        text = page.extract_text()
    return [re.sub(r"\s+", " ", line).strip() for line in (text or "").split("\n")]


def _drop_running_heads(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers, then a first or last line that most pages repeat (a running head or
    foot: the title, the series, "Page 3 of 10")."""

    def key(line):
        return re.sub(r"\d+", "#", line.lower())

    pages = [[line for line in lines if not PAGE_NUMBER.match(line)] for lines in pages]
    # Only pages of some length have a head and a foot distinct from their text.
    long_pages = [
        content for content in ([x for x in lines if x] for lines in pages) if len(content) >= 4
    ]
    edges = Counter()
    for content in long_pages:
        edges.update({key(content[0]), key(content[-1])})
    threshold = max(3, 0.6 * len(long_pages))
    repeated = {line for line, count in edges.items() if count >= threshold}
    return [[line for line in lines if key(line) not in repeated] for lines in pages]


def _pdf_paragraphs(pages: list[list[str]]) -> str:
    paragraphs: list[str] = []
    for lines in pages:
        page_paragraphs = _paragraphs_from_lines(lines)
        if not page_paragraphs:
            continue
        first = page_paragraphs[0]
        # A paragraph that runs on over the page break continues in lower case.
        if paragraphs and not SENTENCE_END.search(paragraphs[-1]) and first[:1].islower():
            paragraphs[-1] = _join_lines([paragraphs[-1], first])
            page_paragraphs = page_paragraphs[1:]
        paragraphs.extend(page_paragraphs)
    return "\n\n".join(paragraphs)


def _paragraphs_from_lines(lines: list[str]) -> list[str]:
    """Group a page's lines into paragraphs: at blank lines, list items, and short closing lines."""
    widths = sorted(len(line) for line in lines if line)
    if not widths:
        return []
    full_width = widths[int(len(widths) * 0.8)] if len(widths) >= 5 else widths[-1]
    paragraphs, current = [], []
    for line in lines:
        if not line or LIST_ITEM.match(line):
            if current:
                paragraphs.append(_join_lines(current))
            current = [line] if line else []
            continue
        current.append(line)
        if SENTENCE_END.search(line) and len(line) < 0.7 * full_width:
            paragraphs.append(_join_lines(current))
            current = []
    if current:
        paragraphs.append(_join_lines(current))
    return [paragraph for paragraph in paragraphs if paragraph]


def _join_lines(lines: list[str]) -> str:
    """One paragraph from wrapped lines; a line-end hyphen is kept but joins without a space."""
    joined = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if not joined:
            joined = line
        elif joined.endswith("-") and not joined.endswith(" -") and line[:1].isalnum():
            joined += line
        else:
            joined += " " + line
    return joined
