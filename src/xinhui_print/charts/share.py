"""Share: a donut for ``…占X的73%``, the figure in its middle, the caption beside it
(or under it when the box is taller than wide)."""

from __future__ import annotations

import math

from .box import Box
from .data import Share
from .measure import ASCENT, DESCENT
from .svg import Drawing
from .wrap import wrap

RING = 0.16  # the ring's thickness, a share of the donut's diameter


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
    drawing.ring(cx, cy, diameter / 2, RING * diameter, share.value / 100, "red", "rule")
    baseline = cy + (ASCENT - DESCENT) / 2 * figure_size  # the figure's box centred in the hole
    drawing.text(cx, baseline, share.text, figure_size, "red", anchor="middle", bold=True)
    if stacked:
        lines = wrap(caption, box.width - 2 * inset, style, f, max_lines=3)
        first = cy + diameter / 2 + 0.6 * f + ASCENT * f
        for index, line in enumerate(lines):
            drawing.text(box.width / 2, first + index * 1.3 * f, line, f, "ink", anchor="middle")
        bottom = first + (len(lines) - 1) * 1.3 * f + DESCENT * f + inset
    else:
        left = inset + diameter + 0.8 * f
        lines = wrap(caption, box.width - left - inset, style, f, max_lines=4)
        block = len(lines) * 1.3 * f
        first = max(inset + ASCENT * f, cy - block / 2 + ASCENT * f + 0.15 * f)
        for index, line in enumerate(lines):
            drawing.text(left, first + index * 1.3 * f, line, f, "ink")
        bottom = max(inset + diameter, first + (len(lines) - 1) * 1.3 * f + DESCENT * f) + inset
    drawing.height = max(bottom, box.height or 0)
    drawing.width = box.width
    return drawing


def _figure_size(text: str, diameter: float, f: float, style) -> float:
    """The largest size (up to a third of the diameter) at which the figure's box fits in the hole."""
    hole = diameter / 2 * (1 - 2 * RING) * 0.96
    size = diameter / 3
    while size > f and math.hypot(style.width(text, size, True) / 2, (ASCENT + DESCENT) * size / 2) > hole:
        size *= 0.95
    return max(size, f)
