"""Post-processing of RGB-laden WeasyPrint output into CMYK PDF/X-4."""

from __future__ import annotations

import pikepdf

from xinhui_print.press.checks import check_press_pdf
from xinhui_print.press.colour import ColourConverter
from xinhui_print.press.profiles import DEFAULT_ICC, press_profile


def test_rgb_black_and_greys_become_k_only():
    converter = ColourConverter(DEFAULT_ICC)
    assert converter.rgb_to_cmyk(0, 0, 0) == (0, 0, 0, 1)
    c, m, y, k = converter.rgb_to_cmyk(0.5, 0.5, 0.5)
    assert (c, m, y) == (0, 0, 0) and 0.4 < k < 0.8
    c, m, y, k = converter.rgb_to_cmyk(200 / 255, 22 / 255, 29 / 255)
    assert m > 0.8 and c + m + y + k <= 3.0


def test_rgb_input_passes_every_self_check(numbered_press_pdf):
    results = check_press_pdf(numbered_press_pdf, press_profile())
    assert [str(r) for r in results if not r.ok and r.severity == "error"] == []


def test_k100_text_overprints(numbered_press_pdf):
    with pikepdf.open(numbered_press_pdf) as pdf:
        page = pdf.pages[0]
        states = page.obj.Resources.ExtGState
        assert bool(states.XHop10.op) is True and int(states.XHop10.OPM) == 1
        operators = [str(i.operator) for i in pikepdf.parse_content_stream(page)
                     if not isinstance(i, pikepdf.ContentStreamInlineImage)]
        ops = [(str(i.operator), list(i.operands)) for i in pikepdf.parse_content_stream(page)]
    assert "rg" not in operators
    # the text after an overprint-on state is shown in K100
    assert any(op == "gs" and args[0] == pikepdf.Name("/XHop10") for op, args in ops)
