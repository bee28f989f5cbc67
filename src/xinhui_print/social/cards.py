"""Card sets: Report + ``cards`` layout + preset → fitted cards, one vector PDF, PNGs, alt texts.

Steps:

1. plan the cards (:mod:`.plan`);
2. measure them once: the probe cards on tall pages, split between the workers
   (:mod:`.measure`), and propose every card's size and split from that
   (:mod:`.predict`: shrink towards the floor size, then continue on （续）
   cards, balanced);
3. lay out the set — rendered and typeset once, cut into :data:`FINAL_PARTS`
   documents laid out side by side, each writing its PDF and rasterising its
   pages where it was laid out — and check that every card is one page.  A
   card that spilled is searched exactly (:mod:`.fit`) below the size it
   spilled at, and the set is laid out again;
4. join the parts' PDFs; name the images; alt text per card.

``SocialResult.cards`` says what happened to every card (shrunk, continued,
searched), for the manifest and the console.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..errors import BuildError
from ..export.pdf import join_pdfs
from ..export.raster import RasterOptions
from ..fonts import check_report_glyphs
from ..layout import Layout
from ..model import Report, plain_text
from ..render import template_context, typeset
from ..template import TemplateContext, render_html
from .content import chart_alt, credit_line
from .fit import BASE_PX, FLOOR_PX, SHORT_CARD_BLOCKS, fit_card_groups
from .measure import CardMetrics
from .output import CardReport, SocialImage, SocialOptions, SocialResult
from .pages import split_cards
from .plan import Card, cover_only, plan_cards
from .predict import probe_cards, probe_for, propose
from .presets import Preset, card_preset
from .qr import qr_svg
from .workers import lay_out_part, measure_all, measure_html, metrics_html, worker_count


@dataclass
class CardRenderer:
    """Renders cards to typeset HTML, and lays probe cards out in the workers."""

    report: Report
    layout: Layout
    preset: Preset
    context: TemplateContext
    credit: str
    qr_url: str
    total: int | None = None  # cards in the final set (None while probing)

    def html(self, cards: list[Card]) -> str:
        """The HTML of ``cards`` (the whole set, or probe cards), typeset."""
        self.context.extra.update(cards=cards, card_total=self.total, credit=self.credit, qr_for=self.qr_for,
                                  logo_for=self.preset.shows_logo, preset=self.preset)
        return typeset(self.render(), self.layout)

    def render(self) -> str:
        return render_html(self.report, self.context)

    def qr_for(self, index: int):
        return qr_svg(self.qr_url) if self.qr_url and self.preset.shows_qr(index) else None

    def documents(self, cards: list[Card], parts: int) -> tuple[str, list[tuple[str, int, list[Card]]]]:
        """The HTML of ``cards``, and the same as ``parts`` documents of about equal layout work:
        (HTML, number of its first card in ``cards``, its cards).  Rendered and typeset once, then cut."""
        html = self.html(cards)
        if not cards:
            return html, []
        groups = split_by_weight(cards, parts)
        firsts = [sum(len(group) for group in groups[:n]) for n in range(len(groups))]
        return html, list(zip(split_cards(html, [len(group) for group in groups]), firsts, groups))

    def measure(self, cards: list[Card]) -> list[tuple[int, int]]:
        """A round of probes: (pages, whole leading blocks) per card, split over the workers."""
        return self._per_card(cards, measure_html, lambda html, first, part: (
            html, self.preset.width, self.preset.height, str(self.layout.path), len(part), first))

    def metrics(self, cards: list[Card]) -> list[CardMetrics]:
        """Probe cards on tall pages → their metrics (:mod:`.measure`), split over the workers."""
        return self._per_card(cards, metrics_html, lambda html, first, part: (
            html, self.preset.width, str(self.layout.path), [c.font_px for c in part], self.preset.height, first))

    def _per_card(self, cards: list[Card], function, job) -> list:
        """``function`` on one document per worker, its results per card, in order."""
        jobs = [job(html, first, part) for html, first, part in self.documents(cards, worker_count())[1]]
        return [result for part in measure_all(jobs, function) for result in part]


def split_by_weight(cards: list[Card], parts: int) -> list[list[Card]]:
    """Consecutive groups of cards with about equal amounts of text to lay out (one per worker)."""
    if parts < 2 or len(cards) < 2:
        return [cards]
    weights = [layout_weight(card) for card in cards]
    target, groups, current, total = sum(weights) / parts, [], [], 0
    for card, weight in zip(cards, weights):
        if current and total + weight / 2 > target and len(groups) < parts - 1:
            groups.append(current)
            current, total = [], 0
        current.append(card)
        total += weight
    return [*groups, current]


HEADER_WEIGHT = 600
"""Layout work of a card's header and page, in characters of body text (measured, roughly)."""


