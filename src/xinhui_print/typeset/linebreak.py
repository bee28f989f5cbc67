"""Paragraph-level line breaking for justified Chinese text: widths → break plan.

WeasyPrint breaks lines greedily: each line takes as much as fits.  With
inter-character justification capped at ``max gap`` em per gap (so that
pdftotext reads no spaces), a line followed by a long unbreakable token
(``50万平方米以上，``, ``2020年10月20日``) keeps a hole no justification can
fill.  Like Knuth–Plass (and Typst), :class:`BreakPlanner` chooses the breaks
of the whole paragraph: earlier lines end a few characters sooner, each within
what its gaps can absorb, so that the long token lands where it fits.  A line
may also take one character more when it then ends with a closing mark set half
width (push-in, clreq 3.1.6.3 / 3.5.3).

Input: a :class:`ParagraphModel` — the paragraph's characters with their
advance widths (CSS px, as Pango shapes them), the positions where a line may
break (Pango's line-break opportunities), what each line-final closing mark
gains when set half width, and which characters are Chinese.  Output:
:meth:`BreakPlanner.next_break` — for a line starting at a character position
and a width, the break to take and the width cap that makes a greedy breaker
take exactly that break.  Nothing here knows about WeasyPrint.

Cost, in order of priority: lines that stay short (a hole wider than their gaps
can absorb), then the number of lines, then how evenly the slack is spread.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from .chars import CJK_CLASS

#: Cost of one line that cannot be set flush (dominates everything else).
SHORT_LINE = 1000.0
#: Cost of one line (fewer lines preferred over smoother spacing).
LINE = 3.0
#: Extra width a word space may take, in em, when the planner counts capacity.
SPACE_STRETCH_EM = 1.0
#: Cost of a line that needs marks set half width inside it (push-in).
SHRUNK_LINE = 0.5
#: Closing marks that may be set half width inside a line (clreq 3.5.3; 。？！ last).
COMPRESSIBLE = "，、；：）》」』】〕〉］｝”’。？！"
#: Capacity kept in reserve for glyph-position rounding in the PDF, in em per line.
RESERVE_EM = 0.05

_CJK_RE = re.compile(CJK_CLASS)


@dataclass
class ParagraphModel:
    """A paragraph as a breaker sees it.

    ``widths[i]`` is the advance of character ``i`` (box edges included);
    ``breaks`` the sorted positions ``p`` (0 < p < n) where a line may end before
    character ``p``; ``halt_gains[i]`` what character ``i`` gains when it ends a
    justified line (½ em for a full-width closing mark, else 0).
    """

    text: str
    widths: list[float]
    breaks: list[int]
    halt_gains: list[float]
    font_size: float
    max_gap_em: float
    prefix: list[float] = field(init=False)
    _halves: list[int] = field(init=False)
    _spaces: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.prefix = [0.0, *accumulate(self.widths)]
        cjk = [0] * (len(self.text) + 1)
        for match in _CJK_RE.finditer(self.text):
            cjk[match.start()] = 1
        # halves over chars [a, b): _halves[b - 1] - _halves[a]
        self._halves = [0, *accumulate(cjk[k] + cjk[k + 1] for k in range(len(self.text)))]
        self._spaces = [0, *accumulate(char in " \u00a0" for char in self.text)]
        self._shrink = [0.0, *accumulate(
            gain if char in COMPRESSIBLE else 0.0
            for char, gain in zip(self.text, self.halt_gains, strict=True)
        )]
        if not self.breaks or self.breaks[-1] != len(self.text):
            self.breaks = [*self.breaks, len(self.text)]

    @property
    def length(self) -> int:
        return len(self.text)

    def start_of(self, position: int) -> int:
        """First character a line starting at ``position`` shows (leading spaces skipped)."""
        text = self.text
        while position < len(text) and text[position] == " ":
            position += 1
        return position

    def end_of(self, start: int, end: int) -> int:
        """End of what a line ``[start, end)`` shows (trailing spaces removed)."""
        text = self.text
        while end > start and text[end - 1] == " ":
            end -= 1
        return end

    def natural_width(self, start: int, end: int) -> float:
        return self.prefix[end] - self.prefix[start]

    def shrink(self, start: int, end: int) -> float:
        """Width a line ``[start, end)`` can lose by marks set half width before its last character."""
        return self._shrink[end - 1] - self._shrink[start] if end - start > 1 else 0.0

    def capacity(self, start: int, end: int) -> float:
        """Extra width the justification can put into a line ``[start, end)``."""
        if end - start < 2:
            return 0.0
        halves = self._halves[end - 1] - self._halves[start]
        spaces = self._spaces[end] - self._spaces[start]
        em = self.font_size
        stretch = self.max_gap_em * em * halves / 2 + SPACE_STRETCH_EM * em * spaces
        return max(0.0, stretch - RESERVE_EM * em)


@dataclass(frozen=True)
class Break:
    """Where the line ends and the width cap that makes a greedy breaker end there."""

    end: int
    cap: float
    short: bool


class BreakPlanner:
    """Optimal breaks of the rest of a paragraph from any start, per line width."""

    def __init__(self, model: ParagraphModel):
        self.model = model
        self._memo: dict[tuple[float, int], tuple[float, int]] = {}

    def next_break(self, start: int, width: float, rest_width: float) -> Break | None:
        """The break for a line of ``width`` starting at ``start`` (later lines:
        ``rest_width``); ``None`` when the rest fits on this line."""
        model = self.model
        candidates = self._line_candidates(start, width)
        if not candidates:
            return None
        first = model.start_of(start)
        best = None
        for end, cost, _ in candidates:
            total = cost + LINE + self._cost(end, rest_width)
            if best is None or total < best[0]:
                best = (total, end, cost)
        if best is None:
            return None
        _, end, cost = best
        cap = self._cap(first, end)
        if model.natural_width(first, model.end_of(first, end)) <= width:
            cap = min(cap, width)
        return Break(end, cap, cost >= SHORT_LINE)

    # --- dynamic programme over break positions ------------------------------------

    def _cost(self, start: int, width: float) -> float:
        """Least cost of setting the paragraph from ``start`` on in lines of ``width``.

        The dynamic programme runs on an explicit stack, not by recursion: a paragraph
        has as many lines as it likes (a 39,000-character one needs ~1,500)."""
        memo = self._memo
        pending = [start]
        candidates: dict[int, list] = {}
        while pending:
            position = pending[-1]
            if (width, position) in memo:
                pending.pop()
                continue
            if position not in candidates:
                candidates[position] = self._line_candidates(position, width)
                if candidates[position] is None:  # the rest fits on this line
                    memo[(width, position)] = (0.0, self.model.length)
                    del candidates[position]
                    pending.pop()
                    continue
                unsolved = [end for end, _, _ in candidates[position] if (width, end) not in memo]
                if unsolved:
                    pending.extend(unsolved)
                    continue
            best = (float("inf"), self.model.length)
            for end, cost, _ in candidates.pop(position):
                total = cost + LINE + memo[(width, end)][0]
                if total < best[0]:
                    best = (total, end)
            memo[(width, position)] = best
            pending.pop()
        return memo[(width, start)][0]

    def _line_candidates(self, start: int, width: float) -> list | None:
        """The breaks a line from ``start`` may take; None when the rest fits on it."""
        model = self.model
        first = model.start_of(start)
        if first >= model.length or model.natural_width(
            first, model.end_of(first, model.length)
        ) <= width:
            return None
        return self._candidates(first, width)

    def _candidates(self, first: int, width: float):
        """``(end, cost, short)`` of the breaks a line from ``first`` may take:
        every break whose slack its gaps can absorb, plus the greedy one."""
        model = self.model
        prefix, breaks = model.prefix, model.breaks
        em = model.font_size
        limit = prefix[first] + width + 3 * em + 1e-6
        last_char = bisect_right(prefix, limit) - 1  # chars [first, last_char) fit with push-in
        index = bisect_right(breaks, last_char) - 1
        found = []
        greedy_seen = False
        while index >= 0 and breaks[index] > first:
            end = breaks[index]
            index -= 1
            if end >= model.length:
                continue  # the last line is not justified: no push-in there
            shown = model.end_of(first, end)
            natural = model.natural_width(first, shown)
            effective = natural - model.halt_gains[shown - 1] if shown > first else natural
            if effective > width + 1e-6:
                squeeze = effective - width
                available = model.shrink(first, shown)
                if squeeze <= 0.9 * available:
                    found.append((end, SHRUNK_LINE + (squeeze / available) ** 2, False))
                continue
            slack = width - effective
            fits = natural <= width + 1e-6
            if slack <= model.capacity(first, shown) + 1e-6:
                capacity = model.capacity(first, shown)
                ratio = slack / capacity if capacity else 0.0
                found.append((end, ratio * ratio, False))
            elif fits:
                if not greedy_seen:  # the greedy break, short: kept as the fallback
                    found.append((end, SHORT_LINE + slack / em, True))
                break
            greedy_seen = greedy_seen or fits
        if not found:
            # Nothing fits: the greedy breaker overflows at the first break.
            position = bisect_right(breaks, first)
            if position < len(breaks):
                found.append((breaks[position], SHORT_LINE * 2, True))
        return found

    def _cap(self, first: int, end: int) -> float:
        """A width in which a greedy breaker from ``first`` ends exactly at ``end``."""
        model = self.model
        natural = model.natural_width(first, model.end_of(first, end))
        following = bisect_left(model.breaks, end + 1)
        if following < len(model.breaks):
            after = model.breaks[following]
            next_natural = model.natural_width(first, model.end_of(first, after))
            return min((natural + next_natural) / 2, natural + 0.25 * model.font_size)
        return natural + 0.25 * model.font_size
