"""Card metrics: one layout of probe cards on tall pages → where every block of every card ends.

A card page is ``preset.height`` tall; a probe page is :data:`TALL` px tall, so
nothing breaks across pages and each probe card lies whole on a page of its
own (every card starts a new page).  Read back from the boxes, in CSS px from
the top of the page:

* ``limit``: where a real card page's content area ends (page height − bottom
  margin): a card fits when its last block ends above it;
* per block (``data-card`` / ``data-bi``): the top and bottom of its border box
  and ``body_top``, where the block's own text starts below a section heading
  (the top, when it has none);
* per paragraph (a box of line boxes): its lines, line height, width and the
  width of its last line, and how much narrower it is than the card body; that
  is what :mod:`.predict` needs to estimate the lines at another size.

A block's border box does not depend on what comes after it, and blocks never
break (``break-inside: avoid``), so a block is wholly on a card's first page
exactly when its bottom is above ``limit`` — the same answer a paged layout
gives (tests compare the two).
"""

from __future__ import annotations

from dataclasses import dataclass

import weasyprint

from ..render.weasyprint_adapter import Box, page_tree
from .pages import card_spans

TALL = 40_000
"""CSS px: taller than any probe card (a card far too long is split by pages anyway, see ``pages``)."""


@dataclass(frozen=True)
class Paragraph:
    """One run of line boxes, laid out at ``size`` px."""

    lines: int
    line_height: float
    width: float  # content width of the box holding the lines
    last_width: float  # width of the text on the last line
    inset: float  # card body width − ``width`` (em-based padding: scales with the size)
    text_width: float = 0.0  # the lines' text end to end (a justified line counts as full)
    top: float = 0.0  # paragraphs side by side (grid or table cells) share a top


@dataclass(frozen=True)
class BlockMetrics:
    top: float
    body_top: float
    bottom: float
    paragraphs: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class CardMetrics:
    """One probe card at ``size`` px: its blocks and the content limit of a real page."""

    size: float
    limit: float
    pages: int  # > 1 only when the card is taller than the probe page
    blocks: tuple[BlockMetrics, ...]
    header: tuple[Paragraph, ...] = ()
    bottom: float = 0.0  # lowest block bottom (the header's when there is no block)
    fixed_top: float = 0.0  # where the header's text starts: above it, px that do not scale
    body_width: float = 0.0

    @property
    def fits(self) -> bool:
        return self.pages == 1 and self.bottom <= self.limit + EPSILON


EPSILON = 0.01
"""px: float noise in box positions."""


# ---------------------------------------------------------------- reading boxes


def _paragraphs(box: Box, body_width: float) -> tuple[Paragraph, ...]:
    """Every box of line boxes inside ``box``."""
    found = []
    for inner in box.walk():
        if not inner.lines:
            continue
        lines = [child for child in inner.children if child.kind == "line"]
        height = sum(line.margin_height for line in lines)
        widths = [_text_extent(line) for line in lines]
        found.append(Paragraph(len(lines), height / len(lines), inner.width, widths[-1],
                               max(0.0, body_width - inner.width), sum(widths), inner.content_top))
    return tuple(found)


def _text_extent(line: Box) -> float:
    """Width from the first to the last box on a line."""
    if not line.children:
        return 0.0
    return max(child.right for child in line.children) - min(child.x for child in line.children)


def _block_metrics(box: Box, body_width: float) -> BlockMetrics:
    top, bottom = box.border_top, box.border_bottom
    body_top = top
    for inner in box.walk():
        if inner.kind != "block":
            continue
        if "section-title" in inner.classes:
            body_top = bottom  # a heading-only block: the heading is all of it
        if "item" in inner.classes:
            body_top = inner.border_top
            break
    return BlockMetrics(top, body_top, bottom, _paragraphs(box, body_width))


def card_metrics(document: weasyprint.Document, sizes: list[float], card_height: float) -> list[CardMetrics]:
    """Metrics of the probe cards (anchors ``#card-k``) laid out at ``sizes``."""
    return [
        _one_card(page_tree(document.pages[page]), k, pages, sizes[k], card_height)
        for k, (page, pages) in enumerate(card_spans(document, len(sizes)))
    ]


def _one_card(root: Box, index: int, pages: int, size: float, card_height: float) -> CardMetrics:
    body_width = next((box.width for box in root.walk() if "card" in box.classes), root.width)
    blocks: dict[int, BlockMetrics] = {}
    header, header_bottom, fixed_top = (), 0.0, 0.0
    for box in root.walk():
        if box.element is None or box.kind != "block":
            continue
        if "card-head" in box.classes and not header:
            header, header_bottom = _paragraphs(box, body_width), box.border_bottom
            fixed_top = box.content_top
        elif box.attrs.get("data-card") == str(index) and box.attrs.get("data-bi") is not None:
            blocks.setdefault(int(box.attrs["data-bi"]), _block_metrics(box, body_width))
    ordered = tuple(blocks[i] for i in sorted(blocks))
    bottom = max([b.bottom for b in ordered], default=header_bottom)
    limit = card_height - root.bottom_inset  # where a real card page's content area ends
    return CardMetrics(size, limit, pages, ordered, header, bottom, fixed_top, body_width)
