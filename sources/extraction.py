"""Turn an uploaded paper (plain text, a saved web page or a PDF) into a clean source body.

Why this module is long: it is the one path from an uploaded file to a body for three formats,
and the PDF part (running heads, notes, paragraphs, broken words) is most of it; that part is
the next to move into a module of its own, beside sources.pdf_layout.

The result is only ever a proposal: the admin shows it to the editor, who reviews and corrects it
before it is saved as the body. Extraction never rewords: it removes web and PDF debris
(navigation, comments, teasers, page numbers, running heads) and rejoins lines that the layout
broke, and leaves paragraphs separated by a blank line, as the body's help text asks.
Everything here works offline.
"""

import io
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import PurePath

import pypdf
import trafilatura
from django.conf import settings
from pypdf.errors import PyPdfError

from sources.html_metadata import PageMetadata, page_metadata
from sources.pdf_layout import Line, page_lines, set_gaps

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
PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
# Between the halves of a word broken at a line end, until rejoin_hyphens() decides.
BREAK_MARK = "\u2063"
# A note's number at the start of its first line: superscript digits (a browser's <sup>, made
# superscript by pdf_layout) or "1." / "1)" / "1 " in the notes' small type.
NOTE_MARKER = re.compile(r"^(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s*|(\d{1,3})[.)]?\s+)(?=\S)")
SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
NOTES_HEADING = re.compile(r"^(?:foot|end)?notes$", re.I)
# Given the words (lower case) that the text alone cannot decide, those the knowledge base
# writes whole.
KnownWords = Callable[[set[str]], Iterable[str]]
# The Alphabetic Presentation Forms' Latin ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ): NFKC makes them letters.
LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}
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
        text, notes, title, pages = _pdf_text(data, filename)
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


def _pdf_text(data: bytes, filename: str) -> tuple[str, str, str, int]:
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
        pages = [_pdf_lines(page) for page in reader.pages]
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
    body, notes = _move_notes(_drop_running_heads(pages))
    return _pdf_paragraphs(body), notes, title, len(pages)


def _pdf_title(reader) -> str:
    title = ((reader.metadata.title if reader.metadata else None) or "").strip()
    # Word processors often store the file name as the title; that is no title.
    if re.search(r"^Microsoft Word|\.(?:docx?|pdf|indd|rtf)$|^untitled$", title, re.I):
        return ""
    return title


def _pdf_lines(page) -> list[Line]:
    try:
        return page_lines(page)
    except Exception:
        # A font pypdf cannot measure: the page's text in the file's order, one run per line.
        text = page.extract_text() or ""
        return [Line(line, 0.0, float(i), 10.0) for i, line in enumerate(text.split("\n"))]


def _drop_running_heads(pages: list[list[Line]]) -> list[list[Line]]:
    """Remove page numbers, and the lines at a page's top or bottom edge that other pages repeat
    (a running head or foot: the title, the date a browser printed it, "file:///…  1/2").

    Two pages are enough: a browser's print has its head and foot from the first page on."""

    def key(line):
        # Where it stands too: a head or foot is printed at the same place on every page, while
        # a column's first line may say what another page's says.
        text = re.sub(r"\d+", "#", " ".join(line.text.lower().split()))
        return text, round(line.top / 6), round(line.x / 6)

    def edges(lines):
        if not lines:
            return []
        top, bottom = min(x.top for x in lines), max(x.top for x in lines)
        return [x for x in lines if x.top - top < 0.5 * x.size or bottom - x.top < 0.5 * x.size]

    pages = [[x for x in lines if not PAGE_NUMBER.match(x.text)] for lines in pages]
    counts = Counter()
    for lines in pages:
        counts.update({key(x) for x in edges(lines)})
    repeated = {k for k, n in counts.items() if n >= max(2, 0.6 * len(pages))}
    edge_ids = [{id(x) for x in edges(lines)} for lines in pages]
    return [
        set_gaps([x for x in lines if not (id(x) in ids and key(x) in repeated)])
        for lines, ids in zip(pages, edge_ids, strict=True)
    ]


