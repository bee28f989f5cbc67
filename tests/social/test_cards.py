"""Card sets: exact sizes per preset and density, fitting (shrink, then （续）), toggles, alt text."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from PIL import Image

from xinhui_print.errors import InputError
from xinhui_print.model import Report, plain_text
from xinhui_print.social import CARD_PRESETS, FLOOR_PX, FitError, SocialOptions, build_cards, get_preset

from .conftest import LONG_ITEM, chapter, pdf_page_texts, report_data, squash

QR = "https://example.com/shudu"


@pytest.fixture(scope="module")
def overflow_set(overflow_report, cards_layout):
    return build_cards(overflow_report, cards_layout, "xhs", SocialOptions(qr_url=QR))


@pytest.mark.parametrize("preset", CARD_PRESETS)
def test_exact_pixel_sizes_per_preset_and_density(small_report, cards_layout, preset):
    result = build_cards(small_report, cards_layout, preset, SocialOptions(densities=(1, 2)))
    spec = get_preset(preset)
    assert result.images
    for image in result.images:
        size = Image.open(io.BytesIO(image.raster.data)).size
        expected = (round(spec.width * image.density), round(spec.height * image.density))
        assert size == expected == (image.raster.width_px, image.raster.height_px)
    assert {image.density for image in result.images} == {1, 2}
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        assert len(pdf.pages) == len(result.cards)
        assert all((round(p.width * 4 / 3), round(p.height * 4 / 3)) == (spec.width, spec.height) for p in pdf.pages)


def test_a_set_has_cover_kpis_targets_chart_chapters_and_closing(small_report, cards_layout):
    result = build_cards(small_report, cards_layout, "xhs")
    assert [c.kind for c in result.cards] == ["cover", "kpis", "targets", "chart", "chapter", "closing"]
    assert all(not c.shrunk and not c.continued for c in result.cards)  # little text: the base size
    texts = pdf_page_texts(result.pdf)
    assert all(f"{i}/{len(texts)}" in text for i, text in enumerate(texts, start=1) if i > 1)


def test_a_set_has_one_body_size_and_long_chapters_run_on_cards_of_six(overflow_set):
    assert len({c.font_px for c in overflow_set.cards}) == 1 and FLOOR_PX <= overflow_set.cards[0].font_px
    assert len({c.head_px for c in overflow_set.cards if c.kind != "cover"}) == 1
    many_items = [c for c in overflow_set.cards if c.kind == "chapter" and c.title.startswith("02")]
    assert len(many_items) >= 7 and all(c.items <= 6 for c in many_items)
    assert not many_items[0].continued and all(c.continued for c in many_items[1:])
    assert all(c.continues for c in many_items[:-1]) and not many_items[-1].continues
    assert sum(c.items for c in many_items) == 40
    notes = "\n".join(map(str, overflow_set.notes()))
    assert "continues on card" in notes and "（续） of card" in notes and "px body" in notes


def test_overflow_never_clips_every_item_is_in_the_pdf_text(overflow_set, overflow_report):
    texts = pdf_page_texts(overflow_set.pdf)
    assert len(texts) == len(overflow_set.cards)  # one page per card: nothing spilled
    everything = "".join(texts)
    for chapter_ in overflow_report.chapters:
        for section in chapter_.sections:
            for item in section.items:
                assert squash(plain_text(item)) in everything, item[:30]
    continued = [t for t, c in zip(texts, overflow_set.cards) if c.continued]
    assert continued and all("（续）" in t for t in continued)


def test_each_item_stays_on_one_card(overflow_set, overflow_report):
    texts = pdf_page_texts(overflow_set.pdf)
    for item in overflow_report.chapters[1].sections[0].items:
        assert sum(squash(item) in t for t in texts) == 1


def test_fixed_content_that_cannot_fit_is_an_error_naming_card_and_text(cards_layout):
    huge = "超长条目" + "推动测试工作全面发展，" * 220  # past the data limit: set in, not loaded
    report = Report.model_validate(report_data([chapter(1, ["条目"])]))
    section = report.chapters[0].sections[0].model_copy(update={"items": [huge]})
    chapters = [report.chapters[0].model_copy(update={"sections": [section]})]
    report = report.model_copy(update={"chapters": chapters})
    with pytest.raises(FitError) as error:
        build_cards(report, cards_layout, "xhs")
    message = str(error.value)
    assert "推进测试工作" in message and "超长条目" in message and f"{FLOOR_PX:g} px" in message


def test_qr_and_logo_follow_the_platform_policy(overflow_set, overflow_report, cards_layout):
    html = overflow_set.html
    assert html.count('class="qr"') == 1  # closing card only; never the first xhs card
    texts = pdf_page_texts(overflow_set.pdf)
    assert "测试日报" not in texts[0]  # first Xiaohongshu card: no publisher mark
    assert "测试日报｜" in texts[1]
    douyin = build_cards(overflow_report, cards_layout, "douyin", SocialOptions(qr_url=QR))
    assert 'class="qr"' not in douyin.html
    assert all("测试日报｜" in t for t in pdf_page_texts(douyin.pdf)[1:])  # the masthead stays (as text)


def test_story_keeps_text_inside_the_safe_area(small_report, cards_layout):
    result = build_cards(small_report, cards_layout, "story")
    safe = get_preset("story").safe
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                top, bottom = char["top"] * 4 / 3, char["bottom"] * 4 / 3
                x0, x1 = char["x0"] * 4 / 3, char["x1"] * 4 / 3
                assert top >= safe.top - 1 and bottom <= 1920 - safe.bottom + 1, char["text"]
                assert x0 >= safe.left - 1 and x1 <= 1080 - safe.right + 1, char["text"]


def test_alt_text_per_card_states_content_and_numbers(overflow_set):
    alts = [image.alt for image in overflow_set.images]
    total = len(overflow_set.cards)
    assert all(alt.startswith(f"数读卡片第{i}张（共{total}张）") for i, alt in enumerate(alts, start=1))
    assert "2.5%" in alts[1] and "7.5%以上" in "".join(alts)
    assert "来源：测试报告" in alts[-1]


def test_card_pngs_and_pdf_are_deterministic(small_report, cards_layout):
    first = build_cards(small_report, cards_layout, "square")
    second = build_cards(small_report, cards_layout, "square")
    assert first.pdf == second.pdf
    assert [i.raster.sha256 for i in first.images] == [i.raster.sha256 for i in second.images]


def test_unknown_and_poster_presets_are_input_errors(small_report, cards_layout):
    with pytest.raises(InputError, match="available presets"):
        build_cards(small_report, cards_layout, "tiktok")
    with pytest.raises(InputError, match="no fixed height"):
        build_cards(small_report, cards_layout, "poster")


def test_a_long_item_fits_a_tall_card_and_a_square_one_refuses_it_naming_the_card(cards_layout):
    """Body text never goes below 30 px and every card keeps its hero: a 230-character item
    fits a 3:4 card, and a 1:1 card refuses it with an error naming the card and the text."""
    report = Report.model_validate(report_data([chapter(1, [LONG_ITEM])]))
    result = build_cards(report, cards_layout, "xhs")
    assert len(pdf_page_texts(result.pdf)) == len(result.cards)
    assert squash(LONG_ITEM) in "".join(pdf_page_texts(result.pdf))
    with pytest.raises(FitError, match="推进测试工作.*30 px: 全面推进"):
        build_cards(report, cards_layout, "square")


def test_jpeg_cards_on_request(small_report, cards_layout):
    result = build_cards(small_report, cards_layout, "ig", SocialOptions(format="jpeg"))
    assert all(image.raster.format == "jpeg" and image.filename.endswith(".jpg") for image in result.images)
    assert all(Image.open(io.BytesIO(image.raster.data)).format == "JPEG" for image in result.images)


def test_one_subset_per_face_in_a_card_pdf(small_report, cards_layout):
    """The set is one document: each font face is embedded once, as one subset."""
    import pikepdf

    result = build_cards(small_report, cards_layout, "xhs")
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        names = {str(font.get("/BaseFont")) for page in pdf.pages
                 for font in (page.obj.Resources.get("/Font") or {}).values()}
    faces = [name.split("+", 1)[-1] for name in names]
    assert len(faces) == len(set(faces)), sorted(names)


def _without(data: dict, *keys: str) -> dict:
    return {key: value for key, value in data.items() if key not in keys}


@pytest.mark.parametrize("variant", ["no-review-no-targets", "targets-without-pairs", "no-chapters"])
def test_partial_reports_still_make_a_set_and_a_poster(variant, cards_layout, poster_layout):
    from xinhui_print.social import build_poster

    data = report_data([chapter(1, ["没有数字的条目"])])
    if variant == "no-review-no-targets":
        data = _without(data, "review", "targets")
    elif variant == "targets-without-pairs":
        data["targets"] = {"title": "目标", "items": [{"label": "别的指标", "verb": "增长", "figure": "3%"}]}
    else:
        data["chapters"] = []
    report = Report.model_validate(data)
    cards = build_cards(report, cards_layout, "xhs")
    assert cards.cards[0].kind == "cover" and cards.cards[-1].kind == "closing"
    if variant != "no-chapters":  # no paired figures: planned without a chart block
        assert '<figure class="chart' not in cards.html
    assert len(pdf_page_texts(cards.pdf)) == len(cards.cards)
    poster = build_poster(report, poster_layout, SocialOptions(densities=(1,)))
    assert poster.images[0].raster.width_px == 1080


def test_template_environment_is_built_once_per_layout(cards_layout):
    """Card fitting renders the templates many times: the compiled environment is reused."""
    from xinhui_print.template import environment

    assert environment(cards_layout) is environment(cards_layout)
