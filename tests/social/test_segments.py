"""Cut positions for poster segments: block boundaries first, gaps between lines as a fallback."""

from __future__ import annotations

import pytest

from xinhui_print.errors import BuildError
from xinhui_print.social.pages import Extent
from xinhui_print.social.segments import cut_positions, segment_names


def lines_of(block: Extent, step: float = 50, height: float = 40) -> list[Extent]:
    return [Extent(y, y + height) for y in range(int(block.top), int(block.bottom - height) + 1, int(step))]


BLOCKS = [Extent(0, 900, "a"), Extent(940, 1800, "b"), Extent(1840, 2900, "c"), Extent(2940, 3500, "d")]
LINES = [line for block in BLOCKS for line in lines_of(block)]


def test_short_poster_is_one_segment():
    assert cut_positions(800, BLOCKS[:1], LINES, 1000) == [0, 800]


def test_cuts_fall_between_blocks_and_respect_the_limit():
    cuts = cut_positions(3500, BLOCKS, LINES, 2000)
    assert cuts == [0, 1820, 3500]  # the lowest block gap within 2000 px, then the end
    assert all(b - a <= 2000 for a, b in zip(cuts, cuts[1:]))


def test_a_block_taller_than_the_limit_is_cut_between_lines():
    tall = [Extent(0, 3000, "tall")]
    lines = lines_of(tall[0])
    cuts = cut_positions(3000, tall, lines, 1000)
    assert all(b - a <= 1000 for a, b in zip(cuts, cuts[1:]))
    for cut in cuts:
        assert not any(line.top < cut < line.bottom for line in lines)


def test_no_gap_at_all_is_an_error():
    solid = [Extent(0, 3000, "image")]
    with pytest.raises(BuildError, match="cannot cut the poster"):
        cut_positions(3000, solid, solid, 1000)


def test_segment_names_are_the_blocks_it_mostly_holds():
    assert segment_names(BLOCKS, 0, 1820) == ["a", "b"]
    assert segment_names(BLOCKS, 1820, 3500) == ["c", "d"]
