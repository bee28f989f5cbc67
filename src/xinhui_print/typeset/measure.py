"""Measure Chinese typesetting quality from a PDF: PDF → :class:`TypesetReport`.

Everything is read back from pdfplumber character boxes, not assumed from the
HTML.  Characters are grouped into lines (same baseline, no gap wider than
1.5 em, no vertical rule in between), lines into columns (given, or detected per
page; a table cell — a line between two vertical rules — is its own column,
inset from the rules by the padding its text shows on the left) and paragraphs
(a new paragraph starts after a vertical gap wider than the usual line pitch, at
a change of font or size, or at an indented first line).

Measures:

- **flush lines**: non-final lines of multi-line paragraphs whose right edge is
  within ``tolerance`` (0.5 pt) of the column edge; a closing mark at the end
  counts as flush when set full width or half width at the edge.  Callers pass
  only justified content (headings are single lines and do not count).
- **kinsoku violations**: a line that starts with a closing mark or interpunct,
  or ends with an opening mark (clreq 3.1.4).
- **half-width punctuation inside Chinese**: ASCII ``, ? : ; ! ( )`` that the
  shared punctuation rules would turn full width.
- **figure–unit splits**: a line break inside a number with its unit.
- **one-character last lines** (孤字): a paragraph of several lines whose last
  line holds one character plus punctuation.
- **extraction**: ``pdftotext`` output and the spaces it puts between Chinese
  characters (:func:`extraction_spaces`).
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

from xinhui_print.text.punctuation import punctuation_edits

from .chars import CJK_CLASS, CLOSING, NO_LINE_END, NO_LINE_START, is_punctuation
from .rules import figure_ranges

Column = tuple[float, float]
ColumnsFor = Callable[[int, float], list[Column]]  # (page index, page width) → columns


@dataclass
class Line:
    """One line of text: its characters left to right."""

    page: int
    chars: list[dict]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @property
    def baseline(self) -> float:
        return max(c["bottom"] for c in self.chars)

    @property
    def size(self) -> float:
        return Counter(round(c["size"], 1) for c in self.chars).most_common(1)[0][0]

    @property
    def font(self) -> str:
        return Counter(c["fontname"].split("+")[-1] for c in self.chars).most_common(1)[0][0]

    @property
    def text_x0(self) -> float:
        """Left edge of the text proper, after a list marker followed by a gap."""
        for index in range(min(4, len(self.chars) - 1)):
            gap = self.chars[index + 1]["x0"] - self.chars[index]["x1"]
            if gap > 0.15 * self.size and not re.match(CJK_CLASS, self.chars[index]["text"]):
                return self.chars[index + 1]["x0"]
        return self.x0


@dataclass
class Paragraph:
    """Consecutive lines of one paragraph, with the column they sit in."""

    lines: list[Line]
    column: Column

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass
class TypesetReport:
    """What the PDF shows; lists hold human-readable findings (page: text)."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    flush_lines: int = 0
    checked_lines: int = 0
    short_lines: list[str] = field(default_factory=list)
    kinsoku_violations: list[str] = field(default_factory=list)
    half_width_punctuation: list[str] = field(default_factory=list)
    figure_splits: list[str] = field(default_factory=list)
    one_character_last_lines: list[str] = field(default_factory=list)

    @property
    def flush_share(self) -> float:
        return self.flush_lines / self.checked_lines if self.checked_lines else 1.0

    @property
    def line_count(self) -> int:
        return sum(len(p.lines) for p in self.paragraphs)

    def summary(self) -> dict[str, float | int]:
        return {
            "lines": self.line_count,
            "checked": self.checked_lines,
            "flush_share": round(self.flush_share, 4),
            "kinsoku": len(self.kinsoku_violations),
            "half_width": len(self.half_width_punctuation),
            "figure_splits": len(self.figure_splits),
            "one_char_last_lines": len(self.one_character_last_lines),
        }


# --- lines, columns, paragraphs -------------------------------------------------


Rule = tuple[float, float, float]  # x, top, bottom of a vertical rule (table border)


def read_lines(pdf_path: str | Path) -> tuple[list[Line], list[float]]:
    """All text lines of the PDF and the page widths."""
    lines, widths, _ = read_lines_and_rules(pdf_path)
    return lines, widths


def read_lines_and_rules(pdf_path: str | Path) -> tuple[list[Line], list[float], list[list[Rule]]]:
    """All text lines, the page widths and each page's vertical rules."""
    lines: list[Line] = []
    widths: list[float] = []
    rules: list[list[Rule]] = []
    with pdfplumber.open(pdf_path) as pdf:
        for page_index, page in enumerate(pdf.pages):
            widths.append(float(page.width))
            page_rules = [
                (float(edge["x0"]), float(edge["top"]), float(edge["bottom"]))
                for edge in page.edges
                if edge["orientation"] == "v" and edge["bottom"] - edge["top"] > 5
            ]
            rules.append(page_rules)
            chars = [c for c in page.chars if c["text"].strip()]
            lines += _group_lines(page_index, chars, page_rules)
    return lines, widths, rules


