"""Total area coverage: the summed-area table and the Ghostscript rendering."""

from __future__ import annotations

import numpy as np
import pytest
from builders import MM

from xinhui_print.preflight.coverage import max_square_mean, measure


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
