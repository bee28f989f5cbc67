"""Fitting from one measurement: tall-page metrics, exact splits, estimated sizes, the layout's check."""

from __future__ import annotations

from dataclasses import replace

import pytest

from xinhui_print.model import Report
from xinhui_print.social import SocialOptions, build_cards
from xinhui_print.social import cards as card_module
from xinhui_print.social.cards import make_renderer, planned
from xinhui_print.social.fit import FLOOR_PX
from xinhui_print.social.measure import CardMetrics
from xinhui_print.social.plan import Block
from xinhui_print.social.predict import (
    Pieces, Probe, balanced_split, continued_probe_blocks, estimate_bottom, probe_for, split_pieces,
)
from xinhui_print.social.presets import card_preset

from .conftest import LONG_ITEM, chapter, pdf_page_texts, report_data, squash

MANY = [f"第{i}项任务：推动测试产业集群发展，新增规上企业{i}家，完成投资{i * 3}亿元" for i in range(1, 31)]


@pytest.fixture(scope="module")
def sectioned_report() -> Report:
    """A chapter of three sections, long enough for three cards at the floor size."""
    data = report_data([chapter(1, [])])
    data["chapters"][0]["sections"] = [
        {"title": f"第{n}小节：测试小节标题", "items": MANY[10 * n : 10 * n + 10]} for n in range(3)
    ]
    return Report.model_validate(data)


def renderer_for(report, layout, preset_name="xhs"):
    preset = card_preset(preset_name)
    return make_renderer(report, layout, preset, SocialOptions()), preset


def tall_metrics(renderer, preset, cards) -> list[CardMetrics]:
    return renderer.metrics(cards)


@pytest.mark.parametrize("preset_name", ["xhs", "story"])
def test_tall_metrics_say_what_a_paged_layout_says(sectioned_report, overflow_report, cards_layout, preset_name):
    """A card fits on one page exactly when its metrics say so, and a paged layout keeps
    exactly the blocks whose bottoms lie above the limit on the first page."""
    for report in (sectioned_report, overflow_report):
        renderer, preset = renderer_for(report, cards_layout, preset_name)
        for size in (FLOOR_PX, 31, 34):
            cards = [replace(c, font_px=size) for c in planned(report, cards_layout, preset) if c.blocks]
            paged = renderer.measure(cards)
            for card, (pages, whole), metrics in zip(cards, paged, tall_metrics(renderer, preset, cards)):
                above = sum(1 for b in metrics.blocks if b.bottom <= metrics.limit + 0.01)
                assert metrics.fits == (pages == 1), (card.label, size)
                if pages > 1:
                    assert whole == above, (card.label, size)


def test_follow_up_pieces_end_where_the_composition_says(sectioned_report, cards_layout):
    """Bottoms of （续） pieces computed from the whole card and its （续） probe equal the
    bottoms of those pieces laid out as cards of their own, for starts at and inside a section."""
    renderer, preset = renderer_for(sectioned_report, cards_layout)
    card = replace(next(c for c in planned(sectioned_report, cards_layout, preset) if c.kind == "chapter"),
                   font_px=FLOOR_PX)
    cont = card.with_blocks(continued_probe_blocks(card.blocks), continued=True)
    probe = probe_for(card, tall_metrics(renderer, preset, [card, cont]))
    pieces = Pieces(probe)
    for start, end in [(10, 14), (13, 19), (20, 29), (4, 6)]:  # section starts 10 and 20; inside: 13, 4
        alone = card.with_blocks(card.blocks[start : end + 1], continued=True)
        measured = tall_metrics(renderer, preset, [alone])[0]
        assert pieces.bottom(start, end) == pytest.approx(measured.bottom, abs=0.01), (start, end)


def metrics_of(heights: list[float], limit: float = 1000.0, top: float = 100.0) -> CardMetrics:
    """Synthetic metrics: blocks stacked from ``top`` with the given heights."""
    from xinhui_print.social.measure import BlockMetrics

    blocks, y = [], top
    for height in heights:
        blocks.append(BlockMetrics(y, y, y + height))
        y += height
    return CardMetrics(FLOOR_PX, limit, 1, tuple(blocks), (), y, 0.0, 900.0)


