"""Text extraction in a child process with a time limit, a memory limit and a page cap, so that a
hostile PDF or web page (a decompression bomb, a page that makes the parser loop) costs one clear
form error and never the web worker serving it.

The parent sends the file on stdin and reads one JSON object back: the extracted text, or the
editor-facing error. `python -m sources.sandbox NAME` is the child."""

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from sources.extraction import ExtractedText, ExtractionError, KnownWords, decide_breaks

TIME_LIMIT_SECONDS = 30
CPU_LIMIT_SECONDS = 30
MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024  # address space: the parsers plus a 20 MB file, with room
PROJECT = Path(__file__).resolve().parent.parent


def _limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_SECONDS, CPU_LIMIT_SECONDS))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def extract_text_isolated(
    *, filename: str, data: bytes, known_words: KnownWords | None = None
) -> ExtractedText:
    """extract_text(), run in a limited child process; raises ExtractionError with the reason.

    The broken words the paper alone cannot decide are asked of `known_words` here, in the
    parent: the child has no database."""
    too_costly = ExtractionError(
        f"“{filename}” took too much time or memory to read, so its text was not extracted: it "
        "may be damaged or built to overwhelm readers. Paste the text into Body instead."
    )
    try:
        result = subprocess.run(
            [sys.executable, "-m", "sources.sandbox", filename],
            input=data,
            capture_output=True,
            timeout=TIME_LIMIT_SECONDS,
            preexec_fn=_limit_child,
            cwd=PROJECT,
            env=os.environ.copy(),
        )
    except subprocess.TimeoutExpired:
        raise too_costly from None
    try:
        answer = json.loads(result.stdout)
    except ValueError:
        # Killed (CPU limit) or out of memory before it could answer.
        raise too_costly from None
    if "error" in answer:
        raise ExtractionError(answer["error"])
    extracted = ExtractedText(**{**answer, "authors": tuple(answer.get("authors", ()))})
    return decide_breaks(extracted, known_words)


def _child(filename: str) -> dict:
    from sources.extraction import extract_text

    data = sys.stdin.buffer.read()
    try:
        extracted = extract_text(filename=filename, data=data, defer_breaks=True)
    except ExtractionError as error:
        return {"error": str(error)}
    except MemoryError:
        return {
            "error": f"“{filename}” needs more memory to read than is allowed, so its text was "
            "not extracted. Paste the text into Body instead."
        }
    return {
        "text": extracted.text,
        "kind": extracted.kind,
        "filename": extracted.filename,
        "title": extracted.title,
        "pages": extracted.pages,
        "notes": extracted.notes,
        "authors": list(extracted.authors),
        "published_on": extracted.published_on,
        "published_precision": extracted.published_precision,
    }


if __name__ == "__main__":
    sys.stdout.write(json.dumps(_child(sys.argv[1])))
