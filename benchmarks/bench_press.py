"""Benchmark: ``build --press`` vs ``build`` (the default layouts), fresh processes, same run.

Runs the two builds alternately ``--runs`` times (≥ 3) from the command line, as a
user would, and prints each median, the ratio of the medians and the load average.
Target: ``build --press`` ≤ 2× ``build``.

    .venv/bin/python benchmarks/bench_press.py [DATA] [--runs 3]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
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
