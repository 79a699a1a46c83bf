"""A PDF page's lines in reading order, from where pypdf says each piece of text stands.

pypdf's layout mode draws a page as a grid of characters, so two columns come out side by side
and are then read line by line across both. Here each run of text is placed by its position
(pypdf's visitor gives the text and graphics matrices) and its size; runs on one baseline make a
line unless a wide gap (a column gutter) parts them; and a page whose lines start at two distinct
left edges is read down the left column, then down the right one, band by band between the lines
that span both (a title, a full-width heading). The line's size and the gap above it let the
caller tell headings and paragraph breaks from wrapped lines.
"""

import statistics
from dataclasses import dataclass

# A run is this many of its font sizes past the end of the line it is on: another column.
GUTTER_EMS = 1.5
# An average glyph's width, in font sizes: enough to guess where a run ends.
GLYPH_EMS = 0.5


@dataclass
class Line:
    text: str
    x: float  # left edge
    top: float  # from the top of the page, in points
    size: float  # font size, in points
    end: float = 0.0  # right edge (estimated)
    gap: float = 0.0  # space above it, from the line before it in reading order
    column: int = 0  # 0: left or only column, 1: right column, -1: spans both
    heading: bool = False  # set by the caller, which knows the body's size


def page_lines(page) -> list[Line]:
    """The page's lines in reading order."""
    height = float(page.mediabox.height)
    runs: list[Line] = []

    def visit(text, cm, tm, font, font_size):
        if not text or not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        size = (font_size or 10.0) * scale
        runs.append(Line(text, x, height - y, size, x + len(text) * size * GLYPH_EMS))

    page.extract_text(visitor_text=visit)
    return _reading_order(_join_runs(runs))


def _join_runs(runs: list[Line]) -> list[Line]:
    """Runs on one baseline, in the order the file writes them, joined into lines."""
    lines: list[Line] = []
    for run in runs:
        last = lines[-1] if lines else None
        if last is not None and _raised(run, above=last):
            # A note's marker after a word ("pay.²"): part of the line, never a line of its own
            # (a lone number would be taken for a page number and dropped).
            last.text = last.text.rstrip() + _superscript(run.text.strip())
            last.end = max(last.end, run.end)
            continue
        if last is not None and _raised(last, above=run) and last.text.strip().isdigit():
            # A note's marker before its text ("¹ See …" at a page's foot).
            run.text = _superscript(last.text.strip()) + " " + run.text.lstrip()
            run.x = min(run.x, last.x)
            lines[-1] = run
            continue
        same_baseline = last is not None and abs(run.top - last.top) < 0.4 * max(run.size, 1)
        if same_baseline and run.x - last.end < GUTTER_EMS * run.size:
            joiner = "" if last.text.endswith(" ") or run.text.startswith(" ") else " "
            if run.text.strip() in HYPHENS:  # a break hyphen drawn apart from its word
                last.text, joiner = last.text.rstrip(), ""
            last.text += joiner + run.text
            last.end = max(last.end, run.end)
            last.size = max(last.size, run.size)
        else:
            lines.append(run)
    for line in lines:
        line.text = " ".join(line.text.split())
    return [line for line in lines if line.text]


HYPHENS = {"-", "\u2010", "\u00ad"}
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _raised(run: Line, *, above: Line) -> bool:
    """Whether `run` is set in smaller type a little above the baseline of `above`, beside it:
    a superscript (a note's marker), as a browser prints <sup>."""
    return (
        len(run.text.strip()) <= 4
        and run.size < 0.9 * above.size
        and 0.1 * above.size < above.top - run.top < 0.6 * above.size
        and max(run.x - above.end, above.x - run.end) < GUTTER_EMS * above.size
    )


def _superscript(text: str) -> str:
    """Digits as the superscript digits a note's marker is written with ("²"), as the bodies
    and notes of the knowledge base write them; other raised text as it is."""
    return text.translate(SUPERSCRIPTS) if text.isdigit() else text


def _reading_order(lines: list[Line]) -> list[Line]:
    if not lines:
        return []
    split = _column_split(lines)
    lines = sorted(lines, key=lambda line: (round(line.top, 1), line.x))
    if split is not None:
        for line in lines:
            line.column = 1 if line.x >= split else 0
        right_tops = [line.top for line in lines if line.column == 1]
        for line in lines:
            # Spanning: it would run into the right column, and no right-column line stands
            # beside it (the guessed width alone would take a long left line for a title).
            beside = any(abs(top - line.top) < 1.2 * line.size for top in right_tops)
            if line.column == 0 and line.end > split + 2 * line.size and not beside:
                line.column = -1
        ordered, band = [], []
        for line in lines:
            if line.column == -1:
                ordered += _by_column(band) + [line]
                band = []
            else:
                band.append(line)
        lines = ordered + _by_column(band)
    return set_gaps(lines)


def set_gaps(lines: list[Line]) -> list[Line]:
    """Each line's distance below the line before it (negative up the page: the next column).

    Again after running heads are removed, so that the gap is between lines of text."""
    for before, line in zip([None, *lines], lines, strict=False):
        line.gap = 0.0 if before is None else line.top - before.top
    return lines


def _by_column(band: list[Line]) -> list[Line]:
    return [line for line in band if line.column == 0] + [line for line in band if line.column == 1]


def _column_split(lines: list[Line]) -> float | None:
    """The x where a second column starts, when enough lines start there; else None."""
    left = min(line.x for line in lines)
    width = max(line.end for line in lines) - left
    if width <= 0:
        return None
    right_starts = [line.x for line in lines if line.x > left + 0.35 * width]
    if len(right_starts) < max(3, 0.25 * len(lines)):
        return None
    return statistics.median_low(right_starts) - 1.0
