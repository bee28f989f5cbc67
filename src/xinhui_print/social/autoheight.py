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
would give (:func:`lay_out_two_pass`, kept for tests, shows the same pixels) at
half the cost.

The bottom-padding pitfall: padding or a margin *below* the end anchor (e.g.
the padding of the block that holds it) is not part of the anchor's position.
So the measured height is the larger of the anchor's top and the bottom of the
root box's margin box, which includes every trailing padding; poster templates
still put trailing space in a spacer before ``#end``.  A poster longer than the
probe page is an error, never a silently clipped poster.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import weasyprint

from ..errors import BuildError
from .pages import lay_out_at, page_box

PROBE_HEIGHT = 60_000
"""CSS px; taller than any poster (WeasyPrint lays out pages of any height)."""

END_ANCHOR = "end"

MAX_PDF_HEIGHT = 19_200
"""CSS px; 14,400 pt is the largest page Acrobat opens (pdfium renders taller ones)."""


@dataclass(frozen=True)
class AutoHeight:
    """The final one-page document and its measured height in CSS px."""

    document: weasyprint.Document
    width: float
    height: int
    probe_height: float


def measure_height(document: weasyprint.Document, anchor: str = END_ANCHOR) -> float:
    """Where the content ends on the first page, in CSS px: the top of ``#anchor``,
    or the bottom of the root box when trailing padding or margins lie below it."""
    if len(document.pages) != 1:
        raise BuildError(
            f"the poster is longer than the probe page ({PROBE_HEIGHT} px, {len(document.pages)} pages)"
        )
    anchors = document.pages[0].anchors
    if anchor not in anchors:
        raise BuildError(f'the poster template has no end anchor <div id="{anchor}"> as its last element')
    anchor_top = anchors[anchor][1]  # anchors are (x1, y1, x2, y2) in CSS px
    return max(anchor_top, root_bottom(document.pages[0]))


def root_bottom(page: weasyprint.Page) -> float:
    """Bottom of the root (``html``) box's margin box: all content plus trailing padding."""
    root = page_box(page).children[0]
    return root.position_y + root.margin_height()


def crop_to(page: weasyprint.Page, height: float) -> None:
    """Crop a laid-out page to ``height`` CSS px from its top (before ``write_pdf``).

    WeasyPrint writes each page's boxes and its y-flip from ``Page.height``, so the
    PDF page is exactly this tall; whatever was painted below (only the page
    background of the probe page) falls outside the MediaBox."""
    if height > page.height:
        raise BuildError(f"cannot crop a page of {page.height:g} px to {height:g} px")
    page.height = height


def lay_out_auto_height(html: str, width: float, base: Path | None = None) -> AutoHeight:
    """One layout on the probe page, measured and cropped to the content height."""
    document = lay_out_at(html, width, PROBE_HEIGHT, base)
    height = math.ceil(measure_height(document) - 1e-6)
    crop_to(document.pages[0], height)
    return AutoHeight(document, width, height, PROBE_HEIGHT)


def lay_out_two_pass(html: str, width: float, base: Path | None = None) -> AutoHeight:
    """The two-pass recipe: probe, measure, lay out again at the measured height
    (slower; kept to check that cropping gives the same page)."""
    probe = lay_out_at(html, width, PROBE_HEIGHT, base)
    height = math.ceil(measure_height(probe) - 1e-6)
    document = lay_out_at(html, width, height, base)
    if len(document.pages) != 1:
        raise BuildError(
            f"the poster spilled onto {len(document.pages)} pages at its measured height of {height} px; "
            "move trailing padding or margins into a spacer element before #end"
        )
    return AutoHeight(document, width, height, PROBE_HEIGHT)
