"""Reading laid-out social pages back: block and line extents, and which page each card is on.

Pages are laid out by :func:`xinhui_print.render.render` (the social size as a
``page_px`` option) and read through the render stage's box copies
(:func:`~xinhui_print.render.weasyprint_adapter.page_tree`):
:func:`element_boxes` lists the boxes of elements carrying a given attribute,
:func:`text_extents` the vertical extent of every line of text and every
replaced element (images, SVG), which is what a cut must never go through, and
:func:`card_spans` the pages of every card of a set.
"""

from __future__ import annotations

from dataclasses import dataclass

import weasyprint

from ..render.weasyprint_adapter import Box


@dataclass(frozen=True)
class Extent:
    """A vertical extent on a page in CSS px (``top`` < ``bottom``), with a name."""

    top: float
    bottom: float
    name: str = ""

    def contains(self, y: float) -> bool:
        """Is ``y`` strictly inside (a cut at ``y`` would go through it)?"""
        return self.top < y < self.bottom


def element_boxes(page: Box, attribute: str) -> list[Extent]:
    """Border-box extents of the first block-level box of every element that has ``attribute``."""
    extents: list[Extent] = []
    seen: set[int] = set()
    for box in page.walk():
        if box.element is None or box.element in seen or box.kind not in ("block", "block-level"):
            continue
        value = box.attrs.get(attribute)
        if value is None:
            continue
        seen.add(box.element)
        extents.append(Extent(box.border_top, box.border_bottom, value))
    return extents


def text_extents(page: Box) -> list[Extent]:
    """Vertical extents of every line box and replaced box (image, SVG) on ``page``."""
    return [Extent(box.y, box.y + box.margin_height, box.kind) for box in page.walk()
            if box.kind in ("line", "replaced")]


def anchor_pages(document: weasyprint.Document) -> dict[str, int]:
    """Anchor id → index of the page it is on."""
    pages: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            pages.setdefault(name, index)
    return pages


def card_id(index: int) -> str:
    """The anchor of card ``index`` (from 0) of a set or of a round of probe cards."""
    return f"card-{index}"


def card_spans(document: weasyprint.Document, count: int) -> list[tuple[int, int]]:
    """(first page, page count) of each of ``count`` cards, from their anchors ``#card-k``."""
    starts = anchor_pages(document)
    firsts = [starts[card_id(k)] for k in range(count)]
    ends = firsts[1:] + [len(document.pages)]
    return [(page, end - page) for page, end in zip(firsts, ends)]
