"""Charts: what a report holds to chart → inline SVG drawn for the box a layout gives it.

Layouts place charts and size them: a template calls
``charts.results_vs_targets(width, height, font)`` or ``charts.draw(chart, width, height,
font)`` with CSS lengths (``952px`` on a social canvas, ``112mm`` on paper).  The chart is
laid out for that box — never drawn once and scaled — and its SVG carries the box as its
width and height, so the page shows it at exactly that size and aspect.  Chart text is
real SVG ``<text>`` in the document's own CJK family (it shares the PDF's font subset and
stays searchable), at least 22 px on a social canvas and 6.5 pt in print, and never
overlaps other text, a bar or the box edge (``tests/charts``).

Kinds (:mod:`.data` finds them in the report):

- results vs targets: last year's KPIs beside this year's targets (:mod:`.bars`);
- share: ``占…的73%`` as a donut (:mod:`.share`);
- rank: ``第42位，较上年上升3位`` as a badge (:mod:`.rank`);
- progress toward a target: ``完成率128.8%`` (:mod:`.progress`);
- trend lines and bar series from the data's ``charts:`` section (:mod:`.trend`, :mod:`.bars`).

Colours are theme tokens filled in per colour mode (``device-cmyk()`` in press files).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from ..model import Report
from .bars import Bar, Legend, Row, draw_bars
from .box import PX_PER_UNIT, Box, length_px, make_box
from .data import (
    Pair, Progress, Rank, Series, Share, completion_rates, explicit_progress, explicit_shares, paired_figures, rank_in,
    ranks, series, shares,
)
from .measure import TextStyle, text_style
from .progress import draw_progress
from .rank import draw_rank
from .share import draw_share
from .svg import PLACEHOLDERS, Drawing
from .trend import draw_trend, value_text

Chart = Share | Rank | Progress | Series


@dataclass(frozen=True)
class TargetsChart:
    """The results-vs-targets chart: the pairs and the two years."""

    pairs: tuple[Pair, ...]
    result_year: int
    target_year: int


class ChartSet:
    """The charts of one report for one layout and colour mode, drawn when a template asks."""

    def __init__(self, report: Report, style: TextStyle, colours: dict[str, str]):
        self.style = style
        self.colours = colours
        pairs = paired_figures(report)
        year = report.meta.year
        self.targets = TargetsChart(pairs, year - 1, year) if pairs else None
        self.ranks = ranks(report)
        self.facts = fact_charts(report)
        self.series = series(report)

    def get(self, name: str) -> bool:
        """Does the report hold a chart of this kind? (``results_vs_targets``, ``shares`` …)"""
        if name == "results_vs_targets":
            return self.targets is not None
        return bool(getattr(self, name, None))

    @staticmethod
    def mm(length: str) -> float:
        """A CSS length in mm (for templates that size a chart from the page's margins)."""
        return length_px(length)[0] / PX_PER_UNIT["mm"]

    def rank_for(self, text: str) -> Rank | None:
        """The rank badge of one of the review's rankings (a card sets it in place of the sentence)."""
        rank = rank_in(text)
        return rank if rank in self.ranks else None

    def results_vs_targets(self, width: str, height: str | None = None, font: str = "8pt") -> Markup:
        if self.targets is None:
            return Markup("")
        return self._svg(self.targets, make_box(width, height, font))

    def draw(self, chart: Chart, width: str, height: str | None = None, font: str = "8pt") -> Markup:
        return self._svg(chart, make_box(width, height, font))

    def _svg(self, chart: Chart | TargetsChart, box: Box) -> Markup:
        svg = drawn(chart, box, self.style).svg()
        for token, placeholder in PLACEHOLDERS.items():
            svg = svg.replace(placeholder, self.colours.get(token, self.colours["ink"]))
        return Markup(svg)


def fact_charts(report: Report) -> tuple[Chart, ...]:
    """The small fact charts (ranks, shares, progress), in that order: a strip of infographics."""
    return (*ranks(report), *shares(report), *explicit_shares(report), *completion_rates(report),
            *explicit_progress(report))


@lru_cache(maxsize=256)
def drawn(chart: Chart | TargetsChart, box: Box, style: TextStyle) -> Drawing:
    """``chart`` laid out for ``box`` (cached: card fitting lays the same cards out many times)."""
    drawing = Drawing(box.width, box.height or 0, style, alt_text(chart))
    if isinstance(chart, TargetsChart):
        return draw_bars(_target_rows(chart), _target_legend(chart), box, drawing)
    if isinstance(chart, Share):
        return draw_share(chart, box, drawing)
    if isinstance(chart, Rank):
        return draw_rank(chart, box, drawing)
    if isinstance(chart, Progress):
        return draw_progress(chart, box, drawing)
    if chart.kind == "trend":
        return draw_trend(chart, box, drawing)
    rows = tuple(Row(label, (Bar(value, value_text(value, chart.unit), "red", True),))
                 for label, value in zip(chart.labels, chart.values))
    return draw_bars(rows, (), box, drawing)


def _target_rows(chart: TargetsChart) -> tuple[Row, ...]:
    return tuple(Row(p.label, (Bar(p.result, p.result_text, "grey"), Bar(p.target, p.target_text, "red", True)))
                 for p in chart.pairs)


def _target_legend(chart: TargetsChart) -> tuple[Legend, ...]:
    return (Legend(f"{chart.result_year}年完成", "grey"), Legend(f"{chart.target_year}年目标", "red", True))


def alt_text(chart: Chart | TargetsChart) -> str:
    """What the chart shows, in one Chinese sentence (the SVG's aria-label)."""
    if isinstance(chart, TargetsChart):
        pairs = "；".join(f"{p.label}{p.result_text}，目标{p.target_text}" for p in chart.pairs)
        return f"{chart.result_year}年完成与{chart.target_year}年目标：{pairs}"
    if isinstance(chart, Share):
        return f"{chart.part}占{chart.whole}的{chart.text}"
    if isinstance(chart, Rank):
        change = f"，较{chart.since}{'上升' if chart.change > 0 else '下降'}{abs(chart.change)}位" if chart.change else ""
        return f"{chart.board}第{chart.rank}位{change}"
    if isinstance(chart, Progress):
        return f"{chart.label}：{chart.value_text}（目标{chart.target_text}）"
    points = "，".join(f"{label}{value:g}{chart.unit}" for label, value in zip(chart.labels, chart.values))
    return f"{chart.title}：{points}"


__all__ = ["ChartSet", "Pair", "Progress", "Rank", "Series", "Share", "TargetsChart", "alt_text", "drawn",
           "fact_charts", "paired_figures", "series", "text_style"]
