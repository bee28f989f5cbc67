"""Page fill, measured from a laid-out document's boxes (through the render stage's box views).

A page's *fill* is how far down its text block (the page area inside the margins)
the page holds content: the bottom of its lowest line of text or image, as a share
of the text block's height.  Running heads and folios live in the page's margin
boxes and are not counted.  A *unit* is one of the body's top-level blocks that
start on a new page (a part, a chapter, the contents …), named by its ``id``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import weasyprint

from ..render.weasyprint_adapter import Box, page_tree

BODY_MAX_PX = 14.6  # 11 pt: lines set smaller than this are body text (their leading is fitted)


@dataclass(frozen=True)
class Fragment:
    """The part of one unit laid out on one page (lengths in CSS px)."""

    unit: str
    bottom: float  # lowest line or image, from the top of the text block
    body_lines: float  # height of the body text lines (what leading changes)
    gaps: float  # margins, paddings and borders below blocks (what spacing changes, roughly)
    leadings: tuple[float, ...]  # line height ÷ font size of each body line
    joinable: bool  # the unit may start on the page another ends on (``data-fit-join``)
    lines: int  # lines of text


@dataclass(frozen=True)
class PageMeasure:
    number: int  # 1-based
    height: float  # the text block's height
    fragments: tuple[Fragment, ...]

    @property
    def fill(self) -> float:
        """Share of the text block holding content (0 for a blank page)."""
        if not self.fragments or self.height <= 0:
            return 0.0
        return min(1.0, max(f.bottom for f in self.fragments) / self.height)

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(f.unit for f in self.fragments)

    @property
    def blank(self) -> bool:
        return not self.fragments


@dataclass(frozen=True)
class UnitMeasure:
    """One unit across its pages."""

    unit: str
    pages: tuple[int, ...]  # page numbers it is laid out on
    tail: float  # share of its last page's text block that it fills
    tail_px: float
    body_lines: float
    gaps: float
    page_height: float
    joinable: bool
    tail_lines: int  # lines of text on its last page

    @property
    def last_page(self) -> int:
        return self.pages[-1]


def measure_pages(document: weasyprint.Document) -> list[PageMeasure]:
    """Every page's fill and the units on it."""
    return [_measure_page(number, page) for number, page in enumerate(document.pages, start=1)]


def _measure_page(number: int, page: weasyprint.Page) -> PageMeasure:
    tree = page_tree(page)
    top = tree.content_top
    fragments = tuple(_fragment(block, top) for block in _unit_blocks(tree))
    return PageMeasure(number, tree.height, tuple(f for f in fragments if f is not None))


def _unit_blocks(tree: Box) -> list[Box]:
    """The body's top-level blocks on this page (``html > body > *``), margin boxes aside."""
    found = []
    for root in tree.children:
        if root.kind != "block":
            continue  # margin boxes: running heads, folios
        for body in root.children:
            found += [child for child in body.children if child.kind in ("block", "block-level") and child.attrs.get("id")]
    return found


def _fragment(block: Box, top: float) -> Fragment | None:
    bottom, body_lines, gaps, leadings, rows = None, 0.0, 0.0, [], set()
    for box in block.walk():
        if box.kind in ("line", "replaced"):
            if box.kind == "line" and not _has_text(box):
                continue
            bottom = max(bottom or 0.0, _ink_bottom(box) - top)
            if box.kind == "line":
                rows.add(round(box.y))  # a line inside an inline block shares its row
            if box.kind == "line" and box.font_size < BODY_MAX_PX:
                body_lines += box.margin_height
                leadings.append(round(box.margin_height / box.font_size, 2))
        elif box.kind == "block" and box is not block:
            gaps += box.bottom_inset
    if bottom is None:
        return None
    return Fragment(block.attrs["id"], bottom, body_lines, gaps, tuple(leadings),
                    "data-fit-join" in block.attrs, len(rows))


def _ink_bottom(box: Box) -> float:
    """Where a line's glyphs end (its box less the half-leading below them), or an image's bottom:
    what a reader, or a measure of the PDF, sees as the end of the content."""
    if box.kind != "line":
        return box.border_bottom
    return box.border_bottom - max(0.0, box.margin_height - box.font_size) / 2


def _has_text(line: Box) -> bool:
    return any(box.text.strip() or box.kind == "replaced" for box in line.walk())


def measure_units(pages: list[PageMeasure]) -> list[UnitMeasure]:
    """Each unit in document order, with its tail (what it fills of its last page)."""
    by_unit: dict[str, list[tuple[PageMeasure, Fragment]]] = {}
    for page in pages:
        for fragment in page.fragments:
            by_unit.setdefault(fragment.unit, []).append((page, fragment))
    units = []
    for unit, placed in by_unit.items():
        last_page, last = placed[-1]
        units.append(UnitMeasure(
            unit, tuple(page.number for page, _ in placed), last.bottom / last_page.height, last.bottom,
            sum(f.body_lines for _, f in placed), sum(f.gaps for _, f in placed), last_page.height,
            last.joinable, last.lines,
        ))
    return units


def body_leading(pages: list[PageMeasure]) -> float | None:
    """The most common line height ÷ font size of body lines (the layout's own leading)."""
    counts = Counter(value for page in pages for f in page.fragments for value in f.leadings)
    return counts.most_common(1)[0][0] if counts else None
