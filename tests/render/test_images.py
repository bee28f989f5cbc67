"""Images named in the data (meta.logo, meta.cover_image): only from the data file's folder,
checked before layout, every problem one located line at the field that names it."""

from __future__ import annotations

import io
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import SEED_DATA
from xinhui_print.data import load_report
from xinhui_print.errors import DataError
from xinhui_print.render.fetcher import ForbiddenResource, ProjectFetcher
from xinhui_print.render.images import report_images

SVG_LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
            '<rect width="120" height="40" fill="#c8161d"/></svg>')


def write_report(folder, **meta) -> tuple:
    """The seed with ``meta`` fields added, in ``folder``; → (path, line of the first field)."""
    text = SEED_DATA.read_text(encoding="utf-8")
    added = "".join(f"  {key}: {value}\n" for key, value in meta.items())
    text = text.replace("  date: 2023-02-20\n", "  date: 2023-02-20\n" + added, 1)
    path = folder / "report.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text.splitlines().index("  date: 2023-02-20") + 2


def png_logo(path, size=(600, 200), mode="RGBA"):
    image = Image.new(mode, size, (20, 80, 160, 255) if mode == "RGBA" else (20, 80, 160))
    image.save(path)
    return path


def test_png_and_svg_logos_are_read_from_the_data_folder(tmp_path):
    png_logo(tmp_path / "logo.png")
    (tmp_path / "mark.svg").write_text(SVG_LOGO, encoding="utf-8")
    path, _ = write_report(tmp_path, logo="logo.png")
    images = report_images(load_report(path))
    assert (images.logo.kind, images.logo.width, images.logo.height) == ("png", 600, 200)
    assert images.logo.body == (tmp_path / "logo.png").read_bytes()  # sRGB already: as it is
    assert images.cover_image is None
    path, _ = write_report(tmp_path, logo="mark.svg")
    logo = report_images(load_report(path)).logo
    assert (logo.kind, logo.width, logo.height) == ("svg", 120, 40)


@pytest.mark.parametrize(("value", "cause"), [
    ("../../etc/passwd", r"'\.\./\.\./etc/passwd' leaves the folder of the data file"),
    ("/etc/hosts.png", "is not a relative path"),
    ("https://example.com/logo.png", "is not a relative path"),
    ("logo.gif", "expected a SVG or PNG file"),
])
def test_paths_that_leave_the_folder_are_schema_errors(tmp_path, value, cause):
    path, line = write_report(tmp_path, logo=value)
    with pytest.raises(DataError, match=rf"report\.yaml:{line}:9: meta\.logo: .*{cause}"):
        load_report(path)


def test_a_link_out_of_the_folder_is_refused(tmp_path):
    outside = png_logo(tmp_path / "outside.png")
    data = tmp_path / "data"
    data.mkdir()
    (data / "logo.png").symlink_to(outside)
    path, line = write_report(data, logo="logo.png")
    with pytest.raises(DataError, match=rf"report\.yaml:{line}:9: meta\.logo: 'logo\.png' leads "
                                        "outside the folder of the data file"):
        report_images(load_report(path))


@pytest.mark.parametrize(("name", "content", "cause"), [
    ("missing.png", None, r"file not found: 'missing\.png'"),
    ("logo.png", b"this is a text file, not an image\n", "not a PNG image"),
    ("logo.svg", b"<html><body>hi</body></html>", r"not an SVG image \(its root element is not <svg>\)"),
    ("logo.svg", b"<svg", "not a readable SVG image"),
    ("logo.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>',
     "an SVG with a DTD or entities is refused"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                 b'viewBox="0 0 10 10"><image xlink:href="file:///etc/passwd"/></svg>',
     "the SVG refers to another file"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                 b'<style>@import url(other.css);</style></svg>', "the SVG refers to another file"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
     "the SVG has no size"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">' + b"<g>" * 60 + b"</g>" * 60
     + b"</svg>", "nests elements more than 50 deep"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">' + b"<rect/>" * 20_001
     + b"</svg>", "more than 20,000 elements"),
])
def test_bad_image_files_are_located_errors(tmp_path, name, content, cause):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    path, line = write_report(tmp_path, logo=name)
    with pytest.raises(DataError, match=rf"report\.yaml:{line}:9: meta\.logo: .*{cause}"):
        report_images(load_report(path))


def huge_png(width: int, height: int) -> bytes:
    """A valid PNG header declaring ``width`` × ``height`` grey pixels, with almost no data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("side", [8_000, 100_000])
def test_a_huge_png_is_refused_before_it_is_decoded(tmp_path, side):
    (tmp_path / "logo.png").write_bytes(huge_png(side, side))
    path, line = write_report(tmp_path, logo="logo.png")
    report = load_report(path)
    start = time.perf_counter()
    with pytest.raises(DataError, match=rf"report\.yaml:{line}:9: meta\.logo: .*pixels, at most 50,000,000"):
        report_images(report)
    assert time.perf_counter() - start < 1


def test_cmyk_jpeg_cover_reaches_the_renderer_as_srgb(tmp_path):
    Image.new("CMYK", (800, 400), (0, 255, 255, 50)).save(tmp_path / "cover.jpg", quality=95)
    path, _ = write_report(tmp_path, cover_image="cover.jpg")
    cover = report_images(load_report(path)).cover_image
    converted = Image.open(io.BytesIO(cover.body))
    assert converted.format == "JPEG" and converted.mode == "RGB" and converted.size == (800, 400)
    r, g, b = converted.getpixel((400, 200))
    assert r > 150 and g < 60 and b < 60  # still red


ADOBE_RGB = Path("/usr/share/color/icc/ghostscript/a98.icc")


@pytest.mark.skipif(not ADOBE_RGB.exists(), reason="Ghostscript's Adobe RGB profile is missing")
def test_a_png_in_adobe_rgb_is_converted_to_srgb(tmp_path):
    Image.new("RGB", (40, 40), (60, 160, 90)).save(tmp_path / "logo.png", icc_profile=ADOBE_RGB.read_bytes())
    path, _ = write_report(tmp_path, logo="logo.png")
    converted = Image.open(io.BytesIO(report_images(load_report(path)).logo.body))
    assert "icc_profile" not in converted.info and converted.mode == "RGB"
    r, g, b = converted.getpixel((20, 20))
    assert r < 40 and g > 160  # Adobe RGB green is more saturated than the same numbers in sRGB


def test_rotated_photo_is_turned_upright(tmp_path):
    image = Image.new("RGB", (300, 100), (10, 120, 200))
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    image.save(tmp_path / "cover.jpg", exif=exif)
    path, _ = write_report(tmp_path, cover_image="cover.jpg")
    cover = report_images(load_report(path)).cover_image
    assert (cover.width, cover.height) == (100, 300)
    assert Image.open(io.BytesIO(cover.body)).size == (100, 300)


def test_fetcher_serves_the_data_images_and_nothing_else_of_their_folder(tmp_path):
    logo = png_logo(tmp_path / "logo.png")
    (tmp_path / "secret.png").write_bytes(logo.read_bytes())
    fetcher = ProjectFetcher((), {str(logo.resolve()): b"prepared"})
    assert fetcher.fetch(logo.resolve().as_uri()).read() == b"prepared"
    with pytest.raises(ForbiddenResource):
        fetcher.fetch((tmp_path / "secret.png").as_uri())
    assert fetcher.refused == [(tmp_path / "secret.png").as_uri()]
