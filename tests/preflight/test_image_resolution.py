"""shop-cn: an image under 300 ppi is a warning, under 150 ppi an error, each with its page and
its box (press.md §6: shops ask for 300 ppi)."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from xinhui_print.preflight import preflight

MM = 72 / 25.4


def _png(width: int, height: int) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 60)).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    """A two-page PDF: page 1 an image at 100 ppi (2 in wide, 200 px) top left, page 2 one at
    250 ppi and one at 350 ppi."""
    import weasyprint

    def img(px: int, top_mm: int) -> str:
        return (f'<img src="{_png(px, px // 2)}" style="position: absolute; left: 20mm; top: {top_mm}mm; '
                f'width: 2in; height: 1in">')

    html = (f'<html><body style="margin: 0">'
            f'<section style="position: relative; height: 210mm">{img(200, 20)}</section>'
            f'<section style="position: relative; height: 210mm; break-before: page">{img(500, 20)}{img(700, 100)}</section>'
            f'</body></html>')
    css = weasyprint.CSS(string="@page { size: 148mm 210mm; margin: 0 }")
    path = tmp_path_factory.mktemp("ppi") / "images.pdf"
    weasyprint.HTML(string=html).write_pdf(path, stylesheets=[css])
    return [f for f in preflight(path, "shop-cn").findings if f.id == "R0031"]


def test_under_150_ppi_is_an_error_with_page_and_box(findings):
    (error,) = [f for f in findings if f.severity == "error"]
    assert error.page == 1 and error.measured == pytest.approx(100, abs=1)
    x0, y0, x1, y1 = error.bbox
    assert x0 == pytest.approx(20 * MM, abs=1) and x1 - x0 == pytest.approx(144, abs=1)  # 2 in
    assert y1 == pytest.approx((210 - 20) * MM, abs=1)  # PDF space: from the bottom
    assert "100 ppi (minimum 149)" in error.message


def test_under_300_ppi_is_a_warning_and_300_or_more_passes(findings):
    (warning,) = [f for f in findings if f.severity == "warning"]
    assert warning.page == 2 and warning.count == 1 and warning.measured == pytest.approx(250, abs=1)
    assert "recommended 299" in warning.message
