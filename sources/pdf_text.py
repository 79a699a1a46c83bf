"""A PDF's text: its pages read in order (sources.pdf_layout), without running heads, feet and
page numbers, its notes moved apart, and its lines made into paragraphs again across page and
column breaks. sources.extraction calls pdf_text() for an uploaded PDF."""

import io
import re
import statistics
from collections import Counter

import pypdf
from pypdf.errors import PyPdfError

from sources.broken_words import join_lines
from sources.errors import ExtractionError
from sources.pdf_layout import Line, page_lines, set_gaps

# No paper here comes near it; a file with more pages is more likely built to exhaust the reader.
MAX_PDF_PAGES = 1000
# A line that starts a list item keeps its own paragraph even without a blank line before it.
LIST_ITEM = re.compile(r"^(?:[-•*–▪◦]|\d{1,2}[.)]|\([a-z0-9]\))\s+")
SENTENCE_END = re.compile(r"[.!?:;][”\"’)\]¹²³⁴⁵⁶⁷⁸⁹⁰\d]*$")
PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
# A note's number at the start of its first line: superscript digits (a browser's <sup>, made
# superscript by pdf_layout) or "1." / "1)" / "1 " in the notes' small type.
NOTE_MARKER = re.compile(r"^(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s*|(\d{1,3})[.)]?\s+)(?=\S)")
SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
NOTES_HEADING = re.compile(r"^(?:foot|end)?notes$", re.I)


def pdf_text(data: bytes, filename: str) -> tuple[str, str, str, int]:
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
    body, notes = move_notes(_drop_running_heads(pages))
    return paragraphs(body), notes, title, len(pages)


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


def move_notes(pages: list[list[Line]]) -> tuple[list[list[Line]], str]:
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
    return [f"{number}. {join_lines(text)}" for number, text in notes]


def paragraphs(pages: list[list[Line]]) -> str:
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
            text = join_lines([x.text for x in block])
            starts_new_flow = i == 0 or block[0].gap < -0.5 * block[0].size
            if starts_new_flow and paragraphs and _runs_on(last_line, block[0], text, full):
                paragraphs[-1] = join_lines([paragraphs[-1], text])
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
