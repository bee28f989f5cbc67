"""The bar of issue 14 for images: with a PNG logo in the data, the press files still hold no
RGB object and pass ``shop-cn``, and the logo is printed on the booklet cover, the first card
and the posters.  One real build (``build --press --preset square``: the square preset allows
the logo on its first card; Xiaohongshu's first card stays clean by platform rule) of the short
seed: what is checked is where the logo goes and in which colours, not the seed's length."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
import yaml
from PIL import Image, ImageDraw

from tests.conftest import run_cli, short_seed_data
from xinhui_print.preflight import preflight

LOGO_PX = (600, 200)
PHOTO_PX = (1600, 700)
MM = 72 / 25.4


def make_logo(path) -> None:
    """A small RGBA logo: a blue rounded square, a red and a dark bar, transparent around."""
    image = Image.new("RGBA", LOGO_PX, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((10, 10, 190, 190), 30, fill=(20, 80, 160, 255))
    draw.rectangle((220, 60, 580, 100), fill=(200, 30, 40, 255))
    draw.rectangle((220, 120, 480, 150), fill=(40, 40, 40, 255))
    image.save(path)


def data_with(folder, **meta) -> str:
    """The short seed (tests/conftest.py: every kind of content, a few pages) with ``meta`` added."""
    data = short_seed_data()
    data["meta"].update(meta)
    (folder / "report.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(folder / "report.yaml")


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """(folder, manifest) of ``build --press --preset square`` with a PNG logo and a cover photo."""
    data = tmp_path_factory.mktemp("logo-data")
    make_logo(data / "logo.png")
    Image.linear_gradient("L").resize(PHOTO_PX).convert("RGB").save(data / "cover.jpg", quality=90)
    out = tmp_path_factory.mktemp("logo-out")
    result = run_cli("build", data_with(data, logo="logo.png", cover_image="cover.jpg"), "--press",
                     "--preset", "square", "--out", str(out))
    assert result.returncode == 0, result.stderr
    folder = out / "xinhui-2023"
    return folder, json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def files(manifest, role: str, suffix: str = ".pdf") -> list[str]:
    return [f["path"] for f in manifest["files"] if f["role"] == role and f["path"].endswith(suffix)]


def logo_placements(pdf_path, page_index: int, size=LOGO_PX) -> list[str]:
    """The colour space of every image of ``size`` pixels (the logo's) drawn on a page."""
    with pikepdf.open(pdf_path) as pdf:
        images = pdf.pages[page_index].get_images().values()
        return [str(image.get("/ColorSpace")) for image in images
                if (int(image.Width), int(image.Height)) == size]


def test_press_files_hold_no_rgb_and_pass_shop_cn(build, tmp_path):
    folder, manifest = build
    press = files(manifest, "press")
    assert sorted(press) == ["booklet-a5-press.pdf", "poster-print-press.pdf"]
    for name in press:
        qdf = tmp_path / f"{name}.qdf"
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(folder / name), str(qdf)], check=True)
        text = qdf.read_bytes().decode("latin-1")
        assert not re.search(r"(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)\s", text), name
        assert "/DeviceRGB" not in text and "/CalRGB" not in text, name
        report = preflight(folder / name, "shop-cn")
        assert [f for f in report.findings if f.severity == "error"] == [], name


def test_logo_is_on_the_booklet_cover_in_cmyk_for_press(build):
    folder, _ = build
    assert logo_placements(folder / "booklet-a5.pdf", 0) == ["/DeviceRGB"]
    assert logo_placements(folder / "booklet-a5-press.pdf", 0) == ["/DeviceCMYK"]
    assert logo_placements(folder / "booklet-a5-press.pdf", -1) == ["/DeviceCMYK"]  # back cover


def test_logo_is_on_the_first_card_and_the_posters(build):
    folder, manifest = build
    assert files(manifest, "social", ".pdf") == ["cards-square.pdf", "poster-long.pdf"]
    assert logo_placements(folder / "cards-square.pdf", 0)  # the cover card
    assert logo_placements(folder / "cards-square.pdf", -1)  # the closing card
    assert logo_placements(folder / "poster-long.pdf", 0)
    assert logo_placements(folder / "poster-print-press.pdf", 0) == ["/DeviceCMYK"]


