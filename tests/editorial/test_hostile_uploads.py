"""Hostile files uploaded for extraction: each costs one clear form error, nothing is saved, and
the web worker is never at risk (extraction runs in a limited child process; an oversized file is
not stored past the limit)."""

import io
import time
import zlib

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sources import sandbox
from sources.models import SourceDocument
from tests.editorial.test_source_admin import ADD_URL, new_source_data
from tests.sources.test_extraction import make_pdf

pytestmark = pytest.mark.django_db


def extract(editor_client, name: str, content: bytes):
    data = new_source_data(_extract="1", text_file=SimpleUploadedFile(name, content))
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert not SourceDocument.objects.exists()
    return response


def file_errors(response) -> list[str]:
    return response.context["adminform"].form.errors.get("text_file", [])


def bomb_pdf(expanded_bytes: int) -> bytes:
    """A one-page PDF whose content stream is a few hundred KB that inflate to expanded_bytes."""
    squeeze = zlib.compressobj(9)
    chunk = b"0 0 m " * 100_000
    stream = b"".join(squeeze.compress(chunk) for _ in range(expanded_bytes // len(chunk)))
    stream += squeeze.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.7\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def test_a_decompression_bomb_is_one_clear_error(editor_client):
    bomb = bomb_pdf(600 * 1024 * 1024)
    assert len(bomb) < 2 * 1024 * 1024
    started = time.monotonic()
    [error] = file_errors(extract(editor_client, "paper.pdf", bomb))
    # pypdf (6+) stops inflating at its own limit, or the child's limits stop it: either way one
    # error naming the file, within the time limit, and this process never holds the inflated text.
    assert error.startswith("“paper.pdf”") or "in “paper.pdf”" in error
    assert time.monotonic() - started < sandbox.TIME_LIMIT_SECONDS + 10


def test_a_60_mb_file_is_refused_without_being_stored(editor_client):
    response = extract(editor_client, "paper.pdf", b"%PDF-1.7\n" + b"0" * (60 * 1024 * 1024))
    [error] = file_errors(response)
    assert error.startswith("“paper.pdf” is 60.0 MB; files up to 20 MB can be uploaded.")
    stored = response.context["adminform"].form.files["text_file"]
    assert stored.refused  # a stand-in, kept empty: none of the 60 MB was stored


def test_a_file_whose_name_lies_about_its_type_is_one_clear_error(editor_client):
    program = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)) * 40
    [error] = file_errors(extract(editor_client, "paper.pdf", program))
    assert error == "“paper.pdf” is not a PDF file (it does not start as one)."
    [error] = file_errors(extract(editor_client, "paper.txt", program))
    assert error == "“paper.txt” is not a text file (it holds binary data)."


def test_an_encrypted_pdf_is_one_clear_error(editor_client):
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf([["Secret text here."]])))
    writer.encrypt("a-password")
    out = io.BytesIO()
    writer.write(out)
    [error] = file_errors(extract(editor_client, "secret.pdf", out.getvalue()))
    assert "password-protected" in error


def test_a_page_full_of_scripts_is_one_clear_error(editor_client):
    page = b"<html><body>" + b"<script>alert(document.cookie)</script>" * 5000 + b"</body></html>"
    [error] = file_errors(extract(editor_client, "page.html", page))
    assert error.startswith("No main text was found in “page.html”")


def test_scripts_never_reach_the_extracted_text(editor_client):
    page = (
        b"<html><head><script>alert(1)</script></head><body><article>"
        b"<p>The alliance must deepen its cooperation on disaster relief across the region.</p>"
        b"<script>document.write('injected words here')</script>"
        b"<p>Japan should lead the regional institutions that finance infrastructure.</p>"
        b"</article></body></html>"
    )
    response = extract(editor_client, "page.html", page)
    body = response.context["adminform"].form["body"].value()
    assert "disaster relief" in body and "alert" not in body and "injected" not in body


def test_an_extraction_over_the_time_limit_is_one_clear_error(editor_client, monkeypatch):
    monkeypatch.setattr(sandbox, "TIME_LIMIT_SECONDS", 0.05)
    [error] = file_errors(extract(editor_client, "paper.pdf", make_pdf([["Japan should act."]])))
    assert "took too much time or memory" in error
