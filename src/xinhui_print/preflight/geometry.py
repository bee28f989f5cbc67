"""Affine matrices and boxes in PDF user space: tuples in, tuples out.

A matrix is ``(a, b, c, d, e, f)`` as in the PDF ``cm`` operator; a box is
``(x0, y0, x1, y1)`` with ``x0 <= x1`` and ``y0 <= y1``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MM = 72 / 25.4


def multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix applying ``first`` and then ``then`` (PDF order: ``first × then``)."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """Transform a point."""
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def axis_lengths(m: Matrix) -> tuple[float, float]:
    """Lengths of the transformed unit x and y vectors."""
    return math.hypot(m[0], m[1]), math.hypot(m[2], m[3])


def min_scale(m: Matrix) -> float:
    """Smallest singular value: how thin a unit-wide stroke can get under ``m``."""
    a, b, c, d = m[:4]
    s1 = a * a + b * b + c * c + d * d
    det = abs(a * d - b * c)
    disc = max(s1 * s1 - 4 * det * det, 0.0)
    return math.sqrt(max((s1 - math.sqrt(disc)) / 2, 0.0))


def bbox_of_points(points: Iterable[tuple[float, float]]) -> Box:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def transform_box(m: Matrix, box: Box) -> Box:
    """Bounding box of a transformed box."""
    x0, y0, x1, y1 = box
    return bbox_of_points([apply(m, x0, y0), apply(m, x1, y0), apply(m, x0, y1), apply(m, x1, y1)])


def normalise(box: Iterable[float]) -> Box:
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def union(boxes: Iterable[Box]) -> Box:
    boxes = list(boxes)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def intersect(a: Box, b: Box) -> Box | None:
    """Common part of two boxes, or None when they do not overlap."""
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[2], b[2]), min(a[3], b[3])
    if x0 > x1 or y0 > y1:
        return None
    return x0, y0, x1, y1


def contains(outer: Box, inner: Box, tolerance: float = 0.01) -> bool:
    return (
        inner[0] >= outer[0] - tolerance
        and inner[1] >= outer[1] - tolerance
        and inner[2] <= outer[2] + tolerance
        and inner[3] <= outer[3] + tolerance
    )


def inset(box: Box, amount: float) -> Box:
    return box[0] + amount, box[1] + amount, box[2] - amount, box[3] - amount


def size(box: Box) -> tuple[float, float]:
    return box[2] - box[0], box[3] - box[1]
