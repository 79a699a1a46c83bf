"""Text extraction from uploaded papers: plain text, saved web pages and PDFs built here."""

import io

import pypdf
import pytest

from sources.extraction import ExtractionError, extract_text


def pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], *, title: str = "") -> bytes:
    """A real PDF, written by hand: one Helvetica text line per string, "" for a paragraph gap."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = add(b"")  # filled in once the pages exist
    page_ids = []
    for lines in pages:
        operators = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
        operators += [f"({pdf_escape(line)}) Tj T*" if line else "T*" for line in lines]
        operators.append("ET")
        stream = "\n".join(operators).encode("cp1252")
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        page_ids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 612 792] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()
            )
        )
    kids = " ".join(f"{number} 0 R" for number in page_ids)
    objects[pages_id - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    info = add(f"<< /Title ({pdf_escape(title)}) >>".encode()) if title else None

    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root {catalog} 0 R"
    trailer += f" /Info {info} 0 R >>" if info else " >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


PAPER_PAGES = [
    [
        "Burden Sharing for a New Era",
        "",
        "The alliance must deepen its cooperation on disaster relief, and both",
        "governments should train together for it every year in the region.",
        "",
        "Japan should join the Asian Infrastructure Investment Bank and shape",
        "it from within.",
        "1",
    ],
    [
        "Critics say the bases burden Okinawa (and they are heard).",
        "2",
    ],
]

# A saved web page with the debris the seed texts carried: navigation, a cookie notice, teasers,
# comments and a footer around the article.
WEB_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Burden sharing for a new era | Viewsweek</title>
</head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/subscribe">Subscribe now</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<main><article>
<h1>Burden sharing for a new era</h1>
<p>The alliance must deepen its cooperation on disaster relief. Both governments learned much from
the 2011 earthquake, and the lessons have yet to be written into their plans.</p>
<p>Japan should join the Asian Infrastructure Investment Bank and shape it from within, rather than
stand aside while others write its rules.</p>
<ul><li>Increase bilateral training in the region.</li>
<li>Establish a standing joint operations centre.</li></ul>
<p>Critics say the bases burden Okinawa, and the two governments have to answer them.</p>
</article></main>
<aside class="related"><h3>Read more</h3><ul>
<li><a href="/x">Ten things you did not know about Tokyo</a></li>
<li><a href="/y">Why the yen keeps falling</a></li></ul></aside>
<section id="comments" class="comments"><h3>3 comments</h3>
<div class="comment"><p>Great article, totally agree with every word!!!</p></div></section>
<footer><p>Copyright 2016 Viewsweek. All rights reserved.</p></footer>
</body></html>"""


def test_plain_text_keeps_paragraphs_and_rejoins_hard_wrapped_lines():
    data = (
        b"The alliance must deepen its cooperation\r\non disaster relief.\r\n\r\n"
        b"Japan should join the AIIB.\n- Increase training.\n- Establish a centre.\n"
    )
    extracted = extract_text(filename="paper.txt", data=data)
    assert extracted.text == (
        "The alliance must deepen its cooperation on disaster relief.\n\n"
        "Japan should join the AIIB.\n\n- Increase training.\n\n- Establish a centre."
    )
    assert (extracted.kind, extracted.paragraphs) == ("plain text", 4)


def test_plain_text_without_blank_lines_is_one_paragraph_per_line():
    extracted = extract_text(filename="paper.txt", data=b"First paragraph.\nSecond paragraph.")
    assert extracted.text == "First paragraph.\n\nSecond paragraph."


def test_plain_text_in_windows_1252_is_read():
    data = "Japan should lead \u201cquietly\u201d.".encode("cp1252")
    assert extract_text(filename="paper.txt", data=data).text == "Japan should lead “quietly”."


