"""Card fitting logic on a fake measure (no layout): shrink to the floor, then （续）, errors."""

from __future__ import annotations

import pytest

from xinhui_print.social.fit import FitError, fit_cards
from xinhui_print.social.plan import Block, Card

AVAILABLE = 1000.0
HEADER = 100.0


def block_height(block: Block, size: float) -> float:
    return block.data["lines"] * size * 1.5


def fake_measure(calls: list[int]):
    """Pages and whole leading blocks as a layout would report them."""

    def measure(cards: list[Card]) -> list[tuple[int, int]]:
        calls.append(len(cards))
        results = []
        for card in cards:
            used, whole, pages = HEADER, 0, 1
            for block in card.blocks:
                used += block_height(block, card.font_px)
                if used <= AVAILABLE and pages == 1:
                    whole += 1
                else:
                    pages = 2
            results.append((pages, whole))
        return results

    return measure


def card(lines: list[int], kind: str = "chapter") -> Card:
    blocks = tuple(Block("item", f"item {i}", {"lines": n}) for i, n in enumerate(lines))
    return Card(kind, "01", "测试", blocks=blocks)


def test_a_card_that_fits_stays_at_the_base_size():
    fitted = fit_cards([card([1, 1, 1])], fake_measure([]), base=34, floor=28)
    assert [(c.font_px, c.continued, c.continues) for c in fitted] == [(34, False, False)]


def test_a_card_that_fits_only_smaller_gets_the_largest_size_that_fits():
    lines = [3] * 6  # 18 lines: 100 + 18 * 1.5 * s <= 1000 → s <= 33.3
    fitted = fit_cards([card(lines)], fake_measure([]), base=36, floor=28)
    assert [c.font_px for c in fitted] == [33]


def test_too_much_shrinks_to_the_floor_then_continues():
    lines = [2] * 40  # 80 lines
    fitted = fit_cards([card(lines)], fake_measure([]), base=34, floor=28)
    assert len(fitted) >= 3
    assert fitted[0].font_px == 28 and fitted[0].continues and not fitted[0].continued
    assert all(c.continued for c in fitted[1:]) and not fitted[-1].continues
    assert sum(len(c.blocks) for c in fitted) == 40  # nothing lost, nothing repeated
    assert [b.text for c in fitted for b in c.blocks] == [f"item {i}" for i in range(40)]
    for c in fitted:  # every card really fits at its size
        assert HEADER + sum(block_height(b, c.font_px) for b in c.blocks) <= AVAILABLE


def test_order_of_cards_is_kept():
    fitted = fit_cards([card([1]), card([2] * 40), card([1], "closing")], fake_measure([]), base=34, floor=28)
    assert fitted[0].blocks[0].data["lines"] == 1 and fitted[-1].kind == "closing"


def test_a_block_that_cannot_fit_alone_is_an_error_naming_it():
    with pytest.raises(FitError, match="item 0"):
        fit_cards([card([40])], fake_measure([]), base=34, floor=28)


def test_probes_are_batched_in_rounds():
    calls: list[int] = []
    fit_cards([card([1]) for _ in range(5)] + [card([2] * 40)], fake_measure(calls), base=34, floor=28)
    assert calls[0] == 6  # every card probed in the first layout
    assert len(calls) <= 8
