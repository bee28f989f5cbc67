"""Rank: a badge for ``…排名第42位，较2021年上升3位`` — the place large in a red disc,
the change beside it (▲ up in red, ▼ down in grey) and the board's name."""

from __future__ import annotations

from .box import Box
from .data import Rank
from .measure import ASCENT, DESCENT
from .svg import Drawing
from .wrap import wrap


def draw_rank(rank: Rank, box: Box, drawing: Drawing) -> Drawing:
    f = box.text
    style = drawing.style
    inset = 0.1 * f
    height = box.height or 5.5 * f
    diameter = max(min(height - 2 * inset, box.width * 0.36), 4.2 * f)
    cx, cy = inset + diameter / 2, inset + diameter / 2
    drawing.circle(cx, cy, diameter / 2, "red", panel=True)
    number = str(rank.rank)
    size = diameter * 0.46
    small = max(f, size * 0.36)
    while size > f and _place_width(number, size, small, style) > diameter * 0.72:
        size *= 0.95
        small = max(f, size * 0.36)
    x = cx - _place_width(number, size, small, style) / 2
    baseline = cy + 0.34 * size
    for text, text_size in (("第", small), (number, size), ("位", small)):
        drawing.text(x, baseline, text, text_size, "white", bold=True)
        x += style.width(text, text_size, True)
    left = inset + diameter + 0.8 * f
    room = box.width - left - inset
    lines = []
    if rank.change:
        arrow, way, colour = ("▲", "上升", "red") if rank.change > 0 else ("▼", "下降", "grey")
        lines.append((f"{arrow} {way}{abs(rank.change)}位", colour, True))
        if rank.since:
            lines.append((f"较{rank.since}", "grey", False))
    lines += [(line, "ink", False) for line in wrap(rank.board, room, style, f, max_lines=2)]
    block = len(lines) * 1.3 * f
    first = max(inset + ASCENT * f, cy - block / 2 + ASCENT * f + 0.15 * f)
    for index, (line, colour, bold) in enumerate(lines):
        text = line if style.width(line, f, bold) <= room else wrap(line, room, style, f, 1, bold)[0]
        drawing.text(left, first + index * 1.3 * f, text, f, colour, bold=bold)
    drawing.height = max(inset * 2 + diameter, first + (len(lines) - 1) * 1.3 * f + DESCENT * f + inset, box.height or 0)
    drawing.width = box.width
    return drawing


def _place_width(number: str, size: float, small: float, style) -> float:
    return style.width("第", small, True) + style.width(number, size, True) + style.width("位", small, True)
