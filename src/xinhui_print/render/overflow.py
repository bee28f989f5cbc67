"""Overflow check: a laid-out document → an error when text runs outside its box.

WeasyPrint never fails on text that does not fit: a 500-character URL, a
23-digit figure or a title set ``white-space: nowrap`` simply runs past the
column, the card or the page edge.  After layout, every line box is compared
with the box that holds it (a line is as wide as its block's content box), and
every line and replaced box with the page: content that ends more than
:data:`TOLERANCE_PX` outside is an error naming the report field the text
comes from (found by its text), so that the editor knows what to shorten.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import weasyprint

from ..errors import BuildError
from .weasyprint_adapter import Box, page_tree

TOLERANCE_PX = 1.0
"""CSS px: rounding in Pango advances; a visible overflow is at least a glyph."""

SHOWN_CHARS = 40


class ContentOverflow(BuildError):
    """Text lies outside its box or its page.  Caused by report text (``field`` names it):
    bad input, exit 2; by the layout's own text: a broken layout, exit 1."""

    def __init__(self, message: str, field: str | None, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.field = field
        self.exit_code = 2 if field else 1


def overflowing_lines(page: Box) -> list[tuple[Box, float]]:
    """(line box, px outside) for every line whose content lies outside its block or the page."""
    found = []
    for box in page.walk():
        children = [child for child in box.children if child.in_flow]
        if box.kind != "line" or not children:
            continue
        right = max(child.right for child in children)
        left = min(child.x for child in children)
        limit = min(box.x + box.width, page.margin_width)
        outside = max(right - limit, max(0.0, -left))
        if outside > TOLERANCE_PX:
            found.append((box, outside))
    return found


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
    """Raise :class:`ContentOverflow` for the first line that runs outside its box (see the module doc)."""
    for number, page in enumerate(document.pages, start=1):
        lines = overflowing_lines(page_tree(page))
        if not lines:
            continue
        box, outside = lines[0]
        text = line_text(box).strip()
        field = field_of(text, fields)
        shown = text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"
        source = f"the text of {field}" if field else "text the layout adds"
        raise ContentOverflow(
            f"{where}, page {number}: {source} runs {outside:.0f} px outside its box: {shown!r}",
            field, hint="shorten it, or put spaces in long runs of Latin letters or digits",
        )
