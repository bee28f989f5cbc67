"""Charts in the real outputs, read from the laid-out pages and the PDFs written from them: on every
default output and every card preset (and the print poster, and the booklet on A4), each chart is
shown at its own aspect (within 2 %), inside the page; no two characters overlap anywhere on any
page; and inside a chart no character touches a bar.

Positions: the layout gives each chart's box (CSS px); pdfplumber gives characters and filled
rectangles (pt) from the PDF written from that very layout.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber
import pytest

from xinhui_print.layout import load_layout
from xinhui_print.render.weasyprint_adapter import page_tree
from xinhui_print.social.output import SocialOptions
from xinhui_print.social.poster import lay_out_poster
from xinhui_print.social.presets import PRESETS

PT = 0.75  # pt per CSS px
OVERLAP = 0.15  # share of the smaller character's box two characters may share (kerning, compressed punctuation)

OUTPUTS = ["booklet-a5", "booklet-a5@A4", "poster-print", "poster-print@A3", "poster-long",
           *[f"cards-{name}" for name in ("xhs", "square", "ig", "story", "douyin", "wechat-cover")]]


@dataclass
class ChartBox:
    page: int
    x: float
    y: float
    width: float
    height: float
    drawn: tuple[float, float]  # the SVG's own width and height (the box it was drawn for)


def laid_out(name: str, report, seed_sets, seed_renders):
    """The weasyprint Document of one output and the PDF written from it (the session's, but the long poster)."""
    if name.startswith("cards-"):
        built = seed_sets(name.removeprefix("cards-"))
        return built.laid_out.document, built.result.pdf
    if name == "poster-long":
        document = lay_out_poster(report, load_layout("poster-long"), PRESETS["poster"], SocialOptions()).auto.document
        return document, document.write_pdf()
    return seed_renders(name)


def chart_boxes(document) -> list[ChartBox]:
    found = []
    for index, page in enumerate(document.pages):
        for box in page_tree(page).walk():
            if "chart-svg" in box.classes and box.kind == "replaced":
                drawn = (float(box.attrs["width"]), float(box.attrs["height"]))
                found.append(ChartBox(index, box.x, box.y, box.width, box.border_bottom - box.border_top, drawn))
    return found


@pytest.fixture(scope="module", params=OUTPUTS)
def output(request, seed_report, seed_sets, seed_renders):
    document, written = laid_out(request.param, seed_report, seed_sets, seed_renders)
    pdf = pdfplumber.open(io.BytesIO(written))
    yield request.param, document, chart_boxes(document), pdf
    pdf.close()


def test_charts_keep_their_aspect_and_stay_on_the_page(output):
    name, document, charts, _ = output
    if name not in ("cards-wechat-cover", "cards-square"):  # a title card only; square's 9-image condensed set has no chart card
        assert charts, f"{name}: no chart"
    for chart in charts:
        width, height = chart.drawn
        assert chart.width / chart.height == pytest.approx(width / height, rel=0.02), f"{name}: chart stretched"
        assert chart.width == pytest.approx(width, rel=0.02), f"{name}: chart scaled"
        page = document.pages[chart.page]
        assert chart.x >= 0 and chart.x + chart.width <= page.width + 0.5, f"{name}: chart leaves the page"


CLOSING = set("，。、；：！？”’）」』》〉】")
OPENING = set("“‘（「『《〈【")


def _chars(page) -> list[dict]:
    """Characters with their ink's half of the em for full-width punctuation: a comma's ink is in
    the left half, an opening quote's in the right, and compressed punctuation (halt) keeps only
    that half of its advance — its em box overlaps its neighbour, its ink never does."""
    chars = []
    for c in page.chars:
        if not c["text"].strip():
            continue
        half = (c["x1"] - c["x0"]) / 2
        if c["text"] in CLOSING:
            c = {**c, "x1": c["x1"] - half}
        elif c["text"] in OPENING:
            c = {**c, "x0": c["x0"] + half}
        chars.append(c)
    return chars


def _shared(a: dict, b: dict) -> float:
    width = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return width * height if width > 0 and height > 0 else 0.0


def _area(c: dict) -> float:
    return (c["x1"] - c["x0"]) * (c["bottom"] - c["top"])


def test_no_two_characters_overlap(output):
    name, _, _, pdf = output
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        chars = sorted(_chars(page), key=lambda c: c["x0"])
        for i, a in enumerate(chars):
            for b in chars[i + 1:]:
                if b["x0"] >= a["x1"]:
                    break
                if _shared(a, b) > OVERLAP * min(_area(a), _area(b)):
                    problems.append(f"page {number}: {a['text']!r} at {a['x0']:.1f},{a['top']:.1f} "
                                    f"overlaps {b['text']!r} at {b['x0']:.1f},{b['top']:.1f}")
    assert not problems, f"{name}:\n" + "\n".join(problems[:20])


def test_no_character_touches_a_bar(output):
    name, _, charts, pdf = output
    problems = []
    for chart in charts:
        page = pdf.pages[chart.page]
        x0, top = chart.x * PT, chart.y * PT
        x1, bottom = x0 + chart.width * PT, top + chart.height * PT

        def inside(item):
            return item["x0"] >= x0 - 0.5 and item["x1"] <= x1 + 0.5 and item["top"] >= top - 0.5 \
                and item["bottom"] <= bottom + 0.5

        bars = [r for r in page.rects if r.get("fill") and inside(r)]
        for char in filter(inside, _chars(page)):
            for bar in bars:
                if _shared(char, bar) > 0.01:
                    problems.append(f"page {chart.page + 1}: {char['text']!r} touches a bar at "
                                    f"{bar['x0']:.1f},{bar['top']:.1f}")
    assert not problems, f"{name}:\n" + "\n".join(problems[:20])


def test_chart_text_keeps_its_floor(output):
    """≥ 22 px on the 1080 px social canvases, ≥ 6.5 pt on paper, read from the PDF."""
    name, _, charts, pdf = output
    floor = 6.5 if name.startswith(("booklet", "poster-print")) else 22 * PT
    for chart in charts:
        page = pdf.pages[chart.page]
        x0, top = chart.x * PT, chart.y * PT
        sizes = [c["size"] for c in _chars(page)
                 if x0 <= c["x0"] and c["x1"] <= x0 + chart.width * PT and top <= c["top"]
                 and c["bottom"] <= top + chart.height * PT]
        assert sizes and min(sizes) >= floor - 0.01, f"{name}: chart text at {min(sizes):.2f} pt"
