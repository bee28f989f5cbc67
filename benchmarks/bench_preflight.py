"""Benchmark: ``preflight`` of the booklet's press file vs ``pdftoppm -r 72`` of the same file.

Both run as a user runs them, in fresh processes, alternately (so load hits both
alike); prints each median of ``--runs`` (≥ 3) and their ratio, measured in the same
run, with the load average.  Target: preflight ≤ 1.5× pdftoppm.

The file is ``--file``, else ``out/*/booklet-a5-press.pdf``, else one built into a
temporary folder with ``build --layout booklet-a5 --press``.

    .venv/bin/python benchmarks/bench_preflight.py [--file F.pdf] [--profile shop-cn] [--runs 3]
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
TARGET = 1.5


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def press_file(folder: Path) -> Path:
    found = sorted(ROOT.glob("out/*/booklet-a5-press.pdf"))
    if found:
        return found[0]
    subprocess.run([sys.executable, "-m", "xinhui_print", "build", "--layout", "booklet-a5", "--press",
                    "--out", str(folder)], cwd=ROOT, check=True, capture_output=True)
    return next(folder.glob("*/booklet-a5-press.pdf"))


def load() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path)
    parser.add_argument("--profile", default="shop-cn")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = (args.file or press_file(Path(tmp))).resolve()
        preflight = [sys.executable, "-m", "xinhui_print", "preflight", str(path), "--profile", args.profile]
        render = ["pdftoppm", "-r", "72", str(path), str(Path(tmp) / "page")]
        before = load()
        timed(preflight)  # warm the file cache and Python's bytecode cache
        times: dict[str, list[float]] = {"preflight": [], "pdftoppm": []}
        for _ in range(max(3, args.runs)):
            times["pdftoppm"].append(timed(render))
            times["preflight"].append(timed(preflight))
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["preflight"] / medians["pdftoppm"]
    for name, values in times.items():
        print(f"{name:>9}: median {medians[name]:.2f} s ({', '.join(f'{v:.2f}' for v in values)})")
    print(f"preflight {path.name} ({args.profile}) / pdftoppm -r 72: {ratio:.2f}× "
          f"(target ≤ {TARGET}×: {'met' if ratio <= TARGET else 'NOT met'}); "
          f"load average {before} → {load()}")


if __name__ == "__main__":
    main()
