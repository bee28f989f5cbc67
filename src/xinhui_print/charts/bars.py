"""Horizontal bar charts drawn for their box: results vs targets (two bars a row) and explicit
bar series (one bar a row).

The layout is computed, not scaled: the category column takes the labels' width (wrapped
to two lines, or set above their bars when even two lines do not fit beside them), the
value labels stand outside the bar ends, the bar scale leaves room for them, and the rows
share the box's height (growing the box when its height cannot hold them at the type
floor).  Nothing overlaps: tests read the boxes back from the SVG and the PDFs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .box import Box
from .measure import ASCENT, DESCENT
from .svg import Drawing
from .wrap import wrap

LABEL_SHARE = 0.38  # at most this share of the width for the category column
LINE = 1.25  # line pitch of wrapped labels, in em


@dataclass(frozen=True)
class Bar:
    value: float
    text: str
    colour: str
    bold: bool = False


@dataclass(frozen=True)
class Row:
    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Legend:
    text: str
    colour: str
    bold: bool = False


def draw_bars(rows: tuple[Row, ...], legend: tuple[Legend, ...], box: Box, drawing: Drawing) -> Drawing:
    """Rows of horizontal bars filling ``box`` (``drawing`` is sized and filled here)."""
    f = box.text
    style = drawing.style
    inset = 0.1 * f
    width = box.width
    top = inset + (_legend(legend, drawing, f, inset, width) if legend else 0)
    widest = max(style.width(r.label, f) for r in rows)
    column = min(widest, LABEL_SHARE * width)
    labels = [wrap(r.label, column, style, f, max_lines=2) for r in rows]
    beside = all(style.width(r.label, f) <= column or _wraps_whole(r.label, lines) for r, lines in zip(rows, labels))
    if not beside:  # long labels: each on its own lines above its bars, the bars take the full width
        column = 0.0
        labels = [wrap(r.label, width - 2 * inset, style, f, max_lines=2) for r in rows]
    x0 = inset + column + (0.6 * f if column else 0)
    zero, scale = _scale(rows, style, f, x0, width - inset)
    per_row = max(len(r.bars) for r in rows)
    thickness, gap, row_gap = _rhythm(rows, labels, beside, per_row, f, box.height, top, inset)
    y = top
    for row, lines in zip(rows, labels):
        pair = per_row * thickness + (per_row - 1) * gap
        if beside:
            first = y + pair / 2 - (len(lines) - 1) * LINE * f / 2 + (ASCENT - DESCENT) / 2 * f  # centred on the bars
            for index, line in enumerate(lines):
                drawing.text(x0 - 0.6 * f, first + index * LINE * f, line, f, "ink", anchor="end")
        else:
            for index, line in enumerate(lines):
                drawing.text(inset, y + ASCENT * f + index * LINE * f, line, f, "ink")
            y += len(lines) * LINE * f + 0.15 * f
        for index, bar in enumerate(row.bars):
            _bar(drawing, bar, zero, scale, y + index * (thickness + gap), thickness, f, style)
        y += pair + row_gap
    bottom = max(y - row_gap, *(box.y1 for box, _ in drawing.texts)) + inset
    drawing.line(zero, top, zero, bottom - inset, "rule", box.hairline)
    drawing.height = max(bottom, box.height or 0)
    drawing.width = width
    return drawing


def _wraps_whole(label: str, lines: list[str]) -> bool:
    return "".join(lines) == label.replace(" ", "")


def _legend(legend: tuple[Legend, ...], drawing: Drawing, f: float, inset: float, width: float) -> float:
    """Swatch + text per entry on one line (or one a line when they do not fit); its height."""
    swatch = 0.7 * f
    widths = [swatch + 0.35 * f + drawing.style.width(e.text, f, e.bold) for e in legend]
    one_line = sum(widths) + 1.2 * f * (len(legend) - 1) <= width - 2 * inset
    x, baseline = inset, inset + ASCENT * f
    for entry, entry_width in zip(legend, widths):
        drawing.rect(x, baseline - 0.66 * f, swatch, swatch, entry.colour)
        drawing.text(x + swatch + 0.35 * f, baseline, entry.text, f, entry.colour, bold=entry.bold)
        if one_line:
            x += entry_width + 1.2 * f
        else:
            baseline += LINE * f
    lines = 1 if one_line else len(legend)
    return (lines - 1) * LINE * f + 1.0 * f + 0.7 * f


def _scale(rows: tuple[Row, ...], style, f: float, left: float, right: float) -> tuple[float, float]:
    """(x of zero, px per unit) so that every bar and its value label fit between left and right."""
    bars = [b for r in rows for b in r.bars]
    room = right - left
    labels = {id(b): 0.4 * f + style.width(b.text, f, b.bold) for b in bars}

    def needs(scale: float) -> tuple[float, float]:
        negative = max((abs(b.value) * scale + labels[id(b)] for b in bars if b.value < 0), default=0.0)
        positive = max((b.value * scale + labels[id(b)] for b in bars if b.value >= 0), default=0.0)
        return negative, positive

    low, high = 0.0, room / max(max(abs(b.value) for b in bars), 1e-9)
    for _ in range(50):
        middle = (low + high) / 2
        if sum(needs(middle)) <= room:
            low = middle
        else:
            high = middle
    return left + needs(low)[0], low


def _rhythm(rows, labels, beside: bool, per_row: int, f: float, height: float | None, top: float,
            inset: float) -> tuple[float, float, float]:
    """(bar thickness, gap between a row's bars, gap between rows) filling ``height``."""
    count = len(rows)
    above = 0.0 if beside else sum(len(lines) * LINE * f + 0.15 * f for lines in labels)
    tallest = max(len(lines) for lines in labels) * LINE * f if beside else 0.0
    last = ((len(labels[-1]) - 1) * LINE + ASCENT + DESCENT) * f if beside else 0.0

    def pair(thickness: float) -> float:
        return per_row * thickness + (per_row - 1) * 0.15 * thickness

    def total(thickness: float, row_gap: float) -> float:
        """The height the rows take, with what the last row's labels reach below its bars."""
        overhang = max(0.0, (last - pair(thickness)) / 2, (ASCENT + DESCENT) * f / 2 - thickness / 2)
        return top + above + count * pair(thickness) + (count - 1) * row_gap + overhang + inset

    thickness = 1.02 * f  # with the 0.15 gap, two value labels (1.17 em boxes) stacked never touch
    row_gap = max(0.5 * f, tallest - per_row * 1.173 * f + 0.4 * f)
    if height is None or total(thickness, row_gap) >= height:
        return thickness, 0.15 * thickness, row_gap
    # Fill the box: thicker bars first (up to 1.7 em), then wider gaps between rows.
    grow = min((height - total(thickness, row_gap)) / (count * pair(1.0)), 0.7 * f)
    thickness += grow
    if count > 1:
        row_gap += (height - total(thickness, row_gap)) / (count - 1)
    return thickness, 0.15 * thickness, row_gap


def _bar(drawing: Drawing, bar: Bar, zero: float, scale: float, y: float, thickness: float, f: float, style) -> None:
    length = abs(bar.value) * scale
    left = zero - length if bar.value < 0 else zero
    if length > 0:
        drawing.rect(left, y, length, thickness, bar.colour)
    baseline = y + thickness / 2 + (ASCENT - DESCENT) / 2 * f  # the label's box centred on the bar
    if bar.value < 0:
        drawing.text(left - 0.4 * f, baseline, bar.text, f, bar.colour, anchor="end", bold=bar.bold)
    else:
        drawing.text(zero + length + 0.4 * f, baseline, bar.text, f, bar.colour, bold=bar.bold)
