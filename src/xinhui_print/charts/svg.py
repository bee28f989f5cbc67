"""A small SVG writer that keeps the box of every piece it draws.

Colours are theme tokens (``red``, ``grey`` …) written as placeholders and filled
in per colour mode (``device-cmyk()`` in press files).  Text is escaped: labels
are report data.  Every element carries an explicit fill or stroke, so nothing
falls back to RGB black, and no ids, so a chart may appear twice in a document.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

from .measure import ASCENT, DESCENT, TextStyle

#: Placeholder colours, one per token, unlikely to occur in a chart otherwise.
PLACEHOLDERS = {"red": "#010203", "grey": "#040506", "ink": "#070809", "rule": "#0a0b0c",
                "paper": "#0d0e0f", "gold": "#101112", "white": "#131415"}


@dataclass(frozen=True)
class Rect:
    """An axis-aligned box: x0 left, y0 top, x1 right, y1 bottom (px, y down)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Rect, gap: float = 0.0) -> bool:
        return (self.x0 < other.x1 + gap and other.x0 < self.x1 + gap
                and self.y0 < other.y1 + gap and other.y0 < self.y1 + gap)

    def inside(self, other: Rect) -> bool:
        eps = 0.01
        return (self.x0 >= other.x0 - eps and self.y0 >= other.y0 - eps
                and self.x1 <= other.x1 + eps and self.y1 <= other.y1 + eps)


@dataclass
class Drawing:
    """Elements in px, with the box of each text and mark (for the layout and for tests)."""

    width: float
    height: float
    style: TextStyle
    label: str = ""
    parts: list[str] = field(default_factory=list)
    texts: list[tuple[Rect, str]] = field(default_factory=list)
    marks: list[Rect] = field(default_factory=list)

    def text(self, x: float, baseline: float, content: str, size: float, colour: str = "ink",
             anchor: str = "start", bold: bool = False) -> Rect:
        width = self.style.width(content, size, bold)
        left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        box = Rect(left, baseline - ASCENT * size, left + width, baseline + DESCENT * size)
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(
            f'<text x="{_n(x)}" y="{_n(baseline)}" font-size="{_n(size)}"{weight} text-anchor="{anchor}" '
            f'fill="{PLACEHOLDERS[colour]}">{escape(content)}</text>')
        self.texts.append((box, content))
        return box

    def rect(self, x: float, y: float, width: float, height: float, colour: str, mark: bool = True) -> Rect:
        box = Rect(x, y, x + width, y + height)
        self.parts.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(height)}" '
                          f'fill="{PLACEHOLDERS[colour]}"/>')
        if mark:
            self.marks.append(box)
        return box

    def line(self, x0: float, y0: float, x1: float, y1: float, colour: str, width: float) -> None:
        self.parts.append(f'<line x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x1)}" y2="{_n(y1)}" '
                          f'stroke="{PLACEHOLDERS[colour]}" stroke-width="{_n(width)}" fill="none"/>')

    def polyline(self, points: list[tuple[float, float]], colour: str, width: float) -> None:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        self.parts.append(f'<polyline points="{path}" stroke="{PLACEHOLDERS[colour]}" stroke-width="{_n(width)}" '
                          f'fill="none" stroke-linejoin="round" stroke-linecap="round"/>')

    def circle(self, cx: float, cy: float, r: float, colour: str, panel: bool = False) -> Rect:
        """A dot (a mark: no text on it), or a panel (text is set on it, inside it)."""
        role = ' class="chart-panel"' if panel else ""
        self.parts.append(f'<circle{role} cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}" fill="{PLACEHOLDERS[colour]}"/>')
        box = Rect(cx - r, cy - r, cx + r, cy + r)
        if not panel:
            self.marks.append(box)
        return box

    def ring(self, cx: float, cy: float, r: float, thickness: float, share: float, colour: str,
             rest: str) -> None:
        """A donut: the whole ring in ``rest``, ``share`` (0–1) of it from 12 o'clock clockwise in ``colour``."""
        middle = r - thickness / 2
        self.parts.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(middle)}" fill="none" '
                          f'stroke="{PLACEHOLDERS[rest]}" stroke-width="{_n(thickness)}"/>')
        share = min(max(share, 0.0), 1.0)
        if share >= 0.9999:
            self.parts.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(middle)}" fill="none" '
                              f'stroke="{PLACEHOLDERS[colour]}" stroke-width="{_n(thickness)}"/>')
        elif share > 0:
            angle = 2 * math.pi * share
            end_x, end_y = cx + middle * math.sin(angle), cy - middle * math.cos(angle)
            large = 1 if share > 0.5 else 0
            self.parts.append(f'<path d="M {_n(cx)} {_n(cy - middle)} A {_n(middle)} {_n(middle)} 0 {large} 1 '
                              f'{_n(end_x)} {_n(end_y)}" fill="none" stroke="{PLACEHOLDERS[colour]}" '
                              f'stroke-width="{_n(thickness)}"/>')
        self.marks.append(Rect(cx - r, cy - r, cx + r, cy + r))

    def svg(self) -> str:
        """The SVG text, sized to its box (no scaling: width and height are the box's, in px)."""
        label = f' aria-label="{escape(self.label)}"' if self.label else ""
        return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" width="{_n(self.width)}" '
                f'height="{_n(self.height)}" viewBox="0 0 {_n(self.width)} {_n(self.height)}" role="img"{label} '
                f'font-family="{escape(self.style.family)}">' + "".join(self.parts) + "</svg>")


def _n(value: float) -> str:
    """A coordinate, rounded to 1/100 px: same input, same bytes."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
