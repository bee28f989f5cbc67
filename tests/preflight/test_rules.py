"""Each rule: a fixture breaking only that requirement is caught with the right ID
and severity, and nothing fires on the clean booklet."""

from __future__ import annotations

import pikepdf
import pytest
from builders import (
    BACKGROUND,
    BLEED,
    CLEAN_CONTENT,
    MEDIA,
    MM,
    OVERPRINT,
    TRIM,
    add_form,
    image_stream,
    reportlab_form,
    srgb_profile_bytes,
)

from xinhui_print.preflight import available_profiles, preflight


def _set(key, value, pages=(1,)):
    def hook(pdf, page, number):
        if number in pages:
            page[key] = value

    return hook


def _image_hook(**image):
    def hook(pdf, page, number):
        own = pikepdf.Dictionary({k: v for k, v in page.Resources.items()})
        own.XObject = pikepdf.Dictionary({k: v for k, v in page.Resources.XObject.items()})
        own.XObject.ImX = image_stream(pdf, **image)
        page.Resources = own

    return hook


def _reportlab_text(font: str, rename: str | None = None):
    def draw(canvas):
        if font != "Helvetica":
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            pdfmetrics.registerFont(TTFont("DejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
        canvas.setFillColorCMYK(0, 0, 0, 1)
        canvas.setFont("DejaVu" if font != "Helvetica" else font, 14)
        canvas.drawString(40, 150, "Preflight")

    def hook(pdf, page, number):
        if number != 1:
            return
        form = reportlab_form(pdf, draw)
        if rename:
            for font_dict in form.Resources.Font.values():
                font_dict.BaseFont = pikepdf.Name(f"/ABCDEF+{rename}")
        add_form(pdf, page, "RL", form)

    return hook


def _xmp_without_claim(pdf):
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        del meta["pdfxid:GTS_PDFXVersion"]


def _rgb_intent(pdf):
    icc = pdf.make_stream(srgb_profile_bytes())
    icc.N = 3
    pdf.Root.OutputIntents[0].DestOutputProfile = icc


def _oc_configs(pdf):
    group = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name=pikepdf.String("L")))
    pdf.Root.OCProperties = pikepdf.Dictionary(
        OCGs=[group], D=pikepdf.Dictionary(ON=[group]),
        Configs=[pikepdf.Dictionary(Name=pikepdf.String("alt"), OFF=[group])],
    )


def _single_image_page(ppi):
    side = MEDIA[2] / 72 * ppi
    height = MEDIA[3] / 72 * ppi
    return dict(
        pages=1,
        content=f"q {MEDIA[2]:.4f} 0 0 {MEDIA[3]:.4f} 0 0 cm /ImX Do Q\n",
        page_hook=_image_hook(width=round(side), height=round(height)),
    )


WHITE_TEXT = "q 0 0 0 0 k BT /T3 14 Tf 40 360 Td (AA) Tj ET Q\n"
TEXT_9PT = "BT /T3 9 Tf 40 360 Td (AA) Tj ET Q\n"

