"""The exact card search: planned cards → cards that each fit on one page, shrunk or continued.

Sets are normally fitted from one measurement (:mod:`.predict`), which this
search backs up: it takes the cards the measurement cannot decide and any card
that the set's layout shows spilling, and it decides by trial layouts alone.

Overflow is detected by layout, never guessed: each card starts a new page, so
a card that needs more than one page overflows.  Per card the result is:

1. it fits at the base size → kept at the base size;
2. it fits at the floor size only → the largest whole-px size between floor and
   base that fits (binary search);
3. it overflows even at the floor size → at the floor size it keeps the leading
   blocks that lie wholly on its first page, and the rest moves to a follow-up
   card marked （续）, which is fitted the same way;
4. no block fits beside the header even at the floor size → :class:`FitError`
   naming the card and the text.

"The base size" is a card's own ``font_px`` when that is smaller: a card that
spilled at some size is searched below it.

Text height only grows with the font size.  Long cards are probed at the
floor size first (one that overflows there overflows at every size, so long
chapters are split without ever being laid out at the base size); short cards
at the base size first (they usually fit there and are settled in one round).
A card that fits at the floor but not at the base gets the largest whole-px
size in between that fits (binary search).

Probes are batched: every round lays out all cards still in question in one
document (``lay_out(cards) -> Document``), so a set takes a handful of
layouts, not one per probe.  A floor probe of a long card holds only a prefix
of its blocks (:data:`FIRST_PREFIX`, then 1.5 × what fitted on the previous
card): where the first page ends does not depend on the blocks after it, so
the split is the same as with all blocks, and long chapters are not laid out
again and again in full.  A prefix that fits is retried with all blocks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import weasyprint

from ..errors import BuildError
from ..render.weasyprint_adapter import page_tree
from .pages import card_spans
from .plan import Card

FLOOR_PX = 28
"""Smallest body text on a card, in CSS px.  A 1080 px card shown on a phone
about 390 pt wide is scaled by ~0.36, so 28 px reads as ~10 pt: the smallest
size that stays readable without zooming (the base, 34 px, reads as ~12 pt)."""

BASE_PX = 34

FIRST_PREFIX = 16
"""Blocks in the first floor probe of a long card (more than any card holds at the floor size)."""

SHORT_CARD_BLOCKS = 8
"""Cards with at most this many blocks (cover, KPIs, targets, closing) are tried at the
base size first."""


class FitError(BuildError):
    """Raised when a card's fixed content does not fit even at the floor size."""


@dataclass
class _Probe:
    """One probe of one card: the card at ``size``; ``low``/``high`` bound the search,
    ``top`` is the largest size it may have (the base size, or less: see :func:`fit_cards`)."""

    card: Card
    size: float
    top: float
    low: float | None = None  # largest size known to fit
    high: float | None = None  # smallest size known to overflow
    prefix: int | None = None  # floor probes of long cards: only this many leading blocks

    def probe_card(self) -> Card:
        blocks = self.card.blocks if self.prefix is None else self.card.blocks[: self.prefix]
        return replace(self.card, blocks=blocks, font_px=self.size)

    @property
    def partial(self) -> bool:
        return self.prefix is not None and self.prefix < len(self.card.blocks)


def blocks_on_page(document: weasyprint.Document, page_index: int, card: int) -> set[int]:
    """Indexes (``data-bi``) of the card's blocks that have a box on the page."""
    if page_index >= len(document.pages):
        return set()
    return {int(box.attrs["data-bi"]) for box in page_tree(document.pages[page_index]).walk()
            if box.attrs.get("data-card") == str(card) and box.attrs.get("data-bi")}


def whole_blocks_on_first_page(document: weasyprint.Document, first_page: int, card: int) -> int:
    """How many leading blocks lie wholly on the card's first page."""
    first = blocks_on_page(document, first_page, card)
    spilled = blocks_on_page(document, first_page + 1, card)
    count = 0
    while count in first and count not in spilled:
        count += 1
    return count


