"""Charts: report figures → inline SVG (matplotlib), cached by content.

The chart text is real SVG ``<text>`` in the document's own CJK family, so it
shares the PDF's font subset and is searchable.  Colours are theme tokens: the
SVG is drawn with placeholder colours that are then replaced by the CSS value
of each token in the current colour mode (``device-cmyk()`` for press).  Every
element gets an explicit fill or stroke, so nothing falls back to RGB black.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from ..model import Report


# Placeholder colours, one per token, unlikely to occur in a chart otherwise.
PLACEHOLDERS = {"red": "#010203", "grey": "#040506", "ink": "#070809", "rule": "#0a0b0c"}


@dataclass(frozen=True)
class Pair:
    """One indicator: last year's result and this year's target."""

    label: str
    result: float
    result_text: str
    target: float
    target_text: str


@dataclass(frozen=True)
class ChartSpec:
    pairs: tuple[Pair, ...]
    result_year: int
    target_year: int
    width_mm: float
    font_family: str
    font_size_pt: float = 7.5


def paired_figures(report: Report) -> tuple[Pair, ...]:
    """Last year's KPI and this year's target with the same indicator, where both have a figure."""
    if report.review is None or report.targets is None:
        return ()
    pairs = []
    for kpi in report.review.kpis:
        target = report.target_for(kpi)
        if kpi.figure is None or target is None or target.figure is None:
            continue
        if kpi.figure.unit != "%" or target.figure.unit != "%":
            continue  # the chart is drawn in %: 1269万人 vs 1100万人 is not a bar beside 8.1%
        pairs.append(
            Pair(_short_label(kpi.label), kpi.figure.value, str(kpi.figure), target.figure.value, str(target.figure))
        )
    return tuple(pairs)


def results_vs_targets(report: Report, width_mm: float, font_family: str, font_size_pt: float = 7.5) -> ChartSpec | None:
    """The results-vs-targets chart of the paired figures (None: no pairs, no chart)."""
    pairs = paired_figures(report)
    if not pairs:
        return None
    year = report.meta.year
    return ChartSpec(pairs, year - 1, year, width_mm, font_family, font_size_pt)


def _short_label(label: str) -> str:
    return label.replace("规模以上", "规上").replace("地方一般公共预算收入", "一般公共预算收入")


def chart_svg(spec: ChartSpec, colours: dict[str, str], cache_dir: Path | None = None) -> str:
    """The chart as SVG text with the token colours filled in."""
    svg = _cached_svg(spec, cache_dir)
    for token, placeholder in PLACEHOLDERS.items():
        svg = svg.replace(placeholder, colours.get(token, colours.get("ink", "#000000")))
    return svg


@cache
def _code_version() -> str:
    """The cache key covers the drawing code itself, so a code change invalidates old charts."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _cached_svg(spec: ChartSpec, cache_dir: Path | None) -> str:
    if cache_dir is None:
        return _draw(spec)
    key = hashlib.sha256(
        json.dumps([_code_version(), asdict(spec)], ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()[:32]
    path = cache_dir / f"chart-{key}.svg"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    svg = _draw(spec)
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(svg, encoding="utf-8")
    temporary.replace(path)
    return svg


def _draw(spec: ChartSpec) -> str:
    import io

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": "xinhui-print",
        "font.family": [spec.font_family],
        "font.size": spec.font_size_pt,
        "axes.unicode_minus": False,
    }
    with plt.rc_context(rc):
        figure = _figure(spec, plt)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
        plt.close(figure)
    return _clean_svg(buffer.getvalue())


def _figure(spec: ChartSpec, plt):
    rows = len(spec.pairs)
    width_in = spec.width_mm / 25.4
    row_height_in = 0.24
    figure, axes = plt.subplots(figsize=(width_in, rows * row_height_in + 0.3))
    figure.subplots_adjust(left=0.30, right=0.86, top=1 - 0.24 / (rows * row_height_in + 0.3), bottom=0.02)
    scale = max(max(p.result, p.target) for p in spec.pairs)
    bar = 0.34
    for row, pair in enumerate(spec.pairs):
        y = rows - 1 - row
        axes.barh(y + bar / 2 + 0.02, pair.result / scale, height=bar, color=PLACEHOLDERS["grey"], linewidth=0)
        axes.barh(y - bar / 2 - 0.02, pair.target / scale, height=bar, color=PLACEHOLDERS["red"], linewidth=0)
        axes.text(pair.result / scale + 0.015, y + bar / 2 + 0.02, pair.result_text, va="center",
                  color=PLACEHOLDERS["grey"], fontsize=spec.font_size_pt)
        axes.text(pair.target / scale + 0.015, y - bar / 2 - 0.02, pair.target_text, va="center",
                  color=PLACEHOLDERS["red"], fontsize=spec.font_size_pt, fontweight="bold")
        axes.text(-0.03, y, pair.label, ha="right", va="center", color=PLACEHOLDERS["ink"],
                  fontsize=spec.font_size_pt)
    axes.text(0, rows - 0.35, f"■ {spec.result_year}年完成", color=PLACEHOLDERS["grey"], fontsize=spec.font_size_pt,
              va="bottom")
    axes.text(0.42, rows - 0.35, f"■ {spec.target_year}年目标", color=PLACEHOLDERS["red"], fontsize=spec.font_size_pt,
              va="bottom", fontweight="bold")
    axes.set_xlim(0, 1.0)
    axes.set_ylim(-0.6, rows - 0.4)
    axes.axvline(0, color=PLACEHOLDERS["rule"], linewidth=0.6)
    axes.set_axis_off()
    return figure


def _clean_svg(svg: str) -> str:
    """Drop the XML prolog and turn style attributes into SVG presentation attributes.

    Inline in HTML, a ``style`` attribute is read as CSS by the HTML engine, which
    warns about SVG-only properties (``fill``, ``text-anchor``); presentation
    attributes mean the same to the SVG renderer and nothing to the HTML one.
    Element ids go too: a document that shows the chart twice (a card set and its
    measurement) would define every id twice.  The one they served, the axes' clip
    path, clips nothing a chart draws inside its axes, so it goes with them.
    """
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r"<clipPath\b.*?</clipPath>\s*", "", svg, flags=re.S)
    svg = re.sub(r'\s(?:clip-path="url\(#[^)]*\)"|id="[^"]*")', "", svg)
    return re.sub(r'style="([^"]*)"', _presentation_attributes, svg)


def _presentation_attributes(match: re.Match[str]) -> str:
    pairs = (part.split(":", 1) for part in match.group(1).split(";") if ":" in part)
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)
