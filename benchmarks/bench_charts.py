"""Benchmark: drawing the seed's charts for every canvas, cold (no cache), against the
matplotlib chart they replace.

Run: ``.venv/bin/python benchmarks/bench_charts.py``.  Times are the median of 5 rounds;
each round clears the drawing cache and draws every chart of the seed (results vs targets,
rank badge, share donut, progress) for every canvas of ``tests/charts/test_drawing.py``.
When matplotlib is installed (no longer a dependency), one results-vs-targets figure
drawn with it (as the old ``charts`` module drew it: ``barh`` bars saved as SVG) is timed
beside it, imports excluded.  Prints the load average: the machine may be shared.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from charts.test_drawing import CANVASES, COLOURS  # noqa: E402

from xinhui_print.charts import ChartSet, drawn, text_style  # noqa: E402
from xinhui_print.data import load_report  # noqa: E402
from xinhui_print.fonts import load_roles  # noqa: E402


def draw_all(charts: ChartSet) -> int:
    drawn.cache_clear()
    count = 0
    for _, width, height, font in CANVASES:
        charts.results_vs_targets(width, height, font)
        for chart in charts.facts:
            charts.draw(chart, width, height, font)
        count += 1 + len(charts.facts)
    return count


def matplotlib_figure() -> float | None:
    try:
        import matplotlib
    except ImportError:
        return None
    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.family": ["Noto Sans CJK SC"]})

    start = time.perf_counter()
    figure, axes = plt.subplots(figsize=(4.4, 1.74))
    for row in range(6):
        axes.barh(row + 0.2, 0.5, height=0.34)
        axes.barh(row - 0.2, 0.7, height=0.34)
        axes.text(0.52, row + 0.2, "5.1%")
        axes.text(0.72, row - 0.2, "7.5%以上")
    axes.set_axis_off()
    figure.savefig(io.StringIO(), format="svg")
    plt.close(figure)
    return time.perf_counter() - start


def main() -> None:
    report = load_report(ROOT / "data" / "xinhui-2023.yaml")
    charts = ChartSet(report, text_style(load_roles()["sans"]), COLOURS)
    draw_all(charts)  # fonts opened, text widths of the first round measured
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        count = draw_all(charts)
        rounds.append(time.perf_counter() - start)
    median = statistics.median(rounds)
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(f"{count} charts for {len(CANVASES)} canvases: {median * 1000:.1f} ms "
          f"({median / count * 1000:.2f} ms a chart)")
    old = [matplotlib_figure() for _ in range(5)]
    if old[0] is not None:
        print(f"one matplotlib results-vs-targets figure: {statistics.median(old[1:]) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
