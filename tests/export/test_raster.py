"""export.raster: exact pixel sizes, RGB without alpha, sRGB tag, determinism, byte budgets."""

from __future__ import annotations

import io

import pytest
import weasyprint
from PIL import Image

from xinhui_print.export.raster import RasterOptions, encode_png, export_png, pixel_size

RED = (200, 22, 29)


def page_pdf(width: int, height: int, body: str = "") -> bytes:
    html = (f"<style>@page {{ size: {width}px {height}px; margin: 0 }} body {{ margin: 0 }}</style>"
            f"<div style='background: rgb{RED}; height: 40px'></div>{body}")
    return weasyprint.HTML(string=html).write_pdf()


@pytest.fixture(scope="module")
def card_pdf() -> bytes:
    return page_pdf(1080, 1440, "<p lang='zh-CN' style='font: 40px \"Noto Sans CJK SC\"'>数读 57.8亿元</p>")


@pytest.mark.parametrize(("density", "size"), [(1, (1080, 1440)), (2, (2160, 2880)), (1.5, (1620, 2160)),
                                              (0.25, (270, 360))])
def test_pixel_size_is_exact_per_density(card_pdf, density, size):
    image, = export_png(card_pdf, RasterOptions(density=density))
    assert (image.width_px, image.height_px) == size
    assert Image.open(io.BytesIO(image.data)).size == size


def test_odd_page_sizes_round_to_whole_pixels():
    assert pixel_size(810, 287.25, 1) == (1080, 383)  # 900 × 383 CSS px would be 675 × 287.25 pt
    assert pixel_size(675, 287.25, 2) == (1800, 766)


def test_png_is_8bit_rgb_srgb_tagged_without_alpha(card_pdf):
    image, = export_png(card_pdf)
    png = Image.open(io.BytesIO(image.data))
    assert png.mode == "RGB"
    assert png.info.get("srgb") == 0
    assert b"sRGB" in image.data[:200] and b"tRNS" not in image.data
    assert png.getpixel((5, 5)) == pytest.approx(RED, abs=2)  # channel order kept: red stays red


def test_png_bytes_are_deterministic(card_pdf):
    first = [i.sha256 for i in export_png(card_pdf, RasterOptions(density=2))]
    second = [i.sha256 for i in export_png(card_pdf, RasterOptions(density=2))]
    assert first == second


def test_png_is_lossless(card_pdf):
    image, = export_png(card_pdf)
    from xinhui_print.export.raster import rasterize

    rendered, = rasterize(card_pdf)
    assert Image.open(io.BytesIO(image.data)).tobytes() == rendered.tobytes()


def test_within_budget_nothing_changes(card_pdf):
    image, = export_png(card_pdf, RasterOptions(byte_budget=1_000_000))
    assert image.format == "png" and image.fallback is None and image.notes == () and image.within_budget


def noisy_pdf() -> bytes:
    """Text-dense page: the lossless PNG is far bigger than a palette PNG."""
    text = "".join(f"<p style='margin: 0'>第{i}项：完成投资{i * 7.3:.1f}亿元，增长{i % 9}.{i % 7}%以上。</p>" for i in range(40))
    return page_pdf(1080, 1440, f"<div lang='zh-CN' style='font: 22px \"Noto Sans CJK SC\"; color: #333'>{text}</div>")


def test_over_budget_falls_back_to_palette_then_says_so():
    pdf = noisy_pdf()
    lossless, = export_png(pdf)
    budget = int(lossless.bytes * 0.8)
    image, = export_png(pdf, RasterOptions(byte_budget=budget))
    assert image.bytes <= budget
    assert image.fallback == "palette" and image.format == "png"
    assert any("exceeds the budget" in note.message for note in image.notes)
    assert Image.open(io.BytesIO(image.data)).mode == "P"


def test_tiny_budget_falls_back_to_jpeg_or_reports_over_budget():
    pdf = noisy_pdf()
    image, = export_png(pdf, RasterOptions(byte_budget=60_000))
    assert image.format == "jpeg" and image.fallback == "jpeg"
    assert (image.bytes <= 60_000) == image.within_budget
    assert image.notes[-1].message.startswith(("fell back to JPEG", "JPEG quality"))
    assert (image.notes[-1].severity == "warning") == (not image.within_budget)


