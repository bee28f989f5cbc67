"""Overflow check: a laid-out document → an error when content runs outside its box.

WeasyPrint never fails on content that does not fit: a 500-character URL, a
23-digit figure or a title set ``white-space: nowrap`` simply runs past the
column, the card or the page edge (or pushes its neighbours there).  After
layout, in document order:

* every block-level box is compared with the content box of the box that holds
  it (a box forced wider than its container by unbreakable content);
* every line box's content with the line and the content box of the box that
  holds it, and with the page's edges (a box of fixed height can push lines
  below it).

Content more than :data:`TOLERANCE_PX` outside is an error naming the report
field its widest line comes from (found by its text), so that the editor knows
what to shorten; content the layout itself adds is a broken layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import weasyprint

from ..errors import BuildError
from ..typeset.chars import CLOSING
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
        limit = min(box.content_right, page.margin_width)
        for child in box.children:
            if not child.in_flow:
                continue
            if child.kind == "line":
                outside = _line_outside(child, limit, page.margin_height)
            elif child.kind in ("block", "block-level"):
                outside = child.right - box.content_right
            else:
                continue
            if outside > TOLERANCE_PX:
                yield child, outside


def _line_outside(line: Box, limit: float, page_bottom: float) -> float:
    """How far a line's content lies outside the line (or its container, a table cell's line
    can be wider), left of the page or below it.  A closing mark ending a justified line is
    set half width (push-in): its box may reach half an em past the column, its ink does not.
    Ideographic spaces ending a line hang past it (CSS Text: WeasyPrint keeps their advance
    in the line, a reader sees nothing there)."""
    children = [child for child in line.children if child.in_flow]
    if not children:
        return 0.0
    right = max(child.right for child in children)
    left = min(child.x for child in children)
    text = line_text(line).rstrip(_INVISIBLE)
    hanging = len(text) - len(text.rstrip(IDEOGRAPHIC_SPACE))
    right -= hanging * line.font_size
    if text.rstrip(IDEOGRAPHIC_SPACE)[-1:] in CLOSING:
        right -= line.font_size / 2
    return max(right - min(line.x + line.width, limit), -left, line.y + line.margin_height - page_bottom)


_INVISIBLE = " \u2060"
IDEOGRAPHIC_SPACE = "\u3000"


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
