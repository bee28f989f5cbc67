"""Post-processing of RGB-laden WeasyPrint output into CMYK PDF/X-4."""

from __future__ import annotations

import pikepdf

from xinhui_print.preflight import preflight
from xinhui_print.press.colour import ColourConverter
from xinhui_print.press.produce import preflight_profile
from xinhui_print.press.profiles import DEFAULT_ICC, press_profile


def test_rgb_black_and_greys_become_k_only():
    converter = ColourConverter(DEFAULT_ICC)
    assert converter.rgb_to_cmyk(0, 0, 0) == (0, 0, 0, 1)
    c, m, y, k = converter.rgb_to_cmyk(0.5, 0.5, 0.5)
    assert (c, m, y) == (0, 0, 0) and 0.4 < k < 0.8
    c, m, y, k = converter.rgb_to_cmyk(200 / 255, 22 / 255, 29 / 255)
    assert m > 0.8 and c + m + y + k <= 3.0


def test_rgb_input_passes_the_press_preflight(numbered_press_pdf):
    report = preflight(numbered_press_pdf, preflight_profile(press_profile(), "press"))
    errors = {f.id for f in report.findings if f.severity == "error"}
    assert errors == {"SHOP-PAGES"}  # six pages: not a saddle-stitched booklet, all else passes


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


def test_crop_marks_option_draws_marks_outside_the_bleed(tmp_path):
    """Default press files have no marks; the option enlarges the MediaBox and draws them."""
    import io

    import pikepdf
    import weasyprint

    from xinhui_print.press.postprocess import postprocess_pdf
    from xinhui_print.press.profiles import press_profile

    html = ('<html lang="zh-CN"><style>@page { size: 148mm 210mm; bleed: 3mm; '
            'background: device-cmyk(0 1 1 0.2) }</style><body><p>封面</p></body></html>')
    raw = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/x-4")
    plain, _ = postprocess_pdf(raw, press_profile(), report_date="2023-02-20")
    marked, _ = postprocess_pdf(raw, press_profile(), report_date="2023-02-20", crop_marks=True)
    with pikepdf.open(io.BytesIO(plain)) as pdf:
        page = pdf.pages[0]
        assert [float(v) for v in page.MediaBox] == [float(v) for v in page.BleedBox]
        assert b"/All" not in page.Contents.read_bytes()
    with pikepdf.open(io.BytesIO(marked)) as pdf:
        page = pdf.pages[0]
        media, bleed, trim = ([float(v) for v in page[k]] for k in ("/MediaBox", "/BleedBox", "/TrimBox"))
        assert media[0] < bleed[0] < trim[0] and media[2] > bleed[2] > trim[2]
        assert round((trim[2] - trim[0]) * 25.4 / 72, 1) == 148.0
        spaces = [str(v[1]) for v in page.Resources.ColorSpace.values() if isinstance(v, pikepdf.Array)]
        assert "/All" in spaces  # registration colour: a Separation named All


def test_press_target_limits_reach_the_preflight():
    """One validator: the press target's ink limit, bleed and safe margin are the preflight's."""
    target = press_profile("sheet-cmyk-250", {"bleed_mm": 5.0, "safe_mm": 8.0})
    pages = preflight_profile(target, "press")
    spreads = preflight_profile(target, "imposed")
    assert (pages.name, spreads.name) == ("shop-cn", "sheetcmyk-cmyk")
    for profile in (pages, spreads):
        ink = profile.rules["R0026"]
        assert (ink.severity, ink["limit"], ink["square_mm"]) == ("error", 250.0, 15.0)
    assert pages.rules["SHOP-BLEED"]["min_mm"] == pages.rules["BLEED-AT-TRIM"]["min_mm"] == 5.0
    assert pages.rules["SHOP-SAFE-MARGIN"]["min_mm"] == 8.0
    assert "SHOP-SAFE-MARGIN" not in spreads.rules  # printer's spreads: no page-level shop rules


def test_each_press_page_lists_only_what_it_draws(press_build):
    """WeasyPrint gives every page the document's whole resource dictionary; a RIP would
    then treat each page as holding every transparency group (Ghostscript composited
    every imposed sheet, 3× slower).  After post-processing a page names what it uses."""
    folder, manifest = press_build
    for role in ("press", "imposed"):
        (entry,) = [f for f in manifest["files"] if f["role"] == role and f["format"] == "pdf"]
        with pikepdf.open(folder / entry["path"]) as pdf:
            for page in pdf.pages:
                named = {str(operand) for instruction in pikepdf.parse_content_stream(page)
                         for operand in instruction.operands if isinstance(operand, pikepdf.Name)}
                listed = {name for category in ("/XObject", "/Font", "/ExtGState", "/ColorSpace")
                          for name in (page.obj.Resources.get(category) or {}).keys()}
                assert listed <= named, (role, sorted(listed - named))