def _body_size(lines: list[Line]) -> int:
    """The type size most of the text is set in."""
    # At least 1: a file may declare fonts of size 0, and sizes divide by it.
    return max(1, Counter(round(x.size) for x in lines).most_common(1)[0][0])


def _move_notes(pages: list[list[Line]]) -> tuple[list[list[Line]], str]:
    """The pages without their notes, and the notes ("1. …", a blank line between them).

    Notes are only what is clearly notes: lines in type smaller than the body's, at the foot of
    a page or column (nothing but another column follows them on the page), the first of them
    starting with a note's number and each next note with the next number, every number one
    the text marks as a superscript ("pay.²"); a "Notes" heading just above them goes with them.
    Anything else stays in the text."""
    every = [x for lines in pages for x in lines]
    if not every:
        return pages, ""
    body_size = _body_size(every)
    marked = {
        int(marker.translate(SUPERSCRIPT_DIGITS))
        for x in every
        if x.size >= 0.9 * body_size
        for marker in re.findall(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", x.text)
    }
    notes: list[str] = []
    kept_pages = []
    for lines in pages:
        moved: set[int] = set()
        start = 0
        small = [x.size < 0.9 * body_size for x in lines]
        while start < len(lines):
            end = start
            # Small lines one under the other; a wider gap parts notes from, say, a page's foot.
            while (
                end < len(lines)
                and small[end]
                and (end == start or -0.5 < lines[end].gap / max(lines[end].size, 1) < 2.5)
            ):
                end += 1
            # At the foot: only small type follows, down to the end of the page or column.
            rest = end
            while rest < len(lines) and small[rest] and lines[rest].gap >= -0.5 * lines[rest].size:
                rest += 1
            foot = rest == len(lines) or lines[rest].gap < -0.5 * lines[rest].size
            at_foot = end > start and foot
            block = _notes_of(lines[start:end], marked) if at_foot else None
            if block:
                notes += block
                moved.update(range(start, end))
                if start and NOTES_HEADING.match(lines[start - 1].text):
                    moved.add(start - 1)
            start = max(end, start + 1)
        kept_pages.append(set_gaps([x for i, x in enumerate(lines) if i not in moved]))
    return kept_pages, "\n\n".join(notes)


def _notes_of(lines: list[Line], marked: set[int]) -> list[str] | None:
    """The notes these small-type lines hold, or None when they are not clearly notes."""
    notes: list[tuple[int, list[str]]] = []
    for line in lines:
        marker = NOTE_MARKER.match(line.text)
        number = (
            int((marker.group(1) or marker.group(2)).translate(SUPERSCRIPT_DIGITS))
            if (marker)
            else None
        )
        if marker and number in marked and (not notes or number == notes[-1][0] + 1):
            notes.append((number, [line.text[marker.end() :]]))
        elif notes:
            notes[-1][1].append(line.text)
        else:
            return None
    return [f"{number}. {_join_lines(text)}" for number, text in notes]


def _pdf_paragraphs(pages: list[list[Line]]) -> str:
    """Paragraphs at vertical gaps, size changes (headings) and list items; a paragraph that a
    page or column break cuts is joined again when it goes on in lower case, or when its last
    line before the break is a full one."""
    body = [x for lines in pages for x in lines]
    if not body:
        return ""
    body_size = _body_size(body)
    spacings = [x.gap for x in body if 0 < x.gap < 2.5 * x.size and round(x.size) == body_size]
    spacing = statistics.median(spacings) if spacings else body_size * 1.2
    paragraphs: list[str] = []
    last_line: Line | None = None
    for lines in pages:
        full = _full_width(lines)
        blocks: list[list[Line]] = []
        for line in lines:
            line.heading = abs(line.size - body_size) > 0.15 * body_size
            before = blocks[-1][-1] if blocks else None
            new_block = (
                before is None
                or line.gap < -0.5 * line.size  # up the page: the next column
                or line.gap > 1.4 * spacing * line.size / body_size
                or abs(line.size - before.size) > 0.1 * body_size
                or LIST_ITEM.match(line.text)
                or (not line.heading and _ends_short_sentence(before, full))
            )
            if new_block:
                blocks.append([line])
            else:
                blocks[-1].append(line)
        for i, block in enumerate(blocks):
            text = _join_lines([x.text for x in block])
            starts_new_flow = i == 0 or block[0].gap < -0.5 * block[0].size
            if starts_new_flow and paragraphs and _runs_on(last_line, block[0], text, full):
                paragraphs[-1] = _join_lines([paragraphs[-1], text])
            else:
                paragraphs.append(text)
            last_line = block[-1]
    return "\n\n".join(paragraphs)


def _full_width(lines: list[Line]) -> dict[int, int]:
    """The length, in characters, of a full line of body text in each column of the page."""
    widths: dict[int, list[int]] = {}
    for line in lines:
        widths.setdefault(line.column, []).append(len(line.text))
    return {
        column: sorted(w)[int(len(w) * 0.8)] if len(w) >= 5 else max(w)
        for column, w in widths.items()
    }


def _runs_on(before: Line | None, first: Line, text: str, full: dict[int, int]) -> bool:
    """Whether the paragraph cut by a page or column break goes on in `text`."""
    if before is None or before.heading or first.heading or LIST_ITEM.match(first.text):
        return False
    if not SENTENCE_END.search(before.text) and text[:1].islower():
        return True
    # A full last line: the paragraph did not end there.
    return len(before.text) >= 0.85 * full.get(before.column, len(before.text) + 1) and not (
        _is_short(before, full)
    )


def _is_short(line: Line, full: dict[int, int]) -> bool:
    return len(line.text) < 0.7 * full.get(line.column, 0)


def _ends_short_sentence(line: Line, full: dict[int, int]) -> bool:
    """A line that ends a sentence well short of the column's width ends its paragraph."""
    return bool(SENTENCE_END.search(line.text)) and _is_short(line, full)


def _join_lines(lines: list[str]) -> str:
    """One paragraph from wrapped lines; a word broken by a hyphen at a line end is joined to its
    other half with the hyphen kept and BREAK_MARK after it, for rejoin_hyphens() to decide."""
    joined = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if not joined:
            joined = line
        elif joined[-1] in "-\u2010" and joined[-2:-1].strip() and line[:1].isalnum():
            joined += BREAK_MARK + line
        else:
            joined += " " + line
    return joined


BROKEN_WORD = re.compile(rf"(\w+)([-\u2010]){BREAK_MARK}(\w+)")


def rejoin_hyphens(
    text: str,
    *,
    elsewhere: str = "",
    known_words: KnownWords | None = None,
    keep_undecided: bool = False,
) -> str:
    """Words broken at a line end ("muni-" / "tions") become one word ("munitions") when the
    text (or `elsewhere`: the notes of the same paper) writes that word unbroken, or else when
    `known_words` (the knowledge base) does; otherwise the hyphen stays, as in "U.S.-Japan". A
    word the paper writes with the hyphen mid-line too keeps it ("self-defense").

    With `keep_undecided`, the words neither the paper decides keep BREAK_MARK, for a later
    call that can ask the knowledge base."""
    whole = text + "\n" + elsewhere
    in_text = Counter(w.lower() for w in re.findall(r"\w+", whole.replace(BREAK_MARK, "")))

    def hyphenated(left, right):
        # Written with the hyphen elsewhere (not at a line end, where BREAK_MARK follows it):
        # a hyphenated word.
        pattern = rf"(?<!\w){re.escape(left)}[-\u2010]{re.escape(right)}(?!\w)"
        return re.search(pattern, whole, re.I)

    undecided = {
        (m.group(1) + m.group(3)).lower()
        for m in BROKEN_WORD.finditer(text)
        if not in_text[(m.group(1) + m.group(3)).lower()] and not hyphenated(m.group(1), m.group(3))
    }
    known = set()
    if undecided and known_words is not None and not keep_undecided:
        known = {word.lower() for word in known_words(undecided)}

    def decide(match):
        left, hyphen, right = match.group(1), match.group(2), match.group(3)
        joined = (left + right).lower()
        if hyphenated(left, right):
            return left + hyphen + right
        if in_text[joined] or joined in known:
            return left + right
        return match.group(0) if keep_undecided else left + hyphen + right

    decided = BROKEN_WORD.sub(decide, text)
    return decided if keep_undecided else decided.replace(BREAK_MARK, "")
