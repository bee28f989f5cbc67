"""Set-level fitting on a fake measurement (no layout): one size and one header band per set."""

from __future__ import annotations

import pytest

from xinhui_print.social.fit import FitError, fit_set
from xinhui_print.social.measure import CardMetrics
from xinhui_print.social.plan import Block, Card

LIMIT = 1000.0


def fake_measure(calls: list[float]):
    """Header: 100 px + 50 px per title line; each block ``lines`` × 1.5 × size."""

    def measure(cards: list[Card]) -> list[CardMetrics]:
        calls.append(cards[0].font_px)
        out = []
        for card in cards:
            head = 100 + 50 * (len(card.title) // 10)
            body = sum(b.data["lines"] * 1.5 * card.font_px for b in card.blocks)
            out.append(CardMetrics(head=head, bottom=head + body, limit=LIMIT, hero=80 if card.blocks else 0))
        return out

    return measure


def card(lines: list[int], title: str = "测试") -> Card:
    return Card("chapter", "01", title, blocks=tuple(Block("item", f"item {i}", {"lines": n}) for i, n in enumerate(lines)))


def test_one_size_for_the_set_the_largest_at_which_the_fullest_card_fits():
    cards = [card([1, 1]), card([3] * 6)]  # 18 lines: 100 + 27 s <= 1000 → s <= 33.3
    fitted = fit_set(cards, fake_measure([]), base=40, floor=30)
    assert {c.font_px for c in fitted} == {33}


def test_one_header_band_for_the_set_and_the_cards_still_fit_under_it():
    cards = [card([3] * 5, "短"), card([1], "很长的标题" * 5)]  # the short title's card is the full one
    fitted = fit_set(cards, fake_measure([]), base=40, floor=30)
    assert len({c.head_px for c in fitted}) == 1 and fitted[0].head_px == 200
    assert fitted[0].font_px == 35  # under its own band 40 would fit; under the set's, 200 + 22.5 s <= 1000
    assert all(m.fits(fitted[0].head_px) for m in fake_measure([])(fitted))


def test_hero_panels_take_what_the_page_leaves():
    fitted = fit_set([card([1]), card([3] * 6)], fake_measure([]), base=40, floor=30)
    size = fitted[0].font_px
    short_slack = LIMIT - (100 + 1.5 * size)
    assert fitted[0].hero_px == int(80 + short_slack - 2)


def test_a_card_too_long_at_the_floor_is_split_in_two_balanced():
    fitted = fit_set([card([4] * 6)], fake_measure([]), base=40, floor=30)  # 36 lines at 30 px: 1720 px
    assert [len(c.blocks) for c in fitted] == [3, 3]
    assert fitted[0].continues and fitted[1].continued


def test_a_single_block_that_cannot_fit_is_an_error_naming_it():
    with pytest.raises(FitError, match="item 0"):
        fit_set([card([40])], fake_measure([]), base=40, floor=30)


def test_sizes_are_searched_by_halves():
    calls: list[float] = []
    fit_set([card([2] * 6)], fake_measure(calls), base=40, floor=30)
    assert calls[0] == 30 and len(calls) <= 5