def test_html_keeps_the_article_and_drops_navigation_comments_and_teasers():
    extracted = extract_text(filename="page.html", data=WEB_PAGE.encode())
    text = extracted.text
    assert text.startswith("Burden sharing for a new era\n\nThe alliance must deepen")
    assert "Japan should join the Asian Infrastructure Investment Bank and shape it from" in text
    assert "\n\n- Increase bilateral training in the region.\n\n" in text
    for debris in ("Subscribe", "cookies", "Read more", "Ten things", "Great article", "Copyright"):
        assert debris not in text
    assert extracted.kind == "HTML"
    assert extracted.title == "Burden sharing for a new era"


def test_pdf_text_is_rejoined_into_paragraphs_without_page_numbers():
    extracted = extract_text(filename="paper.pdf", data=make_pdf(PAPER_PAGES, title="Burden"))
    assert extracted.text == (
        "Burden Sharing for a New Era\n\n"
        "The alliance must deepen its cooperation on disaster relief, and both governments "
        "should train together for it every year in the region.\n\n"
        "Japan should join the Asian Infrastructure Investment Bank and shape it from within.\n\n"
        "Critics say the bases burden Okinawa (and they are heard)."
    )
    assert (extracted.kind, extracted.pages, extracted.title) == ("PDF", 2, "Burden")


def test_a_paragraph_running_over_a_page_break_is_joined():
    pages = [["The alliance should keep", "talking"], ["with its neighbours every year."]]
    text = extract_text(filename="paper.pdf", data=make_pdf(pages)).text
    assert text == "The alliance should keep talking with its neighbours every year."


def test_a_running_head_and_page_numbers_on_every_page_are_dropped():
    pages = [
        [
            "Pacific Forum CSIS Issues & Insights",
            "",
            f"Point {number}: the alliance should act on this at once.",
            "",
            "A second paragraph that explains why, in a line or two.",
            "",
            "A third paragraph that says what comes next, and when.",
            f"Page {number} of 3",
        ]
        for number in (1, 2, 3)
    ]
    text = extract_text(filename="paper.pdf", data=make_pdf(pages)).text
    assert "Pacific Forum" not in text
    assert "of 3" not in text
    assert text.count("the alliance should act") == 3
    assert text.count("A second paragraph") == 3


def test_a_pdf_written_by_pypdf_itself_is_read():
    # The builder above is hand-written; this one is the library's own writer, merging its pages.
    writer = pypdf.PdfWriter()
    writer.append(io.BytesIO(make_pdf([["Japan should join the AIIB now."]])))
    buffer = io.BytesIO()
    writer.write(buffer)
    assert extract_text(filename="x.PDF", data=buffer.getvalue()).text == (
        "Japan should join the AIIB now."
    )


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("paper.docx", b"PK\x03\x04 a word file", "not a file type the text can be extracted from"),
        ("paper.txt", b"", "is empty"),
        ("paper.txt", b"  \n\n ", "is empty"),
        ("paper.txt", bytes(range(256)) * 8, "not a text file"),
        ("paper.txt", b"\x01\x02\x03\x04\x05 junk \x06\x07\x08\x0e\x0f", "not a text file"),
        ("paper.pdf", b"this is not a PDF at all", "not a PDF file"),
        ("paper.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "could not be read as a PDF"),
        ("paper.pdf", make_pdf([[]]), "No text could be found"),
        ("page.html", b"<html><body><nav>Home</nav></body></html>", "No main text was found"),
    ],
)
def test_a_file_that_cannot_be_read_gives_a_clear_reason(filename, data, message):
    with pytest.raises(ExtractionError) as error:
        extract_text(filename=filename, data=data)
    assert message in str(error.value)
    assert filename in str(error.value)


def test_a_password_protected_pdf_is_refused_with_the_reason():
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf([["Secret text here."]])))
    writer.encrypt(user_password="secret", algorithm="RC4-40")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ExtractionError, match="password-protected"):
        extract_text(filename="locked.pdf", data=buffer.getvalue())


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.KB_MAX_UPLOAD_BYTES = 1_048_576
    with pytest.raises(ExtractionError, match="files up to 1 MB"):
        extract_text(filename="big.txt", data=b"word " * 300_000)
