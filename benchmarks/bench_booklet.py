"""Benchmark: a cold `xinhui-print build --layout booklet-a5` vs WeasyPrint alone laying out
the seed text as plain justified HTML on A5.

Both run in fresh processes (imports included), in one run, alternating; the verdict is on
the medians (runs shown), of wall time and of the child's CPU time (steadier on a shared machine).  The build includes data loading, glyph checks, the chart,
templating, typesetting, layout, the overflow check, page padding and the PDF write; the
baseline is what any WeasyPrint document of the same text costs: the seed article, one
``<p>`` per line, Noto Serif CJK SC 10 pt justified on A5 pages, written as PDF.
Target (issue 10): build ≤ 2.5 × WeasyPrint alone.
"""

from __future__ import annotations

import argparse
import html
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "articles" / "shudu-xinhui-2023.txt"  # a copy of the seed article
TARGET = 2.5

WEASYPRINT_ALONE = """
import sys, weasyprint
weasyprint.HTML(string=open(sys.argv[1], encoding="utf-8").read()).write_pdf(sys.argv[2])
"""


def plain_html(text: str) -> str:
    """The seed text as plain justified HTML on A5: what WeasyPrint alone is timed on."""
    paragraphs = "".join(f"<p>{html.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip())
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        "@page { size: A5; margin: 18mm 16mm }"
        'body { font: 10pt/1.75 "Noto Serif CJK SC"; text-align: justify }'
        "p { margin: 0 0 2mm; text-indent: 2em }"
        f"</style></head><body>{paragraphs}</body></html>"
    )


def timed(command: list[str]) -> tuple[float, float]:
    """(wall s, CPU s of the child process): on a shared machine the CPU time is the steadier figure."""
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - start, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        page = workdir / "plain.html"
        page.write_text(plain_html(SEED.read_text(encoding="utf-8")), encoding="utf-8")
        build = [sys.executable, "-m", "xinhui_print", "build", "data/xinhui-2023.yaml",
                 "--layout", "booklet-a5", "--out", str(workdir / "out")]
        alone = [sys.executable, "-c", WEASYPRINT_ALONE, str(page), str(workdir / "alone.pdf")]
        build_times, alone_times = [], []
        for _ in range(args.runs):
            build_times.append(timed(build))
            alone_times.append(timed(alone))
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    print(f"load average: {load}")
    for index, what in ((0, "wall"), (1, "CPU")):
        ours = [t[index] for t in build_times]
        theirs = [t[index] for t in alone_times]
        ratio = statistics.median(ours) / statistics.median(theirs)
        print(f"{what:>4}: booklet build {statistics.median(ours):.2f} s (runs {', '.join(f'{t:.2f}' for t in ours)}), "
              f"WeasyPrint alone {statistics.median(theirs):.2f} s (runs {', '.join(f'{t:.2f}' for t in theirs)}): "
              f"{ratio:.2f}x (target ≤ {TARGET:.1f}x) {'OK' if ratio <= TARGET else 'OVER'}")


if __name__ == "__main__":
    main()
