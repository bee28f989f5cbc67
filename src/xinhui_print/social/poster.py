"""Long poster: Report + ``poster`` layout → one-page vector PDF, PNGs per density, segments.

Steps: template (the layout's ``main.html`` with condensed chapters, credit
line, QR code) → Chinese typesetting → auto-height layout (one oversized layout, cropped;
:mod:`.autoheight`) → PDF → one raster per density → the full image (the
lossless master, no byte budget) and, when the poster is taller than
``[poster] segment_max_height``, numbered slices cut at block boundaries, each
held to the preset's byte budget (WeChat: < 1 MB).  Slices are made at the
lowest density asked for: WeChat shows article images at most 1080 px wide.
Each density is rendered once; the slices are rows of that rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import Diagnostic, Location
from ..export.raster import (
    RasterImage, RasterOptions, encode_image, encode_png_streamed, open_pdf, render_scanlines,
)
from ..layout import Layout
from ..model import Report
from ..render import RenderOptions
from ..render.weasyprint_adapter import page_tree
from .autoheight import MAX_PDF_HEIGHT, AutoHeight, lay_out_auto_height
from .content import condense, credit_line, poster_alt, poster_blocks
from .output import SocialImage, SocialOptions, SocialResult
from .pages import Extent, element_boxes, text_extents
from .plan import cover_card
from .presets import Preset, get_preset
from .qr import qr_svg
from .segments import cut_positions, segment_names


@dataclass
class PosterLayout:
    """The laid-out poster: its HTML, the auto-height document and the block extents."""

    auto: AutoHeight
    alt_blocks: dict[str, str]

    @property
    def html(self) -> str:
        return self.auto.rendered.html

    @property
    def page(self):
        """The laid-out page's boxes (:class:`~xinhui_print.render.weasyprint_adapter.Box`)."""
        return page_tree(self.auto.document.pages[0])


def poster_settings(layout: Layout) -> dict[str, Any]:
    return layout.section("poster")


def poster_context(report: Report, layout: Layout, preset: Preset, options: SocialOptions) -> dict[str, Any]:
    """Extra template context: condensed chapters and what they leave out, the masthead's topic and
    hero number, credit line, QR code, logo toggle."""
    settings = poster_settings(layout)
    limit = int(settings.get("key_items", 2))
    qr_url = options.qr_url if options.qr_url is not None else settings.get("qr_url", "")
    left_out = poster_omissions(report, limit)
    total = sum(len(section.items) for chapter in report.chapters for section in chapter.sections)
    cover = cover_card(report)
    return {
        "chapters": [condense(chapter, limit) for chapter in report.chapters],
        "key_items": limit,
        "abridged": {"shown": total - sum(part["of"] - part["shown"] for part in left_out), "of": total}
        if left_out else None,
        "topic": cover.deck,
        "hero": cover.heroes[0] if cover.heroes else None,
        "credit": credit_line(report, settings.get("maker", "")),
        "qr": qr_svg(qr_url) if (qr_url and preset.qr) else None,
        "show_logo": preset.logo,
        "preset": preset,
    }


def poster_omissions(report: Report, limit: int) -> list[dict[str, Any]]:
    """Each chapter section whose items the poster condenses to ``limit`` key items:
    ``{"part", "shown", "of"}`` (for the manifest)."""
    out = []
    for chapter in report.chapters:
        for section, kept in zip(chapter.sections, condense(chapter, limit).sections):
            if len(kept.items) < len(section.items):
                out.append({"part": f"{chapter.number:02d} {chapter.headline} · {section.title}",
                            "shown": len(kept.items), "of": len(section.items)})
    return out


def lay_out_poster(report: Report, layout: Layout, preset: Preset, options: SocialOptions) -> PosterLayout:
    """The render stage's layout on a tall page, cropped to the content (:mod:`.autoheight`)."""
    width = layout.settings.page.width or preset.width
    render_options = RenderOptions(extra=poster_context(report, layout, preset, options))
    auto = lay_out_auto_height(report, layout, render_options, width)
    settings = poster_settings(layout)
    blocks = poster_blocks(report, int(settings.get("key_items", 2)), settings.get("maker", ""))
    return PosterLayout(auto, blocks)


