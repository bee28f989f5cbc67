"""Benchmark: a cold build of every default output in Traditional (``--script hant-hk``) vs
the same build in Simplified (``hans``).

Both run in fresh processes (imports included), in one run, alternating, into separate
output folders; the verdict is on the medians (runs shown), of wall time and of the child's
CPU time (steadier on a shared machine).  The Traditional build adds OpenCC's phrase
conversion of every rendered page, alt text and manifest string, and prints with the
Hong Kong faces of the same font collections.
Target (issue 15): hant-hk ≤ 1.2 × hans.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.2


def timed(command: list[str]) -> tuple[float, float]:
    """(wall s, CPU s of the child process)."""
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - start, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def build(script: str, out: Path) -> list[str]:
    return [sys.executable, "-m", "xinhui_print", "build", "data/xinhui-2023.yaml", "--script", script,
            "--out", str(out / script)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times: dict[str, list[tuple[float, float]]] = {"hans": [], "hant-hk": []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            for script in times:
                times[script].append(timed(build(script, Path(tmp))))
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    print(f"load average: {load}")
    for index, what in ((0, "wall"), (1, "CPU")):
        hans = [t[index] for t in times["hans"]]
        hant = [t[index] for t in times["hant-hk"]]
        ratio = statistics.median(hant) / statistics.median(hans)
        print(f"{what:>4}: hant-hk {statistics.median(hant):.2f} s (runs {', '.join(f'{t:.2f}' for t in hant)}), "
              f"hans {statistics.median(hans):.2f} s (runs {', '.join(f'{t:.2f}' for t in hans)}): "
              f"{ratio:.2f}x (target ≤ {TARGET:.1f}x) {'OK' if ratio <= TARGET else 'OVER'}")


if __name__ == "__main__":
    main()
