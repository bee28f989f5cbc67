"""Saddle-stitch imposition: page order, spine clipping, boxes and identity."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest

from tests.press.conftest import run
from xinhui_print.errors import InputError
from xinhui_print.press.impose import ImposeOptions, impose, padded_order, saddle_sides

MM = 72 / 25.4


def test_saddle_sides_for_eight_pages():
    assert saddle_sides(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]


def test_padding_goes_before_the_back_cover():
    assert padded_order(6) == [0, 1, 2, 3, 4, None, None, 5]
    assert padded_order(8) == list(range(8))


def half_text(path, page, half, width, height):
    x = 0 if half == "left" else width // 2
    out = run("pdftotext", "-f", str(page), "-l", str(page), "-r", "72", "-x", str(x), "-y", "0",
              "-W", str(width // 2), "-H", str(height), str(path), "-").stdout
    return re.findall(r"P\d\d", out)


@pytest.fixture(scope="module")
def imposed(numbered_press_pdf, tmp_path_factory):
    data, info = impose(numbered_press_pdf.read_bytes(), ImposeOptions(creep_mm=0.2, marks=True))
    path = tmp_path_factory.mktemp("imposed") / "imposed.pdf"
    path.write_bytes(data)
    return path, info


def test_printer_spreads_page_order(imposed):
    path, info = imposed
    assert info.padded_pages == 8 and info.sheets == 2
    assert info.sides == [(6, 1), (2, None), (None, 3), (4, 5)]
    with pikepdf.open(path) as pdf:
        width, height = (round(float(v)) for v in pdf.pages[0].obj.MediaBox[2:])
    expected = [(["P06"], ["P01"]), (["P02"], []), ([], ["P03"]), (["P04"], ["P05"])]
    for number, (left, right) in enumerate(expected, 1):
        assert half_text(path, number, "left", width, height) == left
        assert half_text(path, number, "right", width, height) == right


def test_sheet_boxes(imposed):
    path, _ = imposed
    text = run("pdfinfo", "-box", "-f", "1", "-l", "1", str(path)).stdout
    trim = [float(v) for v in re.search(r"TrimBox:\s+(.*)", text)[1].split()]
    bleed = [float(v) for v in re.search(r"BleedBox:\s+(.*)", text)[1].split()]
    media = [float(v) for v in re.search(r"MediaBox:\s+(.*)", text)[1].split()]
    assert trim[2] - trim[0] == pytest.approx(296 * MM, abs=0.02)
    assert trim[3] - trim[1] == pytest.approx(210 * MM, abs=0.02)
    assert bleed == pytest.approx([trim[0] - 3 * MM, trim[1] - 3 * MM, trim[2] + 3 * MM, trim[3] + 3 * MM], abs=0.02)
    assert media[0] < bleed[0] and media[2] > bleed[2]  # marks live outside the bleed


def test_output_intent_and_pdfx_identity_kept(imposed):
    path, _ = imposed
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == "FOGRA39"
        assert pdf.open_metadata().get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
    assert run("qpdf", "--check", str(path)).returncode == 0


def test_spine_side_is_clipped_at_trim_and_outer_bleed_kept(numbered_press_pdf, tmp_path):
    """Render the sheet: the left page's tint reaches the outer bleed edge and stops at the spine."""
    import numpy as np
    from PIL import Image

    data, _ = impose(numbered_press_pdf.read_bytes())
    path = tmp_path / "plain.pdf"
    path.write_bytes(data)
    run("gs", "-q", "-o", str(tmp_path / "s.tif"), "-sDEVICE=tiff32nc", "-r36", "-dFirstPage=2",
        "-dLastPage=2", str(path))
    cmyk = np.asarray(Image.open(tmp_path / "s.tif"), dtype=int)
    row = cmyk[cmyk.shape[0] // 2]
    width = cmyk.shape[1]
    # sheet side 2 = P02 (left page, cyan tint) | blank
    assert row[0][0] > 50  # cyan at the outer bleed edge
    assert row[width // 2 - 2][0] > 50  # cyan up to the spine
    assert row[width // 2 + 2].sum() == 0  # nothing of P02 beyond the spine


def test_cli_impose_errors_name_the_file(tmp_path):
    from tests.conftest import run_cli

    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf")
    result = run_cli("impose", str(junk))
    assert result.returncode == 2
    assert result.stderr.startswith(f"xinhui-print: error: {junk}: cannot read PDF (")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("creep", [float("nan"), float("inf"), -0.1, 2.5])
def test_creep_must_be_a_finite_thickness(numbered_press_pdf, creep):
    """A layout's ``creep_mm`` reaches impose() without the command line's checks."""
    with pytest.raises(InputError, match="--creep is a paper thickness in mm"):
        impose(numbered_press_pdf.read_bytes(), ImposeOptions(creep_mm=creep))


def blank_press_pdf(size: float, **save) -> bytes:
    pdf = pikepdf.new()
    for _ in range(4):
        pdf.add_blank_page(page_size=(size, size))
        pdf.pages[-1].obj.TrimBox = pikepdf.Array([0, 0, size, size])
    buffer = io.BytesIO()
    pdf.save(buffer, **save)
    return buffer.getvalue()


def test_a_sheet_larger_than_a_pdf_page_is_refused_naming_the_file():
    with pytest.raises(InputError) as raised:
        impose(blank_press_pdf(14400), source="huge.pdf")
    assert str(raised.value) == ("huge.pdf: a page trimmed to 5080 × 5080 mm makes a sheet of 10160 × 5080 mm; "
                                 "a PDF page is at most 5080 mm a side")


def test_the_largest_sheet_a_pdf_page_holds_is_imposed():
    data, info = impose(blank_press_pdf(7200))
    assert info.sheet_trim_mm == [5080.0, 2540.0]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert [float(v) for v in pdf.pages[0].obj.MediaBox] == [0, 0, 14400, 7200]


@pytest.mark.parametrize(("user", "message"), [
    ("secret", "locked.pdf: cannot read PDF (encrypted with a password)"),
    ("", "locked.pdf: cannot read PDF (encrypted; PDF/X forbids encryption)"),
])
def test_encrypted_pdfs_are_refused_naming_the_file(user, message):
    data = blank_press_pdf(400, encryption=pikepdf.Encryption(user=user, owner="owner"))
    with pytest.raises(InputError) as raised:
        impose(data, source="locked.pdf")
    assert str(raised.value) == message


def test_cli_impose_writes_spreads(numbered_press_pdf, tmp_path):
    from tests.conftest import run_cli

    out = tmp_path / "spreads.pdf"
    result = run_cli("impose", str(numbered_press_pdf), "--binding", "saddle", "--creep", "0.1", "--marks",
                     "-o", str(out))
    assert result.returncode == 0, result.stderr
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 4
