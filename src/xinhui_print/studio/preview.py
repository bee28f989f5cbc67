"""Preview service: one warm renderer in the server process, the edited output first.

Every call into the pipeline is here, through the public functions of
``copyfit`` (the booklet is laid out by :func:`xinhui_print.copyfit.fit`, as the
build lays it out, so a preview page is the exported page), ``social`` (the long
poster, card sets, their plan and fitting) and ``export`` (rasterising), so
that a change of the render API is a change of this module only.

The booklet's first copyfitting pass (the layout without moves) is made part by part: the
parts an edit did not change keep their measured pages across edits
(:class:`~xinhui_print.copyfit.NaturalPages`), so an edit costs a layout of the parts it
changed and one of the booklet with its moves, where the build makes two of the booklet.

One thread renders (fonts, templates and WeasyPrint stay loaded; the event loop
never waits for a layout).  It always works for the newest request: between
any two steps (a layout, a PDF, one page image) it checks whether a newer edit
or setting arrived, and if so drops what it was doing and starts on the newest
one.  Per request it renders the output in view first (and in it the page or
card in view, or the one the edit changed), then the others.

What the browser sees:

- every output keeps its last images until new ones replace them, image by
  image; an image not yet rendered for the current data is marked stale,
  never removed;
- while the data has errors nothing is rendered and the last good previews stay;
- a card set is first updated where the edit landed: the previous set's fitting
  (which card shows which blocks, at which size) is applied to the new plan,
  and only the cards whose content changed are laid out (the one nearest the
  card in view alone, then the others in one document); then the whole set is fitted again — the probe metrics of every
  card whose content did not change are kept per preset
  (:class:`~xinhui_print.social.measure.ProbeCache`), so only changed cards are
  measured — and the cards that differ from their images are laid out, in one
  document of those cards (fitting notes: continued, abridged).
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..build import with_paper
from ..copyfit import NaturalPages, fit
from ..errors import BuildError, XinhuiError
from ..export.raster import RasterImage, RasterOptions, encode_image, open_pdf, render_scanlines
from ..layout import load_layout
from ..model import Report
from ..charts import paired_figures
from ..render.weasyprint_adapter import FontPrograms, page_tree
from ..social.cards import CardRenderer, card_reports, card_settings, fit_cards, lay_out_cards, make_renderer, planned
from ..social.fit import BASE_PX
from ..social.measure import ProbeCache
from ..social.output import SocialOptions
from ..social.plan import Card
from ..social.poster import lay_out_poster, poster_settings
from ..social.presets import CARD_PRESETS, DEFAULT_CARD_PRESET, card_preset, get_preset

LOGGER = logging.getLogger("xinhui_print.studio")

BOOKLET, POSTER, CARDS = "booklet-a5", "poster-long", "cards"
PREVIEW_DENSITY = 1.0
PREVIEW_RASTER = RasterOptions(density=PREVIEW_DENSITY, png_effort="fast")
"""Previews are 1× lossless PNGs without byte budgets (budgets are for the exported files)."""


@dataclass(frozen=True)
class PreviewSettings:
    """The controls: card presets shown (and exported), paper of the printed layouts,
    QR URL, and export densities (previews are always 1×)."""

    presets: tuple[str, ...] = (DEFAULT_CARD_PRESET,)
    paper: str | None = None
    qr_url: str | None = None
    densities: tuple[float, ...] = ()

    def outputs(self) -> list[str]:
        return ["booklet", "poster", *(f"cards-{name}" for name in self.presets)]

    @property
    def shown(self) -> tuple:
        """What the previews depend on (export densities do not change them)."""
        return (self.presets, self.paper, self.qr_url)

    def as_json(self) -> dict[str, Any]:
        return {"presets": list(self.presets), "paper": self.paper or "", "qr_url": self.qr_url or "",
                "densities": list(self.densities), "all_presets": list(CARD_PRESETS)}


@dataclass(frozen=True)
class Target:
    """What the previews should show: a valid report at a revision, with settings."""

    report: Report
    revision: int
    settings: PreviewSettings

    @property
    def key(self) -> tuple:
        return (self.revision, self.settings.shown)


@dataclass
class PreviewImage:
    index: int
    data: bytes
    width: int
    height: int
    key: tuple  # the target key it was rendered for

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()[:16]


@dataclass
class OutputState:
    """One preview tab: its images, fitting notes, and for which target it is done."""

    name: str
    images: list[PreviewImage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    done_for: tuple | None = None
    error: str | None = None
    page_texts: list[str] = field(default_factory=list)  # booklet: to find the pages an edit changed
    plan: list[Card] = field(default_factory=list)  # card sets: the plan and fitting of the last set
    fitted: list[Card] = field(default_factory=list)
    fitted_for: tuple | None = None  # (report, settings) of ``fitted``
    card_keys: list[tuple] = field(default_factory=list)  # card sets: what each image shows (card_key)

    def as_json(self, current: tuple | None) -> dict[str, Any]:
        return {
            "name": self.name, "notes": self.notes, "error": self.error,
            "fresh": current is not None and self.done_for == current,
            "images": [{"index": i.index, "url": image_url(self.name, i), "width": i.width, "height": i.height,
                        "fresh": i.key == current} for i in self.images],
        }


def image_url(output: str, image: PreviewImage) -> str:
    return f"/preview/{output}/{image.index}.png?v={image.digest}"


class Superseded(Exception):
    """A newer request arrived while rendering: drop this one."""


class PreviewService:
    """The render thread and the preview images it keeps (see the module doc).

    ``publish(event)`` is called from the render thread with JSON-ready events:
    ``{"type": "output", ...OutputState}`` and ``{"type": "image", "output", "index", "url", ...}``.
    """

    def __init__(self, publish: Callable[[dict[str, Any]], None], settings: PreviewSettings = PreviewSettings()):
        self.publish = publish
        self.settings = settings
        self.outputs: dict[str, OutputState] = {}
        self.focus: tuple[str, int] = ("booklet", 0)
        self._target: Target | None = None
        self._jobs: list[Callable[[], None]] = []
        self._condition = threading.Condition()
        self._stopping = False
        self._busy = False
        self._thread = threading.Thread(target=self._run, name="studio-render", daemon=True)
        self.fonts = FontPrograms()  # the previews' font subsets, kept across edits
        self.probes: dict[str, ProbeCache] = {}  # per card preset: probe metrics, kept across edits
        self.natural = NaturalPages()  # the booklet's parts without moves, kept across edits

    # ------------------------------------------------------------ called from the server

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5) -> None:
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        self._thread.join(timeout)

    def request(self, report: Report, revision: int, settings: PreviewSettings | None = None) -> None:
        """Render ``report`` (valid, at ``revision``); supersedes whatever is being rendered."""
        with self._condition:
            if settings is not None:
                self.settings = settings
            self._target = Target(report, revision, self.settings)
            for name in self.settings.outputs():
                self.outputs.setdefault(name, OutputState(name))
            self._condition.notify_all()
        for name in self.settings.outputs():
            self._publish_output(name)

    def set_focus(self, output: str, index: int = 0) -> None:
        with self._condition:
            self.focus = (output, max(0, int(index)))

    def submit(self, job: Callable[[], None]) -> None:
        """Run ``job`` on the render thread before any further preview (the export)."""
        with self._condition:
            self._jobs.append(job)
            self._condition.notify_all()

    def snapshot(self) -> dict[str, Any]:
        with self._condition:
            current = self._target.key if self._target else None
            names = self.settings.outputs()
            return {name: self.outputs.setdefault(name, OutputState(name)).as_json(current) for name in names}

    def image(self, output: str, index: int) -> PreviewImage | None:
        with self._condition:
            state = self.outputs.get(output)
            if state is None or not 0 <= index < len(state.images):
                return None
            return state.images[index]

    def idle(self) -> bool:
        """Nothing left to render for the current target (tests and benchmarks wait for this)."""
        with self._condition:
            return not self._busy and not self._jobs and self._next_output() is None

    # ------------------------------------------------------------ the render thread

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._stopping and not self._jobs and self._next_output() is None:
                    self._condition.wait()
                if self._stopping:
                    return
                job = self._jobs.pop(0) if self._jobs else None
                name = None if job else self._next_output()
                target = self._target
                self._busy = True
            try:
                if job is not None:
                    job()
                else:
                    self._render_output(name, target)
            except Superseded:
                pass
            except XinhuiError as error:
                self._fail(name, target, str(error))
            except Exception as error:  # a bug: keep serving, say so at the output
                LOGGER.exception("preview of %s failed", name)
                self._fail(name, target, f"internal error: {type(error).__name__}: {error}")
            finally:
                gc.collect()  # each WeasyPrint document holds ~20 MB of font blobs
                release_memory()
                with self._condition:
                    self._busy = False

    def _next_output(self) -> str | None:
        """The output to render next: the one in view first, then the page order (under the lock)."""
        target = self._target
        if target is None:
            return None
        names = self.settings.outputs()
        focused = self.focus[0]
        ordered = ([focused] if focused in names else []) + [n for n in names if n != focused]
        for name in ordered:
            state = self.outputs.setdefault(name, OutputState(name))
            if state.done_for != target.key:
                return name
        return None

    def _check(self, target: Target) -> None:
        with self._condition:
            if self._stopping or self._target is None or self._target.key != target.key:
                raise Superseded

    def _fail(self, name: str | None, target: Target | None, message: str) -> None:
        if name is None or target is None:
            return
        with self._condition:
            state = self.outputs[name]
            state.error, state.done_for = message, target.key  # old images stay, marked stale
        self._publish_output(name)

    def _publish_output(self, name: str) -> None:
        with self._condition:
            current = self._target.key if self._target else None
            event = {"type": "output", **self.outputs.setdefault(name, OutputState(name)).as_json(current)}
        self.publish(event)

    def _store(self, name: str, target: Target, index: int, raster: RasterImage) -> None:
        """Put one new image in place and tell the browser."""
        with self._condition:
            state = self.outputs[name]
            image = PreviewImage(index, raster.data, raster.width_px, raster.height_px, target.key)
            if index == len(state.images):
                state.images.append(image)
            else:  # callers fill in order: a new image never leaves a gap
                state.images[index] = image
        self.publish({"type": "image", "output": name, "index": index, "url": image_url(name, image),
                      "width": image.width, "height": image.height, "fresh": True})

    def _finish(self, name: str, target: Target, count: int, notes: list[str]) -> None:
        with self._condition:
            state = self.outputs[name]
            del state.images[count:]
            del state.card_keys[count:]
            state.notes, state.error, state.done_for = notes, None, target.key
        self._publish_output(name)

    def _focus_index(self, name: str) -> int:
        with self._condition:
            output, index = self.focus
        return index if output == name else 0

    def _render_output(self, name: str, target: Target) -> None:
        if name == "booklet":
            self._render_booklet(name, target)
        elif name == "poster":
            self._render_poster(name, target)
        else:
            self._render_cards(name, target, name.removeprefix("cards-"))

    # ------------------------------------------------------------ booklet

    def _render_booklet(self, name: str, target: Target) -> None:
        """Lay out; the changed page nearest the one in view is written and shown first, then the rest."""
        layout = with_paper(load_layout(BOOKLET), target.settings.paper)
        document = fit(target.report, layout, natural=self.natural)[0].document  # copyfitted, as the build lays it out
        self._check(target)
        texts = [page_text(page) for page in document.pages]
        state = self.outputs[name]
        changed = [i for i, text in enumerate(texts) if i >= len(state.page_texts) or state.page_texts[i] != text]
        first = nearest([i for i in changed if i <= len(state.images)], self._focus_index(name))
        if first is not None:
            single = self.fonts.write_pdf(document.copy([document.pages[first]]))
            self._store(name, target, first, raster_page(single, 0))
            self._check(target)
        pages = open_pdf(self.fonts.write_pdf(document))
        order = [i for i in changed if i != first] + [i for i in range(len(texts)) if i not in changed]
        for index in order:
            self._check(target)
            raster = raster_page(pages, index)
            if not self._same(name, index, raster):
                self._store(name, target, index, raster)
            else:
                self._mark_fresh(name, index, target)
        state.page_texts = texts
        self._finish(name, target, len(texts), [f"{len(texts)} pages on {layout.section('page').get('size')}"])

    def _same(self, name: str, index: int, raster: RasterImage) -> bool:
        with self._condition:
            images = self.outputs[name].images
            return index < len(images) and images[index].data == raster.data

    def _mark_fresh(self, name: str, index: int, target: Target) -> None:
        with self._condition:
            self.outputs[name].images[index].key = target.key

    # ------------------------------------------------------------ long poster

    def _render_poster(self, name: str, target: Target) -> None:
        layout = load_layout(POSTER)
        preset = get_preset(str(poster_settings(layout).get("preset", "poster")))
        options = SocialOptions(densities=(PREVIEW_DENSITY,), qr_url=target.settings.qr_url)
        poster = lay_out_poster(target.report, layout, preset, options)
        self._check(target)
        raster = raster_page(self.fonts.write_pdf(poster.auto.document), 0)
        self._store(name, target, 0, raster)
        self._finish(name, target, 1, [f"{poster.auto.width:g} × {poster.auto.height:g} px"])

    # ------------------------------------------------------------ card sets

    def _render_cards(self, name: str, target: Target, preset_name: str) -> None:
        """The cards the edit changed at the previous fitting first; then the set fitted again
        (probe metrics of unchanged cards reused) and every card whose content or size differs
        from its image laid out, in one document of those cards."""
        layout = load_layout(CARDS)
        preset = card_preset(preset_name)
        options = SocialOptions(densities=(PREVIEW_DENSITY,), qr_url=target.settings.qr_url)
        renderer = make_renderer(target.report, layout, preset, options,
                                 self.probes.setdefault(preset_name, ProbeCache()))
        state = self.outputs[name]
        self._render_changed_cards(name, target, renderer)
        cards = fit_cards(renderer)
        self._check(target)
        keys = [card_key(target, cards, index) for index in range(len(cards))]
        redraw = []
        for index, key in enumerate(keys):
            if index < len(state.card_keys) and state.card_keys[index] == key:
                self._mark_fresh(name, index, target)  # the image shows this very card already
            else:
                redraw.append(index)
        if redraw:
            self._draw_cards(name, target, renderer, cards, redraw)
        base = float(card_settings(layout).get("base_px", BASE_PX))
        state.plan = planned(target.report, layout, preset, bool(paired_figures(target.report)))
        state.fitted, state.fitted_for = cards, (target.report, target.settings.shown)
        notes = [report.describe() for report in card_reports(cards, base)]
        self._finish(name, target, len(cards), notes)

    def _render_changed_cards(self, name, target: Target, renderer: CardRenderer) -> None:
        """The cards the edit changed, at the previous set's fitting: the one nearest the card
        in view alone, then the others in one document."""
        state = self.outputs[name]
        if state.fitted_for is None or state.fitted_for[1] != target.settings.shown:
            return
        old_report = state.fitted_for[0]
        new_plan = planned(target.report, renderer.layout, renderer.preset, bool(paired_figures(target.report)))
        cards = refitted(state.plan, state.fitted, new_plan)
        if cards is None:
            return  # the set's shape changed (a block added or removed): the full fitting decides
        changed = changed_cards(old_report, target.report, state.fitted, cards)
        first = nearest(changed, self._focus_index(name))
        if first is None:
            return
        try:
            self._draw_cards(name, target, renderer, cards, [first])
            others = [index for index in changed if index != first]
            if others:
                self._check(target)
                self._draw_cards(name, target, renderer, cards, others)
        except BuildError:  # a card no longer fits at that size: the fitting follows
            return

    def _draw_cards(self, name: str, target: Target, renderer: CardRenderer, cards: list[Card],
                    indexes: list[int]) -> None:
        """Cards ``indexes`` (ascending) of ``cards`` laid out in one document; each image stored,
        or marked fresh where it did not change."""
        state = self.outputs[name]
        pages = open_pdf(self.fonts.write_pdf(lay_out_cards(renderer, cards, indexes).document))
        for page, index in enumerate(indexes):
            self._check(target)
            raster = raster_page(pages, page)
            if self._same(name, index, raster):
                self._mark_fresh(name, index, target)
            else:
                self._store(name, target, index, raster)
            self._shows(state, index, card_key(target, cards, index))

    @staticmethod
    def _shows(state: OutputState, index: int, key: tuple) -> None:
        """Record what card image ``index`` now shows (``None``: not known, rendered again)."""
        keys = state.card_keys
        keys.extend([None] * (index + 1 - len(keys)))
        keys[index] = key


# ---------------------------------------------------------------- helpers


def _libc_trim():
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to hand back
        return None


_MALLOC_TRIM = _libc_trim()


def release_memory() -> None:
    """Hand the heap freed by a render back to the system (glibc keeps it otherwise): a
    long-running server's resident size then follows what it holds, not its peak."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def page_text(page) -> str:
    """The text of a laid-out page, to tell which pages an edit changed."""
    return "".join(box.text for box in page_tree(page).walk())


