"""Measured quality of real renders: the seed article and the synthetic report, A5 column.

Target of issue 6 is ≥ 98 % flush lines.  Measured (max gap 0.08 em, the
largest that keeps pdftotext free of spaces): seed ≈ 95 %, synthetic ≈ 84 %;
the rest are lines before a long unbreakable figure (``50万平方米以上``) or a
widow binding, where the hole exceeds what 0.08 em per gap can fill.  The
thresholds below lock in the measured level so that regressions fail.
"""

import re

import pytest

from xinhui_print.typeset.measure import extraction_spaces, joined_lines, measure_pdf, pdftotext
from xinhui_print.typeset.specimen import a5_columns

FLUSH_FLOOR = {"seed": 0.94, "synthetic": 0.82}


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
    body = body.replace("\u2060", "")  # word joiners are empty glyphs: never in the PDF text
    paragraphs = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", body)]
    joined = joined_lines(text)
    missing = [p for p in paragraphs if p.replace("&amp;", "&") not in joined]
    assert missing == []
    source_spaces = len(extraction_spaces(re.sub(r"<[^>]+>", "\n", body)))
    table_cells = body.count("<td>")
    assert len(extraction_spaces(text)) <= source_spaces + table_cells