# rule id → (profile, severity, build changes)
NEGATIVES = {
    "R0001": ("sheetcmyk-cmyk", "error", dict(doc_hook=_xmp_without_claim)),
    "R0002": ("sheetcmyk-cmyk", "error", dict(page_hook=_set("/UserUnit", 2))),
    "R0003": ("sheetcmyk-cmyk", "error", dict(page_hook=_set("/CropBox", [0, 0, 200, 300]))),
    "R0004": ("sheetcmyk-cmyk", "warning", dict(page_hook=_set(
        "/TrimBox", [TRIM[0], TRIM[1], TRIM[2] - 10, TRIM[3]], pages=(3,)))),
    "R0005": ("sheetcmyk-cmyk", "warning", dict(
        page_hook=lambda pdf, page, n: n == 2 and page.__setitem__("/Contents", pdf.make_stream(b"")))),
    "R0006": ("magazine-ads-cmyk", "error", dict()),
    "R0007": ("sheetcmyk-cmyk", "error", dict(extra="q " + OVERPRINT + WHITE_TEXT[2:])),
    "R0008": ("sheetcmyk-cmyk", "warning", dict(extra=f"q {OVERPRINT}0 0 0 0 k 40 360 60 30 re f Q\n")),
    "R0009": ("sheetcmyk-cmyk", "warning", dict(extra="q 0 0 0 1 k " + TEXT_9PT)),
    "R0010": ("sheetcmyk-cmyk", "warning", dict(extra="q 0 0 0 1 K 1 w 40 360 m 200 360 l S Q\n")),
    "R0011": ("sheetcmyk-cmyk", "warning", dict(extra="q 0 g " + TEXT_9PT)),
    "R0012": ("sheetcmyk-cmyk", "warning", dict(extra="q 0 G 1 w 40 360 m 200 360 l S Q\n")),
    "R0013": ("sheetcmyk-cmyk", "warning", dict(extra=f"q {OVERPRINT}0.5 g 40 360 60 30 re f Q\n")),
    "R0014": ("sheetcmyk-cmyk", "warning", dict(page_hook=_reportlab_text("DejaVu", rename="Courier"))),
    "R0015": ("sheetcmyk-cmyk", "warning", dict(
        extra="q 0.7 0.6 0.6 1 k BT /T3 14 Tf 40 360 Td (AA) Tj ET Q\n")),
    "R0016": ("sheetcmyk-cmyk", "warning", dict(extra="q 0 0 0 0 k BT /T3 6 Tf 40 360 Td (AA) Tj ET Q\n")),
    "R0017": ("sheetcmyk-cmyk", "warning", dict(extra="q 0.5 0.5 0 0 k BT /T3 6 Tf 40 360 Td (AA) Tj ET Q\n")),
    "R0018": ("sheetcmyk-cmyk", "warning", dict(extra="q 0 0 0 0 K 0.1 w 40 360 m 200 360 l S Q\n")),
    "R0019": ("sheetcmyk-cmyk", "warning", dict(extra="q 0.5 0.5 0 0 K 0.1 w 40 360 m 200 360 l S Q\n")),
    "R0020": ("sheetcmyk-cmyk", "error", dict(extra="q /Spot cs 1 scn 40 360 60 30 re f Q\n")),
    "R0024": ("sheetcmyk-cmyk", "warning", dict(extra="q /AllSep cs 0.1 scn 40 360 60 30 re f Q\n")),
    "R0026": ("sheetcmyk-cmyk", "warning", dict(extra=f"q 1 1 1 0.3 k 40 40 {30 * MM} {30 * MM} re f Q\n")),
    "R0027": ("sheetcmyk-cmyk", "error", dict(extra="q 1 0 0 rg 40 360 60 30 re f Q\n")),
    "R0028": ("sheetcmyk-cmyk-rgb", "error", dict(extra="q 1 0 0 rg 40 360 60 30 re f Q\n")),
    "R0030": ("sheetcmyk-cmyk", "error", dict(page_hook=_set("/Group", pikepdf.Dictionary(
        S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceRGB)))),
    "R0031": ("sheetcmyk-cmyk", "error", dict(
        extra="q 36 0 0 36 200 40 cm /ImX Do Q\n", page_hook=_image_hook(width=60, height=60))),
    "R0032": ("sheetcmyk-cmyk", "error", dict(
        extra="q 0 0 0 1 k 36 0 0 36 200 40 cm /ImX Do Q\n",
        page_hook=_image_hook(width=100, height=100, space=None, components=1, bits=1, ImageMask=True))),
    "R0033": ("magazine-ads-cmyk", "warning", _single_image_page(300)),
    "R0034": ("magazine-ads-cmyk", "error", dict(pages=1, doc_hook=_oc_configs)),
    "R0035": ("sheetcmyk-cmyk", "error", dict(doc_hook=_rgb_intent)),
    "PDFX-FONTS": ("sheetcmyk-cmyk", "error", dict(page_hook=_reportlab_text("Helvetica"))),
    "PDFX-PAGES": ("sheetcmyk-cmyk", "error", dict(pages=0)),
    "PDFX-BOXES": ("sheetcmyk-cmyk", "error", dict(page_hook=_set(
        "/BleedBox", [TRIM[0] + 5, 0, MEDIA[2], MEDIA[3]]))),
    "BLEED-AT-TRIM": ("sheetcmyk-cmyk", "warning", dict(
        extra=f"q 0 0.5 0 0 k {TRIM[2] - 40:.4f} 40 40 40 re f Q\n")),
    "SHOP-BLEED": ("shop-cn", "error", dict(page_hook=_set(
        "/BleedBox", [BLEED - 2 * MM, BLEED - 2 * MM, TRIM[2] + 2 * MM, TRIM[3] + 2 * MM]))),
    "SHOP-K-ONLY": ("shop-cn", "error", dict(extra="q 0.3 0.3 0.3 1 k BT /T3 14 Tf 40 360 Td (AA) Tj ET Q\n")),
    "SHOP-SAFE-MARGIN": ("shop-cn", "error", dict(
        extra=f"q 0 0 0 1 k BT /T3 14 Tf {BLEED + 3 * MM:.4f} 200 Td (AA) Tj ET Q\n")),
    "SHOP-PAGES": ("shop-cn", "error", dict(pages=6)),
}


