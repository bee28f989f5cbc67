"""The booklet without moves, kept part by part: an edit lays out only the parts it changed.

Copyfitting chooses its moves from the layout without moves (the *natural* layout,
:func:`xinhui_print.copyfit.fit`'s first pass).  In a booklet every part (``html >
body > [id]``: the covers, the contents, the review, each chapter …) starts on a page of
its own, and the two page sides differ only in which margin is inner, so a part's pages
in that layout depend on nothing but the part itself: its HTML, the page's head (every
stylesheet, the paper, the fonts), the images and, for a part with links into the booklet
(the contents: ``target-counter``), the pages those links point to.

:class:`NaturalPages` keeps each part's measured pages by exactly that and gives the
natural layout's measures without laying the booklet out: the parts it has not seen
are laid out together in a document of their own (the template's ``shows(id)``), and
the pages are put together in booklet order, blank pages where ``pad_to_multiple``
puts them.  When a part with links must be measured, or its links point to other pages
than when it was measured, the whole natural layout is made (all parts), as the first
pass would.  The studio keeps one across edits, so an edit to the review costs a layout
of the review instead of the whole booklet; the fitting that follows is the build's.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ElementTree
from collections import OrderedDict, deque
from dataclasses import dataclass, replace

import tinyhtml5
import weasyprint

from ..layout import Layout
from ..model import Report
from ..render import RenderOptions, check_text_inside, lay_out, page_html, page_stylesheets
from ..render.overflow import ContentOverflow
from .measure import Fragment, PageMeasure, measure_pages

XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Part:
    """One part of the booklet's HTML: its id, what its layout depends on, its links."""

    unit: str
    key: bytes  # digest of the page head, the images, the options and the part's own HTML
    links: tuple[str, ...]  # ids its ``href="#…"`` links point to (page numbers it shows)


@dataclass(frozen=True)
class PartPages:
    """A part laid out without moves: its pages (height, fragments), where its anchors are
    (id → page within the part) and, for a part with links, the booklet pages they point to."""

    pages: tuple[tuple[float, tuple[Fragment, ...]], ...]
    anchors: tuple[tuple[str, int], ...]
    links: tuple[tuple[str, int], ...] = ()


class NaturalPages:
    """Measured pages of booklet parts without moves, kept by what each part depends on
    (least recently used dropped past ``capacity``)."""

    def __init__(self, capacity: int = 128):
        self.capacity = capacity
        self._parts: OrderedDict[bytes, PartPages] = OrderedDict()
        self.laid_out: deque[tuple[str, ...]] = deque(maxlen=16)  # the parts of the last layouts made (tests)
        self.alone = True  # False once a template laid out more than the parts asked for (no shows())

    def pages(self, report: Report, layout: Layout, options: RenderOptions = RenderOptions()) -> list[PageMeasure] | None:
        """The natural layout's page measures (as :func:`measure_pages` of ``render(report,
        layout, options)`` gives them); None when its parts are not laid out page by page."""
        if layout.settings.page.max_pages:
            return None  # a one-sheet layout: nothing to keep part by part
        html, context = page_html(report, layout, options)
        parts = booklet_parts(html, options, context.extra["images"].files)
        if parts is None:
            return None
        missing = [part for part in parts if part.key not in self._parts]
        if missing and (any(part.links for part in missing) or not self.alone):
            missing = parts
        if missing and not self._lay_out(report, layout, options, parts, missing):
            if self.alone or len(missing) == len(parts):
                return None  # a part overflows, or the parts do not start pages: the whole layout says
            missing = parts  # the template showed every part
            if not self._lay_out(report, layout, options, parts, parts):
                return None
        pages = self._assemble(parts, layout.settings.page.pad_to_multiple)
        if pages is None and len(missing) < len(parts):  # the links point elsewhere now: all of it
            if not self._lay_out(report, layout, options, parts, parts):
                return None
            pages = self._assemble(parts, layout.settings.page.pad_to_multiple)
        return pages

    def _lay_out(self, report: Report, layout: Layout, options: RenderOptions, parts: list[Part],
                 wanted: list[Part]) -> bool:
        """Lay ``wanted`` out in one document and keep each part's pages; False when the
        document's pages are not theirs part by part (a part not starting a page)."""
        units = tuple(part.unit for part in wanted)
        whole = len(wanted) == len(parts)
        subset = replace(options, extra={**options.extra, **({} if whole else {"units": frozenset(units)})})
        html, context = page_html(report, layout, subset)
        document, _ = lay_out(html, layout, page_stylesheets(subset), context.extra["images"].files)
        self.laid_out.append(units)
        try:
            check_text_inside(document, report, layout)
        except ContentOverflow:
            return False  # the whole layout says on which page
        anchors = anchor_pages(document)
        split = split_parts(document, units, anchors)
        if split is None:
            self.alone = self.alone and whole  # a template that shows every part: lay out all of them
            return False
        for part in wanted:
            found = split[part.unit]
            links = tuple((target, anchors[target]) for target in part.links if target in anchors) if whole else ()
            if part.links and len(links) != len(part.links):
                return False
            self._keep(part.key, replace(found, links=links))
        return True

    def _keep(self, key: bytes, pages: PartPages) -> None:
        self._parts[key] = pages
        self._parts.move_to_end(key)
        while len(self._parts) > self.capacity:
            self._parts.popitem(last=False)

    def _assemble(self, parts: list[Part], multiple: int) -> list[PageMeasure] | None:
        """The parts' pages in booklet order, numbered, blank pages before the last page up to
        a multiple of ``multiple`` (as ``render`` pads); None when a part's links point to
        other pages than when it was measured."""
        found = [self._parts[part.key] for part in parts]
        for key in (part.key for part in parts):
            self._parts.move_to_end(key)
        anchors, number = {}, 1
        for part_pages in found:
            anchors.update({name: number + index for name, index in part_pages.anchors})
            number += len(part_pages.pages)
        for part, part_pages in zip(parts, found):
            if part.links and part_pages.links != tuple((target, anchors.get(target)) for target in part.links):
                return None
        flat = [page for part_pages in found for page in part_pages.pages]
        if multiple > 1 and flat:
            blank = (flat[-1][0], ())
            flat[-1:-1] = [blank] * (-len(flat) % multiple)
        return [PageMeasure(number, height, fragments) for number, (height, fragments) in enumerate(flat, start=1)]


