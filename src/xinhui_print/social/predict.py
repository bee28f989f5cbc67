"""Fitting from one measurement: probe metrics → split points and sizes, for the final layout to confirm.

One layout of probe cards on tall pages (:mod:`.measure`) says where each
block ends at the size it was set in.  From that:

* **Splits** at the floor size are exact.  A block's border box does not depend
  on the blocks after it, so the bottom of a piece ``j..k`` of a card is the
  bottom of block ``k`` moved by where block ``j`` starts.  The first piece is the
  card as measured; a follow-up piece has the （续） header and starts with its
  section heading (``● 小节（续）`` when it starts inside a section), whose
  offsets come from a second probe card per long card: the （续） header over one
  block per section that starts in the middle of it.
* A card that needs ``n`` cards at the floor size gets exactly ``n`` — it is
  never continued where shrinking to the floor would have kept it whole — with
  its blocks **balanced** between them (the fullest card as empty as possible),
  so no （续） card holds a lone item, at the largest size at which ``n`` cards
  are estimated to hold it.  A chapter reads at one size across its cards.
* **Sizes** between floor and base are estimated: at another size everything
  on a card scales (all is in em) except what is set in px (the header's top
  padding, the body width), so text rewraps; :func:`estimate_bottom` counts the
  lines again per paragraph, rounding up.  The estimate is only a proposal:
  the final layout checks every card (one page each) and the exact search of
  :mod:`.fit` takes over for any card that spilled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cache

from .measure import EPSILON, CardMetrics, Paragraph
from .plan import Block, Card

LINE_SLACK = 0.2
"""Width lost at the end of each wrapped line, in line heights (about a third of a character):
lines break before a character or a figure that does not fit, and longer figures
(kept whole) leave more."""

SAFETY_LINES = 0.25
"""An estimated size must leave this many body lines free (the estimate rounds up, but lines
can break differently): the price of a card that spills is another layout."""


@dataclass(frozen=True)
class Probe:
    """What was measured of one planned card."""

    measured: CardMetrics  # short cards at the base size, long cards at the floor size
    continued: CardMetrics | None = None  # its （续） probe
    blocks: tuple[Block, ...] = ()  # the card's blocks
    continued_blocks: tuple[Block, ...] = ()  # the blocks of the （续） probe


# ---------------------------------------------------------------- splits


@dataclass(frozen=True)
class Pieces:
    """Where a piece ``j..k`` of one card ends: exactly at the floor size, estimated at others."""

    probe: Probe

    @property
    def natural(self) -> CardMetrics:
        return self.probe.measured

    def start_offset(self, j: int) -> float | None:
        """Block top → body top of block ``j`` when it opens a follow-up card (None: unknown)."""
        block, probe = self.natural.blocks[j], self.probe
        if j == 0 or starts_section(probe.blocks[j]):
            return block.body_top - block.top  # its heading is the plain one, as measured
        section = section_of(probe.blocks[j])
        for opening, measured in zip(probe.continued_blocks, probe.continued.blocks if probe.continued else ()):
            if not starts_section(opening) and section_of(opening) == section:
                return measured.body_top - measured.top
        return None

    def bottom(self, j: int, k: int) -> float | None:
        """Bottom of blocks ``j..k`` (inclusive) on one card at the floor size; the first card when ``j == 0``."""
        blocks = self.natural.blocks
        if j == 0:
            return blocks[k].bottom
        offset, cont = self.start_offset(j), self.probe.continued
        if offset is None or cont is None or not cont.blocks:
            return None
        return cont.blocks[0].top + offset + blocks[k].bottom - blocks[j].body_top

    def at(self, size: float) -> "SizedPieces":
        return SizedPieces(self, size)


class SizedPieces:
    """:class:`Pieces` at one size: bottoms (estimated unless at the measured size) against the limit."""

    def __init__(self, pieces: Pieces, size: float):
        natural, cont = pieces.natural, pieces.probe.continued
        self.pieces, self.scale = pieces, size / natural.size
        self.prefix = [0.0]  # growth of blocks 0..k-1
        for block in natural.blocks:
            self.prefix.append(self.prefix[-1] + _growth(block.paragraphs, self.scale, natural.body_width))
        self.header_growth = (_growth(natural.header, self.scale, natural.body_width),
                              _growth(cont.header, self.scale, natural.body_width) if cont else 0.0)
        spare = SAFETY_LINES * _body_line(natural) * self.scale if self.scale != 1 else 0.0
        self.limit = natural.limit - spare + EPSILON
        self._bottoms: dict[tuple[int, int], float | None] = {}

    def bottom(self, j: int, k: int) -> float | None:
        if (j, k) not in self._bottoms:
            exact = self.pieces.bottom(j, k)
            if exact is not None and self.scale != 1:
                fixed = self.pieces.natural.fixed_top
                growth = self.header_growth[j > 0] + self.prefix[k + 1] - self.prefix[j]
                exact = fixed + self.scale * (exact - fixed + growth)
            self._bottoms[(j, k)] = exact
        return self._bottoms[(j, k)]

    def fits(self, j: int, k: int) -> bool:
        value = self.bottom(j, k)
        return value is not None and value <= self.limit


def split_pieces(pieces: Pieces, base: float, floor: float) -> tuple[float, list[tuple[int, int]]] | None:
    """(size, blocks ``(first, last)`` per card) for a card too long for one card at the floor size.

    It gets as few cards as hold it at the floor size, at the largest size at which
    that many cards are estimated to hold it, its blocks balanced between them.
    None when some block cannot open a card (unmeasured) or fit on one alone: the
    exact search of :mod:`.fit` then decides (and names what does not fit)."""
    count = len(pieces.natural.blocks)
    cards = _fewest_cards(count, pieces.at(floor).fits)
    if cards is None:
        return None
    for size in _sizes(base, floor):
        split = balanced_split(pieces.at(size), count, cards)
        if split is not None:
            return float(size), split
    return None


def balanced_split(sized: SizedPieces, count: int, cards: int) -> list[tuple[int, int]] | None:
    """Blocks on exactly ``cards`` cards, all fitting, the fullest card as empty as it can be."""

    @cache
    def best(j: int, left: int) -> tuple[float, tuple[tuple[int, int], ...]] | None:
        if left == 1:
            return (sized.bottom(j, count - 1), ((j, count - 1),)) if sized.fits(j, count - 1) else None
        found = None
        for k in range(j, count - left + 1):
            if not sized.fits(j, k):
                break
            rest = best(k + 1, left - 1)
            if rest is None:
                continue
            worst = max(sized.bottom(j, k), rest[0])
            if found is None or worst <= found[0] + EPSILON:  # ties: the fuller first card
                found = (worst, ((j, k), *rest[1]))
        return found

    result = best(0, cards)
    return list(result[1]) if result else None


def _fewest_cards(count: int, fits) -> int | None:
    """Greedy fill: the fewest cards that hold all ``count`` blocks (None: a block fits nowhere)."""
    cards, j = 0, 0
    while j < count:
        k = j
        while k < count and fits(j, k):
            k += 1
        if k == j:
            return None
        cards, j = cards + 1, k
    return cards


# ---------------------------------------------------------------- sizes between floor and base


def _sizes(base: float, floor: float) -> list[float]:
    """Whole-px sizes from ``base`` down to ``floor``."""
    return [*map(float, range(int(base), int(math.ceil(floor)), -1)), floor]


def estimate_bottom(metrics: CardMetrics, size: float) -> float:
    """Where the card measured in ``metrics`` would end when set at ``size`` px (see the module doc)."""
    return Pieces(Probe(metrics)).at(size).bottom(0, len(metrics.blocks) - 1)


def _growth(paragraphs, scale: float, body_width: float) -> float:
    """Extra height of ``paragraphs`` set ``scale`` times larger.  Paragraphs stacked in the
    body add up; narrow ones side by side (cells of one grid row) change the row's height:
    from the tallest of them before to the tallest after."""
    total, rows = 0.0, {}
    for paragraph in paragraphs:
        growth = _paragraph_growth(paragraph, scale, body_width)
        if paragraph.inset > body_width / 2:
            height = paragraph.lines * paragraph.line_height
            before, after = rows.get(round(paragraph.top), (0.0, 0.0))
            rows[round(paragraph.top)] = (max(before, height), max(after, height + growth))
        else:
            total += growth
    return total + sum(after - before for before, after in rows.values())


def _paragraph_growth(paragraph: Paragraph, scale: float, body_width: float) -> float:
    """Extra height (px at the measured size) of a paragraph set ``scale`` times larger.

    A box much narrower than the body is either sized to its content (a numeral, a
    tag: one line as wide as the box, which grows with it) or a cell of a grid or
    table, whose width the body's width sets."""
    if paragraph.inset > body_width / 2:
        if paragraph.lines == 1 and paragraph.last_width >= paragraph.width - 1:
            return 0.0
        width = paragraph.width
    else:
        width = body_width - paragraph.inset * scale
    if paragraph.lines > 1 or paragraph.text_width * scale > width:  # wrapping text loses line ends
        width -= LINE_SLACK * paragraph.line_height * scale
    lines = max(1, math.ceil(paragraph.text_width * scale / width - 1e-6))
    return (lines - paragraph.lines) * paragraph.line_height


