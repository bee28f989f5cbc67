"""Render stage: Report + Layout → laid-out WeasyPrint Document (lay out once, export many times).

Steps: theme colours and charts → template (HTML) → Chinese typesetting → WeasyPrint layout.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import weasyprint
from markupsafe import Markup

from ..charts import chart_svg, results_vs_targets
from ..errors import BuildError
from ..fonts import FontRole, check_document_glyphs, check_glyphs, load_roles
from ..layout import Layout
from ..layout.theme import theme_colours
from ..model import Report
from ..press.css import inject_press_css
from ..layout.papers import length_mm, paper_size
from ..project import project
from ..template import TemplateContext, render_html
from ..typeset import install_justification, typeset_html
from .fetcher import ProjectFetcher

LOGGER = logging.getLogger("xinhui_print")
DEFAULT_PROFILE = "data/icc/ISOcoated_v2_300_bas.icc"


@dataclass
class Rendered:
    """A laid-out document and what it was made from."""

    layout: Layout
    mode: str
    html: str
    document: weasyprint.Document
    fetcher: ProjectFetcher
    warnings: list[str] = field(default_factory=list)


def icc_profile(layout: Layout) -> Path:
    return project().root / layout.section("press").get("icc", DEFAULT_PROFILE)


def layout_fonts(layout: Layout) -> dict[str, FontRole]:
    """The font roles a layout uses (its ``[fonts]`` table maps use → role name)."""
    roles = load_roles()
    wanted = layout.section("fonts") or {"body": "serif", "heading": "sans", "numeral": "numeral"}
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
    page = layout.section("page")
    if "size" not in page:
        return None
    width, height = paper_size(str(page["size"]))
    bleed_key = "press_bleed" if mode == "press" else "bleed"
    bleed = length_mm(page.get(bleed_key, "3mm" if mode == "press" else "0mm"))
    return PageGeometry(width, height, bleed)


def template_context(report: Report, layout: Layout, mode: str, extra: dict[str, Any] | None = None) -> TemplateContext:
    fonts = layout_fonts(layout)
    theme = theme_colours(layout.section("theme"), mode, icc_profile(layout))
    charts = _charts(report, layout, theme, fonts)
    context = {"page": page_geometry(layout, mode), **(extra or {})}
    return TemplateContext(layout, mode, theme, fonts, charts, context)


def _charts(report: Report, layout: Layout, theme: dict[str, str], fonts: dict[str, FontRole]) -> dict[str, Markup]:
    chart = layout.section("chart")
    spec = results_vs_targets(
        report,
        width_mm=float(chart.get("width_mm", 110)),
        font_family=fonts.get("heading", next(iter(fonts.values()))).family,
        font_size_pt=float(chart.get("font_size_pt", 7.5)),
    )
    if spec is None:
        return {}
    colours = {"red": theme["red"], "grey": theme["grey"], "ink": theme["ink"], "rule": theme["rule"]}
    return {"results_vs_targets": Markup(chart_svg(spec, colours, project().root / ".cache" / "charts"))}


def typeset(html: str, layout: Layout) -> str:
    """The Chinese typesetting stage (punctuation, figures, justification)."""
    options = layout.settings.typeset
    if options.justify:
        install_justification()
    return typeset_html(html, options)


def render(report: Report, layout: Layout, mode: str = "screen", extra: dict[str, Any] | None = None) -> Rendered:
    """Lay out ``report`` with ``layout``: glyph check, template, typesetting, WeasyPrint."""
    context = template_context(report, layout, mode, extra)
    check_glyphs(glyph_texts(report), context.fonts.values())
    html = render_html(report, context)
    check_document_glyphs(html, context.fonts.values(), f"the text of layout {layout.name!r}")
    html = typeset(html, layout)
    if mode == "press":
        html = inject_press_css(html, icc_profile(layout))
    document, fetcher = lay_out(html, layout)
    check_page_count(document, layout, context.extra["page"])
    multiple = int(layout.section("page").get("pad_to_multiple", 1))
    if multiple > 1:
        document = pad_pages(document, multiple, context.extra["page"])
    return Rendered(layout, mode, html, document, fetcher)


def check_page_count(document: weasyprint.Document, layout: Layout, page: PageGeometry | None) -> None:
    """``[page] max_pages`` (a one-sheet poster): more pages is an error, never silent clipping."""
    limit = layout.section("page").get("max_pages")
    if limit and len(document.pages) > int(limit):
        sheet = f" on {layout.section('page').get('size')} ({page.size})" if page else ""
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
    blank_html = (
        f"<html lang='zh-CN'><style>@page {{ size: {page.size}; bleed: {page.bleed}; margin: 0 }}"
        "div { break-before: page }</style><body>" + "<div></div>" * missing + "</body></html>"
    )
    blanks = weasyprint.HTML(string=blank_html, url_fetcher=ProjectFetcher(())).render().pages
    pages = [*document.pages[:-1], *blanks, document.pages[-1]]
    return document.copy(pages)


def lay_out(html: str, layout: Layout) -> tuple[weasyprint.Document, ProjectFetcher]:
    fetcher = ProjectFetcher(project().readable_roots)
    document = weasyprint.HTML(string=html, base_url=str(layout.path) + "/", url_fetcher=fetcher).render()
    if fetcher.refused:
        LOGGER.warning("refused to fetch: %s", ", ".join(fetcher.refused))
    return document, fetcher
