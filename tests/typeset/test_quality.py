"""Measured quality of real renders: the seed article and the synthetic report, A5 column.

Target of issue 6 is >= 98 % flush lines; the floors are that bar.  Measured
with the paragraph line planner (earlier lines end sooner so long figures fit,
push-in with half-width marks, breaks before “ and after ”): seed 98.8 %,
synthetic 98.0 % (table cells measured against the cell, not the page column).
The remaining short lines sit before tokens longer than the slack a paragraph
can absorb at 0.095 em per gap (``50万平方米以上，`` after a list item's first
line, narrow table cells).
"""

import re

import pdfplumber
import pytest

from xinhui_print.typeset.chars import CJK_CLASS

from xinhui_print.typeset.measure import extraction_spaces, joined_lines, measure_pdf, pdftotext
from xinhui_print.typeset.specimen import a5_columns

FLUSH_FLOOR = {"seed": 0.98, "synthetic": 0.98}


@pytest.fixture(scope="module")
def reports(renders):
    return {name: measure_pdf(pdf, a5_columns) for name, (_, pdf) in renders.items()}


@pytest.mark.parametrize("name", ["seed", "synthetic"])
def test_flush_share(reports, name):
    report = reports[name]
    assert report.checked_lines > 50
    assert report.flush_share >= FLUSH_FLOOR[name], report.short_lines[:10]


@pytest.mark.parametrize("name", ["seed", "synthetic"])
def test_no_kinsoku_violations_half_width_marks_figure_splits_or_widows(reports, name):
    report = reports[name]
    assert report.kinsoku_violations == []
    assert report.half_width_punctuation == []
    assert report.figure_splits == []
    assert report.one_character_last_lines == []


@pytest.mark.parametrize("name", ["seed", "synthetic"])
def test_extracted_text_has_no_inserted_spaces(renders, name):
    html, pdf = renders[name]
    text = pdftotext(pdf)
    body = re.sub(r"<(style|title)[^>]*>.*?</\1>", "", html, flags=re.S)
    body = body.replace("\u2060", "").replace("\u200b", "")  # empty glyphs: never in the PDF text
    paragraphs = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", body)]
    joined = joined_lines(text)
    missing = [p for p in paragraphs if p.replace("&amp;", "&") not in joined]
    assert missing == []
    source_spaces = len(extraction_spaces(re.sub(r"<[^>]+>", "\n", body)))
    table_cells = body.count("<td>")
    assert len(extraction_spaces(text)) <= source_spaces + table_cells


@pytest.mark.parametrize("name", ["seed", "synthetic"])
def test_drawn_gaps_between_chinese_characters_stay_below_a_space(renders, name):
    """poppler starts a new word (and may print a space) at a gap over 0.1 em:
    the hook must keep every drawn gap inside a line below that, box edges included."""
    _, pdf = renders[name]
    wide = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            rows = {}
            for char in page.chars:
                rows.setdefault(round(char["bottom"]), []).append(char)
            for row in rows.values():
                row.sort(key=lambda c: c["x0"])
                for a, b in zip(row, row[1:], strict=False):
                    gap = (b["x0"] - a["x1"]) / a["size"]
                    if 0.099 < gap < 0.5 and re.match(CJK_CLASS, a["text"] + b["text"]):
                        wide.append(f"{a['text']}|{b['text']} {gap:.3f} em")
    assert wide == []