@pytest.mark.parametrize("profile", available_profiles())
def test_clean_booklet_passes_every_cmyk_profile(clean_pdf, profile):
    result = preflight(clean_pdf, profile)
    allowed = {"R0006"} if profile in ("magazine-ads-cmyk", "newspaper-ads-cmyk") else set()
    assert {f.id for f in result.findings} <= allowed, result.findings


@pytest.mark.parametrize("profile", ["magazine-ads-cmyk", "newspaper-ads-cmyk"])
def test_clean_single_page_passes_ad_profiles(make_pdf, profile):
    assert preflight(make_pdf(pages=1), profile).findings == []


@pytest.mark.parametrize("rule_id", sorted(NEGATIVES))
def test_negative_fixture_breaks_only_its_rule(make_pdf, rule_id):
    profile, severity, changes = NEGATIVES[rule_id]
    result = preflight(make_pdf(rule_id, **changes), profile)
    assert result.findings, f"{rule_id} not caught"
    assert {(f.id, f.severity) for f in result.findings} == {(rule_id, severity)}, result.findings


def test_negatives_cover_every_implemented_rule():
    from xinhui_print.preflight.checks import RULES

    assert set(RULES) == set(NEGATIVES)


def test_contone_image_between_limits_is_a_warning(make_pdf):
    path = make_pdf(extra="q 36 0 0 36 200 40 cm /ImX Do Q\n", page_hook=_image_hook(width=90, height=90))
    (finding,) = preflight(path).findings
    assert (finding.id, finding.severity, round(finding.measured)) == ("R0031", "warning", 180)


def test_resolution_uses_the_smaller_axis(make_pdf):
    # 300 px wide over 72 pt (300 ppi), 60 px tall over 36 pt (120 ppi)
    path = make_pdf(extra="q 72 0 0 36 200 40 cm /ImX Do Q\n", page_hook=_image_hook(width=300, height=60))
    (finding,) = preflight(path).findings
    assert finding.severity == "error"
    assert finding.measured == pytest.approx(120)


def test_small_images_are_not_checked(make_pdf):
    path = make_pdf(extra="q 72 0 0 72 200 40 cm /ImX Do Q\n", page_hook=_image_hook(width=16, height=16))
    assert preflight(path).findings == []