def test_jpeg_option_embeds_srgb_profile(card_pdf):
    image, = export_png(card_pdf, RasterOptions(format="jpeg"))
    jpeg = Image.open(io.BytesIO(image.data))
    assert jpeg.format == "JPEG" and jpeg.mode == "RGB"
    assert b"sRGB" in jpeg.info["icc_profile"]
    assert image.suffix == ".jpg"


def test_unknown_options_are_errors():
    with pytest.raises(ValueError, match="unknown raster format"):
        RasterOptions(format="gif")
    with pytest.raises(ValueError, match="density"):
        RasterOptions(density=0)


def test_encode_png_keeps_rgb_even_for_flat_images():
    image = Image.new("RGB", (64, 32), RED)
    assert Image.open(io.BytesIO(encode_png(image))).mode == "RGB"


# ---------------------------------------------------------------- scanlines (fast path)


def test_scanlines_have_the_same_pixels_as_render_page(card_pdf):
    from xinhui_print.export.raster import open_pdf, render_page, render_scanlines

    document = open_pdf(card_pdf)
    page = document[0]
    for density in (1, 0.5):
        rows = render_scanlines(page, density)
        image = render_page(page, density)
        assert rows.size == image.size
        assert bytes(rows.data[0 :: rows.stride]) == bytes(rows.height)  # filter bytes
        assert rows.image().tobytes() == image.tobytes()
        decoded = Image.open(io.BytesIO(encode_png(rows, "fast")))
        assert decoded.mode == "RGB" and decoded.tobytes() == image.tobytes()


def test_a_band_of_scanlines_is_the_same_as_a_crop(card_pdf):
    from xinhui_print.export.raster import open_pdf, render_page, render_scanlines

    page = open_pdf(card_pdf)[0]
    rows, image = render_scanlines(page), render_page(page)
    band = rows.band(20, 700)
    assert band.size == (1080, 680)
    decoded = Image.open(io.BytesIO(encode_png(band, "fast")))
    assert decoded.tobytes() == image.crop((0, 20, 1080, 700)).tobytes()


def test_fast_png_over_budget_is_deflated_tighter_before_any_lossy_fallback():
    from xinhui_print.export.raster import encode_png_parallel, fit_budget, png_scanlines

    noise = Image.effect_noise((300, 300), 40).convert("RGB")
    rows = png_scanlines(noise)
    fast, tight = len(encode_png_parallel(rows)), len(encode_png_parallel(rows, 9))
    assert tight < fast
    encoded = fit_budget(rows, RasterOptions(byte_budget=tight, png_effort="fast"))
    assert encoded.format == "png" and encoded.fallback is None and len(encoded.data) == tight
    assert Image.open(io.BytesIO(encoded.data)).tobytes() == noise.tobytes()


def test_streamed_png_is_the_page_rendered_band_by_band():
    """A tall page rendered and deflated in bands: a valid, deterministic PNG of the same size and,
    but for glyph placement at band edges (≤ 0.5 % of pixels), the same pixels."""
    import numpy as np

    from xinhui_print.export.raster import (
        STREAM_BAND_ROWS, encode_png_parallel, encode_png_streamed, open_pdf, render_scanlines,
    )

    lines = "".join(f"<p>第{n}行 数读新会 2023年 7.5%以上</p>" for n in range(160))
    pdf = weasyprint.HTML(string=f"<style>@page {{ size: 400px {STREAM_BAND_ROWS + 900}px; margin: 0 }}"
                                 f"p {{ margin: 0; font: 20px/32px 'Noto Sans CJK SC' }}</style>{lines}").write_pdf()
    page = open_pdf(pdf)[0]
    streamed = encode_png_streamed(page, 1)
    assert encode_png_streamed(page, 1).data == streamed.data
    whole = np.asarray(Image.open(io.BytesIO(encode_png_parallel(render_scanlines(page, 1)))).convert("RGB"))
    banded = np.asarray(Image.open(io.BytesIO(streamed.data)).convert("RGB"))
    assert banded.shape == whole.shape == (STREAM_BAND_ROWS + 900, 400, 3)
    differ = np.abs(banded.astype(int) - whole.astype(int)).max(axis=2) > 0
    assert differ.mean() < 0.005 and not differ[:STREAM_BAND_ROWS].any()
