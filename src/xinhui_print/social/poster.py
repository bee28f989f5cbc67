"""Long poster: Report + ``poster`` layout → one-page vector PDF, PNGs per density, segments.

Steps: template (the layout's ``main.html`` with condensed chapters, credit
line, QR code) → Chinese typesetting → two-pass auto-height layout
(:mod:`.autoheight`) → PDF → one raster per density → the full image (the
lossless master, no byte budget) and, when the poster is taller than
``[poster] segment_max_height``, numbered slices cut at block boundaries, each
held to the preset's byte budget (WeChat: < 1 MB).  Slices are made at the
lowest density asked for: WeChat shows article images at most 1080 px wide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from ..export.raster import RasterOptions, encode_image, open_pdf, render_page
from ..fonts import check_glyphs
from ..layout import Layout
from ..model import Report
from ..render import glyph_texts, template_context, typeset
from ..template import render_html
from .autoheight import MAX_PDF_HEIGHT, AutoHeight, lay_out_auto_height
from .content import condense, credit_line, poster_alt, poster_blocks
from .output import SocialImage, SocialOptions, SocialResult
from .pages import element_boxes, text_extents
from .presets import Preset, get_preset
from .qr import qr_svg
from .segments import cut_positions, segment_names


@dataclass
class PosterLayout:
    """The laid-out poster: its HTML, the auto-height document and the block extents."""

    html: str
    auto: AutoHeight
    alt_blocks: dict[str, str]
    warnings: list[str] = field(default_factory=list)

    @property
    def page(self):
        return self.auto.document.pages[0]


def poster_settings(layout: Layout) -> dict[str, Any]:
    return layout.section("poster")


def poster_context(report: Report, layout: Layout, preset: Preset, options: SocialOptions) -> dict[str, Any]:
    """Extra template context: condensed chapters, credit line, QR code, logo toggle."""
    settings = poster_settings(layout)
    limit = int(settings.get("key_items", 2))
    qr_url = options.qr_url if options.qr_url is not None else settings.get("qr_url", "")
    return {
        "chapters": [condense(chapter, limit) for chapter in report.chapters],
        "credit": credit_line(report, settings.get("maker", "")),
        "qr": qr_svg(qr_url) if (qr_url and preset.qr) else None,
        "show_logo": preset.logo,
        "preset": preset,
    }


def lay_out_poster(report: Report, layout: Layout, preset: Preset, options: SocialOptions) -> PosterLayout:
    """Template → typeset HTML → auto-height Document."""
    context = template_context(report, layout, "screen", poster_context(report, layout, preset, options))
    check_glyphs(glyph_texts(report), context.fonts.values())
    html = typeset(render_html(report, context), layout)
    width = float(layout.section("page").get("width", preset.width))
    auto = lay_out_auto_height(html, width, layout.path)
    settings = poster_settings(layout)
    blocks = poster_blocks(report, int(settings.get("key_items", 2)), settings.get("maker", ""))
    return PosterLayout(html, auto, blocks)


def _slice(image: Image.Image, top: float, bottom: float, density: float) -> Image.Image:
    return image.crop((0, round(top * density), image.width, round(bottom * density)))


def poster_images(poster: PosterLayout, pdf: bytes, preset: Preset, layout: Layout, options: SocialOptions) -> list[SocialImage]:
    """The full poster per density, plus segments when it is taller than the limit."""
    document = open_pdf(pdf)
    page = poster.page
    max_height = float(poster_settings(layout).get("segment_max_height", 4000))
    cuts = cut_positions(poster.auto.height, element_boxes(page, "data-block"), text_extents(page), max_height)
    blocks = element_boxes(page, "data-block")
    images: list[SocialImage] = []
    densities = options.densities_for(layout)
    for density in densities:
        full = render_page(document[0], density)
        master = RasterOptions(density=density, format=options.format_for(layout), png_effort=options.png_effort)
        images.append(SocialImage(
            name=f"{layout.name}@{density:g}x", raster=encode_image(full, master), preset=preset.name,
            density=density, alt=poster_alt(poster.alt_blocks), kind="poster",
        ))
        if len(cuts) > 2 and density == min(densities):  # slices for WeChat: 1080 px wide is enough
            images += _segments(full, cuts, blocks, poster, preset, layout, options, density)
    return images


def _segments(full, cuts, blocks, poster, preset, layout, options, density) -> list[SocialImage]:
    budget = RasterOptions(density=density, format=options.format_for(layout), png_effort=options.png_effort,
                           byte_budget=preset.byte_budget)
    count = len(cuts) - 1
    result = []
    for index, (top, bottom) in enumerate(zip(cuts, cuts[1:]), start=1):
        names = segment_names(blocks, top, bottom)
        result.append(SocialImage(
            name=f"{layout.name}@{density:g}x-{index:02d}of{count:02d}",
            raster=encode_image(_slice(full, top, bottom, density), budget, index - 1),
            preset=preset.name, density=density, kind="segment",
            alt=poster_alt(poster.alt_blocks, (index, count), names), segment=(index, count),
            top=top, bottom=bottom,
        ))
    return result


def build_poster(report: Report, layout: Layout, options: SocialOptions | None = None) -> SocialResult:
    """Lay out the poster once and export it: vector PDF + PNGs (+ segments)."""
    options = options or SocialOptions()
    preset = get_preset(str(poster_settings(layout).get("preset", "poster")))
    poster = lay_out_poster(report, layout, preset, options)
    pdf = poster.auto.document.write_pdf()
    images = poster_images(poster, pdf, preset, layout, options)
    result = SocialResult(
        layout=layout.name, preset=preset.name, pdf=pdf, pdf_name=f"{layout.name}.pdf", images=images,
        html=poster.html, height_css=poster.auto.height, width_css=poster.auto.width,
        alt=poster_alt(poster.alt_blocks),
    )
    if poster.auto.height > MAX_PDF_HEIGHT:
        result.warnings.append(
            f"{result.pdf_name}: {poster.auto.height} px tall; Acrobat opens pages up to {MAX_PDF_HEIGHT} px "
            "(the PNGs and segments are unaffected)"
        )
    return result
