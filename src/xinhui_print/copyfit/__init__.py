"""Copyfitting: lay out, measure where each chapter ends, lay out again with the moves that fill the pages.

:func:`fit` is a loop above the stateless :func:`~xinhui_print.render.render`:
render → measure page fill from the laid-out boxes (:mod:`.measure`) → choose
moves within the layout's ``[copyfit]`` limits (:mod:`.plan`, :mod:`.poster`) →
render again with the moves as extra stylesheets and template data — at most
``max_passes`` layouts, and only one more when a page is short.  Screen and press
output of a layout get the same moves: they are chosen from the same geometry
(press bleed lies outside the text block).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..layout import Layout
from ..model import Report
from ..render import Rendered, RenderOptions, render
from .measure import PageMeasure, body_leading, measure_pages
from .moves import Move, Moves
from .plan import choose, short_units
from .measure import measure_units


@dataclass(frozen=True)
class Fitting:
    """What copyfitting did: the moves, the passes (layouts made) and each page's fill after it."""

    moves: tuple[Move, ...] = ()
    pages: tuple[PageMeasure, ...] = ()
    passes: int = 1
    condensed: tuple[str, ...] = ()  # print poster: what was condensed, in words
    body_pt: float | None = None  # print poster: body text size
    short: tuple[int, ...] = ()  # pages still short after the last pass

    def moves_on(self, page: PageMeasure) -> list[str]:
        return [move.describe() for move in self.moves if {move.unit, move.joins} & set(page.units)]

    def as_json(self) -> dict:
        """The manifest's ``copyfit`` entry: per page its fill and the moves taken there."""
        data: dict = {"passes": self.passes, "moves": [move.describe() for move in self.moves]}
        if self.body_pt is not None:
            data["body_pt"] = round(self.body_pt, 2)
        if self.condensed:
            data["condensed"] = list(self.condensed)
        data["pages"] = [{"page": page.number, "fill": round(page.fill, 3),
                          **({"blank": True} if page.blank else {}), "moves": self.moves_on(page)}
                         for page in self.pages]
        if self.short:
            data["short_pages"] = list(self.short)
        return data

    def summary(self) -> str:
        """One line for the build output."""
        parts = [f"copyfit {self.passes} pass{'es' if self.passes != 1 else ''}"]
        parts += [move.describe() for move in self.moves]
        if self.body_pt is not None:
            parts.append(f"body text {self.body_pt:.1f} pt")
        parts += [f"condensed {what}" for what in self.condensed]
        filled = [page.fill for page in self.pages[1:-1] if not page.blank]
        if filled:
            parts.append(f"lowest fill {min(filled):.0%}")
        if self.short:
            parts.append(f"still short: page {', '.join(map(str, self.short))}")
        return "; ".join(parts)


def with_moves(options: RenderOptions, moves: Moves) -> RenderOptions:
    """``options`` with the moves' stylesheet and callouts added."""
    extra = {**options.extra, "fit_callouts": moves.callouts()}
    sheet = moves.stylesheet()
    return replace(options, extra=extra, stylesheets=(*options.stylesheets, *((sheet,) if sheet else ())))


def fit(report: Report, layout: Layout, options: RenderOptions = RenderOptions()) -> tuple[Rendered, Fitting]:
    """Lay ``report`` out with ``layout``, copyfitted as its ``[copyfit]`` table allows."""
    settings = layout.settings.copyfit
    if layout.kind == "print-poster" and settings.body_floor_pt:
        from .poster import fit_poster

        return fit_poster(report, layout, options)
    rendered = render(report, layout, options)
    if not settings.moves:
        return rendered, Fitting()
    moves, passes = Moves(), 1
    pages = measure_pages(rendered.document)
    leading = body_leading(pages)
    while passes < settings.max_passes:
        chosen = choose(report, pages, moves, settings, layout.settings.page.pad_to_multiple, leading)
        if chosen == moves:
            break
        moves, passes = chosen, passes + 1
        rendered = render(report, layout, with_moves(options, moves))
        pages = measure_pages(rendered.document)
    short = tuple(unit.last_page for unit in short_units(pages, measure_units(pages), settings))
    return rendered, Fitting(tuple(moves), tuple(pages), passes, short=short)


__all__ = ["Fitting", "fit", "with_moves"]
