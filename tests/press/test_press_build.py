"""``build --press`` of the booklet, checked with independent tools."""

from __future__ import annotations

import hashlib
import json
import re

import pikepdf
import pytest

from tests.press.conftest import run

MM = 72 / 25.4


def entry(manifest, role):
    (found,) = [f for f in manifest["files"] if f["role"] == role and f["format"] == "pdf"]
    return found


def pdfinfo_boxes(path):
    text = run("pdfinfo", "-box", "-f", "1", "-l", "1", str(path)).stdout
    boxes = {}
    for name in ("MediaBox", "CropBox", "BleedBox", "TrimBox"):
        match = re.search(rf"{name}:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", text)
        boxes[name] = [float(v) for v in match.groups()]
    return boxes


def test_manifest_press_entries(press_build):
    folder, manifest = press_build
    press = entry(manifest, "press")
    assert press["pdfx"] == "PDF/X-4"
    assert press["bleed_mm"] == 3.0
    assert press["output_condition"] == "FOGRA39"
    assert press["trim_mm"] == [148.0, 210.0]
    assert press["pages"] % 4 == 0
    imposed = entry(manifest, "imposed")
    assert imposed["pages"] == press["pages"] // 2
    assert imposed["trim_mm"] == [296.0, 210.0]
    for item in manifest["files"]:
        data = (folder / item["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item["sha256"]


def test_press_boxes_with_pdfinfo(press_build):
    folder, manifest = press_build
    boxes = pdfinfo_boxes(folder / entry(manifest, "press")["path"])
    bleed = 3 * MM
    trim = boxes["TrimBox"]
    assert trim[2] - trim[0] == pytest.approx(148 * MM, abs=0.02)
    assert trim[3] - trim[1] == pytest.approx(210 * MM, abs=0.02)
    expected_bleed = [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]
    assert boxes["BleedBox"] == pytest.approx(expected_bleed, abs=0.02)
    assert boxes["MediaBox"] == pytest.approx(boxes["BleedBox"], abs=0.02)
    assert boxes["CropBox"] == boxes["MediaBox"]
    with pikepdf.open(folder / entry(manifest, "press")["path"]) as pdf:
        assert all("/CropBox" not in page.obj for page in pdf.pages)


def test_press_identity_and_output_intent(press_build):
    folder, manifest = press_build
    path = folder / entry(manifest, "press")["path"]
    meta = run("pdfinfo", "-meta", str(path)).stdout
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in meta
    assert re.search(r"<xmpMM:DocumentID>uuid:[0-9a-f-]{36}</xmpMM:DocumentID>", meta)
    assert "2023-02-20T00:00:00+08:00" in meta  # dates come from the report date
    with pikepdf.open(path) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFX
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert "ISO Coated v2" in str(intent.Info)
        assert intent.DestOutputProfile.read_bytes()[16:20] == b"CMYK"
        assert str(pdf.docinfo.Trapped) == "/False"


def test_press_fonts_embedded_with_pdffonts(press_build):
    folder, manifest = press_build
    lines = run("pdffonts", str(folder / entry(manifest, "press")["path"])).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        assert " yes yes " in line, line
        assert "Courier" not in line


@pytest.mark.parametrize("role", ["press", "imposed"])
def test_qpdf_check(press_build, role):
    folder, manifest = press_build
    result = run("qpdf", "--check", str(folder / entry(manifest, role)["path"]))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("role", ["press", "imposed"])
def test_no_rgb_operators_or_spaces_in_uncompressed_file(press_build, role, tmp_path):
    folder, manifest = press_build
    qdf = tmp_path / "qdf.pdf"
    run("qpdf", "--qdf", "--object-streams=disable", str(folder / entry(manifest, role)["path"]), str(qdf))
    text = qdf.read_bytes().decode("latin-1")
    assert not re.search(r"(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)\s", text)
    assert "/DeviceRGB" not in text and "/CalRGB" not in text
    assert not re.search(r"/CS\s*\[?\s*/ICCBased", text)  # transparency groups: DeviceCMYK


def test_ink_coverage_with_ghostscript_inkcov(press_build):
    folder, manifest = press_build
    output = run("gs", "-q", "-o", "-", "-sDEVICE=inkcov", str(folder / entry(manifest, "press")["path"])).stdout
    pages = [[float(v) for v in line.split()[:4]] for line in output.splitlines() if "CMYK" in line]
    assert len(pages) == entry(manifest, "press")["pages"]
    assert max(sum(page) for page in pages) * 100 <= 300


def test_ink_limit_over_15mm_squares(press_build):
    from xinhui_print.preflight.coverage import measure
    from xinhui_print.preflight.document import read_boxes

    folder, manifest = press_build
    path = folder / entry(manifest, "press")["path"]
    with pikepdf.open(path) as pdf:
        media = [read_boxes(i + 1, page).media for i, page in enumerate(pdf.pages)]
    maxima = [page.max_mean for page in measure(path, media)]
    assert len(maxima) == entry(manifest, "press")["pages"]
    assert 0 < max(maxima) <= 300


def test_text_is_k_only_black(press_build):
    from xinhui_print.preflight.colour import inks
    from xinhui_print.preflight.document import Inspection
    from xinhui_print.preflight.profiles import load_profile

    folder, manifest = press_build
    doc = Inspection(folder / entry(manifest, "press")["path"], load_profile("shop-cn"))
    try:
        fills = [inks(paint.colour) for paint in doc.paints("text")]
    finally:
        doc.close()
    k100 = [f for f in fills if f == {"Cyan": 0, "Magenta": 0, "Yellow": 0, "Black": 1}]
    rich = [f for f in fills if f and f["Black"] >= 0.85 and f["Cyan"] + f["Magenta"] + f["Yellow"] > 0]
    assert len(k100) > 50 and rich == []


@pytest.mark.parametrize("role", ["press", "imposed"])
def test_press_files_pass_their_preflight_once_run(press_build, role):
    from xinhui_print.preflight import preflight
    from xinhui_print.press.produce import preflight_profile
    from xinhui_print.press.profiles import press_profile

    folder, manifest = press_build
    report = preflight(folder / entry(manifest, role)["path"], preflight_profile(press_profile(), role))
    assert [f for f in report.findings if f.severity == "error"] == []
    assert report.profile == ("shop-cn" if role == "press" else "sheetcmyk-cmyk")


def test_press_fonts_are_compact_cid_cff_subsets(press_build):
    folder, manifest = press_build
    listing = run("pdffonts", str(folder / entry(manifest, "press")["path"])).stdout.splitlines()[2:]
    cjk = [line for line in listing if "CJK" in line]
    assert len(cjk) >= 4 and all("CID Type 0C " in line for line in cjk), listing
    with pikepdf.open(folder / entry(manifest, "press")["path"]) as pdf:
        font_bytes = sum(len(o.FontFile3.read_raw_bytes()) for o in pdf.objects
                         if isinstance(o, pikepdf.Dictionary) and "/FontFile3" in o)
    assert font_bytes < 400_000  # ~65,000 empty glyph slots per face took 880 KB


def test_press_files_are_byte_identical_across_builds(press_build, press_build_again):
    (first, manifest), (second, _) = press_build, press_build_again
    for item in manifest["files"]:
        if item["role"] in ("press", "imposed", "jobsheet"):
            assert (first / item["path"]).read_bytes() == (second / item["path"]).read_bytes(), item["path"]


def test_job_sheet(press_build):
    folder, manifest = press_build
    sheet = json.loads((folder / "jobsheet.json").read_text(encoding="utf-8"))
    assert sheet["bleed_mm"] == 3.0
    assert sheet["colour"]["output_condition"] == "FOGRA39"
    assert sheet["colour"]["total_ink_limit_percent"] == 300
    files = {f["path"]: f for f in sheet["files"]}
    press = entry(manifest, "press")
    assert files[press["path"]]["sha256"] == press["sha256"]
    assert files[press["path"]]["binding"] == "saddle"
    assert files[press["path"]]["trim_mm"] == [148.0, 210.0]
    text = (folder / "jobsheet.txt").read_text(encoding="utf-8")
    assert press["sha256"] in text and "FOGRA39" in text and "148 × 210 mm" in text


@pytest.mark.parametrize("profile", ["sheetcmyk-cmyk", "shop-cn"])
def test_booklet_press_file_passes_preflight(press_build, profile):
    """Issue 5: the project's own press output passes the GWG variant and the shop profile."""
    from xinhui_print.preflight import preflight

    folder, _ = press_build
    report = preflight(folder / "booklet-a5-press.pdf", profile)
    assert [f for f in report.findings if f.severity == "error"] == []
