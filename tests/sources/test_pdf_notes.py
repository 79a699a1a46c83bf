"""A PDF's notes (small type at the foot of a page or at the end, each starting with its number)
move out of the body into the source's notes field, written as the Easley paper's are ("1. …",
a blank line between notes); whatever is not clearly a note stays in the body."""

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.extraction import extract_text
from sources.pdf_layout import Line, set_gaps
from sources.pdf_text import move_notes
from tests.sources.test_pdf_print import sentences

NOTES = [
    "See Richard L. Armitage and Joseph S. Nye, “The U.S.-Japan Alliance: Getting Asia Right "
    "through 2020,” CSIS Report, February 2007, which sets out the objective at length.",
    "Leif-Eric Easley, “Avoiding Cold War II,” Issues and Insights, Vol. 6, No. 6 (March 2006).",
    "The figures are the ministry's own, as published in its white paper of 2024.",
]
PARAGRAPHS = [
    # (HTML, body text)
    (
        "The alliance should build a regional security architecture.<sup>1</sup> "
        + sentences(1, 3),
        "The alliance should build a regional security architecture.¹ " + sentences(1, 3),
    ),
    # Long enough to run over the page (and the column) break.
    (
        sentences(10, 30) + " Japan should fund the joint command.<sup>2</sup> " + sentences(50, 2),
        sentences(10, 30) + " Japan should fund the joint command.² " + sentences(50, 2),
    ),
    (
        "Both governments should publish their budgets.<sup>3</sup>",
        "Both governments should publish their budgets.³",
    ),
]
# Small type that is no note: a caption, and a numbered line no superscript in the text points to.
CAPTION = "Source: the two governments' defence budgets."
NUMBERED = "4 ships took part in the exercise."


def brief(columns: int) -> str:
    body = "<h1>A Brief on the Alliance</h1>"
    body += "".join(f"<p>{html}</p>" for html, _ in PARAGRAPHS[:2])
    body += f'<p class="small">{CAPTION}</p>'
    body += f"<p>{PARAGRAPHS[2][0]}</p>"
    body += '<section class="notes"><h2>Notes</h2>'
    body += "".join(f"<p><sup>{n}</sup> {note}</p>" for n, note in enumerate(NOTES, start=1))
    body += "</section>"
    return page(body, f"body{{column-count:{columns};column-gap:2em}}")


def footnoted(columns: int = 1) -> str:
    """Two printed pages, each with its footnotes at its foot (across both columns, in two); the
    second paragraph runs from the first page onto the second, past the first page's notes."""
    long = sentences(10, 14)
    rest = "budget of each ally. " + sentences(36, 4) + " Japan should fund it.<sup>3</sup>"
    first = (
        f"<h1>A Brief on the Alliance</h1><p>{PARAGRAPHS[0][0]}</p>"
        f"<p>{long} The allies should hold<sup>2</sup> yearly talks on the"
    )
    second = f"<p class=go-on>{rest}</p><p>{NUMBERED_BODY}</p>"
    foot1 = "".join(f"<p><sup>{n}</sup> {NOTES[n - 1]}</p>" for n in (1, 2))
    foot2 = f"<p><sup>3</sup> {NOTES[2]}</p>"
    return page(
        f'<div class="sheet">{first}</p><div class="foot">{foot1}</div></div>'
        f'<div class="sheet">{second}<div class="foot">{foot2}</div></div>',
        f".sheet{{height:24cm;position:relative;break-after:page;column-count:{columns};column-gap:2em}}"
        ".foot{position:absolute;bottom:0;left:0;right:0}.foot p{font-size:8pt;margin:0 0 4pt}"
        ".go-on{text-indent:0;margin-top:0}",
    )


NUMBERED_BODY = "The last paragraph names no note."


def page(body: str, style: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>A Brief | Policy Review</title><style>"
        "body{font-family:'DejaVu Serif',serif;font-size:11pt}"
        "h1,h2{font-family:'DejaVu Sans',sans-serif}"
        f".small,.notes p{{font-size:8pt}}{style}</style></head><body>{body}</body></html>"
    )


