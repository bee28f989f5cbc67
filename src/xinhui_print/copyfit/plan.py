"""Choosing moves for a booklet's near-empty pages, from one measured layout.

A page is *short* when it holds content down to less than ``min_fill`` of its text
block.  The unit that ends on it (a chapter, a part) gets the first move that the
layout allows and that is predicted to work, in this order:

1. ``pull-back``: tighter spacing, then leading, over the whole unit, so that its tail
   goes back onto the page before (the page count drops by one);
2. ``loosen``: looser spacing, then leading, so that the tail grows past ``min_fill``;
3. ``callout``: the chapter's key figure, set big, fills the page to ``callout_fill``;
4. ``join``: the next unit starts on this page (its opener as a heading block).

A unit whose move did not work (measured on the next layout) gets the next move.  A
pull-back that would leave blank pages before the back cover (the page count must stay
a multiple of ``pad_to_multiple``) is turned into a fill (loosen or callout) where one
is possible: a designer fills the pages the booklet has to pay for anyway.

Predictions are estimates from the measured boxes (body lines and the space below
blocks); the fitting loop measures again and escalates what fell short.
"""

from __future__ import annotations

from dataclasses import replace

from ..layout.config import CopyfitSettings
from ..model import Report
from .measure import PageMeasure, UnitMeasure, measure_units
from .moves import CALLOUT, JOIN, LOOSEN, PULL_BACK, STRETCH, Move, Moves, chapter_number, key_figure

ORDER = (PULL_BACK, LOOSEN, CALLOUT, JOIN, STRETCH)
SAFETY = 1.25  # predicted change needed, × what the measurement says
SPACE_SHARE = 0.6  # share of the measured space below blocks that follows the spacing factor
LINE_PX = 22.0  # one body line (9.5 pt × 1.75), the margin a pull-back keeps
LOOSEN_TARGET = 0.08  # a loosened tail aims this far past min_fill
JOIN_GAP = 0.12  # share of a page a joined opener adds (rule, space, smaller number)
JOIN_ROOM = 0.95  # a joined page may be filled this far


def short_units(pages: list[PageMeasure], units: list[UnitMeasure], settings: CopyfitSettings) -> list[UnitMeasure]:
    """Units whose last page is short and ends with them (first and last page aside: the covers)."""
    last_number = max((p.number for p in pages if not p.blank), default=0)
    by_number = {page.number: page for page in pages}
    found = []
    for unit in units:
        page = by_number[unit.last_page]
        if page.number in (1, last_number) or unit.pages[0] == 1:
            continue
        if page.fill < settings.min_fill and page.units[-1] == unit.unit:
            found.append(unit)
    return found


def choose(report: Report, pages: list[PageMeasure], moves: Moves, settings: CopyfitSettings,
           multiple: int, leading: float | None) -> Moves:
    """The moves for the next layout: the current ones, plus one for each unit still short."""
    units = measure_units(pages)
    short = short_units(pages, units, settings)
    chosen, joined = moves, set()
    for unit in reversed(short):  # from the back: a last short chapter pairs with the one before it
        move = None if unit.unit in joined else _join_back(unit, units, moves, settings)
        if move is not None and move.unit not in joined:
            chosen = chosen.with_move(move)
            joined |= {move.unit, unit.unit}
    for unit in short:
        move = None if unit.unit in joined else _next_move(report, unit, units, moves, settings, leading)
        if move is not None:
            chosen = chosen.with_move(move)
    return _keep_page_multiple(report, chosen, moves, pages, units, settings, multiple, leading)


def _next_move(report: Report, unit: UnitMeasure, order: list[UnitMeasure], moves: Moves,
               settings: CopyfitSettings, leading: float | None) -> Move | None:
    tried = moves.by_unit.get(unit.unit)
    start = ORDER.index(tried.kind) + 1 if tried and tried.kind in ORDER else 0
    for kind in ORDER[start:]:
        move = _try(kind, report, unit, order, moves, settings, leading)
        if move is not None:
            return move
    return None


def _try(kind: str, report: Report, unit: UnitMeasure, order: list[UnitMeasure], moves: Moves,
         settings: CopyfitSettings, leading: float | None) -> Move | None:
    allowed = set(settings.moves)
    if kind not in allowed and kind not in (LOOSEN, STRETCH):
        return None
    if kind == PULL_BACK and len(unit.pages) > 1:
        return _fitted(unit, -(unit.tail_px * SAFETY + 2 * LINE_PX), settings, leading, PULL_BACK)
    if kind == LOOSEN:
        deficit = (settings.min_fill + LOOSEN_TARGET) * unit.page_height - unit.tail_px
        return _fitted(unit, deficit * SAFETY, settings, leading, LOOSEN)
    if kind == CALLOUT:
        return _callout(report, unit, settings)
    if kind == JOIN:
        return _join(unit, order)
    if kind == STRETCH:
        return _stretched(unit, settings)
    return None


