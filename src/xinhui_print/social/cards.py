"""Card sets: Report + ``cards`` layout + preset → fitted cards, one vector PDF, PNGs, alt texts.

How a set is fitted (the one algorithm; the modules named do one step each):

1. **Plan** the cards (:mod:`.plan`): cover, KPIs, targets, one card per chapter,
   closing.  Each card has a header and blocks (an item, a KPI, the chart) that
   never split.
2. **Measure once** (:mod:`.measure`): one layout of probe cards on tall pages,
   so nothing breaks across pages.  Short cards are probed at the base size,
   long ones at the floor size, each with a （续） probe; the boxes give every
   block's top and bottom and every paragraph's lines.
3. **Choose sizes and splits** from that measurement (:mod:`.predict`): the
   largest whole-px size from base down to floor at which a card fits (exact at
   the measured size, estimated by counting lines again at others); a card that
   does not fit at the floor gets as few cards as hold it at the floor, its
   blocks balanced between them, at the largest size those cards hold.
4. **Lay out the set once**, every card on its preset page, and check that each
   card is one page.  The PDF and the PNGs come from this one layout: one
   document, so one font subset per face.
5. **Search only a card that still spills** (:mod:`.fit`): trial layouts of that
   card, below the size it spilled at (binary search on the size; at the floor,
   the blocks wholly on its first page stay and the rest continues on a （续）
   card); then the set is laid out again (step 4).  Cards the measurement cannot
   decide (a card far taller than the probe page) go to the same search before
   step 4.

Every layout goes through :func:`xinhui_print.render.render`.
``SocialResult.cards`` says what happened to every card (shrunk, continued,
searched), for the manifest and the console.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import weasyprint

from ..charts import paired_figures
from ..errors import BuildError, Diagnostic
from ..export.raster import RasterImage, RasterOptions, encode_image, open_pdf, render_scanlines
from ..layout import Layout
from ..model import Report, plain_text
from ..render import RenderOptions, Rendered, render
from .content import chart_alt, credit_line
from .fit import BASE_PX, FLOOR_PX, SHORT_CARD_BLOCKS, fit_card_groups, measure_document
from .measure import TALL, CardMetrics, card_metrics
from .output import CardReport, SocialImage, SocialOptions, SocialResult
from .pages import card_spans
from .plan import Card, cover_only, plan_cards
from .predict import probe_cards, probe_for, propose
from .presets import Preset, card_preset
from .qr import qr_svg


@dataclass(frozen=True)
class CardRenderer:
    """Lays cards out through the render stage: the whole set, or a round of probe cards."""

    report: Report
    layout: Layout
    preset: Preset
    credit: str
    qr_url: str

    def render(self, cards: list[Card], total: int | None = None, height: float | None = None) -> Rendered:
        """``cards`` on ``preset.width`` × ``height`` px pages (default: the preset's height);
        ``total``: cards in the final set (None while probing: no page numbers)."""
        extra = {"cards": cards, "card_total": total, "credit": self.credit, "qr_for": self.qr_for,
                 "logo_for": self.preset.shows_logo, "preset": self.preset}
        page = (self.preset.width, height or self.preset.height)
        return render(self.report, self.layout, RenderOptions(extra=extra, page_px=page))

    def qr_for(self, index: int):
        return qr_svg(self.qr_url) if self.qr_url and self.preset.shows_qr(index) else None

    def measure(self, cards: list[Card]) -> list[tuple[int, int]]:
        """A round of the exact search: (pages, whole leading blocks) per card."""
        return measure_document(self.render(cards).document, len(cards)) if cards else []

    def metrics(self, cards: list[Card]) -> list[CardMetrics]:
        """Probe cards on tall pages → their metrics (:mod:`.measure`)."""
        if not cards:
            return []
        document = self.render(cards, height=TALL).document
        return card_metrics(document, [card.font_px for card in cards], self.preset.height)


def card_settings(layout: Layout) -> dict[str, Any]:
    return layout.section("cards")


def make_renderer(report: Report, layout: Layout, preset: Preset, options: SocialOptions) -> CardRenderer:
    settings = card_settings(layout)
    qr_url = options.qr_url if options.qr_url is not None else settings.get("qr_url", "")
    return CardRenderer(report, layout, preset, credit_line(report, settings.get("maker", "")), qr_url)


def planned(report: Report, layout: Layout, preset: Preset, with_chart: bool = True) -> list[Card]:
    settings = card_settings(layout)
    base = float(settings.get("base_px", BASE_PX))
    if preset.cover_only:
        return cover_only(report, base)
    return plan_cards(report, base, int(settings.get("kpis_per_card", 3)), with_chart)


def card_reports(cards: list[Card], base: float) -> list[CardReport]:
    return [
        CardReport(i, c.kind, c.label, c.font_px, base, c.continued, c.continues, len(c.blocks), c.searched)
        for i, c in enumerate(cards, start=1)
    ]


# ---------------------------------------------------------------- alt text


def card_alt(report: Report, card: Card, index: int, total: int) -> str:
    """Chinese alt text: which card of the set, its title and every figure it shows."""
    head = f"数读卡片第{index}张（共{total}张）"
    title = f"{card.tag}：{card.title}{'（续）' if card.continued else ''}"
    if card.kind == "cover":
        return f"{head}，封面。{report.meta.kicker}：{report.meta.title}。"
    if card.kind == "closing":
        return f"{head}，结束页。{credit_line(report)}。"
    parts = []
    section = None
    for block in card.blocks:
        if block.kind == "item" and block.data["section"] != section:
            section = block.data["section"]
            parts.append(f"● {section}：")
        parts.append(_block_alt(report, block))
    return f"{head}。{title}。" + "".join(parts)


def _block_alt(report: Report, block) -> str:
    if block.kind == "chart":
        return chart_alt(report)
    return plain_text(block.text).rstrip("。；") + "；"


# ---------------------------------------------------------------- build


@dataclass
class LaidOutSet:
    """The fitted cards laid out as one document (one card per page)."""

    cards: list[Card]
    rendered: Rendered

    @property
    def document(self) -> weasyprint.Document:
        return self.rendered.document

    @property
    def html(self) -> str:
        return self.rendered.html


def lay_out_set(report: Report, layout: Layout, preset: Preset, options: SocialOptions) -> LaidOutSet:
    """Plan, measure, choose and lay out the set; search only the cards that spill (see the module doc)."""
    settings = card_settings(layout)
    renderer = make_renderer(report, layout, preset, options)
    base = float(settings.get("base_px", BASE_PX))
    floor = float(settings.get("floor_px", FLOOR_PX))
    with_chart = bool(paired_figures(report))  # no chart without paired figures
    cards = proposed_cards(planned(report, layout, preset, with_chart), renderer, base, floor)
    for _ in range(MAX_LAYOUTS):
        rendered = renderer.render(cards, total=len(cards))
        spilled = [index for index, (_, pages) in enumerate(card_spans(rendered.document, len(cards))) if pages != 1]
        if not spilled:
            return LaidOutSet(cards, rendered)
        cards = refit(cards, spilled, renderer.measure, base, floor)
    raise BuildError(f"card set for {preset.name}: cards still spill after {MAX_LAYOUTS} layouts")


MAX_LAYOUTS = 4
"""Layouts of the whole set: the first confirms the proposal; each spilled card is then
searched exactly, so one more layout normally settles it."""


def proposed_cards(cards: list[Card], renderer: CardRenderer, base: float, floor: float) -> list[Card]:
    """Every planned card fitted from one measurement; cards it cannot decide go to the exact search."""
    probes = [probe_cards(card, base, floor, SHORT_CARD_BLOCKS) for card in cards]
    metrics = iter(renderer.metrics([p for group in probes for p in group]))
    slots: list[list[Card] | None] = []
    for card, group in zip(cards, probes):
        if not group:  # no blocks (cover, closing): fixed content, checked by the layout
            slots.append([card])
            continue
        probe = probe_for(card, [next(metrics) for _ in group])
        slots.append(propose(card, probe, base, floor))
    undecided = [card for card, slot in zip(cards, slots) if slot is None]
    searched = iter(_search(undecided, renderer.measure, base, floor))
    return [card for slot in slots for card in (slot if slot is not None else next(searched))]


def refit(cards: list[Card], spilled: list[int], measure, base: float, floor: float) -> list[Card]:
    """Replace each spilled card by the exact search's cards, below the size it spilled at."""
    shrunk = [replace(cards[i], font_px=max(floor, cards[i].font_px - 1)) for i in spilled]
    searched = iter(_search(shrunk, measure, base, floor))
    return [card for i, planned_card in enumerate(cards)
            for card in (next(searched) if i in spilled else [planned_card])]


def _search(cards: list[Card], measure, base: float, floor: float) -> list[list[Card]]:
    """The exact search (:func:`.fit.fit_card_groups`), its cards marked ``searched``."""
    return [[replace(card, searched=True) for card in group]
            for group in fit_card_groups(cards, measure, base, floor)]


def rasterise(pdf: bytes, count: int, rasters: list[RasterOptions]) -> list[list[RasterImage]]:
    """Every page of the set's PDF at every raster option: images per option per card."""
    pages = open_pdf(pdf)
    return [[encode_image(render_scanlines(pages[index], options.density), options, index) for index in range(count)]
            for options in rasters]


def raster_options(layout: Layout, preset: Preset, options: SocialOptions) -> list[RasterOptions]:
    return [RasterOptions(density=density, format=options.format_for(layout), png_effort=options.png_effort,
                          byte_budget=preset.byte_budget) for density in options.densities_for(layout)]


def card_images(report: Report, cards: list[Card], images: list[list[RasterImage]], layout: Layout,
                preset: Preset, rasters: list[RasterOptions]) -> list[SocialImage]:
    """Every card at every density, named and with its alt text."""
    total = len(cards)
    return [
        SocialImage(
            name=f"{layout.name}-{preset.name}@{options.density:g}x-{index + 1:02d}of{total:02d}", raster=raster,
            preset=preset.name, density=options.density, alt=card_alt(report, cards[index], index + 1, total),
            kind="card", card=index + 1,
        )
        for options, per_card in zip(rasters, images)
        for index, raster in enumerate(per_card)
    ]


def build_cards(report: Report, layout: Layout, preset_name: str | None = None,
                options: SocialOptions | None = None) -> SocialResult:
    """One card set for one preset: PDF (one card per page) + images + per-card report."""
    options = options or SocialOptions()
    preset = card_preset(preset_name or str(card_settings(layout).get("preset", "xhs")))
    rasters = raster_options(layout, preset, options)
    laid_out = lay_out_set(report, layout, preset, options)
    cards = laid_out.cards
    pdf = laid_out.document.write_pdf()
    images = rasterise(pdf, len(cards), rasters)
    base = float(card_settings(layout).get("base_px", BASE_PX))
    result = SocialResult(
        layout=layout.name, preset=preset.name, pdf=pdf, pdf_name=f"{layout.name}-{preset.name}.pdf",
        images=card_images(report, cards, images, layout, preset, rasters), html=laid_out.html,
        width_css=preset.width, height_css=preset.height or 0,
        alt=f"数读卡片（{preset.name}，共{len(cards)}张）：{report.meta.kicker}：{report.meta.title}",
        cards=card_reports(cards, base),
    )
    if preset.max_images and len(cards) > preset.max_images:
        result.warnings.append(Diagnostic(
            "warning", "platform-limit",
            f"{preset.name}: {len(cards)} cards exceed the {preset.platform} limit of {preset.max_images} images per post"
        ))
    return result
