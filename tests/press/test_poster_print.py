"""The print poster (layout ``poster-print``): real ``build --press`` runs at A2 (default) and A3,
checked with poppler, qpdf and the GWG preflight; one build per size, shared by the tests."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import SEED_DATA, run_cli
from tests.press.conftest import run
from xinhui_print.build import BuildOptions, selected_layouts
from xinhui_print.errors import BuildError
from xinhui_print.layout import load_layout, merge
from xinhui_print.preflight import preflight

MM = 72 / 25.4
SIZES = {"A2": (420.0, 594.0), "A3": (297.0, 420.0)}


def _build(out: Path, paper: str | None) -> tuple[Path, dict]:
    args = ["build", str(SEED_DATA), "--layout", "poster-print", "--press", "--out", str(out)]
    if paper:
        args += ["--paper", paper]
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    folder = out / "xinhui-2023"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (press,) = [f for f in manifest["files"] if f["role"] == "press"]
    (screen,) = [f for f in manifest["files"] if f["role"] == "screen"]
    return folder / press["path"], {"press": press, "screen": screen, "folder": folder}


@pytest.fixture(scope="module")
def a2(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("poster-a2"), None)


@pytest.fixture(scope="module")
def a3(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("poster-a3"), "A3")


@pytest.fixture(scope="module")
def a3_again(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("poster-a3-again"), "A3")


@pytest.fixture(params=["A2", "A3"])
def poster(request, a2, a3):
    return request.param, *(a2 if request.param == "A2" else a3)


def boxes(path: Path) -> dict[str, list[float]]:
    text = run("pdfinfo", "-box", str(path)).stdout
    found = {}
    for name in ("MediaBox", "CropBox", "BleedBox", "TrimBox"):
        match = re.search(rf"{name}:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", text)
        found[name] = [float(v) for v in match.groups()]
    found["pages"] = int(re.search(r"Pages:\s+(\d+)", text)[1])
    return found


def test_one_page_trim_and_bleed_boxes(poster):
    size, path, info = poster
    found = boxes(path)
    assert found["pages"] == 1
    width, height = SIZES[size]
    trim = found["TrimBox"]
    assert trim[2] - trim[0] == pytest.approx(width * MM, abs=0.05)
    assert trim[3] - trim[1] == pytest.approx(height * MM, abs=0.05)
    bleed = 3 * MM
    assert found["BleedBox"] == pytest.approx([trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed],
                                              abs=0.05)
    assert found["MediaBox"] == pytest.approx(found["BleedBox"], abs=0.05)
    assert found["CropBox"] == found["MediaBox"]
    assert info["press"]["trim_mm"] == [width, height]
    assert info["press"]["pages"] == 1 and info["screen"]["pages"] == 1
    assert info["press"]["bleed_mm"] == 3.0 and info["press"]["pdfx"] == "PDF/X-4"


@pytest.mark.parametrize("profile", ["sheetcmyk-cmyk", "shop-cn"])
def test_preflight_has_no_errors(poster, profile):
    _, path, _ = poster
    report = preflight(path, profile)
    errors = [f for f in report.findings if str(f.severity).lower().endswith("error")]
    assert not errors, errors


def test_qpdf_check_and_fonts_embedded(poster):
    _, path, _ = poster
    assert run("qpdf", "--check", str(path)).returncode == 0
    lines = run("pdffonts", str(path)).stdout.splitlines()[2:]
    assert lines and all(" yes yes " in line and "Courier" not in line for line in lines)
    with pikepdf.open(path) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"


def _text(path: Path) -> str:
    text = run("pdftotext", "-layout", str(path), "-").stdout
    return re.sub(r"[\s\u2060]", "", text)


def test_every_kpi_target_chapter_and_section_is_printed(poster, seed_report):
    _, path, _ = poster
    text = _text(path)
    report = seed_report
    expected = [*report.meta.title.split(), report.meta.kicker, f"来源：{report.meta.source}"]
    expected += [str(kpi.figure) for kpi in report.review.kpis] + [kpi.label for kpi in report.review.kpis]
    expected += [str(t.figure) for t in report.targets.items if t.figure]
    expected += [group.title for group in report.groups]
    for chapter in report.chapters:
        expected.append(chapter.headline)
        expected += [section.title for section in chapter.sections]
    missing = [item for item in expected if re.sub(r"\s", "", item) not in text]
    assert not missing


def test_chapters_condensed_to_key_items_with_figures_highlighted(seed_report):
    """One key item per ● subsection (one with a figure when there is one), every figure in red bold."""
    from xinhui_print.model import segments
    from xinhui_print.render import template_context
    from xinhui_print.template import render_html

    layout = load_layout("poster-print")
    html = render_html(seed_report, template_context(seed_report, layout, "screen"))
    blocks = re.findall(r'<ul class="key-items">(.*?)</ul>', html, re.S)
    sections = [s for chapter in seed_report.chapters for s in chapter.sections]
    assert len(blocks) == len(sections)
    for block, section in zip(blocks, sections, strict=True):
        items = re.findall(r"<li>(.*?)</li>", block, re.S)
        assert len(items) == int(layout.section("poster")["key_items"])
        source = next(i for i in section.items if plain(i) == plain(items[0]))
        figures = [seg.text for seg in segments(source) if seg.kind == "figure"]
        assert re.findall(r'<b class="fig">(.*?)</b>', items[0]) == figures
        if any(seg.kind == "figure" for item in section.items for seg in segments(item)):
            assert figures


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")


def test_press_file_is_deterministic(a3, a3_again):
    assert a3[0].read_bytes() == a3_again[0].read_bytes()


def test_press_build_without_layout_adds_the_print_poster():
    assert "poster-print" not in [layout.name for layout in selected_layouts(BuildOptions())]
    names = [layout.name for layout in selected_layouts(BuildOptions(press=True))]
    assert "poster-print" in names and "booklet-a5" in names


def test_too_long_for_the_sheet_is_an_error(seed_report):
    from xinhui_print.render import render

    layout = load_layout("poster-print")
    layout = replace(layout, config=merge(layout.config, {"poster": {"key_items": 6}}))
    with pytest.raises(BuildError, match=r"poster-print.*needs [2-9] pages"):
        render(seed_report, layout)
