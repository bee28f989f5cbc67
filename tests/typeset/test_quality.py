"""Measured quality of real renders: the seed article and the synthetic report, A5 column.

Target of issue 6 is ≥ 98 % flush lines.  Measured (max gap 0.095 em, drawn
gaps kept ≤ 0.1 em so pdftotext reads no spaces): seed 97.6 % (2 of 85 short),
synthetic 84.9 %; the rest are lines before a long unbreakable figure
(``50万平方米以上，``, ``2020年10月20日``) or a widow binding, where the hole
exceeds what 0.095 em per gap can fill and nothing can be pushed in.  The
thresholds below lock in the measured level so that regressions fail; they are
below the issue's 98 % target, which is not met yet.
"""

import re

import pdfplumber
import pytest

from xinhui_print.typeset.chars import CJK_CLASS

from xinhui_print.typeset.measure import extraction_spaces, joined_lines, measure_pdf, pdftotext
from xinhui_print.typeset.specimen import a5_columns

FLUSH_FLOOR = {"seed": 0.97, "synthetic": 0.84}


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
