"""The graphics-state walker: CTM into forms, annotations, patterns, inline images, text."""

from __future__ import annotations

import pikepdf
import pytest

from xinhui_print.preflight.interpreter import DocumentCaches, scan_page


def one_page(content: bytes, resources=None, annots=None, pdf=None) -> list:
    pdf = pdf or pikepdf.new()
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 400, 400],
                              Resources=resources or pikepdf.Dictionary(),
                              Contents=pdf.make_stream(content))
    if annots is not None:
        page.Annots = annots
    pdf.pages.append(pikepdf.Page(page))
    return scan_page(DocumentCaches(pdf), 1, pdf.pages[0]).paints


def helvetica(pdf):
    return pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                              BaseFont=pikepdf.Name.Helvetica, FirstChar=65, LastChar=66,
                              Widths=[500, 250])


def test_text_size_width_and_position_follow_tm_and_ctm():
    pdf = pikepdf.new()
    res = pikepdf.Dictionary(Font=pikepdf.Dictionary(F=helvetica(pdf)))
    (text,) = one_page(b"2 0 0 2 0 0 cm BT /F 10 Tf 10 20 Td (AB) Tj ET", res, pdf=pdf)
    assert text.size == pytest.approx(20)
    # advance (0.5 + 0.25) × 10 = 7.5 text units, × 2 → 15 pt, starting at x = 20
    assert text.bbox[0] == pytest.approx(20) and text.bbox[2] == pytest.approx(35)
    assert text.colour.space.family == "DeviceGray" and text.colour.values == (0.0,)


def test_tj_adjustments_and_horizontal_scaling_move_the_pen():
    pdf = pikepdf.new()
    res = pikepdf.Dictionary(Font=pikepdf.Dictionary(F=helvetica(pdf)))
    paints = one_page(b"BT /F 10 Tf 50 Tz [(A) -1000 (A)] TJ (B) Tj ET", res, pdf=pdf)
    first, second = paints
    # (5 + 10 + 5) × 0.5 = 10, then B starts there
    assert first.bbox[2] == pytest.approx(10)
    assert second.bbox[0] == pytest.approx(10)


def test_invisible_text_and_hidden_optional_content_are_skipped():
    pdf = pikepdf.new()
    ocg = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name=pikepdf.String("off")))
    pdf.Root.OCProperties = pikepdf.Dictionary(OCGs=[ocg], D=pikepdf.Dictionary(OFF=[ocg]))
    res = pikepdf.Dictionary(Font=pikepdf.Dictionary(F=helvetica(pdf)),
                             Properties=pikepdf.Dictionary(L=ocg))
    content = b"BT /F 10 Tf 3 Tr (A) Tj ET /OC /L BDC 0 0 10 10 re f EMC 5 5 1 1 re f"
    paints = one_page(content, res, pdf=pdf)
    assert [p.bbox for p in paints] == [(5, 5, 6, 6)]


def test_form_xobject_matrix_and_clip_apply():
    pdf = pikepdf.new()
    form = pdf.make_stream(b"0 0 0 1 k 0 0 100 100 re f 1 w 0 0 m 10 0 l S")
    form.Type, form.Subtype, form.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 50, 50]
    form.Matrix = [0.5, 0, 0, 0.5, 0, 0]
    res = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm=form))
    fill, stroke = one_page(b"1 0 0 1 100 100 cm /Fm Do", res, pdf=pdf)
    assert fill.bbox == pytest.approx((100, 100, 125, 125))  # clipped to the form BBox
    assert fill.origin == "form" and fill.colour.values == (0, 0, 0, 1)
    assert stroke.size == pytest.approx(0.5)  # line width × CTM scale


def test_annotation_appearance_is_mapped_to_its_rect_when_printing():
    pdf = pikepdf.new()
    ap = pdf.make_stream(b"1 0 0 rg 0 0 20 10 re f")
    ap.Type, ap.Subtype, ap.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 20, 10]

    def annot(flags):
        return pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Square,
                                  Rect=[100, 100, 140, 120], F=flags, AP=pikepdf.Dictionary(N=ap))

    (paint,) = one_page(b"", annots=[annot(4), annot(0), annot(6)], pdf=pdf)
    assert paint.origin == "annotation" and paint.bbox == pytest.approx((100, 100, 140, 120))
    assert paint.colour.space.family == "DeviceRGB"


def test_tiling_pattern_content_is_walked_over_the_filled_area():
    pdf = pikepdf.new()
    cell = pdf.make_stream(b"1 0 0 rg 0 0 5 5 re f")
    cell.Type, cell.PatternType, cell.PaintType, cell.TilingType = pikepdf.Name.Pattern, 1, 1, 1
    cell.BBox, cell.XStep, cell.YStep = [0, 0, 10, 10], 10, 10
    cell.Resources = pikepdf.Dictionary()
    res = pikepdf.Dictionary(Pattern=pikepdf.Dictionary(P=cell))
    (paint,) = one_page(b"/Pattern cs /P scn 0 0 200 100 re f", res, pdf=pdf)
    assert paint.origin == "pattern" and paint.bbox == (0, 0, 200, 100)
    assert paint.colour.space.family == "DeviceRGB"


def test_inline_image_resolution_on_the_smaller_axis():
    content = b"q 72 0 0 36 0 0 cm BI /W 100 /H 100 /CS /CMYK /BPC 8 ID " + bytes(40000) + b" EI Q"
    (image,) = one_page(content)
    assert image.kind == "image" and image.image.ppi == pytest.approx(100)
    assert image.image.space.family == "DeviceCMYK"


def test_overprint_from_extgstate_op_defaults_to_OP():
    res = pikepdf.Dictionary(ExtGState=pikepdf.Dictionary(G=pikepdf.Dictionary(OP=True, OPM=1)))
    (paint,) = one_page(b"/G gs 0 0 0 1 k 0 0 5 5 re f", res)
    assert paint.overprint and paint.opm == 1


def test_indexed_and_separation_spaces_resolve():
    res = pikepdf.Dictionary(ColorSpace=pikepdf.Dictionary(
        I=pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceCMYK, 1,
                         pikepdf.String(bytes([0, 0, 0, 255, 255, 0, 0, 0]))]),
    ))
    (paint,) = one_page(b"/I cs 1 sc 0 0 5 5 re f", res)
    from xinhui_print.preflight.colour import effective

    assert effective(paint.colour).values == (1.0, 0.0, 0.0, 0.0)
