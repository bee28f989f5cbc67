"""Benchmark: what copyfitting costs the booklet — ``copyfit.fit`` against one plain ``render``.

In one warm process (fonts and templates loaded by a first layout, not timed), alternating:
the seed booklet rendered once (copyfitting off) and fitted (render, measure, moves, render
again when a page is short), each then written as PDF as the build does.  Also timed alone:
measuring the pages of a laid-out booklet.  The verdict is the ratio of medians (wall and CPU
of this process); the load average is printed beside it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from pathlib import Path

from xinhui_print.copyfit import fit
from xinhui_print.copyfit.measure import measure_pages
from xinhui_print.data import load_report
from xinhui_print.export.pdf import export_pdf
from xinhui_print.layout import load_layout, merge
from xinhui_print.render import render

ROOT = Path(__file__).resolve().parents[1]


def timed(work) -> tuple[float, float, object]:
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - start, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--paper", default=None, help="e.g. A4, 正度16开")
    args = parser.parse_args()
    report = load_report(ROOT / "data" / "xinhui-2023.yaml")
    layout = load_layout("booklet-a5")
    if args.paper:
        layout = replace(layout, config=merge(layout.config, {"page": {"size": args.paper}}))
    plain_layout = replace(layout, config=merge(layout.config, {"copyfit": {"moves": []}}))
    render(report, plain_layout)  # warm: fonts, templates, WeasyPrint
    plain, fitted, measured = [], [], []
    for _ in range(args.runs):
        plain.append(timed(lambda: export_pdf(render(report, plain_layout).document)))
        fitted.append(timed(lambda: export_pdf(fit(report, layout)[0].document)))
        document = render(report, plain_layout).document
        measured.append(timed(lambda document=document: measure_pages(document)))
    _, fitting = fit(report, layout)
    print(f"load average: {Path('/proc/loadavg').read_text().split()[0]}")
    print(f"copyfit: {fitting.summary()}")
    for index, what in ((0, "wall"), (1, "CPU")):
        ours = statistics.median(t[index] for t in fitted)
        base = statistics.median(t[index] for t in plain)
        runs = ", ".join(f"{t[index]:.2f}" for t in fitted)
        print(f"{what:>4}: fitted {ours:.2f} s (runs {runs}), plain {base:.2f} s: {ours / base:.2f}x; "
              f"measuring the pages {statistics.median(t[index] for t in measured) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
