"""Card metrics: one layout of cards on tall pages → each card's header height and where it ends.

A card page is ``preset.height`` tall; a probe page is :data:`TALL` px tall, so
nothing breaks across pages and each card lies whole on a page of its own
(every card starts a new page).  Probe cards are laid out at their natural
height (the template gives them no minimum height and no header height), and
read back from the boxes, in CSS px from the top of the page:

* ``head``: the height of the header band (``.card-head``), as its text needs,
  and ``fixed``: where its text starts (the band's top padding is set in px);
* ``hero``: the height of the hero panel (``.hero``), as its figures need;
* ``bottom``: where the card's content ends (the bottom of its section box);
* ``limit``: where a real card page's content area ends (page height − bottom margin).

A card with a header band ``H`` px tall (at least its own ``head``) fits on one
real page exactly when ``bottom + H − head ≤ limit``: nothing in the card depends
on what comes after it, and nothing on the page depends on the page's height.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import weasyprint

from ..render.weasyprint_adapter import Box, page_tree
from .pages import card_spans

TALL = 40_000
"""CSS px: taller than any probe card."""

EPSILON = 0.01
"""px: float noise in box positions."""


@dataclass(frozen=True)
class CardMetrics:
    """One probe card: its header band's natural height, its content bottom, the real page's limit."""

    head: float
    bottom: float
    limit: float
    pages: int = 1  # > 1 only when the card is taller than the probe page
    hero: float = 0.0
    fixed: float = 0.0

    def slack(self, head: float) -> float:
        """Height left on one real page under a header band ``head`` px tall (< 0: it does not fit)."""
        return self.limit - self.bottom - max(0.0, head - self.head)

    def fits(self, head: float) -> bool:
        """Does it fit on one real page under a header band ``head`` px tall?"""
        return self.pages == 1 and self.slack(head) >= -EPSILON


def card_metrics(document: weasyprint.Document, count: int, card_height: float) -> list[CardMetrics]:
    """Metrics of the ``count`` probe cards of ``document`` (anchors ``#card-k``)."""
    return [_one_card(page_tree(document.pages[page]), k, pages, card_height)
            for k, (page, pages) in enumerate(card_spans(document, count))]


def _one_card(root: Box, index: int, pages: int, card_height: float) -> CardMetrics:
    head, bottom, hero, fixed = 0.0, 0.0, 0.0, 0.0
    for box in root.walk():
        if box.element is None or box.kind not in ("block", "block-level"):
            continue
        if "card-head" in box.classes and not head:
            head, fixed = box.border_bottom - box.border_top, box.content_top
        if "hero" in box.classes and not hero:
            hero = box.border_bottom - box.border_top
        if box.attrs.get("id") == f"card-{index}":
            bottom = max(bottom, box.border_bottom)
    return CardMetrics(head, bottom, card_height - root.bottom_inset, pages, hero, fixed)


class ProbeCache:
    """Metrics of probe cards already laid out, by what each probe shows (a key its caller
    builds from the card and everything the template draws on it), the most recently used
    ``size`` kept.  A card's probe depends on nothing but what it shows (each lies alone on
    its tall page), so an unchanged card is never laid out again: a studio edit changes one
    card, and a set fitted again lays out that card only; a build's candidate plans share
    most of their cards."""

    def __init__(self, size: int = 400):
        self.size = size
        self._metrics: OrderedDict[str, CardMetrics] = OrderedDict()
        self.measured = 0  # probes put in so far: cards laid out to be measured

    def get(self, key: str) -> CardMetrics | None:
        found = self._metrics.get(key)
        if found is not None:
            self._metrics.move_to_end(key)
        return found

    def put(self, key: str, metrics: CardMetrics) -> None:
        self.measured += 1
        self._metrics[key] = metrics
        self._metrics.move_to_end(key)
        while len(self._metrics) > self.size:
            self._metrics.popitem(last=False)

    def __len__(self) -> int:
        return len(self._metrics)
