"""Benchmark: preflight a 24-page CJK CMYK PDF/X-4 booklet (TAC included), print seconds.

Uses ``out/*/booklet-press.pdf`` when a real press file exists (``--file`` to pick
one); otherwise generates a representative file with WeasyPrint: A5 + 3 mm bleed,
Noto Sans/Serif CJK SC text, ``@color-profile`` with the ISO Coated v2 profile and
``device-cmyk()`` colours, a full-bleed tint on left pages, PDF/X-4.

    .venv/bin/python benchmarks/bench_preflight.py [--file F.pdf] [--profile NAME] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

PROFILE = Path("/usr/share/scribus/profiles/ISOcoated_v2_300_bas.icc")
PAGES = 24

PARAGRAPH = (
    "新会区政府工作报告指出，过去一年全区地区生产总值稳步增长，固定资产投资持续扩大，"
    "城乡居民收入不断提高。我们坚持稳中求进工作总基调，统筹发展和安全，加快建设现代化产业体系，"
    "推动乡村振兴和城市更新，教育、医疗、养老等民生实事逐项落实。"
)


def booklet_html() -> str:
    pages = []
    for number in range(1, PAGES + 1):
        paragraphs = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(3))
        pages.append(f'<section><h1>第{number}部分 数读报告</h1>{paragraphs}'
                     f'<p class="big">{number * 37}亿元</p></section>')
    return f"""<html lang="zh-CN"><head><title>数读基准</title><style>
@color-profile device-cmyk {{ src: url({PROFILE.as_uri()}); components: c, m, y, k; }}
@page {{ size: 148mm 210mm; bleed: 3mm; margin: 18mm 16mm; }}
html {{ color: device-cmyk(0 0 0 1); }}
body {{ font: 10pt/1.6 "Noto Serif CJK SC", serif; }}
h1 {{ font: bold 18pt "Noto Sans CJK SC", sans-serif; color: device-cmyk(1 0.6 0 0); }}
.big {{ font: 900 36pt "Noto Sans CJK SC"; color: device-cmyk(0 0.9 0.8 0); }}
@page :left {{ background: device-cmyk(0.08 0.04 0 0); }}
section {{ break-after: page; }}
</style></head><body>{''.join(pages)}</body></html>"""


def generate(target: Path) -> Path:
    from weasyprint import HTML

    HTML(string=booklet_html()).write_pdf(target, pdf_variant="pdf/x-4")
    return target


def find_press_file() -> Path | None:
    found = sorted(Path("out").glob("*/booklet-press*.pdf"))
    return found[0] if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path)
    parser.add_argument("--profile", default="sheetcmyk-cmyk")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from xinhui_print.preflight import preflight
    from xinhui_print.preflight.coverage import _render_total_ink

    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or find_press_file() or generate(Path(tmp) / "bench-booklet.pdf")
        times = []
        for _ in range(args.runs):
            _render_total_ink.cache_clear()  # every run renders the separations again (cold)
            start = time.perf_counter()
            report = preflight(path, args.profile)
            times.append(time.perf_counter() - start)
        summary = ", ".join(f"{report.count(s)} {s}s" for s in ("error", "warning"))
        print(f"preflight {path.name} ({report.page_count} pages, {args.profile}, TAC included): "
              f"median {statistics.median(times):.2f} s, best {min(times):.2f} s "
              f"over {args.runs} runs; {summary}")


if __name__ == "__main__":
    main()