def _rules_across(rules: list[Rule], top: float, bottom: float) -> list[float]:
    """x of the vertical rules spanning ``top``–``bottom``."""
    return [x for x, rule_top, rule_bottom in rules if rule_top <= top + 1 and rule_bottom >= bottom - 1]


def cell_column(line: Line, rules: list[Rule]) -> Column | None:
    """The table cell a line sits in: between two vertical rules, inset by the
    padding the text shows on the left (cells are padded alike on both sides)."""
    across = _rules_across(rules, line.top, line.baseline)
    left = [x for x in across if x <= line.x0 + 0.1]
    right = [x for x in across if x >= line.x1 - 0.5 * line.size]
    if not left or not right:
        return None
    left_rule, right_rule = max(left), min(right)
    padding = line.x0 - left_rule
    return (round(line.x0, 1), round(right_rule - padding, 2))


def _group_lines(page: int, chars: list[dict], rules: list[Rule] = ()) -> list[Line]:
    rows: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["bottom"], 1), c["x0"])):
        if rows and abs(rows[-1][0]["bottom"] - char["bottom"]) < 0.3 * char["size"]:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        current = [row[0]]
        across = _rules_across(rules, min(c["top"] for c in row), max(c["bottom"] for c in row))
        for char in row[1:]:
            ruled = any(current[-1]["x1"] - 0.1 <= x <= char["x0"] + 0.1 for x in across)
            if ruled or char["x0"] - current[-1]["x1"] > 1.5 * char["size"]:
                lines.append(Line(page, current))
                current = []
            current.append(char)
        lines.append(Line(page, current))
    return lines


def detect_columns(lines: list[Line], page: int) -> list[Column]:
    """Columns of one page: left edges that start several lines, right edge per column.

    The right edge is the furthest right end of a line that does not end in a
    closing mark (those may be set half width past nothing or full width).
    """
    on_page = [line for line in lines if line.page == page]
    lefts = Counter(round(line.text_x0) for line in on_page)
    columns = []
    for left, count in sorted(lefts.items()):
        if count < 2 or any(abs(left - c[0]) < 12 for c in columns):
            continue
        members = [line for line in on_page if abs(line.text_x0 - left) < 12 * 3]
        ends = [line.x1 for line in members if line.text[-1] not in CLOSING] or [
            line.x1 for line in members
        ]
        columns.append((float(left), max(ends)))
    return columns


def _column_of(line: Line, columns: list[Column]) -> Column | None:
    inside = [c for c in columns if c[0] - 1 <= line.text_x0 and line.x1 <= c[1] + line.size]
    return min(inside, key=lambda c: line.text_x0 - c[0]) if inside else None


def split_paragraphs(
    lines: list[Line],
    columns_for: Callable[[int], list[Column]],
    cell_of: Callable[[Line], Column | None] | None = None,
) -> list[Paragraph]:
    """Group lines into paragraphs, column by column (table cells apart), in reading order."""
    by_column: dict[tuple[int, Column], list[Line]] = {}
    for line in lines:
        column = cell_of(line) if cell_of is not None else None
        if column is None:
            column = _column_of(line, columns_for(line.page))
        if column is not None:
            by_column.setdefault((line.page, column), []).append(line)
    paragraphs: list[Paragraph] = []
    for (_, column), members in sorted(by_column.items(), key=lambda kv: (kv[0][0], kv[0][1][0])):
        members.sort(key=lambda line: line.baseline)
        pitch = _usual_pitch(members)
        current: list[Line] = []
        for line in members:
            if current and _starts_paragraph(current[-1], line, pitch):
                paragraphs.append(Paragraph(current, column))
                current = []
            current.append(line)
        if current:
            paragraphs.append(Paragraph(current, column))
    return paragraphs


