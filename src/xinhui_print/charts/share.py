"""Share: a donut for ``…占X的73%``, the figure in its middle, the caption beside it
(or under it when the box is taller than wide)."""

from __future__ import annotations

from .box import Box
from .data import Share
from .svg import Drawing
from .wrap import wrap


def draw_share(share: Share, box: Box, drawing: Drawing) -> Drawing:
    f = box.text
    style = drawing.style
    inset = 0.1 * f
    caption = f"{share.part}占{share.whole}" if share.part else f"占{share.whole}"
    height = box.height or 5.5 * f
    stacked = height > box.width * 1.1
    diameter = min(box.width, height) * 0.6 if stacked else min(height, box.width * 0.42)
    diameter = max(diameter, 4.2 * f)
    figure_size = _figure_size(share.text, diameter, f, style)
    cx = box.width / 2 if stacked else inset + diameter / 2
    cy = inset + diameter / 2
    drawing.ring(cx, cy, diameter / 2, max(0.16 * diameter, 0.5 * f), share.value / 100, "red", "rule")
    drawing.text(cx, cy + 0.36 * figure_size, share.text, figure_size, "red", anchor="middle", bold=True)
    if stacked:
        lines = wrap(caption, box.width - 2 * inset, style, f, max_lines=3)
        first = cy + diameter / 2 + 0.6 * f + 0.88 * f
        for index, line in enumerate(lines):
            drawing.text(box.width / 2, first + index * 1.3 * f, line, f, "ink", anchor="middle")
        bottom = first + (len(lines) - 1) * 1.3 * f + 0.12 * f + inset
    else:
        left = inset + diameter + 0.8 * f
        lines = wrap(caption, box.width - left - inset, style, f, max_lines=4)
        block = len(lines) * 1.3 * f
        first = max(inset + 0.88 * f, cy - block / 2 + 0.88 * f + 0.15 * f)
        for index, line in enumerate(lines):
            drawing.text(left, first + index * 1.3 * f, line, f, "ink")
        bottom = max(inset + diameter, first + (len(lines) - 1) * 1.3 * f + 0.12 * f) + inset
    drawing.height = max(bottom, box.height or 0)
    drawing.width = box.width
    return drawing


def _figure_size(text: str, diameter: float, f: float, style) -> float:
    """The largest size (up to a third of the diameter) at which the figure fits inside the hole."""
    hole = diameter * (1 - 2 * 0.16) * 0.86
    size = diameter / 3
    while size > f and style.width(text, size, True) > hole:
        size *= 0.95
    return max(size, f)
