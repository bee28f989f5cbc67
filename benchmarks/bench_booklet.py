"""Benchmark: a cold `xinhui-print build` of the booklet vs WeasyPrint alone on the same final HTML.

Both run in fresh processes (imports included), in one run, alternating, best of N.
The build includes data loading, glyph checks, the chart (cached by content after the
first run), templating, typesetting, layout, page padding and the PDF write.
Target (issue 2): build ≤ 1.5 × WeasyPrint alone.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3

WEASYPRINT_ALONE = """
import sys, weasyprint
html = open(sys.argv[1], encoding="utf-8").read()
weasyprint.HTML(string=html, base_url=sys.argv[2]).write_pdf(sys.argv[3])
"""


def final_html(workdir: Path) -> Path:
    sys.path.insert(0, str(ROOT / "src"))
    from xinhui_print.data import load_report
    from xinhui_print.layout import load_layout
    from xinhui_print.render import render

    rendered = render(load_report(ROOT / "data" / "xinhui-2023.yaml"), load_layout("booklet-a5"))
    path = workdir / "booklet.html"
    path.write_text(rendered.html, encoding="utf-8")
    return path


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        html = final_html(workdir)
        build = [sys.executable, "-m", "xinhui_print", "build", "data/xinhui-2023.yaml",
                 "--layout", "booklet-a5", "--out", str(workdir / "out")]
        alone = [sys.executable, "-c", WEASYPRINT_ALONE, str(html),
                 str(ROOT / "layouts" / "booklet-a5") + "/", str(workdir / "alone.pdf")]
        build_times, alone_times = [], []
        for _ in range(RUNS):
            build_times.append(timed(build))
            alone_times.append(timed(alone))
    best_build, best_alone = min(build_times), min(alone_times)
    print(f"booklet build (cold process): {best_build:.2f} s  (runs: {', '.join(f'{t:.2f}' for t in build_times)})")
    print(f"WeasyPrint alone, same HTML:  {best_alone:.2f} s  (runs: {', '.join(f'{t:.2f}' for t in alone_times)})")
    ratio = best_build / best_alone
    print(f"ratio: {ratio:.2f}x  (target ≤ 1.50x) {'OK' if ratio <= 1.5 else 'OVER'}")


if __name__ == "__main__":
    main()
