"""Long poster: auto height (no blank tail, nothing cut), exact widths, segments at block boundaries."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from xinhui_print.errors import BuildError
from xinhui_print.social import SocialOptions, build_poster
import weasyprint

from xinhui_print.render import RenderOptions, render
from xinhui_print.social.autoheight import PROBE_HEIGHT, measure_height
from xinhui_print.social.pages import element_boxes, text_extents
from xinhui_print.social.poster import lay_out_poster
from xinhui_print.social.presets import get_preset

from .conftest import pdf_page_texts, squash


@pytest.fixture(scope="module")
def seed_poster(seed_report, poster_layout):
    return build_poster(seed_report, poster_layout, SocialOptions(densities=(1,)))


@pytest.fixture(scope="module")
def seed_poster_layout(seed_report, poster_layout):
    return lay_out_poster(seed_report, poster_layout, get_preset("poster"), SocialOptions())


def pixels(image) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(image.raster.data)).convert("RGB"))


def test_one_page_exactly_as_tall_as_the_content(seed_poster_layout):
    auto = seed_poster_layout.auto
    assert len(auto.document.pages) == 1
    page = auto.document.pages[0]
    assert page.height == auto.height
    end = page.anchors["end"][1]
    assert auto.height - 1 < end <= auto.height  # the end anchor sits on the last pixel row


def test_last_block_is_fully_inside_and_no_blank_tail(seed_poster_layout, seed_poster):
    page = seed_poster_layout.page
    footer = [b for b in element_boxes(page, "data-block") if b.name == "footer"][0]
    assert footer.bottom <= seed_poster_layout.auto.height
    assert seed_poster_layout.auto.height - footer.bottom < 1  # the footer band ends the poster
    lines = text_extents(page)
    assert max(line.bottom for line in lines) <= seed_poster_layout.auto.height
    full = pixels(seed_poster.images[0])
    assert full.shape[0] == seed_poster_layout.auto.height
    # the bottom rows are the footer band (deep red), not white paper
    assert (full[-2:, 10:-10] != 255).any(axis=2).all()


def test_pdf_page_boxes_are_the_measured_height(seed_poster):
    import pikepdf

    with pikepdf.open(io.BytesIO(seed_poster.pdf)) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        expected = [0, 0, 1080 * 0.75, seed_poster.height_css * 0.75]
        for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
            assert [float(v) for v in page.obj[box]] == pytest.approx(expected), box
        assert "/CropBox" not in page.obj or [float(v) for v in page.obj["/CropBox"]] == pytest.approx(expected)


def test_cropping_one_layout_gives_the_page_of_a_second_layout(seed_poster_layout, seed_poster, poster_layout,
                                                             seed_report):
    """Render oversized and crop == lay out again at the measured height (same pixels)."""
    from xinhui_print.export.raster import open_pdf, render_page

    height = seed_poster_layout.auto.height
    options = seed_poster_layout.auto.rendered.options
    again_document = render(seed_report, poster_layout, RenderOptions(extra=options.extra, page_px=(1080, height)))
    assert len(again_document.document.pages) == 1
    cropped = render_page(open_pdf(seed_poster.pdf)[0])
    again = render_page(open_pdf(again_document.document.write_pdf())[0])
    assert cropped.size == again.size == (1080, seed_poster.height_css)
    assert np.array_equal(np.asarray(cropped), np.asarray(again))


def test_poster_width_is_exact_at_1x_and_2x(small_report, poster_layout):
    result = build_poster(small_report, poster_layout, SocialOptions(densities=(1, 2)))
    full = {image.density: image for image in result.images if image.kind == "poster"}
    assert (full[1].raster.width_px, full[1].raster.height_px) == (1080, result.height_css)
    assert (full[2].raster.width_px, full[2].raster.height_px) == (2160, 2 * result.height_css)


def test_poster_pdf_has_every_kpi_and_the_source_line(seed_poster, seed_report):
    text = "".join(pdf_page_texts(seed_poster.pdf))
    for kpi in seed_report.review.kpis:
        assert squash(str(kpi.figure)) in text
    assert "来源：2023年新会区政府工作报告" in text and "制图：" in text
    assert "7.5%以上" in text


def test_the_seed_poster_takes_a_qr_code_beside_its_credits(seed_report, poster_layout):
    """The QR code narrows the footer's credit line: it wraps after its ideographic space."""
    poster = lay_out_poster(seed_report, poster_layout, get_preset("poster"),
                            SocialOptions(qr_url="https://www.jmnews.com.cn/"))
    assert "<svg" in poster.html.split('class="footer-qr"')[1]  # laid out, no overflow raised


