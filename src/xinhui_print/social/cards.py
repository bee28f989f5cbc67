"""Card sets: Report + ``cards`` layout + preset → fitted cards, one vector PDF, PNGs, alt texts.

How a set is made (the one algorithm; the modules named do one step each):

1. **Plan** the cards (:mod:`.plan`) in the card grammar: every content card a
   hero (one to three big figures chosen from the data) and at most six list
   items; the full set, or — when the platform takes fewer images per post —
   the condensed sets in turn, the first that fits its limit once fitted (a
   small canvas may need more cards than planned); ``full_set`` keeps the full one.
2. **Fit the set** (:mod:`.fit`): one body size and one header height for every
   card, the largest size from base down to floor at which every card fits,
   found by layouts of the set on tall pages (:mod:`.measure`), one per size
   tried, of the cards not measured before (:class:`~.measure.ProbeCache`: a
   studio keeps one across edits, so a refit lays out the edited card only);
   a card too long even at the floor is split in two.
3. **Lay out the set once**, every card on its preset page, and check that each
   card is one page.  The PDF and the PNGs come from this one layout: one
   document, so one font subset per face.  On the real pages a card's hero
   panel takes the height its list leaves, so content fills the card.

Every layout goes through :func:`xinhui_print.render.render`.
``SocialResult.cards`` says what is on every card (size, header height,
continued, abridged) and ``SocialResult.omitted`` what a condensed set left out,
for the manifest and the console.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import weasyprint

from ..charts import alt_text, paired_figures
from ..errors import BuildError, Diagnostic
from ..export.raster import RasterImage, RasterOptions, encode_image, open_pdf, render_scanlines
from ..layout import Layout
from ..model import Report, plain_text
from ..render import RenderOptions, Rendered, render
from .content import chart_alt, credit_line
from .fit import BASE_PX, FLOOR_PX, fit_set
from .measure import TALL, CardMetrics, ProbeCache, card_metrics
from .output import CardReport, SocialImage, SocialOptions, SocialResult
from .pages import card_spans
from .plan import Card, candidate_plans, cover_only, omissions
from .presets import Preset, card_preset
from .qr import qr_svg


@dataclass(frozen=True)
class CardRenderer:
    """Lays cards out through the render stage: the whole set, some of its cards, or cards on
    tall probe pages (their metrics kept in ``probes``, see :meth:`metrics`)."""

    report: Report
    layout: Layout
    preset: Preset
    credit: str
    qr_url: str
    probes: ProbeCache = field(default_factory=ProbeCache, compare=False)

    def render(self, cards: list[Card], total: int | None = None, height: float | None = None,
               positions: list[int] | None = None) -> Rendered:
        """``cards`` on ``preset.width`` × ``height`` px pages (default: the preset's height);
        ``total``: cards in the final set (None while probing: no page numbers, natural heights);
        ``positions``: each card's place in the set (default: its place in ``cards``), which
        its page number, logo and QR code follow."""
        extra = {"cards": cards, "card_total": total, "card_positions": positions, "credit": self.credit,
                 "qr_for": self.qr_for, "logo_for": self.preset.shows_logo, "preset": self.preset}
        page = (self.preset.width, height or self.preset.height)
        return render(self.report, self.layout, RenderOptions(extra=extra, page_px=page))

    def qr_for(self, index: int):
        return qr_svg(self.qr_url) if self.qr_url and self.preset.shows_qr(index) else None

    def metrics(self, cards: list[Card]) -> list[CardMetrics]:
        """Cards on tall pages → their metrics (:mod:`.measure`); only the cards not already
        in ``probes`` are laid out, each at its own place among ``cards``."""
        keys = [self.probe_key(card, position) for position, card in enumerate(cards)]
        found = {position: self.probes.get(key) for position, key in enumerate(keys)}
        missing = [position for position, metrics in found.items() if metrics is None]
        if missing:
            document = self.render([cards[p] for p in missing], height=TALL, positions=missing).document
            for position, metrics in zip(missing, card_metrics(document, len(missing), self.preset.height)):
                found[position] = metrics
                self.probes.put(keys[position], metrics)
        return [found[position] for position in range(len(cards))]

    def probe_key(self, card: Card, position: int) -> str:
        """Everything a probe card shows: the card (blocks, heroes, sizes), its logo and QR
        code, the set's context (:attr:`context_key`), the targets chart's figures on the card
        that draws them, and the chapter a chapter card's icon is chosen from."""
        chart = (self.report.review, self.report.targets) if card.draws_pairs else None
        chapter = self.report.chapters[card.number - 1] if card.kind == "chapter" and card.number else None
        shown = repr((self.context_key, card, self.preset.shows_logo(position), self.qr_for(position) is not None,
                      chart, chapter))
        return hashlib.sha256(shown.encode()).hexdigest()

    @cached_property
    def context_key(self) -> str:
        """What every card of the set shows alike: the report's meta (header, foot, logo), the
        credit, the preset, the layout's settings and script."""
        return repr((self.report.meta, self.credit, self.preset, self.layout.name, self.layout.config,
                     self.layout.script, layout_stamps(self.layout)))


def layout_stamps(layout: Layout) -> tuple[tuple[str, int], ...]:
    """Every file of the layout's folders with its modification time: a template or
    stylesheet edited while a studio runs makes its kept probe metrics stale."""
    return tuple((str(path), path.stat().st_mtime_ns) for folder in layout.chain
                 for path in sorted(folder.rglob("*")) if path.is_file())


def card_settings(layout: Layout) -> dict[str, Any]:
    return layout.section("cards")


def make_renderer(report: Report, layout: Layout, preset: Preset, options: SocialOptions,
                  probes: ProbeCache | None = None) -> CardRenderer:
    """``probes``: the metrics of cards already measured (a studio keeps one across edits)."""
    settings = card_settings(layout)
    qr_url = options.qr_url if options.qr_url is not None else settings.get("qr_url", "")
    return CardRenderer(report, layout, preset, credit_line(report, settings.get("maker", "")), qr_url,
                        probes if probes is not None else ProbeCache())


def planned(report: Report, layout: Layout, preset: Preset, with_chart: bool = True,
            full_set: bool = False) -> list[Card]:
    """The planned set for ``preset``: condensed to its image limit unless ``full_set``."""
    return candidates(report, preset, with_chart, full_set)[0]


def candidates(report: Report, preset: Preset, with_chart: bool, full_set: bool) -> list[list[Card]]:
    if preset.cover_only:
        return [cover_only(report)]
    return candidate_plans(report, with_chart, None if full_set else preset.max_images)


def card_reports(cards: list[Card], base: float) -> list[CardReport]:
    return [CardReport(i, c.kind, c.label, c.font_px, base, c.continued, c.continues, c.items, c.head_px, c.abridged)
            for i, c in enumerate(cards, start=1)]


# ---------------------------------------------------------------- alt text


def card_alt(report: Report, card: Card, index: int, total: int) -> str:
    """Chinese alt text: which card of the set, its title, its heroes and every figure it shows."""
    head = f"数读卡片第{index}张（共{total}张）"
    title = f"{card.tag}：{card.title}{'（续）' if card.continued else ''}"
    heroes = "".join(f"{hero.label}{hero.text}；" for hero in card.heroes)
    if card.kind == "cover":
        return f"{head}，封面。{report.meta.kicker}：{report.meta.title}。{heroes}"
    if card.kind == "closing":
        return f"{head}，结束页。{credit_line(report)}。{card.abridged}"
    parts = []
    section = None
    for block in card.blocks:
        if block.data.get("section") and block.data["section"] != section:
            section = block.data["section"]
            parts.append(f"● {section}：")
        parts.append(_block_alt(report, block))
    note = f"（{card.abridged}）" if card.abridged else ""
    return f"{head}。{title}{note}。{heroes}" + "".join(parts)


def _block_alt(report: Report, block) -> str:
    if block.kind == "chart":
        return alt_text(block.data["chart"]) + "；" if "chart" in block.data else chart_alt(report)
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


def fit_cards(renderer: CardRenderer, full_set: bool = False) -> list[Card]:
    """Plan and fit the set (steps 1 and 2 of the module doc): the cards, sized."""
    settings = card_settings(renderer.layout)
    base = float(settings.get("base_px", BASE_PX))
    floor = float(settings.get("floor_px", FLOOR_PX))
    report, preset = renderer.report, renderer.preset
    with_chart = bool(paired_figures(report))  # no chart without paired figures
    limit = None if full_set else preset.max_images
    for plan in candidates(report, preset, with_chart, full_set):  # the first that fits the limit
        cards = fit_set(plan, renderer.metrics, base, floor)
        if limit is None or len(cards) <= limit:
            break
    return cards


def lay_out_cards(renderer: CardRenderer, cards: list[Card], positions: list[int] | None = None) -> Rendered:
    """Fitted cards on their real pages, each at its place in the set (``positions``, default:
    all of ``cards`` are the set), checked to be one page each."""
    shown = cards if positions is None else [cards[p] for p in positions]
    rendered = renderer.render(shown, total=len(cards), positions=positions)
    spans = card_spans(rendered.document, len(shown))
    spilled = [card.label for card, (_, pages) in zip(shown, spans) if pages != 1]
    if spilled:
        raise BuildError(f"card set for {renderer.preset.name}: {', '.join(spilled)} spill onto a second page")
    return rendered


def lay_out_set(report: Report, layout: Layout, preset: Preset, options: SocialOptions) -> LaidOutSet:
    """Plan, fit and lay out the set (see the module doc)."""
    renderer = make_renderer(report, layout, preset, options)
    cards = fit_cards(renderer, options.full_set)
    return LaidOutSet(cards, lay_out_cards(renderer, cards))


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
        cards=card_reports(cards, base), omitted=omissions(report, cards) if not preset.cover_only else [],
    )
    if preset.max_images and len(cards) > preset.max_images:
        result.warnings.append(Diagnostic(
            "warning", "platform-limit",
            f"{preset.name}: {len(cards)} cards exceed the {preset.platform} limit of {preset.max_images} images per post"
        ))
    return result