def kpi_blocks(count: int) -> tuple[Block, ...]:
    """Blocks outside any section (no heading to open a follow-up card with)."""
    return tuple(Block("kpi", f"指标{i}") for i in range(count))


def test_a_long_card_is_spread_evenly_over_the_fewest_cards():
    natural = metrics_of([100.0] * 12)  # 12 blocks, 9 fit after the header: greedy would give 9 + 3
    cont = metrics_of([100.0], top=100.0)
    blocks = kpi_blocks(12)
    probe = Probe(natural, continued=cont, blocks=blocks, continued_blocks=blocks[:1])
    sized = Pieces(probe).at(FLOOR_PX)
    assert balanced_split(sized, 12, 2) == [(0, 5), (6, 11)]
    size, split = split_pieces(Pieces(probe), 34, FLOOR_PX)
    assert split == [(0, 5), (6, 11)] and size >= FLOOR_PX


def test_a_block_too_tall_for_any_card_is_left_to_the_exact_search():
    natural = metrics_of([100.0, 2000.0, 100.0])
    blocks = kpi_blocks(3)
    probe = Probe(natural, continued=metrics_of([100.0]), blocks=blocks, continued_blocks=blocks[:1])
    assert split_pieces(Pieces(probe), 34, FLOOR_PX) is None


def test_estimates_at_larger_sizes_err_on_the_side_of_more_lines(sectioned_report, overflow_report, cards_layout):
    """From the floor size up, the estimated bottom is rarely below the real one, and never by much."""
    misses = []
    for report in (sectioned_report, overflow_report):
        renderer, preset = renderer_for(report, cards_layout)
        cards = [c for c in planned(report, cards_layout, preset) if c.blocks]
        floor = tall_metrics(renderer, preset, [replace(c, font_px=FLOOR_PX) for c in cards])
        for size in (30, 32, 34):
            real = tall_metrics(renderer, preset, [replace(c, font_px=size) for c in cards])
            for measured, actual in zip(floor, real):
                line = size * 1.55
                misses.append((actual.bottom - estimate_bottom(measured, size)) / line)
    assert max(misses) < 1.0  # never a whole line short
    assert sum(m > 0.25 for m in misses) <= len(misses) // 10  # SAFETY_LINES covers nearly all


def test_the_seed_set_is_fitted_from_one_measurement(seed_report, cards_layout):
    result = build_cards(seed_report, cards_layout, "xhs")
    assert not any(card.searched for card in result.cards)
    assert len(pdf_page_texts(result.pdf)) == len(result.cards)
    chapter_two = [c for c in result.cards if c.title.startswith("02")]
    assert len({c.font_px for c in chapter_two}) == 1  # one size across a chapter's cards
    assert min(c.items for c in chapter_two) >= 3  # balanced: no （续） card with a lone item


def test_a_proposal_that_spills_is_searched_exactly_and_the_set_still_fits(overflow_report, cards_layout, monkeypatch):
    """The layout has the last word: a card proposed too large spills, is searched exactly
    below that size, and the set is laid out again with every item on one card."""
    real = card_module.propose

    def too_large(card, probe, base, floor):
        proposed = real(card, probe, base, floor)
        return [replace(c, font_px=base) for c in proposed] if proposed else proposed

    monkeypatch.setattr(card_module, "propose", too_large)
    result = build_cards(overflow_report, cards_layout, "xhs")
    texts = pdf_page_texts(result.pdf)
    assert len(texts) == len(result.cards)
    assert any(c.searched for c in result.cards)
    assert any("size found by trial layouts" in str(note) for note in result.notes())
    everything = "".join(texts)
    for item in overflow_report.chapters[1].sections[0].items:
        assert sum(squash(item) in t for t in texts) == 1
    assert squash(LONG_ITEM)[:40] in everything
