"""Overflow check: a laid-out document → an error when content runs outside its box.

WeasyPrint never fails on content that does not fit: a 500-character URL, a
23-digit figure or a title set ``white-space: nowrap`` simply runs past the
column, the card or the page edge (or pushes its neighbours there).  After
layout, in document order:

* every block-level box is compared with the content box of the box that holds
  it (a box forced wider than its container by unbreakable content);
* every line box's content with the line (as wide as its block's content box)
  and with the page's edges (a box of fixed height can push lines below it).

Content more than :data:`TOLERANCE_PX` outside is an error naming the report
field its widest line comes from (found by its text), so that the editor knows
what to shorten; content the layout itself adds is a broken layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import weasyprint

from ..errors import BuildError
from .weasyprint_adapter import Box, page_tree

TOLERANCE_PX = 1.0
"""CSS px: rounding in Pango advances; a visible overflow is at least a glyph."""

SHOWN_CHARS = 40


class ContentOverflow(BuildError):
    """Content lies outside its box or its page.  Caused by report text (``field`` names it):
    bad input, exit 2; by the layout's own text: a broken layout, exit 1."""

    def __init__(self, message: str, field: str | None, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.field = field
        self.exit_code = 2 if field else 1


def overflows(page: Box) -> Iterator[tuple[Box, float]]:
    """(box, px outside) for every box whose content lies outside its container or the page."""
    for box in page.walk():
        children = [child for child in box.children if child.in_flow]
        if not children:
            continue
        if box.kind == "line":
            right = max(child.right for child in children)
            left = min(child.x for child in children)
            limit = min(box.x + box.width, page.margin_width)
            below = box.y + box.margin_height - page.margin_height
            outside = max(right - limit, -left, below)
            if outside > TOLERANCE_PX:
                yield box, outside
            continue
        for child in children:
            if child.kind in ("block", "block-level") and child.right - box.content_right > TOLERANCE_PX:
                yield child, child.right - box.content_right


def widest_line(box: Box) -> Box:
    """``box`` itself when it is a line, else its widest line (what forced it wide)."""
    if box.kind == "line":
        return box
    lines = [inner for inner in box.walk() if inner.kind == "line" and inner.children]
    if not lines:
        return box
    return max(lines, key=lambda line: max(child.right for child in line.children) - min(c.x for c in line.children))


def line_text(box: Box) -> str:
    return "".join(inner.text for inner in box.walk() if inner.kind == "text")


def field_of(text: str, fields: Iterable[tuple[str, str]]) -> str | None:
    """The report field (path) whose text holds ``text`` (whitespace and markup ignored)."""
    wanted = _squeeze(text)
    if not wanted:
        return None
    for path, value in fields:
        if wanted in _squeeze(value):
            return path
    return None


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\u2060*]+", "", text)


def check_overflow(document: weasyprint.Document, where: str, fields: list[tuple[str, str]]) -> None:
    """Raise :class:`ContentOverflow` for the first box whose content runs outside (see the module doc)."""
    for number, page in enumerate(document.pages, start=1):
        found = next(overflows(page_tree(page)), None)
        if found is None:
            continue
        box, outside = found
        text = line_text(widest_line(box)).strip()
        field = field_of(text, fields)
        shown = text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"
        source = f"the text of {field}" if field else "text the layout adds"
        raise ContentOverflow(
            f"{where}, page {number}: {source} runs {outside:.0f} px outside its box: {shown!r}",
            field, hint="shorten it, or put spaces in long runs of Latin letters or digits",
        )
