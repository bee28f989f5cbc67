"""Visual regression: per layout and preset a few small golden images of the seed report, compared
tightly (tests/visual/compare.py).  Regenerate with ``make goldens``.

Each output is laid out once by the library's own path (render, card fitting — the session's
shared ``seed_sets`` —, the long poster's auto height) and rasterized with the export stage's rasterizer at a small density.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from xinhui_print.export.raster import rasterize
from xinhui_print.layout import load_layout
from xinhui_print.render.weasyprint_adapter import page_tree
from xinhui_print.social.output import SocialOptions
from xinhui_print.social.poster import lay_out_poster
from xinhui_print.social.presets import PRESETS

from .compare import GOLDEN, MAX_DIFFERENT, TOLERANCE, check, diff_image, different_share

CARD_PRESETS = ("xhs", "square", "ig", "story", "douyin")
CARD_DENSITY = 0.2  # 1080 px → 216 px


def _cards(seed_sets, preset: str):
    built = seed_sets(preset)
    return built.laid_out.cards, rasterize(built.result.pdf, CARD_DENSITY)


#: Cards kept per preset: the whole set's kinds on the default preset, the chart card (drawn for each
#: preset's box) and a KPI card on the others.
CARD_KINDS = {"xhs": ("cover", "kpis", "targets", "chapter", "closing")} | {
    preset: ("kpis", "targets") for preset in CARD_PRESETS[1:]}


@pytest.mark.parametrize("preset", CARD_PRESETS)
def test_cards(seed_sets, preset):
    cards, images = _cards(seed_sets, preset)
    kinds = [card.kind for card in cards]
    for kind in CARD_KINDS[preset]:
        check(f"cards-{preset}-{kind}", images[kinds.index(kind)])
    if preset == "xhs":  # the card of fact charts (shares, completion rates)
        facts = next(i for i, card in enumerate(cards) if any("chart" in block.data for block in card.blocks))
        check("cards-xhs-facts", images[facts])


def test_wechat_cover(seed_sets):
    check("cards-wechat-cover", rasterize(seed_sets("wechat-cover").result.pdf, 0.25)[0])


def _first_page_with(document, css_class: str) -> int:
    return next(i for i, page in enumerate(document.pages)
                if any(css_class in box.classes for box in page_tree(page).walk()))


def test_booklet(seed_renders):
    """Cover, the review's first page, the page with the fact charts, the targets chart's page."""
    document, pdf = seed_renders("booklet-a5")
    pages = {"cover": 0, "review": _first_page_with(document, "review"),
             "facts": _first_page_with(document, "chart-facts"), "targets": _first_page_with(document, "chart-targets")}
    images = rasterize(pdf, 0.3, pages.values())
    for (name, _), image in zip(pages.items(), images):
        check(f"booklet-a5-{name}", image)


def test_print_poster(seed_renders):
    _, pdf = seed_renders("poster-print")
    check("poster-print", rasterize(pdf, 0.12)[0])


def test_long_poster(seed_report):
    """Three 300 px tiles at 0.2×: the masthead, the chart, the footer."""
    layout = lay_out_poster(seed_report, load_layout("poster-long"), PRESETS["poster"], SocialOptions())
    document = layout.auto.document
    image = rasterize(document.write_pdf(), 0.2)[0]
    chart = next(box for box in page_tree(document.pages[0]).walk() if "chart-targets" in box.classes)
    tile = 300
    tops = {"top": 0, "chart": int(chart.y * 0.2), "foot": image.height - tile}
    for name, top in tops.items():
        check(f"poster-long-{name}", image.crop((0, top, image.width, top + tile)))


# ---------------------------------------------------------------- the comparison itself


def _golden(name: str) -> np.ndarray:
    with Image.open(GOLDEN / f"{name}.png") as image:
        return np.asarray(image.convert("RGB"))


def test_the_comparison_catches_a_moved_chart():
    """The targets card's chart shifted down by 2 px (at 0.2×: 10 px on the card) is caught."""
    golden = _golden("cards-xhs-targets")
    moved = golden.copy()
    moved[62:142] = golden[60:140]
    assert different_share(golden, moved) > MAX_DIFFERENT


def test_the_comparison_ignores_faint_noise():
    golden = _golden("cards-xhs-targets")
    noisy = np.clip(golden.astype(np.int16) + np.random.default_rng(0).integers(-TOLERANCE, TOLERANCE + 1, golden.shape),
                    0, 255).astype(np.uint8)
    assert different_share(golden, noisy) == 0


def test_a_failure_writes_the_side_by_side_diff(tmp_path, monkeypatch):
    from . import compare
    monkeypatch.setattr(compare, "DIFFS", tmp_path)
    monkeypatch.delenv("XINHUI_UPDATE_GOLDEN", raising=False)
    golden = _golden("cards-xhs-kpis")
    wrong = golden.copy()
    wrong[:40] = 0
    with pytest.raises(AssertionError, match="differ"):
        check("cards-xhs-kpis", Image.fromarray(wrong))
    with Image.open(tmp_path / "cards-xhs-kpis.png") as diff:
        assert diff.size == (golden.shape[1] * 3 + 8, golden.shape[0])