def layout_weight(card: Card) -> float:
    """Roughly how long a card takes to lay out, in characters of body text."""
    return HEADER_WEIGHT + sum(len(block.text) for block in card.blocks)


def card_settings(layout: Layout) -> dict[str, Any]:
    return layout.section("cards")


def make_renderer(report: Report, layout: Layout, preset: Preset, options: SocialOptions) -> CardRenderer:
    settings = card_settings(layout)
    context = template_context(report, layout, "screen", {})
    check_report_glyphs(report, context.fonts.values())
    qr_url = options.qr_url if options.qr_url is not None else settings.get("qr_url", "")
    return CardRenderer(report, layout, preset, context, credit_line(report, settings.get("maker", "")), qr_url)


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
    """The fitted cards, laid out in parts: one PDF and the images per raster option per card."""

    cards: list[Card]
    pdf: bytes
    images: list[list]  # [raster option][card] → RasterImage
    html: str  # the whole set as one document (what the parts were cut from)


FINAL_PARTS = 2
"""The final set is laid out as this many documents at once (one per worker), whose PDFs
are then joined; fixed, so that the bytes do not depend on the number of workers."""


def lay_out_set(report: Report, layout: Layout, preset: Preset, options: SocialOptions,
                rasters: list[RasterOptions]) -> LaidOutSet:
    """Plan, fit, lay out and rasterise the final set.

    One measurement proposes every card (:mod:`.predict`); the layout of the set
    then shows which cards spilled onto a second page, and those — only those —
    are searched exactly (:func:`.fit.fit_cards`) before the set is laid out again.
    The set is laid out in :data:`FINAL_PARTS` parts side by side; each part writes
    its PDF and rasterises its pages where it was laid out."""
    settings = card_settings(layout)
    renderer = make_renderer(report, layout, preset, options)
    base = float(settings.get("base_px", BASE_PX))
    floor = float(settings.get("floor_px", FLOOR_PX))
    with_chart = "results_vs_targets" in renderer.context.charts  # no chart without paired figures
    cards = proposed_cards(planned(report, layout, preset, with_chart), renderer, base, floor)
    for _ in range(MAX_LAYOUTS):
        renderer.total = len(cards)
        whole, documents = renderer.documents(cards, FINAL_PARTS)
        jobs = [(html, preset.width, preset.height, str(layout.path), len(part), first, rasters)
                for html, first, part in documents]
        results = measure_all(jobs, lay_out_part)
        spilled = [first + index for (_, first, _), (lost, _, _) in zip(documents, results) for index in lost]
        if not spilled:
            images = [[image for _, _, part in results for image in part[n]] for n in range(len(rasters))]
            return LaidOutSet(cards, join_pdfs([pdf for _, pdf, _ in results]), images, whole)
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


def raster_options(layout: Layout, preset: Preset, options: SocialOptions) -> list[RasterOptions]:
    return [RasterOptions(density=density, format=options.format_for(layout), png_effort=options.png_effort,
                          byte_budget=preset.byte_budget) for density in options.densities_for(layout)]


def card_images(report: Report, laid_out: LaidOutSet, layout: Layout, preset: Preset,
                rasters: list[RasterOptions]) -> list[SocialImage]:
    """Every card at every density, named and with its alt text."""
    cards, total = laid_out.cards, len(laid_out.cards)
    return [
        SocialImage(
            name=f"{layout.name}-{preset.name}@{options.density:g}x-{index + 1:02d}of{total:02d}", raster=raster,
            preset=preset.name, density=options.density, alt=card_alt(report, cards[index], index + 1, total),
            kind="card", card=index + 1,
        )
        for options, images in zip(rasters, laid_out.images)
        for index, raster in enumerate(images)
    ]


def build_cards(report: Report, layout: Layout, preset_name: str | None = None,
                options: SocialOptions | None = None) -> SocialResult:
    """One card set for one preset: PDF (one card per page) + images + per-card report."""
    options = options or SocialOptions()
    preset = card_preset(preset_name or str(card_settings(layout).get("preset", "xhs")))
    rasters = raster_options(layout, preset, options)
    laid_out = lay_out_set(report, layout, preset, options, rasters)
    cards = laid_out.cards
    base = float(card_settings(layout).get("base_px", BASE_PX))
    result = SocialResult(
        layout=layout.name, preset=preset.name, pdf=laid_out.pdf, pdf_name=f"{layout.name}-{preset.name}.pdf",
        images=card_images(report, laid_out, layout, preset, rasters), html=laid_out.html,
        width_css=preset.width, height_css=preset.height or 0,
        alt=f"数读卡片（{preset.name}，共{len(cards)}张）：{report.meta.kicker}：{report.meta.title}",
        cards=card_reports(cards, base),
    )
    if preset.max_images and len(cards) > preset.max_images:
        result.warnings.append(
            f"{preset.name}: {len(cards)} cards exceed the {preset.platform} limit of {preset.max_images} images per post"
        )
    return result
