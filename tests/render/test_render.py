"""The render entry: options as stylesheets, a warm path without state, the overflow check."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
import weasyprint

from xinhui_print.layout import load_layout
from xinhui_print.render import RenderOptions, icc_profile, render
from xinhui_print.render.overflow import ContentOverflow, check_overflow


@pytest.fixture(scope="module")
def print_poster():
    return load_layout("poster-print")


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="render mode"):
        RenderOptions(mode="proof")


def test_page_size_option_sets_the_page(seed_report, print_poster):
    rendered = render(seed_report, print_poster, RenderOptions(page_px=(1000, 3000)))
    page = rendered.document.pages[0]
    assert (page.width, page.height) == (1000, 3000)


def test_same_call_twice_gives_the_same_bytes(seed_report, print_poster):
    """A warm path: nothing of one call leaks into the next."""
    first = render(seed_report, print_poster).document.write_pdf()
    render(seed_report, print_poster, RenderOptions(page_px=(1000, 3000)))
    assert render(seed_report, print_poster).document.write_pdf() == first


def test_a_stylesheet_option_goes_in_as_a_stylesheet_under_the_layout(seed_report, print_poster):
    """Extra CSS is a user stylesheet: its colour profile reaches the PDF, the HTML is not
    touched, and the layout's own rules still win over it."""
    sheet = (f"@color-profile device-cmyk {{ src: url({icc_profile(print_poster).resolve().as_uri()}); "
             "components: c, m, y, k } html { color: device-cmyk(0 0 0 1) }")
    rendered = render(seed_report, print_poster, RenderOptions(mode="press", stylesheets=(sheet,)))
    assert "/* press */" not in rendered.html and "@color-profile" not in rendered.html
    assert "device-cmyk" in rendered.document.color_profiles
    with pikepdf.open(io.BytesIO(rendered.document.write_pdf())) as pdf:
        spaces = {str(value[0]) for page in pdf.pages
                  for value in (page.obj.Resources.get("/ColorSpace") or {}).values()
                  if isinstance(value, pikepdf.Array)}
    assert "/ICCBased" in spaces
    layout_wins = weasyprint.HTML(string="<html><head><style>html { color: red }</style></head><body>x</body></html>")
    style = layout_wins.render(stylesheets=[weasyprint.CSS(string="html { color: blue }")])
    assert b"1 0 0 rg" in style.write_pdf(uncompressed_pdf=True)  # red: the author rule beats the user sheet


FIELDS = [("meta.title", "乘势而上"), ("groups[0].facts[0]", "详见https://example.com/" + "a" * 300)]


def document(body: str) -> weasyprint.Document:
    return weasyprint.HTML(string=(
        "<html><head><style>@page { size: 400px 300px; margin: 20px } body { margin: 0; font: 12px sans-serif }"
        f"</style></head><body>{body}</body></html>")).render()


def test_text_inside_its_boxes_passes():
    check_overflow(document("<p>乘势而上</p><div style='display: flex'><p>1</p><p>2</p></div>"), "t", FIELDS)


def test_an_ideographic_space_ending_a_line_hangs():
    """``来源：…　文：…`` breaks after the ideographic space: its advance stays in the line box
    but nothing is drawn past the column (the long poster's credit line beside a QR code)."""
    check_overflow(document("<p style='width: 96px'>乘势而上加速奔跑　乘势</p>"), "t", FIELDS)
    with pytest.raises(ContentOverflow):  # ink past the column is still caught
        check_overflow(document("<p style='width: 96px; white-space: nowrap'>乘势而上加速奔跑　乘势</p>"), "t", FIELDS)


def test_a_long_url_is_named_by_its_field():
    with pytest.raises(ContentOverflow, match=re.escape("t, page 1: the text of groups[0].facts[0] runs")) as caught:
        check_overflow(document(f"<p>{FIELDS[1][1]}</p>"), "t", FIELDS)
    assert caught.value.exit_code == 2 and caught.value.field == "groups[0].facts[0]"


def test_a_box_forced_wider_than_its_container_is_the_one_named():
    """A nowrap figure widens its flex item and pushes the next one out: the wide one is named."""
    body = ("<div style='display: flex; width: 300px'><div style='white-space: nowrap'>12345678901234567890123"
            "12345678901234567890123</div><div>乘势而上</div></div>")
    fields = [("review.kpis[0].figure", "1234567890123456789012312345678901234567890123"), *FIELDS]
    with pytest.raises(ContentOverflow, match=re.escape("review.kpis[0].figure")):
        check_overflow(document(body), "t", fields)


def test_a_fixed_height_box_pushing_lines_below_the_page_is_caught():
    deck = "乘势而上加速奔跑" * 60
    body = f"<div style='height: 40px; width: 200px; display: inline-block'><p>{deck}</p></div>"
    with pytest.raises(ContentOverflow, match=re.escape("the text of deck runs")):
        check_overflow(document(body), "t", [("deck", deck)])


def test_layout_text_overflowing_is_a_broken_layout():
    with pytest.raises(ContentOverflow, match="text the layout adds") as caught:
        check_overflow(document("<p style='white-space: nowrap'>" + "版权所有" * 40 + "</p>"), "t", FIELDS)
    assert caught.value.exit_code == 1
