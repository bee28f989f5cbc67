"""Copyfitting a one-sheet print poster: the body text keeps its floor, chapters are condensed instead.

The poster's display type follows the sheet (its rem scale), but body text never
goes below ``[copyfit] body_floor_pt`` for the sheet (8 pt on A3, 9 pt on A2 in
``poster-print``).  When the report does not fit the sheet at that size, chapters
are condensed one key item a subsection at a time — the chapter showing the most
text first, down to its ● headings — and the poster, the build output and the
manifest name them.  The sheet is laid out without its page limit while fitting;
the limit is checked on the result (an error naming the sheet when even the most
condensed poster does not fit).
"""

from __future__ import annotations

import math
from dataclasses import replace

from ..layout import Layout, merge
from ..layout.papers import paper_size
from ..model import Report
from ..model.report import Chapter
from ..render import Rendered, RenderOptions, check_page_count, page_geometry, render
from .fitting import Fitting


def body_floor(floors: dict[str, float], sheet: tuple[float, float]) -> float:
    """The floor of the largest listed paper not larger than the sheet (by area); below
    every listed paper, the smallest paper's floor."""
    ranked = sorted((math.prod(paper_size(name)), points) for name, points in floors.items())
    area = math.prod(sheet)
    fitting = [points for size, points in ranked if size <= area * 1.001]
    return fitting[-1] if fitting else ranked[0][1]


def body_size(layout: Layout, width_mm: float, height_mm: float) -> float:
    """The poster's body text size on this sheet: its scaled design size, at least the floor."""
    page = layout.settings.page
    scale = min(width_mm / page.design_width_mm, height_mm / page.design_height_mm)
    return max(page.base_pt * scale, body_floor(layout.settings.copyfit.body_floor_pt, (width_mm, height_mm)))


def fit_poster(report: Report, layout: Layout, options: RenderOptions) -> tuple[Rendered, Fitting]:
    """Render the sheet at its body size, condensing chapters until it holds one page."""
    geometry = page_geometry(layout, options.mode)
    body_pt = body_size(layout, geometry.width_mm, geometry.height_mm)
    limit = layout.settings.poster.key_items if layout.settings.poster else 1
    keep = {chapter.number: limit for chapter in report.chapters}
    unlimited = replace(layout, config=merge(layout.config, {"page": {"max_pages": None}}))
    passes = 0
    while True:
        passes += 1
        rendered = render(report, unlimited, _options(options, body_pt, keep, limit, report))
        fits = len(rendered.document.pages) <= (layout.settings.page.max_pages or 1)
        condensed = condense(report, keep)
        if fits or condensed is None or passes >= layout.settings.copyfit.max_passes:
            break
        keep = condensed
    check_page_count(rendered.document, layout, geometry)
    rendered = replace(rendered, layout=layout)
    named = tuple(_described(report, keep, limit))
    return rendered, Fitting(passes=passes,
                             condensed=named, body_pt=body_pt)


def _options(options: RenderOptions, body_pt: float, keep: dict[int, int], limit: int,
             report: Report) -> RenderOptions:
    note = poster_note(report, keep, limit)
    extra = {**options.extra, "fit_body_pt": body_pt, "fit_key_items": dict(keep), "fit_note": note}
    return replace(options, extra=extra)


def condense(report: Report, keep: dict[int, int]) -> dict[int, int] | None:
    """``keep`` with one item fewer a subsection in the chapter showing the most text; None
    when every chapter is down to its headings."""
    shown = {chapter.number: _shown_text(chapter, keep[chapter.number]) for chapter in report.chapters}
    candidates = [number for number, length in shown.items() if keep[number] > 0]
    if not candidates:
        return None
    longest = max(candidates, key=lambda number: (shown[number], -number))
    return {**keep, longest: keep[longest] - 1}


def _shown_text(chapter: Chapter, limit: int) -> int:
    return sum(len(item) for section in chapter.sections for item in section.items[:limit])


def poster_note(report: Report, keep: dict[int, int], limit: int) -> str:
    """The poster's own word on what it condensed, e.g. ``版面所限，03、05只列小标题``."""
    headings = [f"{n:02d}" for n, kept in sorted(keep.items()) if kept == 0]
    fewer = [f"{n:02d}" for n, kept in sorted(keep.items()) if 0 < kept < limit]
    parts = []
    if headings:
        parts.append(f"{'、'.join(headings)}只列小标题")
    if fewer:
        parts.append(f"{'、'.join(fewer)}每节少列要点")
    return f"版面所限，{'；'.join(parts)}" if parts else ""


def _described(report: Report, keep: dict[int, int], limit: int):
    for chapter in report.chapters:
        kept = keep[chapter.number]
        if kept < limit:
            what = "its ● headings" if kept == 0 else f"{kept} key item{'s' if kept != 1 else ''} a subsection"
            yield f"chapter {chapter.number:02d} to {what}"
