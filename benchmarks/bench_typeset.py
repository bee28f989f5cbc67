"""Benchmark the Chinese typesetting stage: render time and measured quality, before/after.

Renders the seed article and the synthetic report as A5 booklet pages
(Noto Serif CJK SC 10 pt, justified) twice: plain WeasyPrint, and with
``typeset_html`` + the justification hook.  Prints a Markdown table:
median render time of N runs (stage time included), flush-line share and the
other measures from :mod:`xinhui_print.typeset.measure`.

    .venv/bin/python benchmarks/bench_typeset.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from weasyprint import HTML

from xinhui_print.render.weasyprint_adapter import install_justification, uninstall_justification
from xinhui_print.typeset import TypesetOptions, typeset_html
from xinhui_print.typeset.measure import extraction_spaces, measure_pdf, pdftotext
from xinhui_print.typeset.specimen import a5_columns, article_html, synthetic_report_html

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(__file__).resolve().parents[1] / "tests" / "data" / "articles" / "shudu-xinhui-2023.txt"  # a copy of the seed


def timed_render(source: str, with_stage: bool, path: Path) -> float:
    start = time.perf_counter()
    html = typeset_html(source, TypesetOptions()) if with_stage else source
    HTML(string=html).write_pdf(path)
    return time.perf_counter() - start


def bench(name: str, source: str, runs: int, out: Path) -> list[dict]:
    rows = []
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(runs):  # interleaved so both modes share the machine's state
        for with_stage in (False, True):
            (install_justification if with_stage else uninstall_justification)()
            times[with_stage].append(timed_render(source, with_stage, out / f"{name}-{with_stage}.pdf"))
    for with_stage in (False, True):
        pdf = out / f"{name}-{with_stage}.pdf"
        report = measure_pdf(pdf, a5_columns)
        rows.append({
            "document": name, "stage": "typeset" if with_stage else "WeasyPrint only",
            "time": statistics.median(times[with_stage]), **report.summary(),
            "txt_spaces": len(extraction_spaces(pdftotext(pdf))),
        })
    return rows


def layout_times(runs: int) -> list[tuple[str, float, float]]:
    """The project's own layouts: HTML → PDF with and without the stage (same run, interleaved).

    The long poster and the cards are measured on one page of their usual width, the
    booklet as built.  Templates are rendered once, outside the clock.
    """
    from xinhui_print.data import load_report
    from xinhui_print.layout import load_layout
    from xinhui_print.render import template_context, typeset
    from xinhui_print.template import render_html

    report = load_report(ROOT / "data" / "xinhui-2023.yaml")
    layout = load_layout("booklet-a5")
    raw = render_html(report, template_context(report, layout, "screen"))
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(runs):
        for with_stage in (False, True):
            start = time.perf_counter()
            if with_stage:
                install_justification()
                html = typeset(raw, layout)
            else:
                uninstall_justification()
                html = raw
            HTML(string=html, base_url=str(layout.path) + "/").write_pdf()
            times[with_stage].append(time.perf_counter() - start)
    return [("booklet-a5 (seed data)", statistics.median(times[False]), statistics.median(times[True]))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sources = {"seed": article_html(SEED.read_text()), "synthetic": synthetic_report_html()}
    with tempfile.TemporaryDirectory() as tmp:
        rows = [row for name, src in sources.items() for row in bench(name, src, args.runs, Path(tmp))]
    print("| document | stage | render s (median) | Δ time | flush lines | checked | kinsoku | "
          "half-width marks | figure splits | 孤字 | pdftotext spaces |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for base, after in zip(rows[::2], rows[1::2], strict=True):
        for row in (base, after):
            delta = "" if row is base else f"{(after['time'] / base['time'] - 1) * 100:+.0f} %"
            print(f"| {row['document']} | {row['stage']} | {row['time']:.2f} | {delta} | "
                  f"{row['flush_share'] * 100:.1f} % | {row['checked']} | {row['kinsoku']} | "
                  f"{row['half_width']} | {row['figure_splits']} | {row['one_char_last_lines']} | "
                  f"{row['txt_spaces']} |")
    print()
    print("| layout | without the stage | with the stage | Δ time |")
    print("|---|---|---|---|")
    for name, without, with_stage in layout_times(args.runs):
        print(f"| {name} | {without:.2f} s | {with_stage:.2f} s | {(with_stage / without - 1) * 100:+.0f} % |")


if __name__ == "__main__":
    main()