@pytest.mark.parametrize("padded", [
    "<div style='padding-bottom: 40px; background: #C8161D'><div style='height: 500px'></div><div id='end'></div></div>",
    "<div style='height: 500px'></div><div id='end' style='margin-bottom: 40px'></div>",
])
def test_bottom_padding_pitfall_is_measured_not_clipped(padded):
    """Padding or margins below the end anchor still count: the poster keeps them."""
    html = f"<html><head><style>@page{{margin:0}} body{{margin:0}}</style></head><body>{padded}</body></html>"
    assert measure_height(probe(html)) == 540


def probe(html: str) -> weasyprint.Document:
    return weasyprint.HTML(string=html).render(
        stylesheets=[weasyprint.CSS(string=f"@page {{ size: 1080px {PROBE_HEIGHT}px }}")])


def test_spacer_before_the_end_anchor_is_measured():
    html = ("<html><head><style>@page{margin:0} body{margin:0}</style></head>"
            "<body><div style='height: 500px'></div><div style='height: 40px'></div><div id='end'></div></body></html>")
    assert measure_height(probe(html)) == 540


def test_missing_end_anchor_is_an_error():
    with pytest.raises(BuildError, match="end anchor"):
        measure_height(probe("<p>no anchor</p>"))


def test_segments_cut_between_blocks_and_never_through_a_line(seed_poster_layout, seed_poster):
    segments = [image for image in seed_poster.images if image.kind == "segment"]
    assert len(segments) >= 2
    lines = text_extents(seed_poster_layout.page)
    for segment in segments:
        assert segment.bottom - segment.top <= 4000
        for cut in (segment.top, segment.bottom):
            assert not any(line.top < cut < line.bottom for line in lines), cut
    assert [s.segment for s in segments] == [(k, len(segments)) for k in range(1, len(segments) + 1)]


def test_segments_stack_up_to_the_full_poster(seed_poster):
    full = pixels(seed_poster.images[0])
    stacked = np.concatenate([pixels(s) for s in seed_poster.images if s.kind == "segment"])
    assert stacked.shape == full.shape
    assert (stacked == full).all()


def test_segments_respect_the_wechat_budget(seed_poster):
    for segment in (s for s in seed_poster.images if s.kind == "segment"):
        assert segment.raster.bytes < 1_000_000
        assert segment.raster.within_budget


def test_alt_text_states_the_numbers(seed_poster, seed_report):
    alt = seed_poster.alt
    assert alt.startswith("数读长图")
    for kpi in seed_report.review.kpis:
        assert str(kpi.figure) in alt
    assert "7.5%以上" in alt and "来源：2023年新会区政府工作报告" in alt
    segment_alts = [s.alt for s in seed_poster.images if s.kind == "segment"]
    assert segment_alts[0].startswith("数读长图第1段")


def test_qr_code_in_the_footer_when_asked_for(small_report, poster_layout):
    result = build_poster(small_report, poster_layout, SocialOptions(densities=(1,), qr_url="https://example.com/a"))
    assert result.html.count('class="qr"') == 1 and "扫码阅读" in result.html
    plain = build_poster(small_report, poster_layout, SocialOptions(densities=(1,)))
    assert 'class="qr"' not in plain.html
