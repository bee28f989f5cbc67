"""The preview service's card shortcut: a card laid out alone is the card of the set, and an
edit re-renders exactly the cards that show what it changed."""

from __future__ import annotations

import io
import threading
import time

import pytest
from PIL import Image

from xinhui_print.data import load_report
from xinhui_print.layout import load_layout
from xinhui_print.model import Report
from xinhui_print.project import project
from xinhui_print.social.cards import lay_out_cards, lay_out_set, make_renderer, planned
from xinhui_print.social.output import SocialOptions
from xinhui_print.social.presets import card_preset
from xinhui_print.export.raster import open_pdf
from xinhui_print.render.weasyprint_adapter import FontPrograms
import xinhui_print.studio.preview as preview_module
from xinhui_print.studio.preview import (
    PreviewService, Superseded, changed_cards, raster_page, refitted,
)

OPTIONS = SocialOptions(densities=(1.0,))


@pytest.fixture(scope="module")
def card_set(seed_report, seed_sets):
    """The seed's xhs set (the session's, shared with the social and chart tests) and its card images."""
    report, layout, preset = seed_report, load_layout("cards"), card_preset("xhs")
    built = seed_sets("xhs")
    laid_out = built.laid_out
    pages = open_pdf(built.result.pdf)
    images = [raster_page(pages, index) for index in range(len(laid_out.cards))]
    return report, layout, preset, laid_out, images


def edited(report: Report, change) -> Report:
    data = report.model_dump(mode="json")
    change(data)
    return Report.model_validate(data)


def pixels(data: bytes) -> bytes:
    return Image.open(io.BytesIO(data)).convert("RGB").tobytes()


def test_card_alone_is_the_card_of_the_set(card_set):
    report, layout, preset, laid_out, images = card_set
    last = len(laid_out.cards) - 1
    fonts = FontPrograms()  # one cache for the three cards: later cards reuse larger subsets
    for index in (0, 1, last):  # the clean first card (no logo), a KPI card, the closing card
        document = lay_out_cards(make_renderer(report, layout, preset, OPTIONS), laid_out.cards, [index]).document
        alone = raster_page(fonts.write_pdf(document), 0)
        assert pixels(alone.data) == pixels(images[index].data), index


def test_kpi_edit_changes_its_card_and_the_chart(card_set):
    report, layout, preset, laid_out, _ = card_set
    plan = planned(report, layout, preset, True)
    new = edited(report, lambda d: d["review"]["kpis"][0].update(figure="同比5%"))
    cards = refitted(plan, laid_out.cards, planned(new, layout, preset, True))
    kinds = [card.kind for card in laid_out.cards]
    # the cover's hero number, the KPI card and the chart card show the first KPI
    assert changed_cards(report, new, laid_out.cards, cards) == [0, 1, kinds.index("chart")]
    assert [c.font_px for c in cards] == [c.font_px for c in laid_out.cards]


def test_chapter_item_edit_changes_only_that_card(card_set):
    report, layout, preset, laid_out, _ = card_set
    plan = planned(report, layout, preset, True)
    new = edited(report, lambda d: d["chapters"][4]["sections"][0]["items"].__setitem__(0, "改写的一条"))
    cards = refitted(plan, laid_out.cards, planned(new, layout, preset, True))
    [index] = changed_cards(report, new, laid_out.cards, cards)
    assert laid_out.cards[index].number == 5 and cards[index].blocks[0].text == "改写的一条"


def test_meta_edit_changes_every_card_and_a_new_block_refits(card_set):
    report, layout, preset, laid_out, _ = card_set
    plan = planned(report, layout, preset, True)
    new = edited(report, lambda d: d["meta"].update(publisher="江门日报社"))
    cards = refitted(plan, laid_out.cards, planned(new, layout, preset, True))
    assert changed_cards(report, new, laid_out.cards, cards) == list(range(len(cards)))
    more = edited(report, lambda d: d["review"]["pledges"].append("新增一条"))
    assert refitted(plan, laid_out.cards, planned(more, layout, preset, True)) is None


# ---------------------------------------------------------------- the render thread's scheduling


def test_newer_edit_supersedes_and_focus_goes_first():
    report = load_report(project().default_data)
    started, release, log = threading.Event(), threading.Event(), []
    service = PreviewService(lambda event: None)

    def fake_render(name, target):  # stands in for WeasyPrint: checks for newer work between steps
        log.append((name, target.revision))
        if target.revision == 1:
            started.set()
            release.wait(10)
        try:
            service._check(target)
        except Superseded:
            log.append(("superseded", target.revision))
            raise
        with service._condition:
            service.outputs[name].done_for = target.key

    service._render_output = fake_render
    service.set_focus("cards-xhs")
    service.start()
    try:
        service.request(report, 1)
        assert started.wait(10)
        service.request(report, 2)  # an edit arrives while revision 1 is rendering
        release.set()
        deadline = time.monotonic() + 10
        while not service.idle():
            assert time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        service.stop()
    assert log[:2] == [("cards-xhs", 1), ("superseded", 1)]
    assert log[2:] == [("cards-xhs", 2), ("booklet", 2), ("poster", 2)]


def test_an_edit_redraws_only_the_cards_it_changed(card_set, monkeypatch):
    report, layout, preset, _, _ = card_set
    events = []
    service = PreviewService(events.append)  # the thread is not started: render synchronously
    service.request(report, 1)
    service._render_cards("cards-xhs", service._target, "xhs")
    before = list(service.outputs["cards-xhs"].images)
    new = edited(report, lambda d: d["review"]["kpis"][0].update(figure="同比5%"))
    service.request(new, 2)
    events.clear()
    laid_out = []
    real = preview_module.lay_out_cards
    monkeypatch.setattr(preview_module, "lay_out_cards",
                        lambda renderer, cards, indexes: laid_out.append(list(indexes)) or real(renderer, cards, indexes))
    service._render_cards("cards-xhs", service._target, "xhs")
    after = service.outputs["cards-xhs"].images
    drawn = sorted({event["index"] for event in events if event["type"] == "image"})
    kinds = [card.kind for card in service.outputs["cards-xhs"].fitted]
    assert drawn == [0, 1, kinds.index("chart")]  # the cover (its hero), the KPI card and the chart, nothing else
    assert sorted(sum(laid_out, [])) == drawn, "no card is laid out twice, none that did not change"
    assert all(image.key == service._target.key for image in after)  # every image is fresh
    assert [a.data for i, a in enumerate(after) if i not in drawn] == [b.data for i, b in enumerate(before)
                                                                       if i not in drawn]
    fresh_set = lay_out_set(new, layout, preset, OPTIONS)
    pages = open_pdf(fresh_set.document.write_pdf())
    for index in drawn:
        assert pixels(after[index].data) == pixels(raster_page(pages, index).data), index