def _body_line(metrics: CardMetrics) -> float:
    return max((p.line_height for b in metrics.blocks for p in b.paragraphs), default=metrics.size * 1.5)


def largest_size(probe: Probe, base: float, floor: float) -> float | None:
    """The largest whole-px size from ``base`` down to ``floor`` at which the whole card fits:
    exactly at the measured size, estimated at others.  None: not even at the floor size."""
    pieces, last = Pieces(probe), len(probe.measured.blocks) - 1
    return next((size for size in _sizes(base, floor) if pieces.at(size).fits(0, last)), None)


# ---------------------------------------------------------------- probes and proposal


def probe_cards(card: Card, base: float, floor: float, short: int) -> list[Card]:
    """The probe cards measured for one planned card, each with a （续） probe (see the module
    doc) when it has blocks to split: a short card at the base size (it usually fits there;
    where it does not, its splits are estimated), a long card at the floor size (where it
    splits exactly)."""
    if not card.blocks:
        return []
    size = base if len(card.blocks) <= short else floor
    probes = [replace(card, font_px=size)]
    if len(card.blocks) > 1:
        probes.append(card.with_blocks(continued_probe_blocks(card.blocks), continued=True, font_px=size))
    return probes


def continued_probe_blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The first mid-section block of every section (the first block when there is none):
    on the （续） probe each is drawn under its ``● 小节（续）`` heading."""
    seen: set[str] = set()
    chosen = []
    for block in blocks:
        if not starts_section(block) and section_of(block) not in seen:
            seen.add(section_of(block))
            chosen.append(block)
    return tuple(chosen) or blocks[:1]


def section_of(block: Block) -> str:
    return str(block.data.get("section", "")) if block.kind == "item" else ""


def starts_section(block: Block) -> bool:
    """Does the block open its section (its heading is the plain one, or there is none)?"""
    return block.kind != "item" or int(block.data.get("index", 1)) <= 1


def probe_for(card: Card, metrics: list[CardMetrics]) -> Probe:
    """Pair one planned card with the metrics of its probe cards (see :func:`probe_cards`)."""
    continued = metrics[1] if len(metrics) > 1 else None
    return Probe(metrics[0], continued, card.blocks, continued_probe_blocks(card.blocks) if continued else ())


def propose(card: Card, probe: Probe, base: float, floor: float) -> list[Card] | None:
    """The fitted cards proposed for one planned card; None: leave it to the exact search."""
    measured = probe.measured
    if measured.pages != 1:
        return None  # taller than the probe page: far too long, the search splits it
    size = largest_size(probe, base, floor) if measured.fits or measured.size > floor else None
    if size is not None:
        return [replace(card, font_px=size)]
    if probe.continued is None:
        return None  # a short card too long even at the floor size: rare, searched exactly
    found = split_pieces(Pieces(probe), base, floor)
    if found is None:
        return None
    size, split = found
    last = len(split) - 1
    return [
        card.with_blocks(card.blocks[first : end + 1], font_px=size, continued=n > 0, continues=n < last)
        for n, (first, end) in enumerate(split)
    ]