def nearest(indexes: list[int], focus: int) -> int | None:
    return min(indexes, key=lambda i: (abs(i - focus), i)) if indexes else None


def raster_page(pdf, index: int) -> RasterImage:
    """One page of a PDF (bytes or an open pdfium document) → a 1× PNG."""
    document = open_pdf(pdf) if isinstance(pdf, bytes) else pdf
    return encode_image(render_scanlines(document[index], PREVIEW_DENSITY), PREVIEW_RASTER, index)


def refitted(old_plan: list[Card], old_fitted: list[Card], new_plan: list[Card]) -> list[Card] | None:
    """The previous set's fitting applied to a new plan: each fitted card takes the blocks at the
    same places in its planned card (fitting splits a card, or drops items from an abridged one),
    at the same size.  None when the plan's shape changed."""
    if len(old_plan) != len(new_plan):
        return None
    fitted, cards = list(old_fitted), []
    for old, new in zip(old_plan, new_plan):
        if old.kind != new.kind or len(old.blocks) != len(new.blocks):
            return None
        pieces = 0
        while len(cards) < len(fitted) and _drawn_from(fitted[len(cards)], old, pieces):
            card = fitted[len(cards)]
            places = [old.blocks.index(block) for block in card.blocks]
            cards.append(replace(new, blocks=tuple(new.blocks[p] for p in places), font_px=card.font_px,
                                 continued=card.continued, continues=card.continues, head_px=card.head_px,
                                 hero_px=card.hero_px))
            pieces += 1
        if not pieces:
            return None
    return cards if len(cards) == len(fitted) else None


