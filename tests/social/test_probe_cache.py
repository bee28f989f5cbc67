"""Set fitting keeps the probe metrics of cards it measured: a set fitted again after an edit
lays out only the cards the edit changed, and comes out as a set fitted from scratch."""

from __future__ import annotations

from xinhui_print.layout import load_layout
from xinhui_print.model import Report
from xinhui_print.social.cards import fit_cards, make_renderer
from xinhui_print.social.measure import CardMetrics, ProbeCache
from xinhui_print.social.output import SocialOptions
from xinhui_print.social.presets import card_preset

OPTIONS = SocialOptions(densities=(1.0,))


def edited(report: Report, change) -> Report:
    data = report.model_dump(mode="json")
    change(data)
    return Report.model_validate(data)


def test_cache_keeps_the_most_recently_used():
    cache = ProbeCache(size=2)
    first, second, third = (CardMetrics(head=h, bottom=500, limit=1300) for h in (100, 110, 120))
    cache.put("a", first)
    cache.put("b", second)
    assert cache.get("a") == first  # "a" is now the most recently used
    cache.put("c", third)
    assert cache.get("b") is None and cache.get("a") == first and cache.get("c") == third
    assert len(cache) == 2


def test_refit_after_an_edit_measures_only_the_changed_card(seed_report):
    layout, preset = load_layout("cards"), card_preset("square")
    probes = ProbeCache()
    cards = fit_cards(make_renderer(seed_report, layout, preset, OPTIONS, probes))
    measured = len(probes)
    assert measured >= len(cards) - 1  # every card but the cover was measured at least once

    new = edited(seed_report, lambda d: d["review"]["kpis"][0].update(figure="同比5%"))
    refitted = fit_cards(make_renderer(new, layout, preset, OPTIONS, probes))
    again = probes.measured - measured
    assert 0 < again <= 6, "only the KPI card is probed again, at the sizes tried"
    assert refitted == fit_cards(make_renderer(new, layout, preset, OPTIONS))  # as fitted from scratch
