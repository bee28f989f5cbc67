"""Set-level fitting on a fake measurement (no layout): one size and one header band per set."""

from __future__ import annotations

import pytest

from xinhui_print.social.fit import FitError, fit_set
from xinhui_print.social.measure import CardMetrics
from xinhui_print.social.plan import Block, Card

LIMIT = 1000.0


def fake_measure(calls: list[float]):
    """Header: 60 px of padding (fixed) + a 1.3 × size line per ten title characters; each block
    ``lines`` × 1.5 × size."""

    def measure(cards: list[Card]) -> list[CardMetrics]:
        calls.append(cards[0].font_px)
        out = []
        for card in cards:
            head = 60 + (len(card.title) // 10 + 1) * 1.3 * card.font_px
            body = sum(b.data["lines"] * 1.5 * card.font_px for b in card.blocks)
            out.append(CardMetrics(head=head, bottom=head + body, limit=LIMIT, hero=80 if card.blocks else 0, fixed=60))
        return out

    return measure


def card(lines: list[int], title: str = "测试") -> Card:
    return Card("chapter", "01", title, blocks=tuple(Block("item", f"item {i}", {"lines": n}) for i, n in enumerate(lines)))


def test_one_size_for_the_set_the_largest_at_which_the_fullest_card_fits():
    cards = [card([1, 1]), card([3] * 6)]  # 18 lines: 60 + 1.3 s + 27 s <= 1000 → s <= 33.2
    fitted = fit_set(cards, fake_measure([]), base=40, floor=30)
    assert {c.font_px for c in fitted} == {33}


def test_one_header_band_for_the_set_and_the_cards_still_fit_under_it():
    cards = [card([3] * 5, "短"), card([1], "很长的标题" * 5)]  # the short title's card is the full one
    fitted = fit_set(cards, fake_measure([]), base=40, floor=30)
    assert fitted[0].font_px == 35  # under its own band 40 fits; under the set's, 60 + 3.9 s + 22.5 s <= 1000
    assert len({c.head_px for c in fitted}) == 1 and fitted[0].head_px == 60 + 3.9 * 35
    assert all(m.fits(fitted[0].head_px) for m in fake_measure([])(fitted))


def test_hero_panels_take_what_the_page_leaves():
    fitted = fit_set([card([1]), card([3] * 6)], fake_measure([]), base=40, floor=30)
    size = fitted[0].font_px
    short_slack = LIMIT - (60 + 1.3 * size + 1.5 * size)
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


def test_an_abridged_card_too_long_at_the_floor_loses_its_least_key_item_not_a_card():
    blocks = tuple(Block("item", f"item {i}", {"lines": 4, "text": f"第{i}项", "section": "s", "index": i + 1})
                   for i in range(6))
    abridged = Card("chapter", "01", "测试", blocks=blocks, of_items=20)
    fitted = fit_set([abridged], fake_measure([]), base=40, floor=30)
    assert len(fitted) == 1 and fitted[0].items == 5 and fitted[0].abridged.startswith("节选5/20项")
