"""A source's body as blocks (headings, paragraphs, list items) with its proposals' passages marked.

Bodies are plain text: paragraphs separated by blank lines, list items on lines starting with
"- " or "• ". Headings are not marked up in the text, so a short one-line paragraph with no
closing punctuation is read as one. Every offset here is a character offset into the body, the
same ones Proposal.quote_start/quote_end hold, so a passage that crosses paragraphs is marked in
each of them.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
BULLET = re.compile(r"[-•]\s+")
HEADING_MAX = 90


@dataclass
class Block:
    kind: str  # "heading", "paragraph" or "item"
    start: int  # where the block's shown text starts (after a bullet)
    end: int
    number: int = 0  # paragraph number (#para-N), or heading number (#section-N)
    section: str = ""  # the heading it falls under


@dataclass
class Passage:
    """A proposal's span as the body rendering needs it."""

    slug: str
    title: str
    url: str
    position: int
    start: int
    end: int
    current: bool = False
    blocks: set = field(default_factory=set)


def _is_heading(text: str) -> bool:
    return (
        "\n" not in text
        and len(text) <= HEADING_MAX
        and not BULLET.match(text)
        and text[-1] not in ".,;:”\"'"
    )


def split_blocks(body: str) -> list[Block]:
    blocks, section, number = [], "", 0
    position = 0
    for part in [*PARAGRAPH_BREAK.finditer(body), None]:
        end = part.start() if part else len(body)
        chunk = body[position:end]
        if chunk.strip():
            start = position + len(chunk) - len(chunk.lstrip())
            text = body[start:end].rstrip()
            if _is_heading(text):
                section = text
                blocks.append(Block("heading", start, start + len(text), section=section))
            else:
                blocks.extend(_paragraph_blocks(body, start, start + len(text), section))
        position = part.end() if part else len(body)
    headings = 0
    for block in blocks:
        if block.kind == "heading":
            headings += 1
            block.number = headings
        else:
            number += 1
            block.number = number
    return blocks


def headings(body: str) -> list[tuple[int, str]]:
    """(number, text) of each heading, for a table of contents linking to #section-N."""
    return [(b.number, b.section) for b in split_blocks(body) if b.kind == "heading"]


def _paragraph_blocks(body: str, start: int, end: int, section: str) -> list[Block]:
    """A paragraph, or the list items it is made of when every line is a bullet."""
    lines, offset = [], start
    for line in body[start:end].split("\n"):
        lines.append((offset, offset + len(line)))
        offset += len(line) + 1
    if all(BULLET.match(body[s:e]) for s, e in lines):
        return [
            Block("item", s + BULLET.match(body[s:e]).end(), e, section=section) for s, e in lines
        ]
    if BULLET.match(body[start:end]):
        bullet = BULLET.match(body[start:end])
        return [Block("item", start + bullet.end(), end, section=section)]
    return [Block("paragraph", start, end, section=section)]


def block_at(blocks: list[Block], offset: int) -> Block | None:
    for block in blocks:
        if block.start <= offset < max(block.end, block.start + 1):
            return block
    return None


def render_body(body: str, passages: list[Passage]) -> str:
    """The body as HTML, every passage marked and linked to its proposal."""
    blocks = split_blocks(body)
    html, in_list = [], False
    for block in blocks:
        if block.kind == "item" and not in_list:
            html.append('<ul class="body-list">')
        elif block.kind != "item" and in_list:
            html.append("</ul>")
        in_list = block.kind == "item"
        inner = _marked(body, block, passages)
        if block.kind == "heading":
            html.append(
                format_html('<h3 class="body-heading" id="section-{}">{}</h3>', block.number, inner)
            )
        elif block.kind == "item":
            html.append(format_html('<li id="para-{}">{}</li>', block.number, inner))
        else:
            html.append(format_html('<p id="para-{}">{}</p>', block.number, inner))
    if in_list:
        html.append("</ul>")
    return mark_safe("\n".join(html))


def _marked(body: str, block: Block, passages: list[Passage]) -> str:
    inside = [p for p in passages if p.start < block.end and p.end > block.start]
    cuts = {block.start, block.end}
    for p in inside:
        cuts.update(c for c in (p.start, p.end) if block.start < c < block.end)
    cuts = sorted(cuts)
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        text = escape(body[a:b]).replace("\n", "<br>")
        covering = [p for p in inside if p.start <= a and p.end >= b]
        for p in inside:
            if p.start == a or (a == block.start and p.start < a and not p.blocks):
                out.append(_marker(p))
                p.blocks.add(block.number)
        if not covering:
            out.append(text)
            continue
        # The innermost passage (the last to start) is the one the words link to.
        link = max(covering, key=lambda p: (p.start, -p.end))
        current = " is-current" if any(p.current for p in covering) else ""
        out.append(
            format_html(
                '<mark class="passage{}" data-proposals="{}"><a href="{}" title="{}">{}</a></mark>',
                current,
                " ".join(p.slug for p in covering),
                link.url,
                link.title,
                mark_safe(text),
            )
        )
    return mark_safe("".join(out))


def _marker(passage: Passage) -> str:
    return format_html(
        '<a class="passage-marker{}" id="passage-{}" href="{}" aria-label="Proposal {}: {}">{}</a>',
        " is-current" if passage.current else "",
        passage.slug,
        passage.url,
        passage.position,
        passage.title,
        passage.position,
    )
