"""PDFs as a browser prints them (Chromium's page.pdf, with and without its running head and
foot, in one column and in two), read back into the paragraphs the page holds."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.broken_words import BREAK_MARK, rejoin_hyphens
from sources.extraction import extract_text, tidy
from sources.pdf_layout import Line, set_gaps
from sources.pdf_text import paragraphs as pdf_paragraphs

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu"]

FILLER = [
    "Sentence {n} of this paragraph notes that the allies reviewed item {n} with care and "
    "found that the officials concerned had a different view of it."
]


def sentences(start, count):
    return " ".join(FILLER[0].format(n=n) for n in range(start, start + count))


# (tag, text as the HTML writes it, text as the body should hold it)
BLOCKS = [
    ("h1", "A Test Paper on the Alliance", "A Test Paper on the Alliance"),
    ("h2", "Stockpiles and fleets", "Stockpiles and fleets"),
    (
        "p",
        "The first fleet and the office of the staff should cooperate. Tokyo should establish "
        "a joint stockpile of muni-<br>tions in Okinawa, since munitions run short in a crisis.",
        "The first fleet and the office of the staff should cooperate. Tokyo should establish "
        "a joint stockpile of munitions in Okinawa, since munitions run short in a crisis.",
    ),
    (
        "p",
        "The U.S.-<br>Japan alliance should deepen its work on space. " + sentences(1, 3),
        "The U.S.-Japan alliance should deepen its work on space. " + sentences(1, 3),
    ),
    # Long enough to run over the page (and column) break, with no sentence ending there.
    (
        "p",
        sentences(10, 34) + " Washington should fund the new command.",
        sentences(10, 34) + " Washington should fund the new command.",
    ),
    ("h2", "Dialogue", "Dialogue"),
    ("p", sentences(60, 4) + " The allies should hold yearly talks.", None),
]


def html(columns: int) -> str:
    body = "".join(f"<{tag}>{text}</{tag}>" for tag, text, _ in BLOCKS)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>A Test Paper | Policy Review</title><style>"
        "body{font-family:'DejaVu Serif',serif;font-size:11pt;"
        f"column-count:{columns};column-gap:2em}}h1,h2{{font-family:'DejaVu Sans',sans-serif}}"
        f"</style></head><body>{body}</body></html>"
    )


def expected() -> list[str]:
    return [want or re.sub(r"<br>", "", text) for _, text, want in BLOCKS]


# Printed in a child process: a test session that also runs the browser tests already has
# Playwright's sync API (and its event loop) running in this one.
PRINT = """
import json, sys
from playwright.sync_api import sync_playwright
jobs = json.load(sys.stdin)
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=jobs["chromium"], args=jobs["args"])
    page = browser.new_page()
    for job in jobs["pdfs"]:
        page.set_content(job["html"])
        pdf = page.pdf(format="A4", display_header_footer=job["head_and_foot"],
                       margin={"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"})
        open(job["path"], "wb").write(pdf)
    browser.close()
"""


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium`.")
    folder = tmp_path_factory.mktemp("printed")
    jobs = {
        (columns, head_and_foot): {
            "html": html(columns),
            "head_and_foot": head_and_foot,
            "path": str(folder / f"{columns}-{head_and_foot}.pdf"),
        }
        for columns in (1, 2)
        for head_and_foot in (True, False)
    }
    payload = {"chromium": CHROMIUM, "args": ARGS, "pdfs": list(jobs.values())}
    subprocess.run([sys.executable, "-c", PRINT], input=json.dumps(payload), text=True, check=True)
    return {key: Path(job["path"]).read_bytes() for key, job in jobs.items()}


@pytest.mark.parametrize("columns", [1, 2])
@pytest.mark.parametrize("head_and_foot", [True, False])
def test_a_printed_paper_comes_back_as_its_paragraphs(printed, columns, head_and_foot):
    result = extract_text(filename="paper.pdf", data=printed[columns, head_and_foot])
    assert result.pages >= 2  # the long paragraph runs over a page break
    assert result.text.split("\n\n") == expected()


def test_the_print_really_has_what_the_extraction_removes(printed):
    # The raw PDF holds the browser's head and foot, ligatures and the broken word; without
    # this, the test above could pass on a PDF that never had them.
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(printed[2, True]))
    raw = "\n".join(page.extract_text() for page in reader.pages)
    assert "ﬁ" in raw or "ﬃ" in raw
    assert "1/2" in raw.replace(" ", "")
    assert "A Test Paper | Policy Review" in raw
    assert "muni-\ntions" in raw


@given(st.text(alphabet=st.sampled_from("ab -‐.\n"), max_size=40))
def test_text_with_no_line_end_break_is_left_as_it_is(text):
    assert rejoin_hyphens(text) == text


def test_a_broken_word_is_joined_only_when_the_text_writes_it_whole_elsewhere():
    mark = BREAK_MARK
    assert rejoin_hyphens(f"muni-{mark}tions; munitions") == "munitions; munitions"
    assert rejoin_hyphens(f"muni-{mark}tions run short") == "muni-tions run short"
    assert rejoin_hyphens(f"U.S.-{mark}Japan and the US Japan") == "U.S.-Japan and the US Japan"
    # Written with a hyphen elsewhere too: a hyphenated word, kept.
    assert rejoin_hyphens(f"self-{mark}defense, self-defense, selfdefense").startswith(
        "self-defense,"
    )


def test_ligatures_become_letters_and_nothing_else_changes():
    assert tidy("ﬁrst ﬂeet oﬀice ﬃ ﬆ") == "first fleet office ffi st"
    assert (
        tidy("Ⅳ ① ｆｕｌｌ ² é") == "Ⅳ ① ｆｕｌｌ ² é"
    )  # other compatibility forms are the text's own


lines = st.builds(
    Line,
    text=st.text(alphabet="abc. ", min_size=1, max_size=30).filter(str.strip),
    x=st.floats(0, 600),
    top=st.floats(0, 800),
    size=st.sampled_from([0.0, 8.0, 11.0, 11.0, 11.0, 18.0]),
    column=st.sampled_from([0, 0, 1]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(lines, max_size=12), max_size=4))
def test_paragraphs_keep_every_word_in_reading_order(pages):
    pages = [set_gaps(page) for page in pages]
    words = [w for page in pages for line in page for w in line.text.split()]
    assert pdf_paragraphs(pages).split() == words
