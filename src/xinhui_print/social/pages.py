"""Lay out social HTML at a given page size: HTML + (width, height) → WeasyPrint Document.

Social templates do not write their own page size: the size depends on the
preset and, for the long poster, on a measurement.  :func:`lay_out_at` appends
one ``@page`` rule at the end of ``<head>`` (last in the cascade, so it wins)
and lays the HTML out through the project's restricted URL fetcher.

It also reads laid-out boxes back: :func:`element_boxes` lists the boxes of
elements carrying a given attribute and :func:`text_extents` the vertical
extent of every line of text and every replaced element (images, SVG), which
is what a cut must never go through.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import weasyprint
from weasyprint.formatting_structure import boxes

from ..project import project
from ..render import weasyprint_render
from ..render.fetcher import ProjectFetcher

LOGGER = logging.getLogger("xinhui_print")


def page_rule(width: float, height: float, extra: str = "") -> str:
    """The ``@page`` size rule for ``width`` × ``height`` CSS px (margins are the layout's)."""
    return f"@page {{ size: {width:g}px {height:g}px; {extra} }}"


def inject_css(html: str, css: str) -> str:
    """``html`` with ``css`` (our own CSS, never data) in a ``<style>`` at the end of ``<head>``."""
    if "</" in css:
        raise ValueError("CSS to inject must not contain '</'")
    style = f"<style>{css}</style>"
    marker = html.find("</head>")
    if marker < 0:
        return style + html
    return html[:marker] + style + html[marker:]


def lay_out_at(html: str, width: float, height: float, base: Path | None = None) -> weasyprint.Document:
    """Lay out ``html`` on ``width`` × ``height`` CSS px pages (margins 0 unless the layout sets them)."""
    fetcher = ProjectFetcher(project().readable_roots)
    base_url = (str(base) + "/") if base else None
    document = weasyprint_render(weasyprint.HTML(
        string=inject_css(html, page_rule(width, height)), base_url=base_url, url_fetcher=fetcher
    ), f"a {width:g}×{height:g} px page")
    if fetcher.refused:
        LOGGER.warning("refused to fetch: %s", ", ".join(fetcher.refused))
    return document


CARD_START = '<section class="card '


def split_cards(html: str, counts: list[int]) -> list[str]:
    """A document of cards (top-level ``<section class="card …">`` elements) → one document
    per group of ``counts`` consecutive cards, each with the whole head: laying out a
    slice gives the same cards as the whole, without typesetting each slice again."""
    starts = [match.start() for match in re.finditer(re.escape(CARD_START), html)]
    if sum(counts) != len(starts):
        raise ValueError(f"{len(starts)} cards in the HTML, {sum(counts)} asked for")
    end = html.rindex("</body>")
    bounds = [sum(counts[:n]) for n in range(len(counts) + 1)]
    return [
        html[: starts[0]] + html[starts[a] : starts[b] if b < len(starts) else end] + html[end:]
        for a, b in zip(bounds, bounds[1:])
    ]


@dataclass(frozen=True)
class Extent:
    """A vertical extent on a page in CSS px (``top`` < ``bottom``), with a name."""

    top: float
    bottom: float
    name: str = ""

    def contains(self, y: float) -> bool:
        """Is ``y`` strictly inside (a cut at ``y`` would go through it)?"""
        return self.top < y < self.bottom


def walk(box):
    """``box`` and every box inside it, in document order."""
    yield box
    for child in getattr(box, "children", ()):
        yield from walk(child)


def page_box(page: weasyprint.Page):
    return page._page_box  # noqa: SLF001 — WeasyPrint keeps the laid-out tree here


def element_boxes(page: weasyprint.Page, attribute: str) -> list[Extent]:
    """Border-box extents of the first box of every element that has ``attribute``."""
    extents: list[Extent] = []
    seen: set[int] = set()
    for box in walk(page_box(page)):
        element = getattr(box, "element", None)
        if element is None or id(element) in seen or not isinstance(box, boxes.BlockLevelBox):
            continue
        value = element.get(attribute)
        if value is None:
            continue
        seen.add(id(element))
        top = box.border_box_y()
        extents.append(Extent(top, top + box.border_height(), value))
    return extents


def text_extents(page: weasyprint.Page) -> list[Extent]:
    """Vertical extents of every line box and replaced box (image, SVG) on ``page``."""
    extents = []
    for box in walk(page_box(page)):
        if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)):
            top = box.position_y
            extents.append(Extent(top, top + box.margin_height(), type(box).__name__))
    return extents


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


def card_spans(document: weasyprint.Document, count: int, first: int = 0) -> list[tuple[int, int]]:
    """(first page, page count) of each of ``count`` cards, from their anchors ``#card-k``,
    ``k`` from ``first`` (a document may hold a slice of a set)."""
    starts = anchor_pages(document)
    firsts = [starts[card_id(first + k)] for k in range(count)]
    ends = firsts[1:] + [len(document.pages)]
    return [(page, end - page) for page, end in zip(firsts, ends)]