def booklet_parts(html: str, options: RenderOptions, images: dict[str, bytes]) -> list[Part] | None:
    """The parts of a booklet's HTML (``body > [id]``) in order; None when the body holds
    anything else (a part that cannot be laid out on its own)."""
    root = tinyhtml5.parse(html)
    head, body = root.find(f"{XHTML}head"), root.find(f"{XHTML}body")
    if head is None or body is None or (body.text or "").strip():
        return None
    shared = hashlib.blake2b(ElementTree.tostring(head), digest_size=16)
    shared.update(repr((options.mode, page_stylesheets(options))).encode())
    for path in sorted(images):
        shared.update(path.encode() + b"\0" + hashlib.blake2b(images[path], digest_size=16).digest())
    parts = []
    for element in body:
        unit = element.get("id")
        if not unit or (element.tail or "").strip():
            return None
        key = shared.copy()
        key.update(ElementTree.tostring(element))
        links = tuple(dict.fromkeys(link.get("href")[1:] for link in element.iter(f"{XHTML}a")
                                    if (link.get("href") or "").startswith("#")))
        parts.append(Part(unit, key.digest(), links))
    return parts


def split_parts(document: weasyprint.Document, units: tuple[str, ...],
                anchors: dict[str, int]) -> dict[str, PartPages] | None:
    """Each part's pages in ``document`` (its parts in order, each from the page its id is on,
    ``anchors``: :func:`anchor_pages`); None when two parts start on one page or a part is missing."""
    starts = {name: page for name, page in anchors.items() if name in units}
    if list(starts) != list(units) or len(set(starts.values())) != len(units) or starts[units[0]] != 1:
        return None
    measured = measure_pages(document)
    bounds = [starts[unit] for unit in units] + [len(measured) + 1]
    found = {}
    for unit, first, end in zip(units, bounds, bounds[1:]):
        pages = measured[first - 1:end - 1]
        if any(set(page.units) - {unit} for page in pages):
            return None
        inside = {name: number - first for name, number in anchors.items() if first <= number < end}
        found[unit] = PartPages(tuple((page.height, page.fragments) for page in pages), tuple(inside.items()))
    return found


def anchor_pages(document: weasyprint.Document) -> dict[str, int]:
    """The page (1-based) each anchor (element id) is on, in document order."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            pages.setdefault(name, number)
    return pages