def expected_notes() -> str:
    return "\n\n".join(f"{n}. {note}" for n, note in enumerate(NOTES, start=1))


@pytest.mark.parametrize("columns", [1, 2])
def test_a_briefs_endnotes_move_to_the_notes_whole_and_in_order(printed_briefs, columns):
    result = extract_text(filename="brief.pdf", data=printed_briefs[columns])
    assert result.pages >= 2
    assert result.text.split("\n\n") == [
        "A Brief on the Alliance",
        PARAGRAPHS[0][1],
        PARAGRAPHS[1][1],
        CAPTION,  # small type, but no note: it stays
        PARAGRAPHS[2][1],
    ]
    assert result.notes == expected_notes()
    assert result.note_count == 3


@pytest.mark.parametrize("columns", [1, 2])
def test_footnotes_at_each_pages_foot_move_and_the_paragraph_they_cut_is_joined(
    printed_briefs, columns
):
    result = extract_text(filename="brief.pdf", data=printed_briefs["foot", columns])
    assert result.pages == 2
    assert result.text.split("\n\n") == [
        "A Brief on the Alliance",
        PARAGRAPHS[0][1],
        sentences(10, 14)
        + " The allies should hold² yearly talks on the budget of each ally. "
        + sentences(36, 4)
        + " Japan should fund it.³",
        NUMBERED_BODY,
    ]
    assert result.notes == expected_notes()


def test_the_print_really_has_its_notes_in_small_type_at_the_foot(printed_briefs):
    # Without this, the tests above could pass on a print whose notes never were in the text.
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(printed_briefs["foot", 1]))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "talks on the" in first and "Leif-Eric Easley" in first
    assert first.index("Leif-Eric Easley") > first.index("talks on the")
    assert "budget of each ally" in reader.pages[1].extract_text()


def line(text, top, size=11.0, x=72.0):
    return Line(text, x, top, size, x + len(text) * size / 2)


def test_numbered_small_type_that_the_text_never_marks_stays_in_the_body():
    page_ = set_gaps(
        [
            line("The allies should train together in the region", 100),
            line("every year, and publish what they learn from it", 113),
            line("in a report to both parliaments, as follows:", 126),
            line("1. Increase bilateral training.", 140, size=8),
            line("2. Establish a joint operations centre.", 150, size=8),
        ]
    )
    body, notes = move_notes([page_])
    assert notes == ""
    assert [x.text for x in body[0]] == [x.text for x in page_]


def test_small_type_not_at_the_foot_stays_in_the_body():
    page_ = set_gaps(
        [
            line("The allies should train together.¹", 100),
            line("¹ A note set in the middle of the page.", 120, size=8),
            line("The body goes on below it.", 140),
        ]
    )
    body, notes = move_notes([page_])
    assert notes == ""
    assert len(body[0]) == 3


def test_a_page_foot_after_the_notes_is_not_taken_into_the_last_note():
    page_ = set_gaps(
        [
            line("The allies should train together in the region", 100),
            line("every year, and publish what they learn from it", 113),
            line("in a report to both parliaments.¹", 126),
            line("¹ The note itself.", 700, size=8),
            line("file:///home/paper.html", 780, size=8),
        ]
    )
    body, notes = move_notes([page_])
    assert notes == "1. The note itself."
    assert [x.text for x in body[0]][-1] == "file:///home/paper.html"


lines = st.builds(
    line,
    text=st.text(alphabet="ab ¹²³12.", min_size=1, max_size=20).filter(str.strip),
    top=st.floats(0, 800),
    size=st.sampled_from([8.0, 8.0, 11.0, 11.0, 11.0]),
)


def letters(text: str) -> Counter:
    return Counter(re.sub(r"[^ab]", "", text))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(lines, max_size=10), max_size=3))
def test_moving_notes_never_loses_or_repeats_a_word(pages):
    pages = [set_gaps(sorted(page_, key=lambda x: x.top)) for page_ in pages]
    before = letters(" ".join(x.text for page_ in pages for x in page_))
    body, notes = move_notes(pages)
    after = letters(" ".join(x.text for page_ in body for x in page_)) + letters(notes)
    assert after == before
