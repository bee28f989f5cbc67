"""The print poster keeps its body text at the sheet's floor (8 pt on A3, 9 pt on A2), measured
from the PDF, and says which chapters it condensed instead of shrinking the type."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from xinhui_print.copyfit import fit
from xinhui_print.copyfit.poster import body_floor, poster_note
from xinhui_print.export.pdf import export_pdf

from .conftest import on_paper

FLOOR = {"A3": 8.0, "A2": 9.0}


@pytest.fixture(scope="module")
def posters(reports, tmp_path_factory):
    folder = tmp_path_factory.mktemp("posters")
    made = {}
    for paper in FLOOR:
        rendered, fitting = fit(reports["seed"], on_paper("poster-print", paper))
        path = folder / f"poster-{paper}.pdf"
        path.write_bytes(export_pdf(rendered.document))
        made[paper] = (path, fitting, len(rendered.document.pages))
    return made


def body_sizes(path) -> list[float]:
    """Sizes of the body text (the body face, Noto Serif CJK) on the sheet, in pt."""
    with pdfplumber.open(path) as document:
        return [char["size"] for page in document.pages for char in page.chars
                if "Serif" in char["fontname"] and char["text"].strip()]


@pytest.mark.parametrize("paper", FLOOR)
def test_smallest_body_text_keeps_the_floor(posters, paper):
    path, fitting, pages = posters[paper]
    sizes = body_sizes(path)
    assert len(sizes) > 500 and pages == 1
    assert min(sizes) >= FLOOR[paper] - 0.01
    assert fitting.body_pt >= FLOOR[paper]


def test_a3_condenses_named_chapters_and_says_so_on_the_poster(posters, seed_report):
    path, fitting, _ = posters["A3"]
    assert fitting.condensed, "at 8 pt the seed does not fit A3 uncondensed"
    numbers = [int(n) for n in re.findall(r"chapter (\d+)", " ".join(fitting.condensed))]
    with pdfplumber.open(path) as document:
        text = re.sub(r"\s", "", document.pages[0].extract_text())
    assert "版面所限" in text
    for number in numbers:
        assert f"{number:02d}" in text.split("版面所限")[1][:40]
        chapter = next(c for c in seed_report.chapters if c.number == number)
        assert all(section.title.replace(" ", "") in text for section in chapter.sections)


def test_a2_holds_the_report_without_condensing(posters):
    _, fitting, _ = posters["A2"]
    assert fitting.condensed == ()


def test_floor_of_a_sheet_is_the_largest_listed_paper_not_larger():
    floors = {"A3": 8.0, "A2": 9.0}
    assert body_floor(floors, (297, 420)) == 8.0
    assert body_floor(floors, (420, 594)) == 9.0
    assert body_floor(floors, (390, 545)) == 8.0  # 对开报: smaller than A2
    assert body_floor(floors, (841, 1189)) == 9.0
    assert body_floor(floors, (210, 297)) == 8.0  # below every listed paper: the smallest's floor


def test_poster_note_names_the_condensed_chapters(seed_report):
    assert poster_note(seed_report, {1: 1, 2: 0, 3: 1, 4: 0, 5: 1}, 1) == "版面所限，02、04只列小标题"
    assert poster_note(seed_report, {1: 1, 2: 1, 3: 1, 4: 1, 5: 1}, 1) == ""
    assert poster_note(seed_report, {1: 2, 2: 1, 3: 0, 4: 2, 5: 2}, 2) == "版面所限，03只列小标题；02每节少列要点"