def _fixed_content_error(card: Card, floor: float) -> FitError:
    what = f"the first block {card.blocks[0].text!r}" if card.blocks else "its header"
    return FitError(
        f"card {card.label!r} does not fit even at the floor size of {floor:g} px: "
        f"{what} is too long for one card (title {card.title!r})"
    )


Measure = Callable[[list[Card]], list[tuple[int, int]]]
"""Lays out probe cards → ``(pages, leading blocks wholly on the first page)`` per card."""


def measure_document(document: weasyprint.Document, count: int) -> list[tuple[int, int]]:
    """What a probe layout says about each of its ``count`` cards."""
    return [
        (pages, whole_blocks_on_first_page(document, page, position))
        for position, (page, pages) in enumerate(card_spans(document, count))
    ]


def fit_cards(cards: list[Card], measure: Measure, base: float = BASE_PX, floor: float = FLOOR_PX) -> list[Card]:
    """Shrink and split ``cards`` until each fits on one page; order is kept.

    ``measure`` lays out a round of probe cards (see :func:`measure_document`).  A card is
    never set larger than ``base``, nor than its own ``font_px`` when that is set:
    a card that spilled at some size is searched below it."""
    return [card for group in fit_card_groups(cards, measure, base, floor) for card in group]


def fit_card_groups(cards: list[Card], measure: Measure, base: float = BASE_PX,
                    floor: float = FLOOR_PX) -> list[list[Card]]:
    """:func:`fit_cards`, with the fitted cards of each card in a list of their own."""
    if not cards:
        return []
    slots: list[list[Card]] = [[] for _ in cards]  # fitted cards per planned card
    active = {i: _first_probe(card, min(base, card.font_px or base), floor) for i, card in enumerate(cards)}
    while active:
        keys = sorted(active)
        results = measure([active[key].probe_card() for key in keys])
        for key, (pages, whole) in zip(keys, results):
            follow = _advance(active.pop(key), pages == 1, whole, slots[key], floor)
            if follow is not None:
                active[key] = follow
    return slots


def _first_probe(card: Card, top: float, floor: float) -> _Probe:
    if len(card.blocks) <= SHORT_CARD_BLOCKS or top <= floor:
        return _Probe(card, max(top, floor), top)
    return _Probe(card, floor, top, prefix=FIRST_PREFIX)


def _advance(probe: _Probe, fits: bool, whole: int, done: list[Card], floor: float) -> _Probe | None:
    """One probe's result → the card's next probe, or None when it is settled."""
    card, size, top = probe.card, probe.size, probe.top
    if size <= floor and not fits:  # too long even at the floor: continue on a （续） card
        return _split(card, whole, done, floor, top)
    if probe.partial:  # the floor prefix fits: try again with every block
        return _Probe(card, floor, top)
    low = size if fits else probe.low
    high = probe.high if fits else size
    if fits and size >= top:
        done.append(replace(card, font_px=size))
        return None
    if low is None:  # overflowed at the top size, floor not tried yet
        return _Probe(card, floor, top, low, high)
    if high is None:  # fits at the floor, the top size not tried yet
        return _Probe(card, top, top, low, high)
    if high - low <= 1:
        done.append(replace(card, font_px=low))
        return None
    return _Probe(card, float((low + high) // 2), top, low, high)


def _split(card: Card, count: int, done: list[Card], floor: float, top: float) -> _Probe:
    if count == 0:
        raise _fixed_content_error(card, floor)
    if count >= len(card.blocks):  # every block fits, yet the card spills: its header is too big
        raise _fixed_content_error(card.with_blocks(()), floor)
    done.append(card.with_blocks(card.blocks[:count], font_px=floor, continues=True))
    rest = card.with_blocks(card.blocks[count:], continued=True)  # goes on where the card went on
    return _Probe(rest, floor, top, prefix=count + count // 2 + 1)
