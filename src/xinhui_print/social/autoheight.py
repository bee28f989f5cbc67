"""Auto-height pages: HTML of a long poster → a one-page Document exactly as tall as its content.

WeasyPrint has no ``size: 1080px auto`` (it silently becomes A4), so the poster
is rendered oversized and cropped (shared/reference/weasyprint.md §7):

1. lay out once on a page taller than any poster (:data:`PROBE_HEIGHT`);
2. measure where the content ends: the top of the end anchor ``<div id="end">``
   — the template's last element — or the bottom of the root box, whichever is
   lower (see the pitfall below);
3. crop the page to that height (rounded up to a whole px): the page's height is
   set before the PDF is written, so the PDF's MediaBox, TrimBox and BleedBox
   are the cropped ones, the content is placed from the top as laid out, and
   the rasterised PNG is exactly ``height × density`` px tall.

Nothing in the poster depends on the page height (no ``vh``, no page-bottom
boxes), so the cropped page is the page a second layout at the measured height
would give (``tests/social/test_poster.py`` lays it out again and compares the
pixels) at half the cost.

The bottom-padding pitfall: padding or a margin *below* the end anchor (e.g.
the padding of the block that holds it) is not part of the anchor's position.
So the measured height is the larger of the anchor's top and the bottom of the
root box's margin box, which includes every trailing padding; poster templates
still put trailing space in a spacer before ``#end``.  A poster longer than the
probe page is an error, never a silently clipped poster.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import weasyprint

from ..errors import BuildError
from ..layout import Layout
from ..model import Report
from ..render import RenderOptions, Rendered, render
from ..render.weasyprint_adapter import crop_page, page_tree

PROBE_HEIGHT = 60_000
"""CSS px; taller than any poster (WeasyPrint lays out pages of any height)."""

END_ANCHOR = "end"

MAX_PDF_HEIGHT = 19_200
"""CSS px; 14,400 pt is the largest page Acrobat opens (pdfium renders taller ones)."""


@dataclass(frozen=True)
class AutoHeight:
    """The rendered one-page poster, cropped, and its measured height in CSS px."""

    rendered: Rendered
    width: float
    height: int

    @property
    def document(self):
        return self.rendered.document


def measure_height(document: weasyprint.Document, anchor: str = END_ANCHOR) -> float:
    """Where the content ends on the first page, in CSS px: the top of ``#anchor``,
    or the bottom of the root box when trailing padding or margins lie below it."""
    pages = document.pages
    if len(pages) != 1:
        raise BuildError(f"the poster is longer than the probe page ({PROBE_HEIGHT} px, {len(pages)} pages)")
    if anchor not in pages[0].anchors:
        raise BuildError(f'the poster template has no end anchor <div id="{anchor}"> as its last element')
    anchor_top = pages[0].anchors[anchor][1]  # anchors are (x, y) in CSS px
    root = page_tree(pages[0]).children[0]  # the html element's box: all content and trailing padding
    return max(anchor_top, root.y + root.margin_height)


def lay_out_auto_height(report: Report, layout: Layout, options: RenderOptions, width: float) -> AutoHeight:
    """One layout on the probe page, measured and cropped to the content height."""
    rendered = render(report, layout, replace(options, page_px=(width, PROBE_HEIGHT)))
    height = math.ceil(measure_height(rendered.document) - 1e-6)
    crop_page(rendered.document.pages[0], height)
    return AutoHeight(rendered, width, height)
