"""Total area coverage: the summed-area table and the Ghostscript rendering."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pikepdf
import pytest
from builders import MM

from xinhui_print.errors import PdfReadError
from xinhui_print.preflight import preflight
from xinhui_print.preflight.coverage import MAX_PAGE_PIXELS, max_square_mean, measure, render_resolution


def test_max_square_mean_finds_the_densest_window():
    total = np.zeros((100, 100))
    total[10:20, 60:70] = 400.0
    mean, row, col, h, w = max_square_mean(total, 10)
    assert (mean, row, col, h, w) == (400.0, 10, 60, 10, 10)


def test_max_square_mean_averages_a_peak_over_the_window():
    total = np.zeros((50, 50))
    total[0:5, 0:5] = 400.0
    mean, *_ = max_square_mean(total, 10)
    assert mean == pytest.approx(100.0)


def test_window_larger_than_page_uses_the_whole_page():
    mean, *_ = max_square_mean(np.full((5, 8), 50.0), 43)
    assert mean == pytest.approx(50.0)


def test_rendered_square_matches_the_drawn_ink(make_pdf, tmp_path):
    path = make_pdf(pages=1, content=f"q 1 1 1 0 k 100 100 {30 * MM} {30 * MM} re f Q\n")
    (page,) = measure(path, [(0.0, 0.0, 300.47, 413.86)])
    assert page.max_mean == pytest.approx(300, abs=1)
    x0, y0, x1, y1 = page.square
    assert 100 - 1 <= x0 and x1 <= 100 + 30 * MM + 1 and 100 - 1 <= y0 and y1 <= 100 + 30 * MM + 1


def test_pages_are_measured_at_the_profile_resolution(make_pdf):
    (page,) = measure(make_pdf(pages=1), [(0.0, 0.0, 300.47, 413.86)])
    assert page.dpi == 72


def test_huge_pages_are_rendered_coarser_within_the_pixel_budget(tmp_path):
    path = _huge_page_pdf(tmp_path, 14400)
    (page,) = measure(path, [(0.0, 0.0, 14400.0, 14400.0)])
    pixels = (14400 / 72 * page.dpi) ** 2
    assert 10 < page.dpi < 72 and pixels <= MAX_PAGE_PIXELS
    assert page.max_mean == pytest.approx(100, abs=1)  # the K square on the huge page


def test_a_page_too_large_to_measure_is_refused_with_its_number():
    boxes = [(0.0, 0.0, 595.0, 842.0), (0.0, 0.0, 200000.0, 200000.0)]
    with pytest.raises(PdfReadError, match=r"huge\.pdf: page 2 measures 70556 × 70556 mm"):
        render_resolution(Path("huge.pdf"), boxes, 72, 15.0)


def test_huge_press_file_preflights_without_filling_the_disk(tmp_path):
    path = _huge_page_pdf(tmp_path, 14400, pages=3)
    result = preflight(path, "shop-cn")
    assert result.page_count == 3
    assert not list(tmp_path.glob("**/*.tif"))


def _huge_page_pdf(folder: Path, side: float, pages: int = 1) -> Path:
    pdf = pikepdf.new()
    for _ in range(pages):
        content = pdf.make_stream(f"q 0 0 0 1 k 1000 1000 {200 * MM} {200 * MM} re f Q".encode())
        pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, side, side], Contents=content)))
    path = folder / "huge.pdf"
    pdf.save(path)
    return path