def test_icc_rgb_image_allowed_in_intermediate_binding_only(make_pdf):
    def hook(pdf, page, number):
        icc = pdf.make_stream(srgb_profile_bytes())
        icc.N = 3
        _image_hook(width=180, height=180, components=3,
                    space=pikepdf.Array([pikepdf.Name.ICCBased, icc]))(pdf, page, number)

    path = make_pdf(extra="q 43.2 0 0 43.2 200 40 cm /ImX Do Q\n", page_hook=hook)
    assert preflight(path, "sheetcmyk-cmyk-rgb").findings == []
    assert {f.id for f in preflight(path, "sheetcmyk-cmyk").findings} == {"R0027"}


def test_black_text_with_overprint_and_opm1_passes(make_pdf):
    path = make_pdf(extra=f"q {OVERPRINT}0 0 0 1 k " + TEXT_9PT)
    assert preflight(path).findings == []


def test_black_text_overprint_with_opm0_still_fires(make_pdf):
    def hook(pdf, page, number):
        page.Resources.ExtGState.GSop.OPM = 0

    path = make_pdf(extra=f"q {OVERPRINT}0 0 0 1 k " + TEXT_9PT, page_hook=hook)
    assert [f.id for f in preflight(path).findings] == ["R0009"]


def test_thin_filled_rectangle_counts_as_a_line(make_pdf):
    path = make_pdf(extra="q 0.5 0.5 0 0 k 40 360 100 0.1 re f Q\n")
    (finding,) = preflight(path).findings
    assert finding.id == "R0019" and finding.measured == pytest.approx(0.1)


def test_tac_measures_the_15mm_mean_not_the_peak(make_pdf):
    # a 5 mm square at 400 %: the 15 mm mean stays far below 320 % (background 20 % around it)
    small = make_pdf("small", extra=f"q 1 1 1 1 k 40 40 {5 * MM} {5 * MM} re f Q\n")
    assert preflight(small).findings == []


def test_shop_profile_tightens_tac_to_300_as_error(make_pdf):
    path = make_pdf(extra=f"q 0.95 0.95 0.95 0.3 k 40 40 {30 * MM} {30 * MM} re f Q\n")  # 315 %
    assert preflight(path, "sheetcmyk-cmyk").findings == []
    (finding,) = preflight(path, "shop-cn").findings
    assert (finding.id, finding.severity, finding.limit) == ("R0026", "error", 300.0)
    assert finding.measured == pytest.approx(315, abs=1.5)


def test_bleed_background_on_every_side_satisfies_bleed_at_trim(clean_pdf):
    assert [f for f in preflight(clean_pdf, "shop-cn").findings if f.id == "BLEED-AT-TRIM"] == []


def test_background_without_bleed_fires(make_pdf):
    trim_only = f"q 0.2 0 0 0 k {TRIM[0]:.4f} {TRIM[1]:.4f} {TRIM[2] - TRIM[0]:.4f} {TRIM[3] - TRIM[1]:.4f} re f Q\n"
    path = make_pdf(content=CLEAN_CONTENT.replace(BACKGROUND, trim_only))
    ids = {f.id for f in preflight(path).findings}
    assert ids == {"BLEED-AT-TRIM"}


def test_an_empty_document_is_reported_as_empty(make_pdf):
    result = preflight(make_pdf(pages=0), "shop-cn")
    assert [f.message for f in result.findings if f.id == "PDFX-PAGES"] == ["the document is empty (it has no pages)"]
    assert result.exit_code == 1


def test_pdfx4_needs_pdf_16_or_later(make_pdf, tmp_path):
    path = make_pdf()
    old = tmp_path / "old.pdf"
    with pikepdf.open(path) as pdf:
        pdf.save(old, force_version="1.4")
    messages = [f.message for f in preflight(old).findings if f.id == "R0001"]
    assert messages == ["PDF version 1.4 is older than 1.6 (PDF/X-4 needs 1.6 or later)"]
