"""Boxes read back from a chart's SVG text (not from the drawing's own records), and overlap checks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from xinhui_print.charts.measure import ASCENT, DESCENT, TextStyle

NS = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    what: str

    def overlap(self, other: "Box") -> float:
        """Area shared with ``other`` (0: apart or touching)."""
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        return width * height if width > 0.02 and height > 0.02 else 0.0  # 1/100 px: the SVG's rounding


@dataclass
class ReadSvg:
    width: float
    height: float
    view: tuple[float, float]
    texts: list[Box]
    sizes: list[float]
    marks: list[Box]
    panels: list[Box]
    rings: list[tuple[float, float, float, float]]  # cx, cy, inner radius, outer radius


def read_svg(svg: str, style: TextStyle) -> ReadSvg:
    root = ET.fromstring(svg)
    view = tuple(float(v) for v in root.get("viewBox").split()[2:])
    texts, sizes, marks, panels, rings = [], [], [], [], []
    for element in root.iter():
        tag = element.tag.replace(NS, "")
        if tag == "text":
            x, y, size = (float(element.get(k)) for k in ("x", "y", "font-size"))
            content = element.text or ""
            width = style.width(content, size, element.get("font-weight") == "bold")
            left = {"start": x, "middle": x - width / 2, "end": x - width}[element.get("text-anchor", "start")]
            texts.append(Box(left, y - ASCENT * size, left + width, y + DESCENT * size, content))
            sizes.append(size)
        elif tag == "rect":
            x, y, w, h = (float(element.get(k)) for k in ("x", "y", "width", "height"))
            marks.append(Box(x, y, x + w, y + h, "rect"))
        elif tag == "circle" and element.get("fill") not in (None, "none"):
            cx, cy, r = (float(element.get(k)) for k in ("cx", "cy", "r"))
            box = Box(cx - r, cy - r, cx + r, cy + r, "circle")
            (panels if element.get("class") == "chart-panel" else marks).append(box)
        elif tag == "circle":
            cx, cy, r, stroke = (float(element.get(k)) for k in ("cx", "cy", "r", "stroke-width"))
            rings.append((cx, cy, r - stroke / 2, r + stroke / 2))
    return ReadSvg(float(root.get("width")), float(root.get("height")), view, texts, sizes, marks, panels, rings)


def collisions(read: ReadSvg, on_panels: set[str] = frozenset()) -> list[str]:
    """Every text touching another text or a mark, or leaving the box: one line each."""
    found = []
    for i, a in enumerate(read.texts):
        if a.x0 < -0.01 or a.y0 < -0.01 or a.x1 > read.width + 0.01 or a.y1 > read.height + 0.01:
            found.append(f"{a.what!r} leaves the {read.width:.0f}×{read.height:.0f} box: {a}")
        for b in read.texts[i + 1:]:
            if a.overlap(b) > 0:
                found.append(f"{a.what!r} overlaps {b.what!r}")
        for mark in read.marks:
            if a.overlap(mark) > 0:
                found.append(f"{a.what!r} overlaps a {mark.what} at {mark.x0:.1f},{mark.y0:.1f}")
        for panel in read.panels:
            if a.overlap(panel) > 0 and not _inside_disc(a, panel):
                found.append(f"{a.what!r} crosses the edge of a panel")
        for ring in read.rings:
            if _touches_ring(a, *ring):
                found.append(f"{a.what!r} overlaps a ring")
    return found


def _corners(box: Box) -> list[tuple[float, float]]:
    return [(box.x0, box.y0), (box.x1, box.y0), (box.x0, box.y1), (box.x1, box.y1)]


def _inside_disc(box: Box, disc: Box) -> bool:
    cx, cy, r = (disc.x0 + disc.x1) / 2, (disc.y0 + disc.y1) / 2, (disc.x1 - disc.x0) / 2
    return all((x - cx) ** 2 + (y - cy) ** 2 <= r * r for x, y in _corners(box))


def _touches_ring(box: Box, cx: float, cy: float, inner: float, outer: float) -> bool:
    """Does the box reach into the annulus between ``inner`` and ``outer``?"""
    nearest = ((min(max(cx, box.x0), box.x1) - cx) ** 2 + (min(max(cy, box.y0), box.y1) - cy) ** 2) ** 0.5
    farthest = max(((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 for x, y in _corners(box))
    return nearest < outer and farthest > inner


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