@dataclass(frozen=True)
class PosterSheet:
    """What the images need of a laid-out poster: its PDF and its extents (the WeasyPrint
    document itself is let go before rasterising, which holds the largest buffers)."""

    pdf: bytes
    html: str
    width: float
    height: int
    blocks: list[Extent]
    lines: list[Extent]
    alt_blocks: dict[str, str]

    @classmethod
    def of(cls, poster: PosterLayout) -> "PosterSheet":
        page = poster.page
        return cls(poster.auto.document.write_pdf(), poster.html, poster.auto.width, poster.auto.height,
                   element_boxes(page, "data-block"), text_extents(page), poster.alt_blocks)


def poster_images(sheet: PosterSheet, preset: Preset, layout: Layout, options: SocialOptions) -> list[SocialImage]:
    """The full poster per density, plus segments when it is taller than the limit."""
    max_height = float(poster_settings(layout).get("segment_max_height", 4000))
    cuts = cut_positions(sheet.height, sheet.blocks, sheet.lines, max_height)
    slices = list(zip(cuts, cuts[1:])) if len(cuts) > 2 else []
    densities = options.densities_for(layout)
    image_format = options.format_for(layout)
    images: list[SocialImage] = []
    for density in densities:
        master = RasterOptions(density=density, format=image_format, png_effort=options.png_effort)
        sliced = RasterOptions(density=density, format=image_format, png_effort=options.png_effort,
                               byte_budget=preset.byte_budget)
        # slices for WeChat at the lowest density only: it shows article images at most 1080 px wide
        full, *parts = raster_page(sheet.pdf, density, master, slices if density == min(densities) else [], sliced)
        images.append(SocialImage(
            name=f"{layout.name}@{density:g}x", raster=full, preset=preset.name, density=density,
            alt=poster_alt(sheet.alt_blocks), kind="poster",
        ))
        images += _segments(parts, slices, sheet, preset, layout, density)
    return images


def raster_page(pdf: bytes, density: float, master: RasterOptions, slices=(),
                slice_options: RasterOptions | None = None) -> list[RasterImage]:
    """The poster's page at one density → [full image, *slices].  ``slices`` are (top, bottom)
    CSS px bands encoded with ``slice_options``: rows of the same rendering, never rendered again.
    Without slices, a lossless "fast" PNG is rendered and deflated band by band (the 2× poster
    would otherwise hold 150 MB of pixels)."""
    page = open_pdf(pdf)[0]
    if not slices and master.format == "png" and master.png_effort == "fast" and master.byte_budget is None:
        return [encode_png_streamed(page, density)]
    rows = render_scanlines(page, density)
    results = [encode_image(rows, master, 0)]
    for number, (top, bottom) in enumerate(slices):
        results.append(encode_image(rows.band(round(top * density), round(bottom * density)), slice_options, number))
    return results


def _segments(parts, slices, sheet: PosterSheet, preset, layout, density) -> list[SocialImage]:
    count = len(parts)
    return [
        SocialImage(
            name=f"{layout.name}@{density:g}x-{index:02d}of{count:02d}", raster=raster, preset=preset.name,
            density=density, kind="segment", segment=(index, count), top=top, bottom=bottom,
            alt=poster_alt(sheet.alt_blocks, (index, count), segment_names(sheet.blocks, top, bottom)),
        )
        for index, (raster, (top, bottom)) in enumerate(zip(parts, slices), start=1)
    ]


def build_poster(report: Report, layout: Layout, options: SocialOptions | None = None) -> SocialResult:
    """Lay out the poster once and export it: vector PDF + PNGs (+ segments)."""
    options = options or SocialOptions()
    preset = get_preset(str(poster_settings(layout).get("preset", "poster")))
    sheet = PosterSheet.of(lay_out_poster(report, layout, preset, options))  # the layout is freed here
    images = poster_images(sheet, preset, layout, options)
    result = SocialResult(
        layout=layout.name, preset=preset.name, pdf=sheet.pdf, pdf_name=f"{layout.name}.pdf", images=images,
        html=sheet.html, height_css=sheet.height, width_css=sheet.width, alt=poster_alt(sheet.alt_blocks),
        omitted=poster_omissions(report, int(poster_settings(layout).get("key_items", 2))),
    )
    if sheet.height > MAX_PDF_HEIGHT:
        result.warnings.append(Diagnostic(
            "warning", "pdf-height", f"{sheet.height} px tall; Acrobat opens pages up to {MAX_PDF_HEIGHT} px "
            "(the PNGs and segments are unaffected)", Location(result.pdf_name)
        ))
    return result
