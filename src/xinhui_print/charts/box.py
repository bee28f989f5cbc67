"""The box a chart fills: its width and height on the page, its type size, and the floors.

Charts are drawn in CSS px (1 px = 1/96 in).  A box given in px is a social canvas
(1080 px wide): its chart text is at least 22 px.  A box given in print units
(mm, pt, cm, in) is a printed page: its chart text is at least 6.5 pt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import LayoutError

PX_PER_UNIT = {"px": 1.0, "pt": 96 / 72, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
SOCIAL_FLOOR_PX = 22.0
PRINT_FLOOR_PX = 6.5 * 96 / 72
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px|pt|mm|cm|in)\s*$", re.IGNORECASE)


def length_px(text: object) -> tuple[float, str]:
    """``'112mm'`` → (423.3, 'mm'): the length in CSS px and the unit it was given in."""
    match = _LENGTH.match(str(text))
    if not match:
        raise LayoutError(f"chart size {text!r} is not a length (e.g. 952px, 112mm)")
    unit = match[2].lower()
    return float(match[1]) * PX_PER_UNIT[unit], unit


@dataclass(frozen=True)
class Box:
    """Width and preferred height in CSS px, the chart's type size in px, and whether it is
    printed (floors in pt) or a social canvas (floors in px)."""

    width: float
    height: float | None
    font: float
    printed: bool

    @property
    def floor(self) -> float:
        return PRINT_FLOOR_PX if self.printed else SOCIAL_FLOOR_PX

    @property
    def text(self) -> float:
        """The type size, never below the floor."""
        return max(self.font, self.floor)

    @property
    def hairline(self) -> float:
        """Thin rules: 0.5 pt in print, 2 px on a 1080 px canvas (never lost at 1×)."""
        return 0.5 * 96 / 72 if self.printed else 2.0


def make_box(width: object, height: object | None, font: object) -> Box:
    """A box from CSS lengths (``952px``, ``112mm``, ``8pt``)."""
    width_px, unit = length_px(width)
    height_px = length_px(height)[0] if height not in (None, "", "auto") else None
    font_px = length_px(font)[0]
    if width_px <= 0 or (height_px is not None and height_px <= 0) or font_px <= 0:
        raise LayoutError(f"chart box {width} × {height} at {font}: sizes must be positive")
    return Box(round(width_px, 3), round(height_px, 3) if height_px else None, round(font_px, 3), unit != "px")
