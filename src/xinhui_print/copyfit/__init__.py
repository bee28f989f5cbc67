"""Copyfitting: lay out, measure where each chapter ends, lay out again with the moves that fill the pages.

:func:`fit` is a loop above the stateless :func:`~xinhui_print.render.render`:
render → measure page fill from the laid-out boxes (:mod:`.measure`) → choose
moves within the layout's ``[copyfit]`` limits (:mod:`.plan`, :mod:`.poster`) →
render again with the moves as extra stylesheets and template data — at most
``max_passes`` layouts, and only one more when a page is short (the first of them
made part by part from earlier calls' parts when the caller keeps :class:`NaturalPages`, as the
studio does: :mod:`.natural`).  Screen and press
output of a layout get the same moves: they are chosen from the same geometry
(press bleed lies outside the text block).
"""

from __future__ import annotations

from dataclasses import replace

from ..layout import Layout
from ..model import Report
from ..render import Rendered, RenderOptions, render
from .fitting import Fitting
from .measure import body_leading, measure_pages, measure_units
from .moves import Moves
from .natural import NaturalPages
from .plan import choose, short_units
from .poster import fit_poster


def with_moves(options: RenderOptions, moves: Moves) -> RenderOptions:
    """``options`` with the moves' stylesheet and callouts added."""
    extra = {**options.extra, "fit_callouts": moves.callouts()}
    sheet = moves.stylesheet()
    return replace(options, extra=extra, stylesheets=(*options.stylesheets, *((sheet,) if sheet else ())))


def fit(report: Report, layout: Layout, options: RenderOptions = RenderOptions(),
        natural: NaturalPages | None = None) -> tuple[Rendered, Fitting]:
    """Lay ``report`` out with ``layout``, copyfitted as its ``[copyfit]`` table allows.

    ``natural``: the parts of the layout without moves kept from earlier calls (the studio's,
    across edits): the first pass then lays out only the parts not seen before.  The result
    is the same either way."""
    settings = layout.settings.copyfit
    if layout.kind == "print-poster" and settings.body_floor_pt:
        return fit_poster(report, layout, options)
    if not settings.moves:
        return render(report, layout, options), Fitting()
    known = natural.pages(report, layout, options) if natural is not None else None
    rendered = render(report, layout, options) if known is None else None
    pages = known if rendered is None else measure_pages(rendered.document)
    moves, passes = Moves(), 1
    leading = body_leading(pages)
    while passes < settings.max_passes:
        chosen = choose(report, pages, moves, settings, layout.settings.page.pad_to_multiple, leading)
        if chosen == moves:
            break
        moves, passes = chosen, passes + 1
        rendered = render(report, layout, with_moves(options, moves))
        pages = measure_pages(rendered.document)
    if rendered is None:  # nothing to move: the booklet is the layout without moves
        rendered = render(report, layout, options)
        pages = measure_pages(rendered.document)
    short = tuple(unit.last_page for unit in short_units(pages, measure_units(pages), settings))
    return rendered, Fitting(tuple(moves), tuple(pages), passes, short=short)


__all__ = ["Fitting", "NaturalPages", "fit", "with_moves"]
