"""Set-level fitting: planned cards → one body size and one header height for the whole set.

A set reads as one piece when its frames hold still: every card of a set has the
same body size and the same header band height, so titles do not jump as the
reader swipes.  Fitting therefore chooses per set, not per card:

1. the planned cards hold at most six list items each (:mod:`.plan`), so what is
   on a card is decided before any layout;
2. the cards are laid out on tall pages (:mod:`.measure`) at the floor size:
   each card's header band as its text needs it, and where the card ends;
   the set's header height is the tallest band.  A card that does not fit at
   the floor size under that band is split in two (its list items balanced) —
   or, when it is an abridged card (节选), loses its least key item, so a
   condensed set keeps its number of cards — and those cards are measured again; a
   card with one item that still does not fit is a :class:`FitError` naming it;
3. the body size is the largest whole px from floor to base at which every
   card fits under the set's (re-measured) tallest band: binary search, one
   layout per probe size of the cards not yet measured at that size (the
   measure keeps what it measured: :class:`~.measure.ProbeCache`), up to the bound the floor measurement
   sets (everything but the band's top padding is in em, and text set larger
   wraps into at least as many lines: a card's height grows at least in
   proportion to the size);
4. each card's hero panel is given the height its page has left (the slack the
   measurement at that size shows), so content fills the card rather than
   stopping two thirds down; the caller lays the set out once at that size, band
   height and hero heights, on its real pages, and checks every card is one page.

Overflow is never guessed: every answer comes from a layout at the size asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..errors import BuildError
from .measure import EPSILON, CardMetrics
from .plan import Card, abridge_further, with_own_heroes

FLOOR_PX = 30
"""Smallest body text on a card, in CSS px: a 1080 px card on a phone about 390 pt wide is
scaled by ~0.36, so 30 px reads as ~11 pt (issue 18: body ≥ 30 px on 1080-wide cards)."""

BASE_PX = 40
"""Largest body text a set starts from (tall presets with room to spare use it)."""

Measure = Callable[[list[Card]], list[CardMetrics]]


class FitError(BuildError):
    """Fixed content (a header and one block) does not fit on a card even at the floor size."""


def band(metrics: list[CardMetrics]) -> float:
    """The set's header height: the tallest header band of the cards."""
    return max((m.head for m in metrics), default=0.0)


def fits(metrics: list[CardMetrics]) -> bool:
    head = band(metrics)
    return all(m.fits(head) for m in metrics)


HERO_SAFETY = 2.0
"""px the grown hero panel leaves free on a page (rounding of box positions)."""


def hero_height(metrics: CardMetrics, head: float) -> float:
    """The hero panel's height on its page: as its figures need, plus what the page has left."""
    if not metrics.hero:
        return 0.0
    return float(int(metrics.hero + max(0.0, metrics.slack(head) - HERO_SAFETY)))


def fit_set(cards: list[Card], measure: Measure, base: float, floor: float) -> list[Card]:
    """The set at one body size and one header height (see the module doc)."""
    fixed = [card for card in cards if card.kind == "cover"]  # fixed content, checked by the layout
    flowing = [card for card in cards if card.kind != "cover"]
    flowing, metrics = _fit_at_floor(flowing, measure, floor)
    size, lo, hi = floor, int(floor), min(int(base), int(upper_bound(metrics, floor)))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        trial = measure(_at(flowing, mid))
        if fits(trial):
            size, metrics, lo = float(mid), trial, mid
        else:
            hi = mid - 1
    head = band(metrics)
    fitted = iter(replace(card, font_px=size, head_px=head, hero_px=hero_height(m, head))
                  for card, m in zip(flowing, metrics))
    return [*(replace(card, font_px=size) for card in fixed), *fitted]  # the cover stays first


def upper_bound(metrics: list[CardMetrics], floor: float) -> float:
    """A size no card can fit beyond: from the floor measurement, heights scaled in proportion."""
    head = band(metrics)
    bounds = [floor * (m.limit - m.fixed) / (m.bottom + head - m.head - m.fixed)
              for m in metrics if m.bottom + head - m.head > m.fixed]
    return min(bounds, default=floor) + EPSILON


def _at(cards: list[Card], size: float) -> list[Card]:
    return [replace(card, font_px=size, head_px=0, hero_px=0) for card in cards]


def _fit_at_floor(cards: list[Card], measure: Measure, floor: float) -> tuple[list[Card], list[CardMetrics]]:
    """Cards that each fit at the floor size under the set's header band, split where needed.
    Each card lies on a page of its own, so only the cards a round changed are measured again."""
    cards = _at(cards, floor)
    metrics = measure(cards)
    while True:
        head = band(metrics)
        spilled = [i for i, m in enumerate(metrics) if not m.fits(head)]
        if not spilled:
            return cards, metrics
        pieces = {i: _at(_split(cards[i], floor), floor) for i in spilled}
        fresh = iter(measure([piece for i in spilled for piece in pieces[i]]))
        cards, metrics = (
            [piece for i, card in enumerate(cards) for piece in pieces.get(i, [card])],
            [m for i, old in enumerate(metrics) for m in ([next(fresh) for _ in pieces[i]] if i in pieces else [old])],
        )


def _split(card: Card, floor: float) -> list[Card]:
    """A card too long at the floor size → two cards, its list items balanced between them
    (an abridged card: the card with one key item fewer)."""
    if card.of_items and len(card.blocks) > 1:
        return [abridge_further(card)]
    if len(card.blocks) < 2:
        text = card.blocks[0].text if card.blocks else ""
        raise FitError(f"card {card.label!r} does not fit at the floor size {floor:g} px: "
                       f"{text[:40]}{'…' if len(text) > 40 else ''}")
    half = (len(card.blocks) + 1) // 2
    first = card.with_blocks(card.blocks[:half], continues=True)
    rest = card.with_blocks(card.blocks[half:], continued=True)
    return [with_own_heroes(first), with_own_heroes(rest)]
