"""Benchmark: ``build --press`` vs ``build`` (the default layouts), fresh processes, same run.

Runs the two builds alternately ``--runs`` times (≥ 3) from the command line, as a
user would, and prints each median, the ratio of the medians and the load average.
Target: ``build --press`` ≤ 2× ``build``.

``--steps`` instead times, in one process, each step the press adds for the printable
layouts (the shared layout pass and PDF write, the screen crop, post-processing,
preflight of each press file, imposition, job sheet), to see where the time goes.

    .venv/bin/python benchmarks/bench_press.py [DATA] [--runs 3] [--steps]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 2.0


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    return elapsed


def load() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 1)[0]


def steps(data: str | None) -> None:
    """Time each press step of the printable default layouts in this process."""
    from xinhui_print.data.loader import load_report
    from xinhui_print.export.pdf import compact_pdf, write_pdf
    from xinhui_print.layout import load_layout
    from xinhui_print.layout.theme import press_colours
    from xinhui_print.preflight import preflight
    from xinhui_print.press.impose import ImposeOptions, impose
    from xinhui_print.press.postprocess import postprocess_pdf
    from xinhui_print.press.produce import layout_press_profile, preflight_profile
    from xinhui_print.render import RenderOptions, render

    report = load_report(data or ROOT / "data" / "xinhui-2023.yaml")
    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        print(f"{name:>34}: {now - clock[0]:6.2f} s")
        clock[0] = now

    with tempfile.TemporaryDirectory() as tmp:
        for name in ("booklet-a5", "poster-print"):
            layout = load_layout(name)
            rendered = render(report, layout, RenderOptions(mode="press"))
            lap(f"{name}: layout pass (press bleed)")
            pdf = write_pdf(rendered.document)
            lap("write_pdf (once)")
            compact_pdf(pdf, crop_to_trim=True)
            lap("screen PDF (compact, crop)")
            profile = layout_press_profile(layout, rendered.context.extra["page"].bleed_mm)
            tokens = press_colours(layout.section("theme"), profile.icc_path)
            press, _ = postprocess_pdf(pdf, profile, report_date=report.meta.date, title=name,
                                       tokens=tokens)
            lap("press PDF (post-processing)")
            path = Path(tmp) / f"{name}-press.pdf"
            path.write_bytes(press)
            preflight(path, preflight_profile(profile, "press"))
            lap("preflight of the press PDF")
            if layout.kind == "booklet":
                imposed, _ = impose(press, ImposeOptions(), profile)
                lap("imposition")
                path = Path(tmp) / f"{name}-imposed.pdf"
                path.write_bytes(imposed)
                preflight(path, preflight_profile(profile, "imposed"))
                lap("preflight of the imposed PDF")
    print(f"load average {load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", action="store_true", help="time each press step in one process instead")
    args = parser.parse_args()
    if args.steps:
        steps(args.data)
        return
    data = [args.data] if args.data else []
    times: dict[str, list[float]] = {"build": [], "build --press": []}
    before = load()
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(max(3, args.runs)):
            for name in times:
                out = Path(tmp) / f"{name.replace(' ', '')}-{run}"
                command = [sys.executable, "-m", "xinhui_print", "build", *data, "--out", str(out)]
                times[name].append(timed(command + (["--press"] if "press" in name else [])))
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["build --press"] / medians["build"]
    for name, values in times.items():
        print(f"{name:>13}: median {medians[name]:.1f} s ({', '.join(f'{v:.1f}' for v in values)})")
    print(f"build --press / build: {ratio:.2f}× (target ≤ {TARGET:g}×: {'met' if ratio <= TARGET else 'NOT met'}); "
          f"load average {before} → {load()}")


if __name__ == "__main__":
    main()
