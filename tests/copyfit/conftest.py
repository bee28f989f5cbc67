"""Copyfitted booklets of the seed and of held-out reports on every supported paper, laid out once a session.

Held-out reports: the two national work reports drafted with ``draft`` (the same texts as
``/work/shared/reference/reports``, kept in ``tests/draft/reports``) and the 蓬江 article of
``tests/data/articles``.  Each case is fitted (:func:`xinhui_print.copyfit.fit`) and laid out
plain (copyfitting off), both written as the screen PDF is written.  The plain layout is fit's
own first pass (``render`` with no moves: the call fit makes, and all it makes, for a layout whose
``[copyfit]`` allows no moves), recorded on its way; ``test_booklet.py`` checks once that it is
byte for byte the booklet laid out with copyfitting off.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber
import pytest

import xinhui_print.copyfit as copyfit_module
from xinhui_print.copyfit import Fitting, fit
from xinhui_print.data import load_report, load_source
from xinhui_print.draft import draft_report, draft_yaml
from xinhui_print.export.pdf import export_pdf
from xinhui_print.layout import Layout, load_layout, merge
from xinhui_print.layout.papers import length_mm
from xinhui_print.render import RenderOptions

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "tests" / "draft" / "reports"
PAPERS = ("A5", "A4", "正度16开", "大度32开")
SOURCES = ("seed", "national-2021", "national-2022", "pengjiang")
MM = 72 / 25.4


@dataclass
class Booklet:
    pdf: Path
    plain: Path
    fitting: Fitting
    layout: Layout


def on_paper(name: str, paper: str, **config) -> Layout:
    layout = load_layout(name)
    return replace(layout, name=f"{name}-{paper}", config=merge(layout.config, {"page": {"size": paper}, **config}))


@pytest.fixture(scope="session")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    found = {"seed": load_report(ROOT / "data" / "xinhui-2023.yaml"),
             "pengjiang": load_source(ROOT / "tests" / "data" / "articles" / "shudu-pengjiang-2024.txt")[0]}
    for year in (2021, 2022):
        source = REPORTS / f"national-{year}-government-work-report.txt"
        data = folder / f"national-{year}.yaml"
        data.write_text(draft_yaml(draft_report(source, report_id=f"national-{year}", publisher="编辑部"), source.name),
                        encoding="utf-8")
        found[f"national-{year}"] = load_report(data)
    return found


@pytest.fixture(scope="session")
def booklets(reports, tmp_path_factory):
    """``booklets(source, paper)`` → :class:`Booklet`, made once."""
    folder = tmp_path_factory.mktemp("booklets")
    made: dict[tuple[str, str], Booklet] = {}

    def get(source: str, paper: str) -> Booklet:
        if (source, paper) not in made:
            layout = on_paper("booklet-a5", paper)
            rendered, fitting, (first_options, first_pass) = fit_recording_passes(reports[source], layout)
            assert first_options == RenderOptions(), "fit's first pass is the layout without moves"
            pdf = folder / f"{source}-{paper}.pdf"
            pdf.write_bytes(export_pdf(rendered.document))
            plain = folder / f"{source}-{paper}-plain.pdf"
            plain.write_bytes(export_pdf(first_pass.document))
            made[source, paper] = Booklet(pdf, plain, fitting, layout)
        return made[source, paper]

    return get


def fit_recording_passes(report, layout: Layout):
    """``fit(report, layout)`` → (rendered, fitting, (options, rendered) of its first pass)."""
    passes = []
    real = copyfit_module.render

    def recording(report, layout, options=RenderOptions()):
        passes.append((options, real(report, layout, options)))
        return passes[-1][1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(copyfit_module, "render", recording)
        rendered, fitting = fit(report, layout)
    return rendered, fitting, passes[0]


def text_block(layout: Layout, page) -> tuple[float, float]:
    """Top and bottom of the page's text block (pdfplumber coordinates, from the top)."""
    settings = layout.settings.page
    return length_mm(settings.margin_top) * MM, page.height - length_mm(settings.margin_bottom) * MM


def page_fills(pdf: Path, layout: Layout) -> list[float | None]:
    """How far down its text block each page holds content (text, rules, panels, images);
    None for a page with nothing in its text block.  Running heads and folios sit in the margins."""
    fills = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            top, bottom = text_block(layout, page)
            objects = [*page.chars, *page.rects, *page.curves, *page.images, *page.lines]
            inside = [o for o in objects if _within(o, top, bottom)]
            fills.append(max(o["bottom"] for o in inside) - top) if inside else fills.append(None)
            if inside:
                fills[-1] /= bottom - top
    return fills


def body_text(pdf: Path, layout: Layout) -> list[str]:
    """The text of each page's text block, lines in reading order, furniture (margins),
    copyfitting callouts (tinted panels taller than a sixth of the text block) and the contents
    page (whose page numbers follow the pages) aside."""
    pages = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            top, bottom = text_block(layout, page)
            panels = [r for r in page.rects if r["height"] > (bottom - top) / 6 and _tinted(r)]

            def keep(obj, top=top, bottom=bottom, panels=panels):
                if obj.get("object_type") != "char":
                    return True
                if not _within(obj, top, bottom):
                    return False
                return not any(p["x0"] <= obj["x0"] and obj["x1"] <= p["x1"] and p["top"] <= obj["top"]
                               and obj["bottom"] <= p["bottom"] for p in panels)

            pages.append(page.filter(keep).extract_text())
    return [text for text in pages if "···" not in text]  # the contents: its page numbers follow the fitting


def _tinted(rect) -> bool:
    """A panel filled with the paper tint (a callout), not a border (drawn as a filled box) or white."""
    colour = rect.get("non_stroking_color")
    if not rect["fill"] or not isinstance(colour, (tuple, list)) or len(colour) != 3:
        return False
    return all(value > 0.9 for value in colour) and any(value < 0.999 for value in colour)


def _within(obj, top: float, bottom: float) -> bool:
    """In the text block: its middle is (a big chapter number's ascent may reach into the top
    margin; running heads and folios sit wholly in the margins)."""
    return top <= (obj["top"] + obj["bottom"]) / 2 <= bottom