def test_cover_photo_on_the_booklet_cover_and_the_poster_top(build):
    import pdfplumber

    folder, _ = build
    assert logo_placements(folder / "booklet-a5-press.pdf", 0, PHOTO_PX) == ["/DeviceCMYK"]
    assert logo_placements(folder / "cards-square.pdf", 0, PHOTO_PX) == []  # not on cards
    with pdfplumber.open(folder / "poster-long.pdf") as pdf:
        (photo,) = [i for i in pdf.pages[0].images if tuple(i["srcsize"]) == PHOTO_PX]
        assert photo["top"] < 1100 * 0.75  # under the masthead (数读, place, topic, headline, hero number)
        # cropped to fill its box (object-fit: cover): the poster's full width, 520 px high,
        # drawn at its own aspect (wider than the box), never stretched
        assert photo["x0"] <= 0 and photo["x1"] >= 1080 * 0.75
        assert photo["bottom"] - photo["top"] == pytest.approx(520 * 0.75, abs=0.5)
        assert (photo["x1"] - photo["x0"]) / (photo["bottom"] - photo["top"]) == pytest.approx(16 / 7, rel=0.01)


def test_logo_replaces_the_wordmark_on_the_cover(build):
    import pdfplumber

    folder, _ = build
    with pdfplumber.open(folder / "booklet-a5.pdf") as pdf:
        cover = pdf.pages[0]
        assert "江门日报" not in cover.extract_text()
        (image,) = [i for i in cover.images if (i["srcsize"][0], i["srcsize"][1]) == LOGO_PX]
        assert image["top"] < 40 * MM and image["x0"] < 30 * MM  # top left, where the name was
        width, height = image["x1"] - image["x0"], image["bottom"] - image["top"]
        assert width / height == pytest.approx(3, rel=0.02)  # never stretched


def test_svg_logo_in_press_is_converted_to_cmyk(tmp_path):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="40" height="40" '
           'fill="#1450a0"/><rect x="48" y="12" width="70" height="8" fill="rgb(200,30,40)"/></svg>')
    (tmp_path / "logo.svg").write_text(svg, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", data_with(tmp_path, logo="logo.svg"), "--layout", "booklet-a5", "--press",
                     "--out", str(out))
    assert result.returncode == 0, result.stderr
    press = out / "xinhui-2023" / "booklet-a5-press.pdf"
    qdf = tmp_path / "qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(press), str(qdf)], check=True)
    text = qdf.read_bytes().decode("latin-1")
    assert not re.search(r"(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)\s", text)
    assert "/DeviceRGB" not in text
    assert [f for f in preflight(press, "shop-cn").findings if f.severity == "error"] == []


def test_chapter_icon_is_vector_in_the_theme_red_cmyk(build):
    import pdfplumber

    folder, _ = build
    with pdfplumber.open(folder / "booklet-a5-press.pdf") as pdf:
        (opener,) = [page for page in pdf.pages if "坚持制造业当家" in (page.extract_text() or "")
                     and "01" in (page.extract_text() or "")[:40]]
        assert opener.images == []  # the icon is paths, not a picture
        top_right = [c for c in opener.curves + opener.lines
                     if c["top"] < 40 * MM and c["x0"] > opener.width / 2 and c.get("stroke")]
        assert len(top_right) >= 4  # building-factory-2: five paths beside the number
        assert {tuple(c["stroking_color"]) for c in top_right} == {(0.0, 1.0, 1.0, 0.2)}  # theme red


def test_the_tagged_booklet_gives_icons_logo_and_photo_alternative_text(build):
    checker = Path(sys.executable).parent / "pdfua"
    if not checker.exists():
        pytest.skip("the PDF/UA checker of the test extra is not installed")
    folder, _ = build
    result = subprocess.run([str(checker), "check", str(folder / "booklet-a5.pdf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