def _fitted(unit: UnitMeasure, change: float, settings: CopyfitSettings, leading: float | None,
            kind: str) -> Move | None:
    """Spacing first, then leading, changed just enough to move the unit's height by ``change`` px."""
    allowed = set(settings.moves)
    low, high = settings.spacing
    bound = low if change < 0 else high
    space_px = unit.gaps * SPACE_SHARE
    space_room = space_px * abs(bound - 1) if "spacing" in allowed else 0.0
    need = abs(change)
    if need <= space_room and space_px > 0:
        return Move(unit.unit, kind, space=round(1 + (change / space_px), 2), tail_before=unit.tail)
    space = bound if space_room > 0 else 1.0
    rest = need - space_room
    if "leading" not in allowed or not leading or unit.body_lines <= 0:
        return None
    target = leading * (1 + (rest if change > 0 else -rest) / unit.body_lines)
    lead_low, lead_high = settings.leading
    if not lead_low <= target <= lead_high:
        return None
    return Move(unit.unit, kind, space=space, leading=round(target, 2), tail_before=unit.tail)


def _stretched(unit: UnitMeasure, settings: CopyfitSettings) -> Move | None:
    """The last resort, not predicted: spacing and leading at the top of their ranges, and the
    missing height shared out between the lines of the last page as ``--xh-fit-gap`` (which a
    list of single lines, the contents, spreads by)."""
    allowed = set(settings.moves)
    if "spacing" not in allowed:
        return None
    leading = settings.leading[1] if "leading" in allowed else None
    missing = (settings.min_fill + LOOSEN_TARGET) * unit.page_height - unit.tail_px
    gap = round(missing / max(unit.tail_lines - 1, 1), 1)  # no gap above the first line
    return Move(unit.unit, STRETCH, space=settings.spacing[1], leading=leading, gap_px=gap, tail_before=unit.tail)


def _callout(report: Report, unit: UnitMeasure, settings: CopyfitSettings) -> Move | None:
    number = chapter_number(unit.unit)
    callout = key_figure(report, number) if number is not None else None
    if callout is None:
        return None
    height = (settings.callout_fill - unit.tail - 0.05) * unit.page_height
    if height < 0.2 * unit.page_height:
        return None
    return Move(unit.unit, CALLOUT, callout=replace(callout, height_px=round(height, 1)), tail_before=unit.tail)


def _join(unit: UnitMeasure, order: list[UnitMeasure]) -> Move | None:
    """The next unit starts on this page; never the back cover (the last unit)."""
    index = order.index(unit)
    if index + 2 >= len(order) or not (unit.joinable and order[index + 1].joinable):
        return None
    return Move(unit.unit, JOIN, joins=order[index + 1].unit, tail_before=unit.tail)


def _join_back(unit: UnitMeasure, units: list[UnitMeasure], moves: Moves,
               settings: CopyfitSettings) -> Move | None:
    """A one-page unit that fits under the previous unit's short last page starts there
    (two half-empty pages become one): the previous unit's move becomes this join."""
    index = [u.unit for u in units].index(unit.unit)
    if JOIN not in settings.moves or len(unit.pages) != 1 or index < 2 or unit.unit in moves.by_unit:
        return None
    previous = units[index - 1]
    if not (previous.joinable and unit.joinable):
        return None
    tried = moves.by_unit.get(previous.unit)
    if (tried is not None and tried.kind == JOIN) or previous.last_page != unit.pages[0] - 1:
        return None
    if previous.tail + unit.tail + JOIN_GAP > JOIN_ROOM:
        return None
    return Move(previous.unit, JOIN, joins=unit.unit, tail_before=previous.tail)


def _keep_page_multiple(report: Report, chosen: Moves, before: Moves, pages: list[PageMeasure],
                        units: list[UnitMeasure], settings: CopyfitSettings, multiple: int,
                        leading: float | None) -> Moves:
    """Turn new pull-backs and paired joins into fills while they would leave blank pages
    before the back cover (the last ones first)."""
    if multiple <= 1:
        return chosen
    filled = sum(1 for page in pages if not page.blank)
    new = [move for move in chosen if before.by_unit.get(move.unit) != move]
    saved = sum(1 for move in new if move.kind in (PULL_BACK, JOIN))
    by_unit = {unit.unit: unit for unit in units}
    for move in reversed(new):
        if (-(filled - saved)) % multiple == 0:
            break
        if move.kind == PULL_BACK:
            fills = _fills(report, [by_unit[move.unit]], before, settings, leading)
        elif move.kind == JOIN and move.joins in by_unit:
            short = [by_unit[name] for name in (move.unit, move.joins) if by_unit[name].tail < settings.min_fill]
            fills = _fills(report, short, before, settings, leading)
        else:
            continue
        if fills is not None:
            chosen = chosen.without(move.unit)
            for fill in fills:
                chosen = chosen.with_move(fill)
            saved -= 1
    return chosen


def _fills(report: Report, units: list[UnitMeasure], before: Moves, settings: CopyfitSettings,
           leading: float | None) -> list[Move] | None:
    """A fill (loosen or callout) for each unit, or None when one of them has none."""
    fills = [_try(LOOSEN, report, unit, [], before, settings, leading)
             or _try(CALLOUT, report, unit, [], before, settings, leading) for unit in units]
    return None if None in fills else fills