def _usual_pitch(lines: list[Line]) -> float:
    """The line pitch inside paragraphs: the smallest common baseline distance."""
    pitches = [
        round(b.baseline - a.baseline, 1)
        for a, b in zip(lines, lines[1:], strict=False)
        if b.baseline - a.baseline >= 0.9 * b.size
    ]
    if not pitches:
        return 0.0
    common = [p for p, n in Counter(pitches).items() if n >= max(2, len(pitches) // 20)]
    return min(common or pitches)


def _starts_paragraph(previous: Line, line: Line, pitch: float) -> bool:
    if line.baseline - previous.baseline > pitch * 1.1 + 0.5:
        return True
    if line.text_x0 > line.x0 + 0.1:  # a list item's marker
        return True
    if abs(line.size - previous.size) > 0.3 or line.font != previous.font:
        return True
    return line.text_x0 > previous.text_x0 + 0.9 * line.size


# --- measures -----------------------------------------------------------------------


def _is_flush(line: Line, right: float, tolerance: float) -> bool:
    if abs(line.x1 - right) <= tolerance:
        return True
    last = line.chars[-1]
    half_width_end = last["x0"] + 0.5 * last["size"]
    return last["text"] in CLOSING and abs(half_width_end - right) <= tolerance


def _where(paragraph: Paragraph, line: Line) -> str:
    return f"p{line.page + 1}: {line.text}"


def measure_paragraphs(paragraphs: list[Paragraph], tolerance: float = 0.5) -> TypesetReport:
    """Apply every measure to already grouped paragraphs."""
    report = TypesetReport(paragraphs=paragraphs)
    for paragraph in paragraphs:
        _measure_flush(report, paragraph, tolerance)
        _measure_kinsoku(report, paragraph)
        _measure_text(report, paragraph)
    return report


def _measure_flush(report: TypesetReport, paragraph: Paragraph, tolerance: float) -> None:
    for line in paragraph.lines[:-1]:
        report.checked_lines += 1
        if _is_flush(line, paragraph.column[1], tolerance):
            report.flush_lines += 1
        else:
            short = paragraph.column[1] - line.x1
            report.short_lines.append(f"{_where(paragraph, line)} ({short:+.2f} pt)")


def _measure_kinsoku(report: TypesetReport, paragraph: Paragraph) -> None:
    for index, line in enumerate(paragraph.lines):
        if index and line.text[0] in NO_LINE_START:
            report.kinsoku_violations.append(f"starts with {line.text[0]}: {_where(paragraph, line)}")
        if index < len(paragraph.lines) - 1 and line.text[-1] in NO_LINE_END:
            report.kinsoku_violations.append(f"ends with {line.text[-1]}: {_where(paragraph, line)}")


def _measure_text(report: TypesetReport, paragraph: Paragraph) -> None:
    text = paragraph.text
    for start, end, _ in punctuation_edits(text):
        report.half_width_punctuation.append(f"{text[max(0, start - 6):end + 6]!r}")
    breaks = list(_line_break_offsets(paragraph))
    for start, end in figure_ranges(text):
        if any(start < offset < end for offset in breaks):
            report.figure_splits.append(text[start:end])
    last = paragraph.lines[-1].text
    if len(paragraph.lines) > 1 and sum(not is_punctuation(c) for c in last) == 1:
        report.one_character_last_lines.append(_where(paragraph, paragraph.lines[-1]))


def _line_break_offsets(paragraph: Paragraph):
    offset = 0
    for line in paragraph.lines[:-1]:
        offset += len(line.text)
        yield offset


def measure_pdf(
    pdf_path: str | Path,
    columns: ColumnsFor | None = None,
    tolerance: float = 0.5,
    keep: Callable[[Line], bool] | None = None,
) -> TypesetReport:
    """Measure a PDF.  ``columns(page_index, page_width)`` gives the text columns
    (default: detected per page); ``keep`` filters lines (e.g. body size only)."""
    lines, widths, rules = read_lines_and_rules(pdf_path)
    if keep is not None:
        lines = [line for line in lines if keep(line)]
    if columns is None:
        cache: dict[int, list[Column]] = {}

        def columns_for(page: int) -> list[Column]:
            return cache.setdefault(page, detect_columns(lines, page))
    else:

        def columns_for(page: int) -> list[Column]:
            return columns(page, widths[page])

    def cell_of(line: Line) -> Column | None:
        return cell_column(line, rules[line.page])

    return measure_paragraphs(split_paragraphs(lines, columns_for, cell_of), tolerance)


# --- extraction -------------------------------------------------------------------------

_SPACE_BETWEEN_CJK = re.compile(f"(?<={CJK_CLASS})[ \u00a0\u3000]+(?={CJK_CLASS})")


def pdftotext(pdf_path: str | Path) -> str:
    """The text poppler's pdftotext extracts (UTF-8, reading order)."""
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"],
        check=True, capture_output=True, text=True,
    )
    return result.stdout


def extraction_spaces(text: str) -> list[str]:
    """Spaces an extractor put between two Chinese characters, with context."""
    return [text[max(0, m.start() - 4):m.end() + 4] for m in _SPACE_BETWEEN_CJK.finditer(text)]


def joined_lines(text: str) -> str:
    """Extracted text with line and page breaks removed (Chinese has no hyphens)."""
    return re.sub(r"[\n\f]+", "", text)
