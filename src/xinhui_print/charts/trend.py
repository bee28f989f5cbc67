"""Trend: a line over the points of an explicit series, each value written by its point
(above a peak, below a dip), the labels (years) along the bottom; labels that would touch
their neighbours are thinned, keeping the first, the last and the highest."""

from __future__ import annotations

from .box import Box
from .data import Series
from .measure import ASCENT, DESCENT
from .svg import Drawing, Rect


def draw_trend(series: Series, box: Box, drawing: Drawing) -> Drawing:
    f = box.text
    style = drawing.style
    inset = 0.1 * f
    height = max(box.height or 0, 7 * f)
    texts = [value_text(v, series.unit) for v in series.values]
    value_widths = [style.width(t, f, True) for t in texts]
    label_widths = [style.width(t, f) for t in series.labels]
    edge = max(value_widths[0], value_widths[-1], label_widths[0], label_widths[-1]) / 2 + inset
    left, right = edge, box.width - edge
    count = len(series.values)
    step = (right - left) / (count - 1)
    xs = [left + i * step for i in range(count)]
    top, bottom = inset + 1.5 * f, height - inset - 1.5 * f - 1.5 * f
    low, high = min(series.values), max(series.values)
    span = (high - low) or 1.0
    ys = [bottom - (v - low) / span * (bottom - top) for v in series.values]
    axis = height - inset - 1.5 * f - 0.4 * f
    drawing.line(left - edge + inset, axis, right + edge - inset, axis, "rule", box.hairline)
    drawing.polyline(list(zip(xs, ys)), "red", max(box.hairline * 1.5, 0.12 * f))
    for x, y in zip(xs, ys):
        drawing.circle(x, y, 0.22 * f, "red")
    keep_values = _thinned(xs, value_widths, f, series.values)
    keep_labels = _thinned(xs, label_widths, f, series.values)
    for index in keep_values:
        half = value_widths[index] / 2
        near = [y for x, y in zip(xs, ys) if abs(x - xs[index]) <= half + 0.3 * f]
        above, below = ys[index] - 0.5 * f, ys[index] + 0.5 * f + ASCENT * f
        clear_above, clear_below = min(near) - 0.6 * f, max(near) + 0.6 * f + ASCENT * f
        order = (above, below, clear_above) if _is_peak(series.values, index) else (below, above, clear_below)
        for baseline in order:
            spot = Rect(xs[index] - half, baseline - ASCENT * f, xs[index] + half, baseline + DESCENT * f)
            if not any(spot.overlaps(mark) for mark in drawing.marks):
                drawing.text(xs[index], baseline, texts[index], f, "red", anchor="middle", bold=True)
                break
    for index in keep_labels:
        drawing.text(xs[index], height - inset - DESCENT * f - 0.05 * f, series.labels[index], f, "grey", anchor="middle")
    drawing.height = height
    drawing.width = box.width
    return drawing


def value_text(value: float, unit: str) -> str:
    """A point's value as printed by it: the unit only when it is a percentage (others: in the caption)."""
    return f"{value:g}{unit}" if unit in ("%", "‰") else f"{value:g}"


def _is_peak(values: tuple[float, ...], index: int) -> bool:
    """A point's value goes above it unless both neighbours are higher (then below)."""
    neighbours = [values[i] for i in (index - 1, index + 1) if 0 <= i < len(values)]
    return not all(n > values[index] for n in neighbours)


def _thinned(xs: list[float], widths: list[float], f: float, values: tuple[float, ...]) -> list[int]:
    """Indices whose centred texts keep 0.6 em apart: the highest, the first and the last first,
    then the others left to right wherever they fit."""
    count = len(xs)
    chosen: list[int] = []
    for index in (values.index(max(values)), 0, count - 1, *range(count)):
        if index not in chosen and all(
                abs(xs[index] - xs[other]) - (widths[index] + widths[other]) / 2 >= 0.6 * f for other in chosen):
            chosen.append(index)
    return sorted(chosen)
