"""Render stage: Report + Layout + options → a laid-out WeasyPrint Document (lay out once, export many times).

:func:`render` is the only code that lays HTML out with WeasyPrint.  Steps:
glyph check of the data → theme colours and charts → template (HTML) → glyph
check of the page → Chinese typesetting → WeasyPrint layout (with the
options' stylesheets, e.g. a page size for social outputs) → overflow check
(no text outside its box) → page count.

Every call builds its own context, fetcher and document, so a long-running
caller (a live preview) can call it again and again.  What it keeps is the
process's one WeasyPrint ``FontConfiguration`` (:func:`font_configuration`):
the fonts are found and loaded once, not for every document (a new one per
document cost ~0.1 s of a card's layout and never gave all its memory back).
WeasyPrint internals are reached only through :mod:`.weasyprint_adapter`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import weasyprint
from weasyprint.text.fonts import FontConfiguration

from ..charts import ChartSet, text_style
from ..errors import BuildError
from ..fonts import FontRole, check_document_glyphs, check_report_glyphs, load_roles
from ..layout import Layout
from ..layout.theme import theme_colours
from ..model import Report
from ..layout.papers import length_mm, paper_size
from ..project import project
from ..template import TemplateContext, render_html
from ..typeset import typeset_html
from . import weasyprint_adapter  # noqa: F401 — checks WeasyPrint and installs the justification hook
from .fetcher import ProjectFetcher
from .images import report_images
from .overflow import check_overflow

LOGGER = logging.getLogger("xinhui_print")
MODES = ("screen", "press")


@dataclass(frozen=True)
class RenderOptions:
    """How to render.

    ``mode``: ``screen`` (the layout's screen bleed) or ``press`` (its press bleed: the one
    layout pass a printable layout's screen PDF, cropped to the trim, and its press PDF
    are both exported from).  Colours are the theme's sRGB in both; press
    post-processing maps them back to their CMYK tokens.
    ``extra``: template variables beyond the report (social: the cards, the QR code …).
    ``page_px``: the page size in CSS px, for layouts whose size is not on paper
    (social presets, the long poster's probe page); it wins over the layout's own
    (``!important``); ``None``: the layout's own.
    ``stylesheets``: more CSS text (our own, never data), applied as WeasyPrint user
    stylesheets: above WeasyPrint's defaults, below every rule of the layout.
    """

    mode: str = "screen"
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    page_px: tuple[float, float] | None = None
    stylesheets: tuple[str, ...] = ()

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"unknown render mode {self.mode!r}; choose one of {', '.join(MODES)}")


@dataclass
class Rendered:
    """A laid-out document and what it was made from."""

    layout: Layout
    options: RenderOptions
    html: str
    document: weasyprint.Document
    fetcher: ProjectFetcher
    context: TemplateContext

    @property
    def mode(self) -> str:
        return self.options.mode


def icc_profile(layout: Layout) -> Path:
    return project().root / layout.settings.press.icc


def layout_fonts(layout: Layout) -> dict[str, FontRole]:
    """The font roles a layout uses (its ``[fonts]`` table maps use → role name), in its
    edition's faces (``sans`` → ``sans-hk`` for a Hong Kong edition)."""
    roles = load_roles()
    wanted = {use: layout.edition.font_role(role, roles) for use, role in layout.settings.fonts.model_dump().items()}
    missing = sorted(set(wanted.values()) - set(roles))
    if missing:
        raise BuildError(f"layout {layout.name!r} uses unknown font roles: {', '.join(missing)}")
    return {use: roles[role] for use, role in wanted.items()}


def glyph_texts(report: Report) -> list[tuple[str, str]]:
    """(field path, text) for every string of the report."""
    pairs: list[tuple[str, str]] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, str):
            pairs.append((path, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}[{index}]")

    walk(report.model_dump(mode="json"), "")
    return pairs


@dataclass(frozen=True)
class PageGeometry:
    """The trimmed page size and the bleed for one colour mode."""

    width_mm: float
    height_mm: float
    bleed_mm: float

    @property
    def size(self) -> str:
        return f"{_mm(self.width_mm)} {_mm(self.height_mm)}"

    @property
    def bleed(self) -> str:
        return _mm(self.bleed_mm)


def _mm(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "mm"


def page_geometry(layout: Layout, mode: str) -> PageGeometry | None:
    """Page size from ``[page] size`` (a paper name or explicit size); press mode adds its bleed."""
    page = layout.settings.page
    if page.size is None:
        return None
    width, height = paper_size(page.size)
    bleed = length_mm(page.press_bleed if mode == "press" else page.bleed)
    return PageGeometry(width, height, bleed)


def template_context(report: Report, layout: Layout, mode: str, extra: Mapping[str, Any] | None = None) -> TemplateContext:
    fonts = layout_fonts(layout)
    theme = theme_colours(layout.section("theme"), icc_profile(layout))
    charts = _charts(report, theme, fonts)
    context = {"page": page_geometry(layout, mode), "images": report_images(report),
               "lang": layout.edition.lang, **(extra or {})}
    return TemplateContext(layout, mode, theme, fonts, charts, context)


def _charts(report: Report, theme: dict[str, str], fonts: dict[str, FontRole]) -> ChartSet:
    """The report's charts, drawn when a template places them (in the heading face, theme colours)."""
    return ChartSet(report, text_style(fonts["heading"]), theme)


_SVG_OPEN = re.compile(r"<svg\b[^>]*?\saria-label=\"([^\"]*)\"[^>]*>(?!\s*<title)", re.I)


def svg_alt_titles(html: str) -> str:
    """An inline SVG's ``aria-label`` also as its ``<title>``: the alternative text a tagged
    PDF gives its ``Figure`` (WeasyPrint reads the title)."""
    return _SVG_OPEN.sub(lambda m: f"{m[0]}<title>{m[1]}</title>", html)


def typeset(html: str, layout: Layout) -> str:
    """The Chinese typesetting stage (punctuation, figures, justification marks)."""
    return typeset_html(html, layout.settings.typeset)


def render(report: Report, layout: Layout, options: RenderOptions = RenderOptions()) -> Rendered:
    """Lay out ``report`` with ``layout`` (see the module doc)."""
    html, context = page_html(report, layout, options)
    document, fetcher = lay_out(html, layout, page_stylesheets(options), context.extra["images"].files)
    check_text_inside(document, report, layout)
    check_page_count(document, layout, context.extra["page"])
    multiple = layout.settings.page.pad_to_multiple
    if multiple > 1:
        document = pad_pages(document, multiple, context.extra["page"])
    return Rendered(layout, options, html, document, fetcher, context)


def page_html(report: Report, layout: Layout, options: RenderOptions = RenderOptions()) -> tuple[str, TemplateContext]:
    """The HTML :func:`render` lays out, and its template context: glyph check of the data →
    template → the edition's script → glyph check of the page → Chinese typesetting."""
    context = template_context(report, layout, options.mode, options.extra)
    check_report_glyphs(report, context.fonts.values())
    html = layout.edition.html(svg_alt_titles(render_html(report, context)))  # printed strings in the edition's script
    check_document_glyphs(html, context.fonts.values(), f"the text of layout {layout.name!r}")
    return typeset(html, layout), context


def check_text_inside(document: weasyprint.Document, report: Report, layout: Layout) -> None:
    """:class:`~.overflow.ContentOverflow` for the first text outside its box, naming its field."""
    check_overflow(document, layout.name, [(path, layout.edition.text(text)) for path, text in glyph_texts(report)])


def page_stylesheets(options: RenderOptions) -> tuple[str, ...]:
    """The options' stylesheets, and the page size rule when the options set one."""
    if options.page_px is None:
        return options.stylesheets
    width, height = options.page_px
    return (f"@page {{ size: {width:g}px {height:g}px !important }}", *options.stylesheets)


def check_page_count(document: weasyprint.Document, layout: Layout, page: PageGeometry | None) -> None:
    """``[page] max_pages`` (a one-sheet poster): more pages is an error, never silent clipping."""
    limit = layout.settings.page.max_pages
    if limit and len(document.pages) > limit:
        sheet = f" on {layout.settings.page.size} ({page.size})" if page else ""
        raise BuildError(
            f"layout {layout.name!r}: the report needs {len(document.pages)} pages{sheet}, "
            f"but the layout holds {limit}",
            hint="shorten the report, or choose a larger sheet with build --paper",
        )


def pad_pages(document: weasyprint.Document, multiple: int, page: PageGeometry) -> weasyprint.Document:
    """Insert blank pages before the last page (the back cover) up to a multiple of ``multiple``."""
    missing = -len(document.pages) % multiple
    if missing == 0:
        return document
    blank_html = "<html lang='zh-CN'><body>" + "<div style='break-before: page'></div>" * missing + "</body></html>"
    sheet = weasyprint.CSS(string=f"@page {{ size: {page.size}; bleed: {page.bleed}; margin: 0 }}")
    blanks = weasyprint.HTML(string=blank_html, url_fetcher=ProjectFetcher(())).render(
        stylesheets=[sheet], font_config=font_configuration()).pages
    pages = [*document.pages[:-1], *blanks, document.pages[-1]]
    return document.copy(pages)


def lay_out(html: str, layout: Layout, stylesheets: tuple[str, ...] = (),
            images: Mapping[str, bytes] | None = None) -> tuple[weasyprint.Document, ProjectFetcher]:
    """WeasyPrint's layout of ``html``, reading only the project's files and the data's
    ``images`` (resolved path → bytes); ``stylesheets`` are user stylesheets sharing the
    document's colour profiles (``@color-profile``)."""
    fetcher = ProjectFetcher(project().readable_roots, images)
    base_url = str(layout.path) + "/"
    profiles: dict = {}
    fonts = font_configuration()
    sheets = [weasyprint.CSS(string=css, base_url=base_url, url_fetcher=fetcher, color_profiles=profiles,
                             font_config=fonts) for css in stylesheets]
    document = weasyprint_render(
        weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher), f"layout {layout.name!r}",
        stylesheets=sheets, color_profiles=profiles, font_config=fonts)
    if fetcher.refused:
        LOGGER.warning("refused to fetch: %s", ", ".join(fetcher.refused))
    return document, fetcher


@cache
def font_configuration() -> FontConfiguration:
    """The process's WeasyPrint font configuration: system fonts and the layouts' ``@font-face``
    fonts (all from ``fonts/fonts.toml``), loaded once and shared by every layout."""
    return FontConfiguration()


def weasyprint_render(html: weasyprint.HTML, what: str, **options: Any) -> weasyprint.Document:
    """``html.render()``; WeasyPrint's own failures on content it cannot place (an internal
    ``assert``, a recursion too deep) become one BuildError line, not a traceback."""
    try:
        return html.render(**options)
    except (AssertionError, RecursionError) as error:
        cause = f"{type(error).__name__} {error}".strip()
        raise BuildError(f"WeasyPrint could not lay out {what} ({cause})",
                         hint="a field may be too large for its box: shorten it") from None
