"""Segments of a long poster: laid-out page → cut positions at block boundaries.

A poster taller than a platform allows is also delivered as numbered slices.
Cuts go only where nothing would be cut: between two blocks marked
``data-block`` in the template (sections, groups, ● subsections, the chart),
and never through a line of text or a replaced element (image, SVG chart).
When one block alone is taller than the limit, the cut falls back to the gap
between two lines inside it — still never through a line.

Input: the page height, the block extents, the text extents (see
:mod:`.pages`) and the largest segment height, all in CSS px.  Output: the
segment boundaries ``[0, y1, y2, …, height]``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import BuildError
from .pages import Extent


def is_clear(y: float, obstacles: Sequence[Extent]) -> bool:
    """A cut at ``y`` touches no line of text and no image."""
    return not any(extent.contains(y) for extent in obstacles)


def block_gaps(blocks: Sequence[Extent]) -> list[float]:
    """Cut candidates between consecutive blocks: the middle of each gap, whole px."""
    ordered = sorted(blocks, key=lambda b: (b.top, b.bottom))
    candidates = []
    for before, after in zip(ordered, ordered[1:]):
        if after.top >= before.bottom:  # siblings, not nested
            candidates.append(float(round((before.bottom + after.top) / 2)))
    return candidates


def line_gaps(lines: Sequence[Extent]) -> list[float]:
    """Fallback candidates: just below every line (used when a block is taller than the limit)."""
    return [float(round(line.bottom)) for line in lines]


def _best_cut(start: float, limit: float, candidates: Sequence[float]) -> float | None:
    """The lowest candidate in (start, start + limit]."""
    usable = [y for y in candidates if start < y <= start + limit]
    return max(usable) if usable else None


def cut_positions(
    height: float, blocks: Sequence[Extent], lines: Sequence[Extent], max_height: float
) -> list[float]:
    """Segment boundaries from 0 to ``height``: each slice ≤ ``max_height``, no line cut."""
    if max_height <= 0:
        raise ValueError("max_height must be positive")
    if height <= max_height:
        return [0.0, float(height)]
    preferred = [y for y in block_gaps(blocks) if is_clear(y, lines)]
    fallback = [y for y in line_gaps(lines) if is_clear(y, lines)]
    cuts = [0.0]
    while height - cuts[-1] > max_height:
        start = cuts[-1]
        cut = _best_cut(start, max_height, preferred) or _best_cut(start, max_height, fallback)
        if cut is None:
            raise BuildError(
                f"cannot cut the poster below y={start:.0f} px: no gap between lines within {max_height:.0f} px"
            )
        cuts.append(cut)
    cuts.append(float(height))
    return cuts


def segment_names(blocks: Sequence[Extent], top: float, bottom: float) -> list[str]:
    """Names of the blocks that lie (mostly) within ``[top, bottom)``, in order."""
    names = []
    for block in sorted(blocks, key=lambda b: b.top):
        middle = (block.top + block.bottom) / 2
        if top <= middle < bottom and block.name not in names:
            names.append(block.name)
    return names