def _drawn_from(card: Card, planned: Card, pieces: int) -> bool:
    """Is the fitted ``card`` the next piece of the ``planned`` card?"""
    same = card.kind == planned.kind and card.title == planned.title and card.number == planned.number
    return same and (pieces == 0 or card.continued) and all(block in planned.blocks for block in card.blocks)


def card_key(target: Target, cards: list[Card], index: int) -> tuple:
    """Everything card ``index`` of a set shows: the card (blocks, size, （续）), its place
    and the set's length (page number, logo and QR rules), the settings, the report's meta
    (header, foot, cover, closing), what the cover teaser counts, and the KPIs and targets
    when the card holds the chart drawn from them (a fact chart is in its block).  Two equal keys give the same image."""
    report, card = target.report, cards[index]
    chart = (report.review, report.targets) if card.draws_pairs else None
    return (card, index, len(cards), target.settings.shown, report.meta, chart,
            bool(report.review), bool(report.targets), len(report.chapters))


def changed_cards(old_report: Report, new_report: Report, old: list[Card], new: list[Card]) -> list[int]:
    """Indexes of the cards whose content differs: the header and foot of every card show
    the report's meta; the targets card's chart pairs the KPIs with the targets."""
    if old_report.meta != new_report.meta:
        return list(range(len(new)))
    chart_changed = old_report.review != new_report.review or old_report.targets != new_report.targets
    return [i for i, (a, b) in enumerate(zip(old, new))
            if a != b or (chart_changed and b.draws_pairs)]


__all__ = ["PreviewService", "PreviewSettings", "changed_cards", "refitted"]
